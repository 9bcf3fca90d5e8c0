"""The scale-out set-up: two gunicorn servers on different ports share one PostgreSQL
database and one Redis, a db_worker sends the e-mail, and counts and rate limits hold
across both (as several hosts behind a load balancer would)."""

import json
import re
import secrets
import subprocess
import sys
import time
from contextlib import ExitStack

import pytest

from tests.campaign.live_client import csrf_for, post_form, request
from tests.campaign.live_gunicorn import ROOT, live_gunicorn

pytestmark = pytest.mark.live_server_process


def test_two_hosts_share_counts_rate_limits_and_the_mail_queue(shared_services):
    with ExitStack() as stack:
        secret = secrets.token_urlsafe(50)
        env = {**shared_services, "DJANGO_SECRET_KEY": secret}
        hosts = [
            stack.enter_context(
                live_gunicorn(
                    workers=2,
                    env=env,
                    database_url=env["DATABASE_URL"],
                    shared_database=True,
                )
            )
            for _ in range(2)
        ]
        assert hosts[0].url != hosts[1].url
        hosts[0].manage("load_petition")
        slug = (
            hosts[0]
            .python(
                "from campaign.petitions.models import Petition; print(Petition.objects.get().slug)"
            )
            .strip()
        )
        path = f"/en/petitions/{slug}/"
        forms = [csrf_for(host.url, path) for host in hosts]

        def sign(i, email):
            fields = {"name": "Signer", "email": email, "country": "KZ", "website": ""}
            return post_form(hosts[i % 2].url, path, fields, *forms[i % 2])[0]

        signers = 6
        assert [sign(i, f"signer{i}@example.org") for i in range(signers)] == [302] * signers

        # Mail is queued in the shared database, not sent by the web hosts; one worker sends it.
        assert hosts[0].python(
            "from django_tasks_db.models import DBTaskResult; print(DBTaskResult.objects.count())"
        ).strip() == str(signers)
        worker = subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT,
            env=hosts[1].env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert worker.returncode == 0, worker.stderr
        assert len(re.findall(r"^Subject: ", worker.stdout, re.M)) == signers

        tokens = json.loads(
            hosts[0].python(
                "import json; from campaign.petitions.models import Signature;"
                "from campaign.petitions.tokens import confirm_token;"
                "print(json.dumps([confirm_token(s) for s in Signature.objects.all()]))"
            )
        )
        for i, token in enumerate(tokens):
            host = (i + 1) % 2
            link = f"/en/petitions/confirm/{token}/"
            assert post_form(hosts[host].url, link, {}, *forms[host])[0] == 302

        time.sleep(1.2)
        counts = [
            json.loads(request(host.url, "GET", f"/en/petitions/{slug}/count.json")[2])["count"]
            for host in hosts
        ]
        assert counts == [signers, signers]

        # The per-address daily limit (2 here) is counted in Redis, so it holds across hosts.
        assert [sign(i, "repeat@example.org") for i in range(3)] == [302, 302, 429]
