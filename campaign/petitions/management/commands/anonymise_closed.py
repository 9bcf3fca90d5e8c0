from django.conf import settings
from django.core.management.base import BaseCommand

from campaign.petitions.retention import anonymise, petitions_due_for_anonymising


class Command(BaseCommand):
    help = (
        "Anonymise the signatures of petitions closed more than CAMPAIGN_ANONYMISE_AFTER_DAYS "
        "days ago: names, towns, comments, addresses and digests are deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.CAMPAIGN_ANONYMISE_AFTER_DAYS)

    def handle(self, *args, days, **options):
        for petition in petitions_due_for_anonymising(days=days):
            changed = anonymise(petition)
            self.stdout.write(f"{petition.slug}: anonymised {changed} signature(s).")
