from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """What the people who run the site need to see: the ops page in the admin (superusers)
    and the daily jobs' record."""

    name = "campaign.ops"
    label = "ops"
    verbose_name = _("Operations")
