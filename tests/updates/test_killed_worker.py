"""A real `manage.py db_worker` killed (SIGKILL) in the middle of a batch, then a new one:
every recipient gets the update exactly once, and the figures say so.

The worker and the test share a SQLite file and a real SMTP server. The server stalls on the
fifth message: it has the message but does not answer, and the worker is killed while it
waits. That message was delivered without the worker knowing, so it is "uncertain" and must
not be sent again; the others left in the batch were never claimed and must still go.
"""

import json
import os
import signal
import subprocess
import sys

import pytest

from tests.updates.conftest import TEXTS
from tests.updates.smtp_sink import smtp_sink
from tests.updates.worker_site import ROOT, manage, site_environment

RECIPIENTS = 10
BATCH = 3
STALL_AT = 5  # in the second batch, with the third one queued


def shell(env, code):
    return json.loads(manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def report(env):
    return shell(env, "from tests.updates.worker_db import report; report()")


@pytest.fixture
def site(tmp_path):
    with smtp_sink() as sink:
        env = site_environment(
            tmp_path,
            sink,
            EMAIL_TIMEOUT="120",
            CAMPAIGN_UPDATES_BATCH_SIZE=str(BATCH),
            PYTHONUNBUFFERED="1",
        )
        manage(env, "migrate", "--noinput")
        yield env, sink


def worker(env, log_path, *options):
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.1",
                "--no-startup-delay",
                *options,
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def test_a_worker_killed_mid_batch_sends_nobody_the_update_twice(site, tmp_path):
    env, sink = site
    started = shell(env, f"from tests.updates.worker_db import prepare; prepare({RECIPIENTS})")
    assert started == {"recipients": RECIPIENTS}
    log = tmp_path / "worker.log"

    sink.stall_at = STALL_AT
    first = worker(env, log)
    try:
        sink.wait_for(STALL_AT)
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL

    interrupted = report(env)
    assert interrupted["state"] == "sending"
    assert interrupted["progress"] == {
        "sent": STALL_AT - 1,
        "failed": 0,
        "uncertain": 1,
        "waiting": RECIPIENTS - STALL_AT,
    }

    sink.stall_at = None
    second = worker(env, log, "--batch")
    assert second.wait(timeout=120) == 0, log.read_text()

    final = report(env)
    mailboxes = sink.by_recipient()
    assert len(sink.received) == RECIPIENTS
    assert sorted(mailboxes) == sorted(final["deliveries"])
    assert all(len(messages) == 1 for messages in mailboxes.values())
    for address, [message] in mailboxes.items():
        assert message["Subject"] == TEXTS[final["languages"][address]][0]
    assert final["state"] == "sent"
    assert final["progress"] == {
        "sent": RECIPIENTS - 1,
        "failed": 0,
        "uncertain": 1,
        "waiting": 0,
    }
    [uncertain] = [a for a, state in final["deliveries"].items() if state == "claimed"]
    assert uncertain == "reader004@example.org"  # the fifth, the one the worker died sending
    assert "@example.org" not in log.read_text()  # the workers log no address
