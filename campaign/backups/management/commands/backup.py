from django.core.management.base import BaseCommand, CommandError

from campaign.backups import snapshots
from campaign.backups.errors import BackupError


class Command(BaseCommand):
    help = (
        "Write a consistent, compressed snapshot of the database into BACKUP_DIR while the site"
        " serves, with a manifest (row counts, migrations, SHA-256); then delete the snapshots"
        " older than the purge window (CAMPAIGN_PURGE_UNCONFIRMED_DAYS)."
    )

    def handle(self, *args, **options):
        try:
            snapshot, manifest = snapshots.take()
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.tables.values())
        self.stdout.write(
            f"Backed up {len(manifest.tables)} tables ({rows} rows) to {snapshot.path}"
            f" ({snapshot.size} bytes)."
        )
        # Only after a snapshot was written: a failing backup never leaves none at all.
        for expired in snapshots.rotate():
            self.stdout.write(f"Deleted {expired.path}: older than {snapshots.window().days} days.")
