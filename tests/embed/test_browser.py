"""The embed in Chromium, framed by a partner's page on another origin.

The host page holds exactly what WordPress makes of our oEmbed HTML (a sandboxed iframe with
a secret) and a stand-in for WordPress's host script; a second page uses our own embed.js.
"""

import json
from urllib.parse import urlencode, urlsplit

import pytest
from django.test import Client

from tests.embed.host_site import host_site, page
from tests.embed.wordpress import HOST_SCRIPT, filter_oembed_result

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "Zx9Kq2Lm7P"


@pytest.fixture
def site(live_server, settings, memorial, petition):
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.fixture
def partner():
    with host_site() as server:
        yield server


def wordpress_html(site, page_url):
    response = Client().get("/oembed/?" + urlencode({"url": site + page_url}))
    return filter_oembed_result(json.loads(response.content)["html"], SECRET)


def messages(browser_page, key, value):
    return browser_page.evaluate(
        "([key, value]) => window.received.filter(m => m.data && m.data[key] === value)",
        [key, value],
    )


def origins_requested(browser_page):
    return {
        f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
        for url in browser_page.requested
        if urlsplit(url).scheme in ("http", "https")
    }


def test_wordpress_frames_the_memorial_which_resizes_itself(site, partner, page_watch):
    browser_page = page_watch
    host = partner.serve("/post/", page(wordpress_html(site, "/en/"), HOST_SCRIPT))
    browser_page.goto(host)
    browser_page.wait_for_function(
        "window.received.some(m => m.data && m.data.message === 'height')"
    )
    frame = browser_page.frame_locator("iframe[data-secret]")
    for name in ("Aidar Example", "Berik Example", "Dana Example"):
        assert frame.get_by_role("link", name=name).is_visible()
    iframe = browser_page.locator("iframe[data-secret]")
    assert iframe.get_attribute("sandbox") == "allow-scripts"
    assert iframe.get_attribute("style") is None, "WordPress shows the frame once it speaks"
    assert browser_page.locator("blockquote").is_hidden()

    heights = messages(browser_page, "message", "height")
    assert all(m["origin"] == "null" and m["data"]["secret"] == SECRET for m in heights)
    content_height = frame.locator("body").evaluate("b => b.getBoundingClientRect().height")
    reported = heights[-1]["data"]["value"]
    assert abs(reported - content_height) <= 1
    assert iframe.get_attribute("height") == str(min(1000, max(200, reported)))
    ours = messages(browser_page, "type", "zhanaozen-embed")
    assert ours and ours[-1]["data"] == {
        "type": "zhanaozen-embed",
        "event": "height",
        "height": reported,
    }
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.problems == []
    assert origins_requested(browser_page) == {partner.url, site}


def test_a_click_in_the_sandboxed_frame_opens_our_page_on_top(site, partner, page_watch):
    browser_page = page_watch
    host = partner.serve("/post/", page(wordpress_html(site, "/en/"), HOST_SCRIPT))
    browser_page.goto(host)
    browser_page.wait_for_function(
        "window.received.some(m => m.data && m.data.message === 'height')"
    )
    frame = browser_page.frame_locator("iframe[data-secret]")
    with browser_page.expect_navigation():
        frame.get_by_role("link", name="Aidar Example").click()
    assert browser_page.url == site + "/en/people/aidar-example/"
    assert browser_page.problems == []


def test_embed_js_sizes_our_frames_on_any_site(site, partner, page_watch):
    browser_page = page_watch
    body = (
        f'<iframe id="memorial" src="{site}/embed/memorial/?lang=ru&amp;section=people"'
        ' sandbox="allow-scripts" width="600" height="150" title="Memorial"></iframe>'
        f'<iframe id="petition" src="{site}/embed/petition/inquiry/?lang=kk&amp;theme=dark"'
        ' width="600" height="150" title="Petition"></iframe>'
        f'<script async src="{site}/static/embed.js"></script>'
    )
    record = (
        "window.received = [];"
        "addEventListener('message', e => received.push({origin: e.origin, data: e.data}));"
    )
    browser_page.goto(partner.serve("/article/", page(body, record)))
    for frame_id in ("memorial", "petition"):
        frame = browser_page.frame_locator(f"#{frame_id}")
        content = frame.locator("body")
        content.wait_for()
        height = content.evaluate("body => Math.ceil(body.getBoundingClientRect().height)")
        browser_page.wait_for_function(
            "([id, height]) => document.getElementById(id).height === String(height)",
            arg=[frame_id, height],
        )
    assert browser_page.frame_locator("#memorial").get_by_text("Айдар Пример").is_visible()
    assert browser_page.frame_locator("#petition").get_by_text("3", exact=True).is_visible()
    origins = {m["origin"] for m in messages(browser_page, "type", "zhanaozen-embed")}
    assert origins == {"null", site}, "the sandboxed frame speaks from an opaque origin"
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.problems == []


@pytest.mark.parametrize("path", ["/en/", "/en/embed/", "/oembed/?url=x"])
def test_our_other_pages_refuse_to_be_framed(site, partner, page_watch, path):
    browser_page = page_watch
    body = f'<iframe sandbox="allow-scripts" src="{site}{path}" title="Not embeddable"></iframe>'
    browser_page.goto(partner.serve("/steal/", page(body)))
    browser_page.wait_for_load_state("networkidle")
    framed = browser_page.frames[1]
    assert framed.url == "chrome-error://chromewebdata/", "Chromium's blocked-frame page"
    assert "Zhanaozen" not in framed.content()
    assert any("frame-ancestors 'none'" in problem for problem in browser_page.problems), (
        browser_page.problems
    )


def test_partner_page_preview_follows_the_options_and_copies_the_code(site, page_watch):
    browser_page = page_watch
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    browser_page.goto(site + "/en/embed/")
    preview = browser_page.locator("#embed-preview")
    browser_page.frame_locator("#embed-preview").get_by_text("Aidar Example").wait_for()
    browser_page.wait_for_function("document.getElementById('embed-preview').height !== '700'")
    assert browser_page.locator("[data-embed-apply]").is_hidden(), "no reload button with JS"

    browser_page.select_option("#embed-lang", "ru")
    browser_page.select_option("#embed-theme", "dark")
    browser_page.select_option("#embed-section", "people")
    expected = "?lang=ru&theme=dark&section=people"
    assert preview.get_attribute("src") == "/embed/memorial/" + expected
    browser_page.frame_locator("#embed-preview").get_by_text("Айдар Пример").wait_for()
    code = browser_page.locator("#embed-code").input_value()
    assert f'<iframe src="{site}/embed/memorial/{expected.replace("&", "&amp;")}"' in code
    assert "/embed/petition/inquiry/?lang=ru&amp;theme=dark" in (
        browser_page.locator("#embed-petition-code").input_value()
    )
    assert browser_page.locator("#embed-wordpress-link").inner_text() == site + "/ru/"
    assert browser_page.url == site + "/en/embed/" + expected

    browser_page.get_by_role("button", name="Copy the code").first.click()
    browser_page.get_by_role("status").get_by_text("Copied.").wait_for()
    assert browser_page.evaluate("navigator.clipboard.readText()") == code
    assert browser_page.problems == []
