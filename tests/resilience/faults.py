"""Faults done to a live gunicorn (tests.campaign.live_gunicorn): files that cannot be written
for a while, workers restarted or killed, database sessions cut or made read-only."""

import http.client
import os
import re
import secrets
import shutil
import signal
import stat
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.campaign.live_client import csrf_for, post_form, request

SLUG = "international-inquiry-zhanaozen"
PETITION = f"/en/petitions/{SLUG}/"
# Limits out of the way: these tests count failures, not refusals.
UNLIMITED = {
    "CAMPAIGN_SIGN_BURST_LIMIT": "100000",
    "CAMPAIGN_SIGN_DAILY_LIMIT": "100000",
    "CAMPAIGN_EMAIL_DAILY_LIMIT": "100000",
}


def obeying_file_modes():
    """A command prefix under which gunicorn cannot write what chmod made read-only.

    CI runs the suite as root, and root writes any file whatever its mode (CAP_DAC_OVERRIDE).
    setpriv takes that capability, and the one to read past modes, away from gunicorn and all
    it starts. It stays root and owner, so the test can still give the modes back. An ordinary
    user obeys file modes anyway.
    """
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        message = "setpriv (util-linux) is needed to make files read-only to root"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return (setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search")


def tree(root):
    """`root` and everything under it."""
    return [root, *root.rglob("*")]


@contextmanager
def read_only(paths):
    """Every one of `paths` (files, directories) without write permission inside the block."""
    modes = {path: stat.S_IMODE(path.stat().st_mode) for path in paths}
    try:
        for path, mode in modes.items():
            path.chmod(mode & ~0o222)
        yield
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def sqlite_files(server):
    """The database file, its WAL and shared-memory files, and their directory."""
    var_dir = Path(server.env["DJANGO_VAR_DIR"])
    return [var_dir, *var_dir.glob("db.sqlite3*")]


def worker_pids(server):
    """The gunicorn master's children, read from /proc."""
    master = int(re.search(r"Listening at: \S+ \((\d+)\)", server.log()).group(1))
    pids = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.add(int(entry.name))
    return pids


def replace_worker(server, signum=signal.SIGTERM, timeout=30):
    """Stop one worker with `signum` and wait until gunicorn has started its replacement."""
    before = worker_pids(server)
    victim = min(before)
    os.kill(victim, signum)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = worker_pids(server)
        if victim not in now and len(now) == len(before):
            return now - before
        time.sleep(0.1)
    raise AssertionError(f"gunicorn did not replace worker {victim} within {timeout}s")


def health(server):
    return request(server.url, "GET", "/healthz/")[0]


def wait_for_health(server, status, timeout=15):
    """Poll /healthz/ until it answers `status`; the statuses seen on the way."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen.append(health(server))
        if seen[-1] == status:
            return seen
        time.sleep(0.2)
    raise AssertionError(f"/healthz/ never answered {status} within {timeout}s: {seen}")


def sign_once(server):
    """One signature by a new address, as a browser sends it: the POST's status, or what
    went wrong before it had one."""
    fields = {
        "name": "Айгүл Серікқызы",
        "email": f"signer-{secrets.token_hex(6)}@example.org",
        "country": "KZ",
        "website": "",
    }
    try:
        try:
            cookie, token = csrf_for(server.url, PETITION)
        except AssertionError:
            return "form page failed"
        return post_form(server.url, PETITION, fields, cookie, token)[0]
    except (OSError, http.client.HTTPException):
        return "connection lost"


def sign(server, count):
    """Statuses of `count` signatures, e.g. Counter({302: 20})."""
    return Counter(sign_once(server) for _ in range(count))


def postgres_admin_url(server):
    """The maintenance database of the server's PostgreSQL, and the live database's name."""
    parts = urlsplit(server.env["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")
