import pytest

from tests.urls_catalogue import public_urls

pytestmark = pytest.mark.django_db


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def assert_security_headers(response, framable=False):
    policy = csp_directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    if not framable:
        assert policy["frame-ancestors"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_every_public_url_sends_the_security_headers(client):
    urls = public_urls()
    assert len(urls) >= 3
    for name, url in urls:
        response = client.get(url)
        assert response.status_code < 500, (name, url, response.status_code)
        framable = name.startswith("embed") or ":embed" in name
        assert_security_headers(response, framable=framable)


def test_error_pages_send_the_security_headers(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_https_mode_adds_hsts_and_secure_cookies(client, settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=63072000")
    assert client.get("/healthz/").status_code == 301


def test_admin_responses_are_never_stored(client, settings):
    response = client.get("/" + settings.ADMIN_PATH + "login/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
