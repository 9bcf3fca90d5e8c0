"""Periodic jobs, run and recorded: `manage.py run_job NAME` (what the systemd job unit starts)
runs the management command NAME and keeps one JobRun row of it."""

import logging
from collections.abc import Sequence
from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from campaign.ops.models import MESSAGE_LENGTH, JobRun

logger = logging.getLogger(__name__)

# A job's runs older than this are deleted when it runs again: the page needs the last one,
# the list in the admin a few weeks of history.
KEEP_RUNS = timedelta(days=90)


def scheduled_jobs() -> list[str]:
    """The daily jobs the reference deployment schedules (deploy/systemd/daily-jobs), which
    the ops page lists even before their first run."""
    listing = Path(settings.BASE_DIR) / "deploy" / "systemd" / "daily-jobs"
    try:
        return listing.read_text().split()
    except FileNotFoundError:
        return []


def summary(text: str, *, last: bool) -> str:
    """One line of `text` (its last or its first non-empty one), short enough to store."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    line = lines[-1] if last else lines[0]
    return line if len(line) <= MESSAGE_LENGTH else line[: MESSAGE_LENGTH - 1] + "…"


def run(job: str, args: Sequence[str] = ()) -> tuple[JobRun, str, BaseException | None]:
    """Run the command `job`, recording its start, end and outcome.

    Returns the run, the command's output and the error it raised, if any; the caller shows
    the output and fails the process on an error, so that systemd and the journal see it."""
    started = timezone.now()
    JobRun.objects.filter(job=job, started_at__lt=started - KEEP_RUNS).delete()
    record = JobRun.objects.create(job=job, started_at=started)
    output = StringIO()
    error: BaseException | None = None
    try:
        call_command(job, *args, stdout=output, stderr=output)
    except Exception as raised:
        error = raised
        # The traceback for the journal; the record keeps one line.
        logger.error("Job %s failed", job, exc_info=raised)
    record.finished_at = timezone.now()
    if error is None:
        record.outcome = JobRun.Outcome.SUCCEEDED
        record.message = summary(output.getvalue(), last=True)
    else:
        record.outcome = JobRun.Outcome.FAILED
        # The first line only: a database error's detail lines can quote a row's values.
        text = str(error)
        name = type(error).__name__
        record.message = summary(text if text.startswith(name) else f"{name}: {text}", last=False)
    record.save(update_fields=["finished_at", "outcome", "message"])
    return record, output.getvalue(), error


def last_runs() -> list[tuple[str, JobRun | None]]:
    """Each job's last run: the scheduled jobs in their order, then any other job run by
    hand through run_job, by name."""
    scheduled = scheduled_jobs()
    # Without the model's ordering, which DISTINCT would otherwise select too.
    recorded = JobRun.objects.order_by().values_list("job", flat=True).distinct()
    jobs = scheduled + sorted(set(recorded) - set(scheduled))
    return [(job, JobRun.objects.filter(job=job).first()) for job in jobs]
