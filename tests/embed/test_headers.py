"""Only the embed views may be framed; they set no cookie and may sit in shared caches."""

import pytest
from django.urls import reverse

from tests.foundation.test_headers import assert_security_headers, csp_directives
from tests.urls_catalogue import public_urls

pytestmark = pytest.mark.django_db

FRAMABLE = {"embed:memorial", "embed:petition"}


def embed_urls(petition):
    petition_url = reverse("embed:petition", kwargs={"slug": petition.slug})
    return [
        "/embed/memorial/",
        "/embed/memorial/?lang=ru&theme=dark&section=figures",
        petition_url,
        petition_url + "?lang=kk&theme=auto",
        reverse("embed:petition", kwargs={"slug": "no-such-petition"}),
    ]


def assert_framable_by(response, ancestors):
    assert_security_headers(response, framable=True)
    policy = csp_directives(response)
    assert policy["frame-ancestors"] == ancestors
    assert policy["form-action"] == ["'none'"], "an embed holds no form"
    assert "X-Frame-Options" not in response


def test_embed_views_may_be_framed_by_any_origin_by_default(client, memorial, petition):
    for url in embed_urls(petition):
        assert_framable_by(client.get(url), ["*"])


def test_frame_ancestors_come_from_the_setting(client, settings, petition):
    settings.EMBED_FRAME_ANCESTORS = ["https://union.example.org", "https://*.news.example"]
    for url in embed_urls(petition):
        assert_framable_by(client.get(url), settings.EMBED_FRAME_ANCESTORS)


def test_every_other_view_refuses_to_be_framed(client, memorial, petition):
    """The URL catalogue names every public pattern; only the two embed views are framable."""
    named = public_urls()
    names = {name for name, _url in named}
    assert names >= FRAMABLE | {"oembed", "memorial_embed_page"}
    for name, url in named:
        response = client.get(url)
        assert response.status_code < 500, (name, url)
        if name in FRAMABLE:
            assert_framable_by(response, ["*"])
        else:
            assert_security_headers(response)
            assert "'self'" not in csp_directives(response)["frame-ancestors"]
    for url in ("/oembed/?url=http://127.0.0.1:8000/en/", "/ru/embed/?section=figures"):
        assert_security_headers(client.get(url))


def test_embed_responses_are_public_short_lived_and_set_no_cookie(client, memorial, petition):
    client.cookies.load({"sessionid": "whatever", "csrftoken": "x" * 32})
    for url in embed_urls(petition):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert "public" in cache_control
        max_age = next(int(part[8:]) for part in cache_control if part.startswith("max-age="))
        assert 0 < max_age <= 300
        assert "private" not in cache_control and "no-store" not in cache_control
        assert "Set-Cookie" not in response and not response.cookies, url
        assert "Vary" not in response, (url, response.get("Vary"))


def test_oembed_answers_are_public_and_readable_from_any_page(client, memorial):
    response = client.get("/oembed/?url=http://127.0.0.1:8000/en/", HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Vary" not in response and "Set-Cookie" not in response
    assert response["Content-Language"] == "en"


def test_the_partner_page_is_a_normal_page(client, memorial, petition):
    response = client.get(reverse("memorial_embed_page"))
    assert response.status_code == 200
    assert_security_headers(response)
    assert response["X-Frame-Options"] == "DENY"
