from django.conf import settings
from django.core.management.base import BaseCommand

from campaign.petitions.retention import purge_unconfirmed


class Command(BaseCommand):
    help = "Delete signatures never confirmed within CAMPAIGN_PURGE_UNCONFIRMED_DAYS days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.CAMPAIGN_PURGE_UNCONFIRMED_DAYS)

    def handle(self, *args, days, **options):
        deleted = purge_unconfirmed(days=days)
        self.stdout.write(f"Deleted {deleted} unconfirmed signature(s) older than {days} days.")
