"""A short storage fault must not outlive itself.

Each test serves the production settings with gunicorn, breaks something for a few seconds the
way a full disk, a bad deployment or a failover would, then gives it back: /healthz/ answers
503 during the fault and 200 after it, and every signature after it is accepted, without a
restart. One worker, so the worker that lived through the fault is the one that answers.
"""

import os
import signal
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from tests.campaign.live_client import request
from tests.campaign.live_gunicorn import live_gunicorn
from tests.resilience.faults import (
    PETITION,
    UNLIMITED,
    health,
    obeying_file_modes,
    postgres_admin_url,
    read_only,
    replace_worker,
    sign,
    sign_once,
    sqlite_files,
    tree,
    wait_for_health,
    worker_pids,
)

pytestmark = pytest.mark.live_server_process

ON_POSTGRES = bool(os.environ.get("DATABASE_URL"))


@pytest.fixture
def server():
    with live_gunicorn(workers=1, env=UNLIMITED, command_prefix=obeying_file_modes()) as server:
        server.manage("load_petition")
        assert sign(server, 3) == Counter({302: 3})
        yield server


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's files; the PostgreSQL pass has its own faults")
def test_a_worker_started_while_the_database_was_read_only_writes_again_after(server):
    with read_only(sqlite_files(server)):
        replace_worker(server)
        assert health(server) == 503, "the check writes, so it sees that writes fail"
        assert request(server.url, "GET", PETITION)[0] == 200, "reading still works"
        assert sign_once(server) == 500
        # The worker's connection was opened while the file could not be written.
        assert request(server.url, "GET", "/en/")[0] == 200

    wait_for_health(server, 200)
    assert sign(server, 20) == Counter({302: 20})


def test_a_worker_started_while_the_cache_was_read_only_works_again_after(server):
    cache_dir = Path(server.env["DJANGO_VAR_DIR"]) / "cache"
    with read_only(tree(cache_dir)):
        replace_worker(server)
        # Not a 500: the session middleware no longer needs the cache opened.
        assert health(server) == 503
        assert sign_once(server) == "form page failed"

    wait_for_health(server, 200)
    assert sign(server, 20) == Counter({302: 20})


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL's sessions; the SQLite pass has its own")
def test_sessions_opened_while_postgresql_was_read_only_are_not_kept(server):
    """As after a failover to a standby: every session begun meanwhile is read-only."""
    admin_url, name = postgres_admin_url(server)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
        try:
            cut_sessions(admin, name)
            assert health(server) == 503
            assert request(server.url, "GET", PETITION)[0] == 200, "reading still works"
            assert request(server.url, "GET", "/en/")[0] == 200
        finally:
            admin.execute(f'ALTER DATABASE "{name}" RESET default_transaction_read_only')

    wait_for_health(server, 200)
    assert sign(server, 20) == Counter({302: 20})


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL's sessions; the SQLite pass has its own")
def test_workers_reconnect_when_postgresql_ends_their_sessions(server):
    admin_url, name = postgres_admin_url(server)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        assert cut_sessions(admin, name) >= 1

    assert health(server) == 200
    assert sign(server, 20) == Counter({302: 20})


def cut_sessions(admin, database):
    """End every session on `database` (pg_terminate_backend); how many there were."""
    ended = admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
        [database],
    ).fetchall()
    return len(ended)


def test_a_worker_killed_amid_signatures_is_replaced_and_none_is_lost_or_doubled():
    with live_gunicorn(workers=2, env=UNLIMITED) as server:
        server.manage("load_petition")
        killed = threading.Event()

        def sign_then_kill(index):
            if index == 10:
                replace_worker(server, signal.SIGKILL)
                killed.set()
            return sign_once(server)

        with ThreadPoolExecutor(max_workers=4) as pool:
            during = Counter(pool.map(sign_then_kill, range(40)))
        assert killed.is_set()
        assert len(worker_pids(server)) == 2

        assert health(server) == 200
        after = sign(server, 20)
        assert after == Counter({302: 20})
        accepted = during[302] + after[302]
        counts = server.python(
            "from django.db.models import Count\n"
            "from campaign.petitions.models import Signature\n"
            "rows = Signature.objects.values('email_digest').annotate(n=Count('pk'))\n"
            "print(len(rows), max(row['n'] for row in rows))\n"
        ).split()
        # The request the worker died in may have been stored or not, never twice.
        assert int(counts[0]) in (accepted, accepted + 1), (during, counts)
        assert counts[1] == "1"
