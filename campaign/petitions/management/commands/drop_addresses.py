from django.core.management.base import BaseCommand

from campaign.petitions.retention import drop_addresses


class Command(BaseCommand):
    help = (
        "Delete stored e-mail addresses no longer needed: confirmed signers who did not ask "
        "for campaign news, and rejected signatures."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {drop_addresses()} e-mail address(es).")
