"""The share box in Chromium: loading the page and using everything in it except the share
links themselves sends no request to any host but the site's own."""

import functools
from urllib.parse import urlsplit

import pytest
from django.db import connections

from tests.campaign.factories import make_petition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Headless Chromium on Linux has no share sheet; this stands in for one and records the call.
FAKE_SHARE_SHEET = """
window.__shared = [];
Object.defineProperty(navigator, 'share', {
  value: data => { window.__shared.push(data); return Promise.resolve(); },
});
"""


def closes_connections(test):
    """Close the database connection Django opened in Playwright's context (PostgreSQL would
    refuse to drop the test database while it is open)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        try:
            return test(*args, **kwargs)
        finally:
            connections.close_all()

    return wrapper


def recorded_page(browser, live_server, init_script=None):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.requested = []
    page.problems = []
    page.on("request", lambda request: page.requested.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(msg.text))
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    return context, page


def foreign(page, live_server):
    own = urlsplit(live_server.url).netloc
    return [url for url in page.requested if urlsplit(url).netloc != own]


def use_everything_but_the_links(page):
    """Hover and focus every share link (as a visitor deciding would), then copy the link."""
    for link in page.locator(".share-links a").all():
        link.hover()
        link.focus()
    page.locator("#share-url").focus()
    page.get_by_role("button", name="Copy link").click()
    page.get_by_role("status").filter(has_text="Link copied").wait_for()
    page.wait_for_load_state("networkidle")


@closes_connections
def test_no_request_leaves_the_site_before_a_click(live_server, browser, settings):
    petition = make_petition(slug="share-petition", title_en="An inquiry now")
    context, page = recorded_page(browser, live_server)
    page.goto(live_server.url + petition.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert page.locator(".share-links a").count() == 6
    # Without a share sheet in the browser, its button stays hidden.
    assert not page.get_by_role("button", name="Share…").is_visible()
    use_everything_but_the_links(page)
    copied = page.evaluate("navigator.clipboard.readText()")
    requested = list(page.requested)
    problems = list(page.problems)
    context.close()

    assert copied == settings.SITE_URL + "/en/petitions/share-petition/"
    assert foreign(page, live_server) == []
    assert any(url.endswith("/static/sharing/share.js") for url in requested)
    assert problems == []


@closes_connections
def test_the_share_sheet_is_offered_where_the_browser_has_one(live_server, browser, settings):
    petition = make_petition(slug="share-sheet", title_en="An inquiry now")
    context, page = recorded_page(browser, live_server, FAKE_SHARE_SHEET)
    page.goto(live_server.url + "/ru" + petition.get_absolute_url()[3:])
    page.wait_for_load_state("networkidle")
    button = page.locator("[data-share-native]")
    assert button.is_visible()
    button.click()
    shared = page.evaluate("window.__shared")
    problems = list(page.problems)
    context.close()

    assert shared == [
        {
            "title": "An inquiry now",
            "text": shared[0]["text"],
            "url": settings.SITE_URL + "/ru/petitions/share-sheet/",
        }
    ]
    assert "An inquiry now" in shared[0]["text"]
    assert foreign(page, live_server) == []
    assert problems == []
