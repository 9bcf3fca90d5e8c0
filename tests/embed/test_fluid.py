"""The code partners paste is fluid: as wide as their column up to our width, never a fixed
600 px that overflows a phone; the partner page's preview is as tall as what it shows."""

import html
import re

import pytest
from django.test import Client
from django.utils import translation

from tests.embed.host_site import host_site, page

CODE = re.compile(r'<textarea[^>]*id="embed-code"[^>]*>(.*?)</textarea>', re.S)


@pytest.fixture(autouse=True)
def language_restored():
    """Requests under /ru/ and /kk/ leave that language active in this thread; the tests
    after these must not render in it."""
    with translation.override(None):
        yield


def partner_code(client, language="en"):
    """The memorial's code as the partner page offers it for copying."""
    response = client.get(f"/{language}/embed/")
    return html.unescape(CODE.search(response.content.decode()).group(1))


def test_the_code_to_paste_is_fluid_up_to_our_width(client, memorial):
    code = partner_code(client)
    frame = re.search(r"<iframe[^>]*>", code).group(0)
    assert 'style="display: block; width: 100%; max-width: 600px; border: 0;"' in frame
    assert "width=" not in frame.replace("max-width", ""), "no fixed width attribute"
    assert 'height="700"' in frame, "a height to start from, before embed.js resizes it"


def test_oembed_keeps_the_attributes_wordpress_lets_through(client, memorial):
    data = client.get("/oembed/?url=http%3A%2F%2F127.0.0.1%3A8000%2Fen%2F").json()
    assert 'width="600" height="700"' in data["html"]
    assert "style=" not in data["html"], "WordPress strips styles from unknown providers"


@pytest.fixture
def site(live_server, settings, memorial, petition):
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "expected"), [(375, 359), (1280, 600)])
def test_pasted_code_fills_a_phone_column_and_stops_at_our_width(site, browser, width, expected):
    code = partner_code(Client(), "ru")
    with host_site() as partner:
        context = browser.new_context(viewport={"width": width, "height": 800})
        browser_page = context.new_page()
        browser_page.goto(partner.serve("/article/", page(code)))
        browser_page.frame_locator("iframe").locator("body").wait_for()
        box = browser_page.locator("iframe").bounding_box()
        reach = browser_page.evaluate("document.documentElement.scrollWidth")
        context.close()
    assert round(box["width"]) == expected  # the body's 8 px margins either side on a phone
    assert reach <= width, "nothing scrolls sideways"


def preview_and_content_heights(browser_page):
    frame = browser_page.locator("#embed-preview").bounding_box()["height"]
    content = (
        browser_page.frame_locator("#embed-preview")
        .locator("html")
        .evaluate("root => root.scrollHeight")
    )
    return frame, content


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [375, 1280])
def test_partner_page_preview_is_as_tall_as_its_content(site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    browser_page = context.new_page()
    browser_page.goto(site + "/en/embed/?section=people")
    browser_page.frame_locator("#embed-preview").get_by_text("Aidar Example").wait_for()
    # embed.js sets the frame's height from the frame's messages; give it a few seconds.
    for _attempt in range(50):
        frame_height, content_height = preview_and_content_heights(browser_page)
        if abs(frame_height - content_height) <= 2:
            break
        browser_page.wait_for_timeout(100)
    column = browser_page.evaluate(
        """() => {
            const column = document.getElementById('embed-preview').parentElement;
            const style = getComputedStyle(column);
            return column.clientWidth - parseFloat(style.paddingLeft)
                - parseFloat(style.paddingRight);
        }"""
    )
    frame_width = browser_page.locator("#embed-preview").bounding_box()["width"]
    context.close()
    assert abs(frame_height - content_height) <= 2, "no blank area under the content"
    assert round(frame_width) == min(600, column)
