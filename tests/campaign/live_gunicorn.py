"""A real gunicorn serving the production settings (`campaign.settings`) on loopback.

For tests that need several worker processes at once: concurrency now, load later. Each
server gets a fresh database of its own: a SQLite file in a temporary DJANGO_VAR_DIR, or,
when DATABASE_URL is set (the suite's PostgreSQL pass), a uniquely named PostgreSQL
database on that server, dropped afterwards. Usage:

    with live_gunicorn(workers=4, env={"CAMPAIGN_SIGN_BURST_LIMIT": "1000"}) as server:
        server.manage("load_petition")
        urllib.request.urlopen(server.url + "/healthz/")
"""

import atexit
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_environment():
    """This process's environment without anything that would point the server elsewhere."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CAMPAIGN_", "GUNICORN_", "EMAIL_"))
    }
    for key in ("REDIS_URL", "SITE_URL", "PORT", "WEB_CONCURRENCY"):
        env.pop(key, None)
    return env


@contextmanager
def postgres_database(server_url):
    """A new, uniquely named database on the server of `server_url`; dropped on exit."""
    import psycopg

    name = f"live_{secrets.token_hex(6)}"
    parts = urlsplit(server_url)
    # Connect to the maintenance database: the one named in the URL may not exist yet.
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=5)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        yield urlunsplit(parts._replace(path="/" + name))
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


_collected_static = {}


def collected_static(server):
    """Static files collected once per test process (collectstatic with compression takes
    ~12 s) and linked into each server's DJANGO_VAR_DIR."""
    if "dir" not in _collected_static:
        shared = Path(tempfile.mkdtemp(prefix="live-gunicorn-static-"))
        atexit.register(shutil.rmtree, shared, ignore_errors=True)
        server.manage("collectstatic", "--noinput", "-v", "0")
        (Path(server.env["DJANGO_VAR_DIR"]) / "static").rename(shared / "static")
        _collected_static["dir"] = shared / "static"
    return _collected_static["dir"]


class LiveServer:
    def __init__(self, url, env, log_path):
        self.url = url
        self.env = env
        self.log_path = log_path

    def manage(self, *args, check=True, timeout=300, env=None):
        """Run manage.py against the server's database and settings (plus `env`)."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result

    def python(self, code, timeout=300):
        """Run Python code with Django set up like the server; returns its standard output."""
        return self.manage("shell", "--no-imports", "-c", code, timeout=timeout).stdout

    def log(self):
        return self.log_path.read_text(errors="replace")

    @contextmanager
    def background(self, *args):
        """A long-running manage.py command beside the server (a task worker), with its
        settings; its output goes to `<command>.log` beside the server's log. Stopped on exit."""
        with self.log_path.with_name(f"{args[0]}.log").open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            yield process
        finally:
            stop(process)


def wait_until_healthy(url, process, log_path, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited early:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url + "/healthz/", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz/ within {timeout}s")


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=25)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def live_gunicorn(
    *,
    workers=4,
    env=None,
    database_url=None,
    startup_timeout=60,
    shared_database=False,
    command_prefix=(),
):
    """Serve campaign.settings with gunicorn on 127.0.0.1 and a free port; yields a LiveServer.

    `database_url` defaults to $DATABASE_URL: PostgreSQL when the suite runs on it, SQLite
    otherwise. `env` adds or overrides environment variables (limits, shards...). With
    `shared_database`, `database_url` names an existing database that several servers share
    (the multi-host set-up), used as it is and not dropped. `command_prefix` runs gunicorn
    under another command (e.g. setpriv, to serve without some privileges).
    """
    database_url = os.environ.get("DATABASE_URL") if database_url is None else database_url
    var_dir = Path(tempfile.mkdtemp(prefix="live-gunicorn-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server_env = {
        **base_environment(),
        "DJANGO_SETTINGS_MODULE": "campaign.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_VAR_DIR": str(var_dir),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": url,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "PYTHONUNBUFFERED": "1",
        **(env or {}),
    }
    process = None
    try:
        if shared_database:
            database = _existing_database(database_url)
        elif database_url:
            database = postgres_database(database_url)
        else:
            database = _no_database()
        with database as live_database_url:
            if live_database_url:
                server_env["DATABASE_URL"] = live_database_url
            server = LiveServer(url, server_env, var_dir / "gunicorn.log")
            server.manage("migrate", "--noinput")
            (var_dir / "static").symlink_to(collected_static(server), target_is_directory=True)
            with server.log_path.open("wb") as log:
                process = subprocess.Popen(
                    [
                        *command_prefix,
                        str(GUNICORN),
                        "-c",
                        "campaign/gunicorn_conf.py",
                        "campaign.wsgi",
                    ],
                    cwd=ROOT,
                    env=server_env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
                try:
                    wait_until_healthy(url, process, server.log_path, startup_timeout)
                    yield server
                finally:
                    stop(process)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


@contextmanager
def _no_database():
    yield None


@contextmanager
def _existing_database(url):
    yield url
