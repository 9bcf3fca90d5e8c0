"""What every benchmark run prepares and reads back: its environment (the production settings
on a temporary DJANGO_VAR_DIR, and a PostgreSQL database and Redis prefix of its own for the
scale-out set-up), Django commands run in it, the mail queue's depth, the machine's load, and
the commit measured."""

import os
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg

from bench.harness import ROOT

PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def base_env(var_dir):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY="bench-" + uuid.uuid4().hex * 2,
        DJANGO_VAR_DIR=str(var_dir),
        DJANGO_TASKS_BACKEND="database",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def postgres_env(env, name):
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_URL.rsplit("/", 1)[0]
    return {
        **env,
        "DATABASE_URL": f"{base}/{name}",
        "REDIS_URL": REDIS_URL,
        "DJANGO_CACHE_PREFIX": name,
    }


def drop_postgres(name):
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_eval(env, code):
    """Run Python code in a configured Django and return what it prints (last line)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def waiting_tasks(env):
    """A function counting the e-mail tasks not yet done, straight from the database."""
    table = django_eval(
        env, "from django_tasks_db.models import DBTaskResult; print(DBTaskResult._meta.db_table)"
    )
    # The table's name comes from the model, not from outside.
    query = f"SELECT COUNT(*) FROM {table} WHERE status IN ('READY', 'RUNNING')"  # noqa: S608
    if "DATABASE_URL" in env:
        url = env["DATABASE_URL"]

        def count():
            with psycopg.connect(url) as conn:
                return conn.execute(query).fetchone()[0]

    else:
        path = Path(env["DJANGO_VAR_DIR"]) / "db.sqlite3"

        def count():
            with sqlite3.connect(path, timeout=10) as conn:
                return conn.execute(query).fetchone()[0]

    return count


class LoadSampler:
    """The 1-minute load average every 30 s, in a thread, until stopped."""

    def __init__(self):
        self.readings = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while True:
            when = time.strftime("%H:%M:%S", time.gmtime())
            self.readings.append(f"{when} {os.getloadavg()[0]:.2f}")
            if self._stop.wait(30):
                return

    def stop(self):
        self._stop.set()
        self._thread.join()


def commit():
    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    dirty = git("status", "--porcelain", "--", "bench", "campaign", "memorial", "templates")
    return git("rev-parse", "--short", "HEAD") + (" (with uncommitted changes)" if dirty else "")
