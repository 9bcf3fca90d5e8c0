"""Settings come from the environment and refuse to run production without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    base.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args] + (["--no-imports"] if args[0] == "shell" else []),
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "campaign.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_fails_loudly():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_secret_can_come_from_a_file(tmp_path):
    key = tmp_path / "key"
    key.write_text("file-secret-" + "s" * 50)
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        DJANGO_SECRET_KEY_FILE=str(key),
        DJANGO_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "file-secret-" + "s" * 50


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-real-looking-production-secret-" + "q" * 40,
        DJANGO_HTTPS="1",
        DJANGO_ALLOWED_HOSTS="zhanaozen.example.org",
        EMAIL_HOST="smtp.example.org",
        DJANGO_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_environment_selects_postgres_redis_and_smtp(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.MAILERS['default']['BACKEND'], s.MAILERS['default']['OPTIONS']['host']);"
        "print(s.TASKS['default']['BACKEND'])"
    )
    result = run_manage(
        "shell",
        "-c",
        code,
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://u@db.internal:5432/zh",
        REDIS_URL="redis://cache.internal:6379/0",
        EMAIL_HOST="smtp.internal",
        DJANGO_TASKS_BACKEND="database",
        DJANGO_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "campaign.db.postgresql",
        # Redis, with the per-process tier of issue 16 in front of it.
        "campaign.cache.TieredRedisCache",
        # Django's SMTP, keeping its connection between messages.
        "campaign.lib.smtp.KeptSMTPBackend smtp.internal",
        "django_tasks_db.DatabaseBackend",
    ]


def test_defaults_are_sqlite_wal_shared_cache_and_console_mail(tmp_path):
    code = (
        "from django.conf import settings as s; from django.db import connection;"
        "c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0]);"
        "print(c.execute('PRAGMA synchronous').fetchone()[0]);"
        "print(s.DATABASES['default']['OPTIONS']['transaction_mode']);"
        "from django.core.cache import caches;"
        "c = caches['default']; print(type(c).__module__ + '.' + type(c).__name__);"
        "print(s.MAILERS['default']['BACKEND'])"
    )
    result = run_manage("shell", "-c", code, DJANGO_DEBUG="1", DJANGO_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:5] == [
        "wal",
        "1",  # NORMAL
        "IMMEDIATE",
        "campaign.cache.PersistentDiskCache",
        "django.core.mail.backends.console.EmailBackend",
    ]
