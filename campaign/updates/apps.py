from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    """Updates to the signers who asked for them: written per language in the admin, sent
    in batches as tasks, each message with its own unsubscribe link."""

    name = "campaign.updates"
    label = "updates"
