from django.core.management.base import BaseCommand, CommandError

from campaign.tally import chain


class Command(BaseCommand):
    help = (
        "Recompute every petition's tally chain; exit with an error naming the first broken "
        "entry of each chain that does not hold."
    )

    def handle(self, *args, **options):
        checked, breaks = chain.verify()
        for broken in breaks:
            self.stderr.write(f"Broken: {broken}")
        if breaks:
            raise CommandError(f"{len(breaks)} tally chain(s) broken; first: {breaks[0]}")
        self.stdout.write(f"{checked} tally entries checked: every chain holds.")
