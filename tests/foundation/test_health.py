from django.db import DatabaseError
from django.urls import reverse


def test_healthz_answers_when_database_is_up(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_database_fails(client, db, monkeypatch):
    class DeadConnection:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("campaign.health.connection", DeadConnection())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_refuses_post(client, db):
    assert client.post(reverse("healthz")).status_code == 405
