from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from campaign.backups import caches, snapshots
from campaign.backups.errors import BackupError


class Command(BaseCommand):
    help = (
        "Replace the database's content by a snapshot of `manage.py backup`, after checking its"
        " SHA-256 and that it comes from this schema or an older one; then forget this site's"
        " cache entries. Stop the web and worker processes first (README, Backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="a snapshot file written by manage.py backup")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, file, interactive, **options):
        try:
            manifest = snapshots.check(file)
            with snapshots.verified_data(file, manifest) as data:
                if interactive and not self.confirmed(file, manifest):
                    raise CommandError("Restore cancelled.")
                snapshots.load(data, manifest)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # After the load, not before: a process still running could refill it meanwhile.
        caches.forget_all()
        self.stdout.write(f"Restored {file} (taken {manifest.created.isoformat()}).")
        if snapshots.pending_migrations():
            self.stdout.write(
                "The snapshot's schema is older than the code: run `manage.py migrate`, then"
                " `manage.py purge_unconfirmed` and `manage.py drop_addresses`."
            )
        else:
            # The snapshot may hold addresses whose time has come since it was taken.
            call_command("purge_unconfirmed", stdout=self.stdout)
            call_command("drop_addresses", stdout=self.stdout)

    def confirmed(self, file, manifest):
        rows = sum(manifest.tables.values())
        answer = input(
            f"This replaces everything in the {manifest.vendor} database by {file}"
            f" (taken {manifest.created.isoformat()}, {rows} rows).\n"
            "Type 'yes' to continue, or 'no' to cancel: "
        )
        return answer == "yes"
