from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """Snapshots of the database that restore: `manage.py backup` and `manage.py restore`,
    rotated within the retention window."""

    name = "campaign.backups"
    label = "backups"
