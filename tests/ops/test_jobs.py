"""`manage.py run_job NAME`, what the systemd job unit runs: the command runs as it would alone,
and its start, end, outcome and a one-line message are recorded."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from campaign.ops.models import JobRun
from tests.campaign.factories import make_petition, make_signature
from tests.deploy.proxy import ROOT

pytestmark = pytest.mark.django_db


def test_a_job_that_succeeds_is_recorded_with_its_last_line(capsys):
    petition = make_petition()
    stale = make_signature(petition)
    stale.__class__.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    before = timezone.now()

    call_command("run_job", "purge_unconfirmed")

    run = JobRun.objects.get()
    assert run.job == "purge_unconfirmed"
    assert run.outcome == JobRun.Outcome.SUCCEEDED
    assert before <= run.started_at <= run.finished_at <= timezone.now()
    assert run.message == "Deleted 1 unconfirmed signature(s) older than 7 days."
    # Its output still reaches the journal.
    assert "Deleted 1 unconfirmed signature(s)" in capsys.readouterr().out


def test_a_job_that_fails_is_recorded_with_its_errors_first_line():
    # Options after the name are the job's own.
    with pytest.raises(CommandError, match="check failed: SystemCheckError: System check"):
        call_command("run_job", "check", "--deploy", "--fail-level", "WARNING")

    run = JobRun.objects.get()
    assert (run.job, run.outcome) == ("check", JobRun.Outcome.FAILED)
    assert run.finished_at is not None
    assert run.message.startswith("SystemCheckError: System check identified some issues")
    assert "\n" not in run.message


def test_an_unknown_command_is_a_failed_run():
    with pytest.raises(CommandError):
        call_command("run_job", "no_such_job")

    run = JobRun.objects.get()
    assert (run.job, run.outcome) == ("no_such_job", JobRun.Outcome.FAILED)
    assert run.message == "CommandError: Unknown command: 'no_such_job'"


def test_a_jobs_runs_older_than_90_days_go_when_it_runs_again():
    long_ago = timezone.now() - timedelta(days=91)
    JobRun.objects.create(job="reconcile_counts", started_at=long_ago, outcome="succeeded")
    JobRun.objects.create(job="clearsessions", started_at=long_ago, outcome="succeeded")

    call_command("run_job", "reconcile_counts")

    kept = JobRun.objects.order_by("job", "started_at").values_list("job", "started_at")
    assert [(job, started == long_ago) for job, started in kept] == [
        ("clearsessions", True),
        ("reconcile_counts", False),
    ]


def test_the_units_command_exits_non_zero_on_a_failure(tmp_path):
    """As systemd runs it: a failed job fails the unit, and its run is on record."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(DJANGO_SECRET_KEY="k" * 50, DJANGO_VAR_DIR=str(tmp_path))

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert manage("migrate", "-v0").returncode == 0
    failed = manage("run_job", "check", "--deploy", "--fail-level", "WARNING")
    succeeded = manage("run_job", "clearsessions")
    runs = manage(
        "shell",
        "--no-imports",
        "-c",
        "from campaign.ops.models import JobRun; "
        "print(sorted(JobRun.objects.values_list('job', 'outcome')))",
    )

    assert failed.returncode == 1
    assert "Job check failed" in failed.stderr, "the traceback goes to the journal"
    assert succeeded.returncode == 0, succeeded.stderr
    assert runs.stdout.strip() == "[('check', 'failed'), ('clearsessions', 'succeeded')]"
