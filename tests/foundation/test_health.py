from django.core.cache import caches
from django.db import DatabaseError
from django.urls import reverse

from campaign.petitions.models import Heartbeat


def test_healthz_writes_to_the_database_and_the_cache(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
    first = Heartbeat.objects.get().beat_at
    client.get(reverse("healthz"))
    assert Heartbeat.objects.get().beat_at > first, "every check writes"


def test_healthz_is_503_when_the_database_refuses_writes(client, db, monkeypatch):
    def refuse():
        raise DatabaseError("attempt to write a readonly database")

    monkeypatch.setattr(Heartbeat, "beat", refuse)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "cache": "ok"}


def test_healthz_is_503_when_the_cache_fails_or_forgets(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("read-only file system")

    cache = caches["default"]
    monkeypatch.setattr(cache, "set", refuse)
    assert client.get(reverse("healthz")).json()["cache"] == "unavailable"
    # DiskCache answers a locked shard by not storing the value, without an error.
    monkeypatch.setattr(cache, "set", lambda *args, **kwargs: False)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "unavailable"}


def test_healthz_refuses_post(client, db):
    assert client.post(reverse("healthz")).status_code == 405
