"""Over HTTPS every cookie is a __Host- cookie: no other subdomain can set or replace it."""

import json
import re

import pytest
from django.test import Client

from tests.campaign.factories import make_petition
from tests.foundation.test_settings import run_manage

pytestmark = pytest.mark.django_db

COOKIE_SETTINGS = [
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_NAME",
    "LANGUAGE_COOKIE_SECURE",
]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def cookie_settings(tmp_path, **env):
    """The cookie settings campaign.settings gives with this environment."""
    code = (
        "import json; from django.conf import settings;"
        f"print(json.dumps({{name: getattr(settings, name) for name in {COOKIE_SETTINGS!r}}}))"
    )
    result = run_manage(
        "shell", "-c", code, DJANGO_SECRET_KEY="s" * 50, DJANGO_VAR_DIR=str(tmp_path), **env
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def https_cookies(tmp_path_factory):
    return cookie_settings(tmp_path_factory.mktemp("https"), DJANGO_HTTPS="1")


def test_https_names_every_cookie_with_the_host_prefix(https_cookies):
    assert https_cookies == {
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_NAME": "__Host-django_language",
        "LANGUAGE_COOKIE_SECURE": True,
    }


def test_plain_http_keeps_the_plain_names(tmp_path):
    """Browsers refuse a __Host- cookie without Secure, so development keeps Django's names."""
    found = cookie_settings(tmp_path, DJANGO_DEBUG="1")
    assert (found["SESSION_COOKIE_NAME"], found["CSRF_COOKIE_NAME"]) == ("sessionid", "csrftoken")
    assert not found["CSRF_COOKIE_SECURE"]


@pytest.fixture
def over_https(settings, https_cookies):
    for name, value in https_cookies.items():
        setattr(settings, name, value)
    return Client(enforce_csrf_checks=True)


def sign(client, petition, token):
    return client.post(
        petition.get_absolute_url(),
        {
            "name": "Asel",
            "email": "asel@example.org",
            "country": "KZ",
            "csrfmiddlewaretoken": token,
        },
        secure=True,
        headers={"referer": "https://testserver" + petition.get_absolute_url()},
    )


def test_a_signer_signs_with_the_host_only_csrf_cookie(over_https):
    petition = make_petition()
    page = over_https.get(petition.get_absolute_url(), secure=True)
    cookie = page.cookies["__Host-csrftoken"]
    # What the prefix demands of the cookie, or browsers drop it.
    assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"]
    assert "csrftoken" not in page.cookies
    token = TOKEN.search(page.content.decode()).group(1)
    response = sign(over_https, petition, token)
    assert response.status_code == 302, response.content[:300]


def test_a_csrf_cookie_planted_under_the_plain_name_is_ignored(over_https):
    """A neighbouring subdomain can set `csrftoken` for the whole domain; we never read it."""
    petition = make_petition()
    # The attacker's own cookie and token, from a visit of their own.
    visit = Client().get(petition.get_absolute_url(), secure=True)
    token = TOKEN.search(visit.content.decode()).group(1)
    over_https.cookies.load({"csrftoken": visit.cookies["__Host-csrftoken"].value})
    assert sign(over_https, petition, token).status_code == 403
