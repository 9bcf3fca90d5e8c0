"""Back up, go on signing, restore: the site is the snapshot again, on SQLite and PostgreSQL
(the PostgreSQL pass of `make test` runs these against its test database with pg_dump)."""

import io
import json
import os
import tarfile

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from campaign.backups import store
from campaign.petitions.models import Signature
from tests.backups.conftest import sign, sign_and_confirm
from tests.campaign.factories import make_petition

# Committed rows: pg_dump reads the database from another connection.
pytestmark = pytest.mark.django_db(transaction=True)


def backup():
    call_command("backup", stdout=io.StringIO())
    snapshot = store.latest()
    assert snapshot is not None
    return snapshot


def manifest_of(snapshot):
    with tarfile.open(snapshot.path) as tar:
        return json.load(tar.extractfile("manifest.json"))


def restore(snapshot):
    call_command("restore", str(snapshot.path), "--noinput", stdout=io.StringIO())


def public_count(petition):
    response = Client().get(f"/en/petitions/{petition.slug}/count.json")
    assert response.status_code == 200
    return response.json()["count"]


def test_restore_brings_back_exactly_the_snapshot(backup_dir):
    petition = make_petition()
    sign_and_confirm(petition, "one@example.org")
    sign_and_confirm(petition, "two@example.org")
    sign(petition, "pending@example.org")
    snapshot = backup()
    manifest = manifest_of(snapshot)
    assert manifest["tables"]["campaign_signature"] == 3
    assert oct(snapshot.path.stat().st_mode & 0o777) == "0o600"

    sign_and_confirm(petition, "three@example.org")
    sign_and_confirm(petition, "four@example.org")
    # Now cached for CAMPAIGN_COUNT_CACHE_SECONDS, and the page with it.
    assert public_count(petition) == 4
    assert Client().get(petition.get_absolute_url()).status_code == 200

    restore(snapshot)

    assert public_count(petition) == 2
    page = Client().get(petition.get_absolute_url()).content.decode()
    assert "4 signatures" not in page
    assert Signature.objects.count() == 3
    assert petition.exact_count() == 2
    assert set(Signature.objects.values_list("email_domain", flat=True)) == {"example.org"}


def test_a_damaged_snapshot_is_refused_and_the_database_kept(backup_dir):
    petition = make_petition()
    sign_and_confirm(petition, "one@example.org")
    snapshot = backup()
    sign_and_confirm(petition, "two@example.org")
    with tarfile.open(snapshot.path) as tar:
        member = tar.getmember(manifest_of(snapshot)["data"])
    # One byte in the middle of the data member, as a failing disk would.
    with snapshot.path.open("r+b") as file:
        file.seek(member.offset_data + member.size // 2)
        byte = file.read(1)
        file.seek(-1, os.SEEK_CUR)
        file.write(bytes([byte[0] ^ 0xFF]))

    with pytest.raises(CommandError, match="damaged"):
        restore(snapshot)
    assert petition.exact_count() == 2


def test_a_snapshot_from_a_newer_schema_is_refused(backup_dir):
    petition = make_petition()
    sign_and_confirm(petition, "one@example.org")
    recorder = MigrationRecorder.Migration.objects
    # The snapshot of a site that had already run a migration this code does not have.
    future = recorder.create(app="campaign", name="9999_from_the_future")
    snapshot = backup()
    future.delete()
    sign_and_confirm(petition, "two@example.org")

    with pytest.raises(CommandError, match=r"newer.*campaign\.9999_from_the_future"):
        restore(snapshot)
    assert petition.exact_count() == 2


def test_a_snapshot_from_the_other_database_is_refused(backup_dir, monkeypatch):
    make_petition()
    snapshot = backup()
    with tarfile.open(snapshot.path) as tar:
        members = {name: tar.extractfile(name).read() for name in tar.getnames()}
    manifest = json.loads(members["manifest.json"])
    manifest["vendor"] = "postgresql" if manifest["vendor"] == "sqlite" else "sqlite"
    members["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(snapshot.path, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

    with pytest.raises(CommandError, match="was taken from"):
        restore(snapshot)


def test_a_restore_asks_first(backup_dir, monkeypatch):
    petition = make_petition()
    snapshot = backup()
    sign_and_confirm(petition, "one@example.org")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(snapshot.path), stdout=io.StringIO())
    assert petition.exact_count() == 1


def test_stale_limits_do_not_suppress_a_confirmation_after_a_restore(backup_dir, settings):
    """A signature lost with the restore is signed again: the counters of the first try,
    kept by the cache, must not refuse it (its e-mail never sent)."""
    settings.CAMPAIGN_EMAIL_DAILY_LIMIT = 1
    petition = make_petition()
    snapshot = backup()
    response, _visitor = sign(petition, "asel@example.org")
    assert response.status_code == 302
    restore(snapshot)
    assert not Signature.objects.exists()
    mail.outbox.clear()

    response, _visitor = sign(petition, "asel@example.org")

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["asel@example.org"]]
    sign_and_confirm(petition, "other@example.org")
    assert public_count(petition) == 1
