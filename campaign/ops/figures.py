"""What the ops page and /healthz/?full=1 show: the figures a person running the site checks.

None of them holds personal data: counts, times, sizes and the jobs' outcomes.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.models import Min
from django.tasks import TaskResultStatus, task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from campaign.backups import store
from campaign.ops import errors, jobs
from campaign.ops.models import JobRun

# Failed tasks are counted over this window: a queue that drains because every e-mail fails
# (the SMTP server refusing) looks healthy by its depth alone.
FAILED_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class TaskQueue:
    # False with the immediate backend: e-mail leaves from the web process, nothing queues.
    queued: bool
    waiting: int = 0
    running: int = 0
    oldest_enqueued_at: datetime | None = None
    failed_recently: int = 0


@dataclass(frozen=True)
class Figures:
    at: datetime
    queue: TaskQueue
    jobs: list[tuple[str, JobRun | None]]
    backup: store.Snapshot | None
    database_vendor: str
    database_bytes: int | None
    server_errors: list[tuple[datetime, int]]

    @property
    def server_errors_total(self) -> int:
        return sum(count for _hour, count in self.server_errors)


def task_queue() -> TaskQueue:
    if not isinstance(task_backends["default"], DatabaseBackend):
        return TaskQueue(queued=False)
    results = DBTaskResult.objects
    waiting = results.filter(status=TaskResultStatus.READY)
    return TaskQueue(
        queued=True,
        waiting=waiting.count(),
        running=results.filter(status=TaskResultStatus.RUNNING).count(),
        oldest_enqueued_at=waiting.aggregate(oldest=Min("enqueued_at"))["oldest"],
        failed_recently=results.filter(
            status=TaskResultStatus.FAILED, finished_at__gte=timezone.now() - FAILED_WINDOW
        ).count(),
    )


def database_size() -> int | None:
    """Bytes the database takes: PostgreSQL's own figure, or SQLite's pages and its
    write-ahead log, which holds pages not yet copied back. None for another engine."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        if connection.vendor != "sqlite":
            return None
        # Pages rather than the file's size: the same figure for a database in memory.
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        size = pages * cursor.fetchone()[0]
    wal = Path(f"{connection.settings_dict['NAME']}-wal")
    return size + (wal.stat().st_size if wal.is_file() else 0)


def collect() -> Figures:
    return Figures(
        at=timezone.now(),
        queue=task_queue(),
        jobs=jobs.last_runs(),
        backup=store.latest(),
        database_vendor=connection.vendor,
        database_bytes=database_size(),
        server_errors=errors.per_hour(),
    )


def seconds_since(moment: datetime | None, now: datetime) -> int | None:
    return None if moment is None else max(0, int((now - moment).total_seconds()))


def as_json(figures: Figures) -> dict[str, Any]:
    """The figures for /healthz/?full=1: times in ISO 8601 (UTC) and ages in seconds. The
    jobs' messages stay on the ops page: an error's text is the operator's to read."""
    now = figures.at
    queue = figures.queue
    backup = figures.backup
    return {
        "email_queue": {
            "backend": "database" if queue.queued else "immediate",
            "waiting": queue.waiting,
            "running": queue.running,
            "oldest_age_seconds": seconds_since(queue.oldest_enqueued_at, now),
            "failed_last_24h": queue.failed_recently,
        },
        "jobs": {
            job: None
            if run is None
            else {
                "outcome": run.outcome,
                "started_at": run.started_at.isoformat(),
                "finished_at": run.finished_at.isoformat() if run.finished_at else None,
                "age_seconds": seconds_since(run.started_at, now),
            }
            for job, run in figures.jobs
        },
        "backup": None
        if backup is None
        else {
            "created_at": backup.created.isoformat(),
            "age_seconds": seconds_since(backup.created, now),
            "size_bytes": backup.size,
        },
        "database_size": {"vendor": figures.database_vendor, "bytes": figures.database_bytes},
        "server_errors": {
            "last_24h": figures.server_errors_total,
            "per_hour": [
                {"hour": hour.isoformat(), "count": count}
                for hour, count in figures.server_errors
                if count
            ],
        },
    }
