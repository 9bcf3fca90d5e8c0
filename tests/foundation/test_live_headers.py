"""The headers as a browser gets them from the production set-up: gunicorn with
campaign/gunicorn_conf.py, WhiteNoise serving the files collectstatic hashed."""

import re
import urllib.request

import pytest

from tests.campaign.live_gunicorn import live_gunicorn
from tests.embed.host_site import host_site, page
from tests.foundation.test_static_headers import assert_static_security_headers

pytestmark = pytest.mark.live_server_process


@pytest.fixture(scope="module")
def server():
    with live_gunicorn(workers=1) as live:
        yield live


def get(server, path):
    with urllib.request.urlopen(server.url + path, timeout=10) as response:
        return response.status, response.headers, response.read().decode(errors="replace")


def static_links(html):
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_gunicorn_does_not_name_itself(server):
    for path in ("/healthz/", "/en/", "/static/embed.js"):
        _status, headers, _body = get(server, path)
        assert headers.get_all("Server") is None, (path, headers.get_all("Server"))


def test_hashed_static_files_carry_the_security_headers(server):
    _status, _headers, home = get(server, "/en/")
    linked = static_links(home)
    assert any(re.search(r"/site\.[0-9a-f]{12}\.css$", path) for path in linked), linked
    for path in linked:
        _status, headers, _body = get(server, path)
        assert_static_security_headers(headers)
        assert headers["Cross-Origin-Resource-Policy"] == "same-origin", path


def test_the_embeds_hashed_and_plain_files_may_be_loaded_by_any_origin(server):
    _status, headers, embed = get(server, "/embed/memorial/")
    assert headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    linked = static_links(embed)
    assert len(linked) == 2 and all(re.search(r"\.[0-9a-f]{12}\.", path) for path in linked)
    # The plain address is the one partners paste (<script src=".../static/embed.js">).
    for path in [*linked, "/static/embed.js"]:
        _status, headers, _body = get(server, path)
        assert_static_security_headers(headers)
        assert headers["Cross-Origin-Resource-Policy"] == "cross-origin", path


@pytest.mark.browser
def test_a_partner_page_loads_a_sandboxed_embed_and_embed_js_in_chromium(server, browser):
    """As WordPress frames it: sandboxed, so the frame's origin is opaque and its stylesheet
    and script are cross-origin loads; and embed.js loaded by the partner's page itself.
    (pytest-django's live server serves static files past WhiteNoise: only gunicorn shows
    what browsers get.)"""
    body = (
        f'<iframe id="memorial" src="{server.url}/embed/memorial/" sandbox="allow-scripts"'
        ' width="600" height="150" title="Memorial"></iframe>'
        f'<script src="{server.url}/static/embed.js"></script>'
    )
    with host_site() as partner:
        browser_page = browser.new_page()
        refused = []
        browser_page.on("requestfailed", lambda request: refused.append(request.url))
        browser_page.goto(partner.serve("/article/", page(body)))
        frame = browser_page.frame_locator("#memorial")
        # embed-frame.js posts the frame's height, embed.js sets it.
        browser_page.wait_for_function(
            "document.getElementById('memorial').height !== '150'", timeout=15_000
        )
        # embed.css sets the page's own colours.
        paper = frame.locator("body").evaluate("body => getComputedStyle(body).backgroundColor")
        browser_page.close()
    assert refused == []
    assert paper == "rgb(251, 250, 247)"
