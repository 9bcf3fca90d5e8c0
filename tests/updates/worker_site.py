"""A site run as `manage.py` subprocesses with the production settings, for tests of the
e-mail worker: a SQLite file of its own, tasks in the database, mail to a real SMTP sink."""

import subprocess
import sys
from pathlib import Path

from tests.campaign.live_gunicorn import base_environment

ROOT = Path(__file__).resolve().parents[2]


def site_environment(var_dir, sink, **settings):
    """What each of the site's processes is started with; `settings` adds to it."""
    return {
        **base_environment(),
        "DJANGO_SETTINGS_MODULE": "campaign.settings",
        "DJANGO_SECRET_KEY": "worker-site-test-" + "k" * 40,
        "DJANGO_VAR_DIR": str(var_dir),
        "DJANGO_TASKS_BACKEND": "database",
        "SITE_URL": "http://127.0.0.1:8299",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "EMAIL_USE_TLS": "0",
        **settings,
    }


def manage(env, *args, timeout=300):
    """Run manage.py in the site; its standard output. A command that fails fails the test."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
