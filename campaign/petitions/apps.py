from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    """The petition app. Its label is the one it had when the project package was the app, so
    that its tables, migrations, permissions and admin URL names stay as they are."""

    name = "campaign.petitions"
    label = "campaign"
    verbose_name = _("Campaign")
