from django.core.management.base import BaseCommand

from campaign.petitions.models import Petition
from campaign.petitions.reconcile import reconcile


class Command(BaseCommand):
    help = "Recompute every petition's count from its confirmed signatures and report drift."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        for petition in Petition.objects.all():
            drift = reconcile(petition, dry_run=dry_run)
            if drift:
                detail = ", ".join(f"{country} {n:+d}" for country, n in sorted(drift.items()))
                verb = "would fix" if dry_run else "fixed"
                self.stdout.write(self.style.WARNING(f"{petition.slug}: {verb} drift {detail}"))
            else:
                self.stdout.write(f"{petition.slug}: count exact ({petition.exact_count()})")
