"""A snapshot taken while the site writes is one moment of the database: the manifest counts
what the snapshot holds, and the counters agree with the rows. The site, a writer and the
commands run as separate processes, as in production (a file database for SQLite)."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

WRITES = 150
WRITER = f"""
from campaign.petitions import signing
from tests.campaign.factories import make_petition
petition = make_petition("written-during-backup")
for number in range({WRITES}):
    signature, _created = signing.sign(
        petition, name="Writer", email=f"writer{{number}}@example.org", country="KZ"
    )
    signing.confirm(signature)
    if number == 0:
        print("writing", flush=True)
"""
CHECK = """
import json
from campaign.petitions.models import Petition, Signature
petition = Petition.objects.get(slug="written-during-backup")
print(json.dumps({
    "rows": Signature.objects.count(),
    "confirmed": Signature.objects.filter(state="confirmed").count(),
    "counted": petition.exact_count(),
}))
"""


def site_environment(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "campaign.settings",
        "DJANGO_SECRET_KEY": "backups-test-key",
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_BACKUP_DIR": str(tmp_path / "backups"),
    }
    environment.pop("DATABASE_URL", None)
    if connection.vendor == "postgresql":
        # The test database itself, which pytest-django empties after the test.
        db = connection.settings_dict
        credentials = quote(db["USER"] or "") + (
            f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
        )
        where = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
        environment["DATABASE_URL"] = f"postgres://{credentials}@{where}/{db['NAME']}"
    return environment


def manage(environment, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_a_backup_taken_while_signatures_are_written_is_consistent(tmp_path):
    environment = site_environment(tmp_path)
    (tmp_path / "var").mkdir()
    if connection.vendor == "sqlite":
        manage(environment, "migrate", "--noinput", "-v", "0")

    writer = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", WRITER],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline() == "writing\n"
        manage(environment, "backup")
    finally:
        assert writer.wait() == 0

    (snapshot,) = Path(tmp_path / "backups").glob("backup-*.tar")
    with tarfile.open(snapshot) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    # The restore itself checks every table's rows against the manifest.
    manage(environment, "restore", "--noinput", str(snapshot))

    restored = json.loads(
        manage(environment, "shell", "--no-imports", "-c", CHECK).strip().splitlines()[-1]
    )
    assert restored["rows"] == manifest["tables"]["campaign_signature"]
    assert 1 <= restored["rows"] <= WRITES
    assert restored["counted"] == restored["confirmed"]
