import argparse

from django.core.management.base import BaseCommand, CommandError

from campaign.ops import jobs


class Command(BaseCommand):
    help = (
        "Run a management command as a recorded job: its start, end, outcome and last line of "
        "output are kept for the ops page. The systemd job unit runs every daily job this way."
    )

    def add_arguments(self, parser):
        parser.add_argument("job", help="the management command to run, e.g. purge_unconfirmed")
        parser.add_argument(
            "job_args", nargs=argparse.REMAINDER, metavar="ARG", help="its arguments and options"
        )

    def handle(self, *args, job, job_args, **options):
        record, output, error = jobs.run(job, job_args)
        self.stdout.write(output, ending="")
        if error is not None:
            raise CommandError(f"{job} failed: {record.message}") from error
        self.stdout.write(f"run_job: {job} succeeded")
