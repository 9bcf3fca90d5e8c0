"""Sample reverse() kwargs for the campaign's URL patterns that take parameters.

name -> callable returning kwargs from what is in the test database (or None to skip).
"""


def petition_slug():
    from tests.campaign.factories import make_petition

    return {"slug": make_petition(slug="sample-petition").slug}


def confirm_token():
    from campaign.petitions.tokens import confirm_token as token
    from tests.campaign.factories import make_petition, make_signature

    return {"token": token(make_signature(make_petition(slug="sample-petition")))}


def withdraw_token():
    from campaign.petitions.tokens import withdraw_token as token
    from tests.campaign.factories import make_petition, make_signature

    return {"token": token(make_signature(make_petition(slug="sample-petition")))}


SAMPLES = {
    "campaign:petition_detail": petition_slug,
    "campaign:check_inbox": petition_slug,
    "campaign:count_json": petition_slug,
    "campaign:map_svg": petition_slug,
    "campaign:confirm": confirm_token,
    "campaign:withdraw": withdraw_token,
}
