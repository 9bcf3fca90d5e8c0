"""Sample reverse() kwargs for the embed and oEmbed URL patterns that take parameters."""


def petition_slug():
    from tests.campaign.factories import make_petition

    return {"slug": make_petition(slug="sample-petition").slug}


SAMPLES = {
    "embed:petition": petition_slug,
}
