"""Static files carry the site's security headers too; only what partners' pages load (our
embed.js, and the embed's own stylesheet and script in a frame WordPress sandboxes) may be
loaded by other origins. tests/foundation/test_live_headers.py checks the same on gunicorn,
with the hashed names collectstatic gives."""

import re

import pytest
from django.test import Client

from campaign.static_headers import EMBED_ASSETS
from tests.foundation.test_headers import csp_directives, permissions_policy

SITE_FILES = ["css/site.css", "img/favicon.svg", "js/embed-page.js", "bootstrap/css/bootstrap.css"]


def assert_static_security_headers(response):
    """`response`: a Django test response or the headers of a urllib answer."""
    policy = csp_directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["report-uri"] == ["/csp-report/"]
    assert response["X-Frame-Options"] == "DENY"
    assert set(permissions_policy(response).values()) == {"()"}
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", SITE_FILES)
def test_site_static_files_are_same_origin_and_framed_by_nobody(name):
    response = Client().get("/static/" + name)
    assert response.status_code == 200
    assert_static_security_headers(response)
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.parametrize("name", EMBED_ASSETS)
def test_the_embeds_static_files_may_be_loaded_by_any_origin(name):
    response = Client().get("/static/" + name)
    assert response.status_code == 200
    assert_static_security_headers(response)
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_the_embed_loads_only_static_files_other_origins_may_load(client, db):
    """If the embed template starts linking another static file, it must join EMBED_ASSETS,
    or a sandboxed frame will be refused it."""
    page = client.get("/embed/memorial/").content.decode()
    linked = set(re.findall(r'(?:href|src)="/static/([^"]+)"', page))
    assert linked and linked <= set(EMBED_ASSETS)
