"""The reference deployment runs the tally every day, and checks it."""

from pathlib import Path

from django.core.management import get_commands

DAILY_JOBS = Path(__file__).resolve().parents[2] / "deploy" / "systemd" / "daily-jobs"


def test_the_daily_jobs_record_the_tally_and_verify_it():
    jobs = DAILY_JOBS.read_text().split()

    assert {"record_tally", "verify_tally"} <= set(jobs)
    assert {"record_tally", "verify_tally"} <= set(get_commands())
