"""Staff sessions end after a while without a request and when the browser closes; public
visitors get none at all."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.campaign.factories import make_petition
from tests.staff.otp import code_for, verified_login

pytestmark = pytest.mark.django_db


def admin_index_status(client):
    return client.get(reverse("admin:index")).status_code


def test_an_admin_session_ends_after_the_idle_time(client, settings, moderator):
    settings.SESSION_COOKIE_AGE = 1
    verified_login(client, moderator)
    assert admin_index_status(client) == 200

    time.sleep(1.5)

    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_each_request_moves_the_idle_time_on(client, settings, moderator):
    settings.SESSION_COOKIE_AGE = 2
    verified_login(client, moderator)
    for _request in range(4):
        assert admin_index_status(client) == 200
        time.sleep(0.8)
    assert admin_index_status(client) == 200, "3.2 s after login, 0.8 s after the last request"


def test_the_default_idle_time_is_thirty_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60


def test_the_session_cookie_ends_with_the_browser(client, moderator):
    response = client.post(
        reverse("admin:login"),
        {
            "username": "moderator",
            "password": "correct horse battery staple",
            "otp_token": code_for(moderator),
        },
    )

    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_a_stale_session_cookie_gets_no_new_session_on_public_pages(client):
    """A moderator's expired session, or a made-up cookie: no session row, no new session."""
    for url in ["/en/", make_petition().get_absolute_url(), "/embed/memorial/"]:
        client.cookies[settings.SESSION_COOKIE_NAME] = "expiredsession0123456789abcdef"
        response = client.get(url)
        assert response.status_code == 200, url
        cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
        assert cookie is None or cookie.value == "", f"{url} started a session"  # or dropped it
    assert not Session.objects.exists()


def test_public_visitors_get_no_session(client):
    petition = make_petition()
    pages = ["/en/", "/en/people/", "/en/candles/", petition.get_absolute_url()]
    for url in pages:
        assert client.get(url).status_code == 200, url
    signed = client.post(
        petition.get_absolute_url(),
        {"name": "Asel", "email": "asel@example.org", "country": "KZ", "city": ""},
    )
    assert signed.status_code == 302
    client.get(signed["Location"])
    client.post("/en/candles/", {"first_name": "Aida", "message": "", "website": ""})

    assert settings.SESSION_COOKIE_NAME not in client.cookies
    assert not Session.objects.exists()
