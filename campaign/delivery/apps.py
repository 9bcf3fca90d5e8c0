from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    """Handing the petition over: paper signature batches, the delivery dossier and poster
    (PDF), the tamper-evident daily tally."""

    name = "campaign.delivery"
    label = "delivery"
