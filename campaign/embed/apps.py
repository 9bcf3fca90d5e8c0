from django.apps import AppConfig


class EmbedConfig(AppConfig):
    """What partners' sites frame: built on the memorial and the petitions, which know
    nothing of it."""

    name = "campaign.embed"
    label = "embed"
