from django.apps import AppConfig


class OpsConfig(AppConfig):
    """What the people who run the site need to see: the ops page in the admin (superusers)
    and the daily jobs' record."""

    name = "campaign.ops"
    label = "ops"
