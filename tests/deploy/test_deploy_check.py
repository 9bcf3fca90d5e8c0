"""`make deploy-check` in a fresh copy of the project, with the production settings of
deploy/zhanaozen.env: the checks pass on a migrated database and stop on one that lacks a
migration. The copy shares this checkout's installed .venv, which make is told not to rebuild."""

import os
import shutil
import subprocess

import pytest

from campaign.release import code_fingerprint
from tests.deploy.proxy import ROOT, shipped_environment


def production_settings():
    """The env file's settings, without the files and folders that exist only on the server
    (secrets, the state directory): the copy uses make run's secret key and its own var/."""
    return {
        name: value
        for name, value in shipped_environment().items()
        if not name.endswith("_FILE") and name != "DJANGO_VAR_DIR"
    }


@pytest.fixture
def fresh_copy(tmp_path):
    """The project's files as a clone has them (tracked and new, nothing ignored: no var/)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    copy = tmp_path / "zhanaozen"
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def environment(**changes):
    """This process's environment without its Django settings, then production's."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_", "SITE_URL"))
    }
    return {
        **env,
        **production_settings(),
        "DJANGO_SETTINGS_MODULE": "campaign.settings",
        **changes,
    }


def run(copy, *args, **changes):
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.runtime", *args],
        cwd=copy,
        env=environment(**changes),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_deploy_check_stops_on_a_database_that_lacks_migrations_then_passes(fresh_copy):
    before = run(fresh_copy, "deploy-check")

    assert before.returncode != 0
    assert "System check identified no issues" in before.stdout
    assert "the database lacks migrations of this release" in before.stderr
    assert (fresh_copy / "var" / "secret_key").is_file(), "make run's key, made on first use"

    migrate = subprocess.run(
        [ROOT / ".venv/bin/python", "manage.py", "migrate", "-v0"],
        cwd=fresh_copy,
        env=environment(DJANGO_SECRET_KEY_FILE=str(fresh_copy / "var" / "secret_key")),
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stderr
    after = run(fresh_copy, "deploy-check")

    assert after.returncode == 0, after.stderr
    assert f"version {code_fingerprint(fresh_copy)}: " in after.stdout
    assert "nothing needs clearing" in after.stdout


def test_deploy_check_fails_on_a_setting_production_must_not_have(fresh_copy):
    result = run(fresh_copy, "deploy-check", DJANGO_HTTPS="0")

    assert result.returncode != 0
    assert "security.W004" in result.stderr
