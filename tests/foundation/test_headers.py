import pytest
from django.urls import reverse

from tests.foundation.test_settings import run_manage
from tests.urls_catalogue import public_urls

pytestmark = pytest.mark.django_db

PERMISSIONS_POLICY = {"camera", "microphone", "geolocation", "payment", "usb"}
# What partners' pages load from us: the embeds (framed), oEmbed, count.json and tally.json
# (read by CORS).
CROSS_ORIGIN_URLS = {"embed:memorial", "embed:petition", "campaign:count_json", "tally:json"}


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
    assert policy["report-uri"] == [reverse("csp_report")]
    assert permissions_policy(response) == dict.fromkeys(PERMISSIONS_POLICY, "()")


def permissions_policy(response):
    """Every feature is denied, and none is one browsers no longer know (interest-cohort)."""
    return dict(part.strip().split("=") for part in response["Permissions-Policy"].split(","))


def test_every_public_url_sends_the_security_headers(client):
    urls = public_urls()
    assert len(urls) >= 3
    for name, url in urls:
        response = client.get(url)
        assert response.status_code < 500, (name, url, response.status_code)
        framable = name.startswith("embed") or ":embed" in name
        assert_security_headers(response, framable=framable)
        expected = "cross-origin" if name in CROSS_ORIGIN_URLS else "same-origin"
        assert response["Cross-Origin-Resource-Policy"] == expected, (name, url)


def test_oembed_answers_may_be_loaded_by_other_sites_and_its_errors_may_not(client):
    answer = client.get("/oembed/?url=http://127.0.0.1:8000/en/")
    assert answer.status_code == 200
    assert answer["Cross-Origin-Resource-Policy"] == "cross-origin"
    refusal = client.get("/oembed/?url=https://elsewhere.example/")
    assert refusal.status_code == 404
    assert refusal["Cross-Origin-Resource-Policy"] == "same-origin"


def test_error_pages_send_the_security_headers(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert_security_headers(response)
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def hsts_under(tmp_path, **env):
    """The HSTS header campaign.settings sends over HTTPS with this environment."""
    code = (
        "from django.test import Client;"
        "print(Client().get('/robots.txt', secure=True)['Strict-Transport-Security'])"
    )
    result = run_manage(
        "shell",
        "-c",
        code,
        DJANGO_SECRET_KEY="s" * 50,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_VAR_DIR=str(tmp_path),
        DJANGO_HTTPS="1",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_hsts_covers_subdomains_and_asks_for_preloading_only_when_the_deployer_opts_in(tmp_path):
    assert hsts_under(tmp_path) == "max-age=63072000"
    assert hsts_under(tmp_path, DJANGO_HSTS_INCLUDE_SUBDOMAINS="1") == (
        "max-age=63072000; includeSubDomains"
    )
    # The preload list takes only sites that cover their subdomains.
    assert hsts_under(tmp_path, DJANGO_HSTS_PRELOAD="1") == (
        "max-age=63072000; includeSubDomains; preload"
    )


def test_check_deploy_stays_clean_whether_or_not_the_deployer_opts_in(tmp_path):
    for opt_in in ({}, {"DJANGO_HSTS_PRELOAD": "1"}):
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_SECRET_KEY="a-real-looking-production-secret-" + "q" * 40,
            DJANGO_HTTPS="1",
            DJANGO_ALLOWED_HOSTS="zhanaozen.example.org",
            EMAIL_HOST="smtp.example.org",
            DJANGO_VAR_DIR=str(tmp_path),
            **opt_in,
        )
        assert result.returncode == 0, result.stdout + result.stderr


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
