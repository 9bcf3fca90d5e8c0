from django.apps import AppConfig


class TallyConfig(AppConfig):
    """The tamper-evident daily tally: each day's confirmed count per petition appended to a
    hash chain, published as JSON and as a page, checked by `manage.py verify_tally`."""

    name = "campaign.tally"
    label = "tally"
