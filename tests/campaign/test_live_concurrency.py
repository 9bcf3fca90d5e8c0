"""Races against a real gunicorn (4 worker processes) with the production settings, on the
database of the current test pass: SQLite, or PostgreSQL when DATABASE_URL is set."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.campaign.live_client import csrf_for, post_form

pytestmark = pytest.mark.live_server_process

SLUG = "international-inquiry-zhanaozen"


def run_together(count, action):
    """Run action(i) in `count` threads released at the same instant; returns the results."""
    barrier = threading.Barrier(count, timeout=60)

    def wait_then(index):
        barrier.wait()
        return action(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(wait_then, range(count)))


def test_twenty_identical_submissions_leave_one_signature(gunicorn_server):
    gunicorn_server.manage("load_petition")
    path = f"/en/petitions/{SLUG}/"
    cookie, token = csrf_for(gunicorn_server.url, path)
    fields = {
        "name": "Әсел Қайратқызы",
        "email": "Double.Click+petition@Example.org",
        "country": "KZ",
        "city": "Жаңаөзен",
    }

    results = run_together(
        20, lambda _i: post_form(gunicorn_server.url, path, fields, cookie, token)
    )

    statuses = [status for status, _headers, _body in results]
    assert all(status < 500 for status in statuses), statuses
    assert statuses == [302] * 20, statuses
    assert {headers["Location"] for _s, headers, _b in results} == {
        f"/en/petitions/{SLUG}/check-your-inbox/"
    }
    out = gunicorn_server.python(
        "from campaign.petitions.models import Signature;"
        f"print(Signature.objects.filter(petition__slug='{SLUG}').count())"
    )
    assert out.strip() == "1"
    # The double clicks send one confirmation, not twenty.
    assert gunicorn_server.log().count("Subject: Please confirm your e-mail address") == 1


CREATE_PENDING = """
import json
from campaign.petitions import signing, tokens
from tests.campaign.factories import make_petition
petition = make_petition(slug="live-confirmations")
out = []
for i in range(200):
    signature, _ = signing.sign(petition, name=f"Signer {i}", email=f"s{i}@example.org",
                                country=["KZ", "RU", "GB", "DE"][i % 4])
    out.append(tokens.confirm_token(signature))
print(json.dumps(out))
"""


def test_two_hundred_simultaneous_confirmations_count_exactly(gunicorn_server):
    confirm_tokens = json.loads(gunicorn_server.python(CREATE_PENDING))
    paths = [f"/en/petitions/confirm/{token}/" for token in confirm_tokens]
    forms = [csrf_for(gunicorn_server.url, path) for path in paths]

    results = run_together(200, lambda i: post_form(gunicorn_server.url, paths[i], {}, *forms[i]))

    statuses = [status for status, _headers, _body in results]
    assert all(status < 500 for status in statuses), sorted(set(statuses))
    assert statuses == [302] * 200
    out = gunicorn_server.python(
        "from campaign.petitions.models import Petition, Signature;"
        "p = Petition.objects.get(slug='live-confirmations');"
        "print(p.exact_count(), Signature.objects.confirmed().filter(petition=p).count(),"
        " p.count_shards.count())"
    )
    shard_total, confirmed, shard_rows = (int(n) for n in out.split())
    assert shard_total == confirmed == 200
    # Spread over countries x shards, not one hot row.
    assert shard_rows > 4
    report = gunicorn_server.manage("reconcile_counts", "--dry-run").stdout
    assert "live-confirmations: count exact (200)" in report
