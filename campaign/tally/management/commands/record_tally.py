from datetime import date

from django.core.management.base import BaseCommand, CommandError

from campaign.tally import chain


class Command(BaseCommand):
    help = (
        "Append each public petition's confirmed count for every day since its last tally "
        "entry, up to yesterday in the site's time zone. Running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--through",
            type=date.fromisoformat,
            help="The last day to record, YYYY-MM-DD (default: yesterday); it must be over.",
        )

    def handle(self, *args, through=None, **options):
        try:
            entries = chain.record(through or chain.last_closed_day())
        except chain.DayNotOver as error:
            raise CommandError(error) from error
        for entry in entries:
            self.stdout.write(f"{entry}, change {entry.change:+d}, hash {entry.hash}")
        self.stdout.write(f"{len(entries)} tally entr{'y' if len(entries) == 1 else 'ies'} added.")
