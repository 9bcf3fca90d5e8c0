"""/healthz/?full=1: the ops page's figures as JSON for monitoring, behind a bearer token."""

import secrets
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaign.backups import store
from campaign.petitions.tasks import send_signature_email
from tests.campaign.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db

TOKEN = "a-long-random-token-for-the-monitor"
FULL = reverse("healthz") + "?full=1"


@pytest.fixture
def token(settings):
    settings.HEALTH_TOKEN = TOKEN
    return TOKEN


def test_without_a_token_configured_full_is_refused_to_everyone(client, settings):
    settings.HEALTH_TOKEN = None

    response = client.get(FULL, headers={"Authorization": "Bearer "})

    assert response.status_code == 403
    assert "DJANGO_HEALTH_TOKEN" in response.json()["error"]
    assert client.get(reverse("healthz")).json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
    }


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"],
    ids=["none", "wrong", "another-scheme", "longer", "empty"],
)
def test_a_missing_or_wrong_token_gets_401(client, token, authorization):
    headers = {"Authorization": authorization} if authorization else {}

    response = client.get(FULL, headers=headers)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert set(response.json()) == {"error"}


def test_the_token_is_compared_in_constant_time(client, token, monkeypatch):
    compared = []
    original = secrets.compare_digest

    def compare_digest(a, b):
        compared.append((a, b))
        return original(a, b)

    monkeypatch.setattr("campaign.health.secrets.compare_digest", compare_digest)

    assert client.get(FULL, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert compared == [(TOKEN.encode(), TOKEN.encode())]


def test_the_right_token_gets_the_figures_never_cached(client, token, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.BACKUP_DIR = tmp_path
    store.path_for(timezone.now() - timedelta(hours=2)).write_bytes(b"x" * 4096)
    petition = make_petition()
    signers = [make_signature(petition, email=f"signer{n}@example.org") for n in range(2)]
    for signature in signers:
        send_signature_email.enqueue(signature.pk)
    call_command("run_job", "reconcile_counts")
    with pytest.raises(CommandError):
        call_command("run_job", "check", "--deploy", "--fail-level", "WARNING")
    Client(raise_request_exception=False).get("/en/no-such-page/")

    response = client.get(FULL, headers={"Authorization": f"Bearer {TOKEN}"})

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert (body["status"], body["database"], body["cache"]) == ("ok", "ok", "ok")
    queue = body["email_queue"]
    assert (queue["backend"], queue["waiting"], queue["running"]) == ("database", 2, 0)
    assert queue["oldest_age_seconds"] >= 0
    assert body["jobs"]["reconcile_counts"]["outcome"] == "succeeded"
    assert body["jobs"]["check"]["outcome"] == "failed"
    assert body["jobs"]["purge_unconfirmed"] is None
    assert body["backup"]["size_bytes"] == 4096
    assert 7200 <= body["backup"]["age_seconds"] < 7300
    assert body["database_size"]["bytes"] > 0
    assert body["server_errors"] == {"last_24h": 0, "per_hour": []}
    # Counts, times and sizes only: no address, no job's error text.
    assert "@" not in response.text
    assert "SystemCheckError" not in response.text


def test_a_server_error_shows_in_the_figures(client, token, monkeypatch):
    def broken():
        raise RuntimeError("a bug in a query")

    monkeypatch.setattr("memorial.queries.featured_events", broken)
    assert Client(raise_request_exception=False).get("/en/").status_code == 500

    body = client.get(FULL, headers={"Authorization": f"Bearer {TOKEN}"}).json()

    assert body["server_errors"]["last_24h"] == 1
    assert [hour["count"] for hour in body["server_errors"]["per_hour"]] == [1]


def test_full_is_503_without_figures_when_the_database_refuses_writes(client, token, monkeypatch):
    from django.db import DatabaseError

    from campaign.petitions.models import Heartbeat

    def refuse():
        raise DatabaseError("attempt to write a readonly database")

    monkeypatch.setattr(Heartbeat, "beat", refuse)

    response = client.get(FULL, headers={"Authorization": f"Bearer {TOKEN}"})

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "cache": "ok"}
