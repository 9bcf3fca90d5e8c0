"""A response that sets a cookie (every page with a form: it carries a CSRF token) is kept by
no cache; the pages made for every visitor set none and stay public."""

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from campaign.private_responses import PrivateResponseMiddleware
from tests.campaign.factories import make_petition
from tests.urls_catalogue import public_urls

pytestmark = pytest.mark.django_db

# Shared caches may keep these: they never carry anything of one visitor's.
PUBLIC = {"campaign:count_json", "embed:memorial", "embed:petition"}


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def assert_private(response):
    assert {"private", "no-store"} <= directives(response), response.get("Cache-Control")
    assert "public" not in directives(response)


def test_every_public_url_that_sets_a_cookie_is_private_and_no_other_is():
    with_cookie = set()
    for name, url in public_urls():
        response = Client().get(url)
        if response.cookies:
            with_cookie.add(name)
            assert_private(response)
        if name in PUBLIC:
            assert not response.cookies, name
            assert "public" in directives(response), (name, response.get("Cache-Control"))
    # Each form carries a CSRF token, and so sets the cookie.
    assert {"campaign:petition_detail", "campaign:confirm", "memorial:candles"} <= with_cookie


def test_the_petition_page_from_the_shared_store_is_private_to_each_visitor(settings):
    petition = make_petition()
    first, second = (Client().get(petition.get_absolute_url()) for _visitor in range(2))
    name = settings.CSRF_COOKIE_NAME
    for response in (first, second):
        assert response.status_code == 200
        assert response.cookies[name].value
        assert response["Cache-Control"] == "private, no-store"
    assert first.cookies[name].value != second.cookies[name].value


def test_oembed_and_count_json_set_no_cookie_even_for_a_visitor_with_a_csrf_cookie():
    petition = make_petition()
    client = Client()
    client.get(petition.get_absolute_url())
    for url in (
        reverse("campaign:count_json", kwargs={"slug": petition.slug}),
        "/oembed/?url=http://127.0.0.1:8000/en/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "public" in directives(response), url


def respond(cache_control, cookie=True):
    def view(request):
        response = HttpResponse()
        if cache_control:
            response["Cache-Control"] = cache_control
        if cookie:
            response.set_cookie("messages", "x")
        return response

    return PrivateResponseMiddleware(view)(None)


def test_a_public_response_that_sets_a_cookie_becomes_private():
    """A public page (the privacy notice) that deletes the messages cookie it showed."""
    assert respond("public, max-age=3600")["Cache-Control"] == "private, no-store"
    assert respond(None)["Cache-Control"] == "private, no-store"


def test_a_response_no_cache_may_store_keeps_its_header():
    assert respond("no-store")["Cache-Control"] == "no-store"
    never = "max-age=0, no-cache, no-store, must-revalidate, private"
    assert respond(never)["Cache-Control"] == never


def test_a_response_without_cookie_keeps_its_header():
    assert respond("public, max-age=60", cookie=False)["Cache-Control"] == "public, max-age=60"
