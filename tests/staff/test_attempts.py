"""Password guessing: failures are limited per client whatever the user name, and per user
name whatever the client, before any password is hashed; axes stores no address or browser."""

import ipaddress
import secrets
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.backends import ModelBackend
from django.urls import reverse

from campaign.staff.links import enrolment_url
from tests.staff.otp import code_for

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def hashing(monkeypatch):
    """Counts the password checks that reach Django's ModelBackend (each costs one hash)."""
    calls = []
    original = ModelBackend.authenticate

    def counted(self, request, username=None, password=None, **kwargs):
        calls.append(username)
        return original(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counted)
    return calls


def attempt(client, username, password, code, **client_headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": code},
        **client_headers,
    )


def guess(client, username, **client_headers):
    return attempt(client, username, "a guess", "123456", **client_headers)


def log_in(client, user, **client_headers):
    return attempt(client, user.username, PASSWORD, code_for(user), **client_headers)


def test_random_user_names_from_one_client_are_locked_before_any_hashing(
    client, moderator, hashing
):
    for _attempt in range(5):
        guess(client, secrets.token_hex(6), REMOTE_ADDR="203.0.113.5")
    assert len(hashing) == 5

    refused = log_in(client, moderator, REMOTE_ADDR="203.0.113.5")

    assert refused.status_code == 429
    assert len(hashing) == 5, "no password hashed once the client is locked"
    assert client.get(reverse("admin:index")).status_code == 302
    other_client = log_in(client, moderator, REMOTE_ADDR="203.0.113.6")
    assert other_client.status_code == 302


def test_one_user_name_from_many_clients_is_locked(client, moderator, hashing):
    for number in range(5):
        guess(client, "moderator", REMOTE_ADDR=f"198.51.100.{number}")

    refused = log_in(client, moderator, REMOTE_ADDR="198.51.100.99")

    assert refused.status_code == 429
    assert len(hashing) == 5


def test_the_client_is_the_one_the_trusted_proxy_names(client, settings, moderator):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for number in range(5):
        guess(
            client,
            secrets.token_hex(6),
            REMOTE_ADDR=f"10.0.0.{number}",
            HTTP_X_REAL_IP="203.0.113.7",
        )

    same_client = log_in(client, moderator, HTTP_X_REAL_IP="203.0.113.7")
    another = log_in(client, moderator, HTTP_X_REAL_IP="203.0.113.8")

    assert same_client.status_code == 429
    assert another.status_code == 302


def test_the_enrolment_password_is_limited_too(client, moderator):
    link = urlsplit(enrolment_url(moderator)).path
    for _attempt in range(5):
        guess(client, secrets.token_hex(6), REMOTE_ADDR="203.0.113.9")

    response = client.post(link, {"password": PASSWORD}, REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 429


def test_attempts_are_stored_without_the_address_or_the_browser(client, moderator):
    browser = {
        "REMOTE_ADDR": "203.0.113.77",
        "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        "HTTP_ACCEPT": "text/html,application/xhtml+xml",
    }
    guess(client, "moderator", **browser)
    log_in(client, moderator, **browser)

    rows = [*AccessAttempt.objects.values(), *AccessLog.objects.values()]
    assert len(rows) == 2
    for row in rows:
        pseudonym = ipaddress.IPv6Address(row["ip_address"])
        assert pseudonym in ipaddress.IPv6Network("fd00::/8")
        assert row["user_agent"] == "" and row["http_accept"] == ""
        stored = " ".join(str(value) for value in row.values())
        for value in browser.values():
            assert value not in stored
    assert "123456" not in rows[0]["post_data"], "the code typed is masked"
    assert rows[0]["ip_address"] == rows[1]["ip_address"], "one client, one pseudonym"
