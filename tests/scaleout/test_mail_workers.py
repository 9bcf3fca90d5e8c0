"""Several e-mail workers on one PostgreSQL queue: the mail drains faster with more of them
(docs/BENCHMARKS.md), and no signer gets a message twice or none."""

import re
import subprocess
import sys
from collections import Counter

import pytest

from tests.campaign.live_gunicorn import ROOT, live_gunicorn

pytestmark = pytest.mark.live_server_process

SIGNERS = 400


def test_two_workers_at_once_send_every_signer_exactly_one_message(shared_services):
    with live_gunicorn(
        workers=1,
        env=shared_services,
        database_url=shared_services["DATABASE_URL"],
        shared_database=True,
    ) as host:
        host.manage("load_petition")
        host.python(
            "from campaign.petitions.models import Petition\n"
            "from campaign.petitions.signing import sign\n"
            "from campaign.petitions.tasks import send_signature_email\n"
            "petition = Petition.objects.get()\n"
            f"for n in range({SIGNERS}):\n"
            "    signature, _ = sign(petition, name='Signer', email=f'signer{n}@example.org',"
            " country='KZ')\n"
            "    send_signature_email.enqueue(signature.pk)\n"
        )
        workers = [
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
                cwd=ROOT,
                env=host.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [worker.communicate(timeout=300) for worker in workers]
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
    sent = [re.findall(r"^To: (\S+)$", out, re.M) for out, _err in outputs]
    # Both took part, or the test would say nothing about two at once.
    assert all(sent), [len(each) for each in sent]
    received = Counter(sent[0] + sent[1])
    assert received == Counter(f"signer{n}@example.org" for n in range(SIGNERS))
