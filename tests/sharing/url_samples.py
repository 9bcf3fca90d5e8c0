"""Sample reverse() kwargs for sharing's URL patterns (tests/urls_catalogue.py): the sample
petition's current card (a fresh petition's count rounds to 0) and poster."""


def petition_slug():
    from tests.campaign.url_samples import petition_slug as sample

    return sample()


def memorial_card():
    return {"language": "en"}


def petition_card():
    return {"language": "en", "shown": 0, **petition_slug()}


SAMPLES = {
    "sharing:memorial_card": memorial_card,
    "sharing:petition_card": petition_card,
    "petition_poster": petition_slug,
}
