"""Snapshots hold addresses: each backup run deletes those older than the purge window."""

import io
import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaign.backups import postgresql, store
from campaign.backups.errors import BackupError


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("window", [7, 2])
def test_a_backup_run_deletes_exactly_the_snapshots_beyond_the_window(backup_dir, settings, window):
    settings.CAMPAIGN_PURGE_UNCONFIRMED_DAYS = window
    now = timezone.now()
    backup_dir.mkdir()
    ages = [0.5, window - 0.01, window + 0.01, window + 1, 30]
    for days in ages:
        store.path_for(now - timedelta(days=days)).write_bytes(b"old snapshot")
    (backup_dir / "notes.txt").write_text("not a snapshot")
    # What a backup killed half-way leaves: a copy of the database, in its work folder.
    killed = backup_dir / ".taking-killed"
    killed.mkdir()
    (killed / "db.sqlite3.gz").write_bytes(b"copy")
    stamp = (now - timedelta(days=window + 0.01)).timestamp()
    os.utime(killed, (stamp, stamp))

    call_command("backup", stdout=io.StringIO())

    kept = [snapshot.created for snapshot in store.snapshots()]
    assert kept[:2] == [now - timedelta(days=window - 0.01), now - timedelta(days=0.5)]
    assert len(kept) == 3
    assert kept[2] >= now
    assert store.latest().created == kept[2]
    assert (backup_dir / "notes.txt").exists()
    assert not killed.exists()


def test_latest_is_none_without_snapshots(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "never-made"
    assert store.latest() is None


def test_without_pg_dump_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(BackupError, match=r"pg_dump is not installed.*postgresql-client"):
        postgresql.program("pg_dump")
