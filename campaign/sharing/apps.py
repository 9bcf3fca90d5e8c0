from django.apps import AppConfig


class SharingConfig(AppConfig):
    """Reach without trackers: share links built on the server, preview card images per page
    and language."""

    name = "campaign.sharing"
    label = "sharing"
