from django.core.management.base import BaseCommand

from memorial.loading import load_memorial
from memorial.pagecache import content_changed


class Command(BaseCommand):
    help = (
        "Load the shipped memorial content (sources, timeline, count claims, people). "
        "Idempotent: records are matched by their natural keys, so running it again creates "
        "no duplicates. Existing records keep the editors' changes unless --refresh is given; "
        "publication and consent are never overwritten. Also drops the cached pages, which "
        "may hold HTML of the previous release."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Rewrite the texts of shipped records from the content files.",
        )

    def handle(self, *args, refresh=False, **options):
        report = load_memorial(refresh=refresh)
        for label, bucket in (("created", report.created), ("refreshed", report.updated)):
            for name, number in sorted(bucket.items()):
                self.stdout.write(f"{label} {number} {name}")
        if not report.created and not report.updated:
            self.stdout.write("memorial content already loaded; nothing changed")
        # `make run` loads on every start: pages cached by the previous code must go.
        content_changed()
