from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_loads_cleanly_in_chromium(live_server, page_watch):
    page = page_watch
    response = page.goto(live_server.url + "/en/")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.problems == []
    own = urlsplit(live_server.url).netloc
    foreign = [url for url in page.requested if urlsplit(url).netloc not in (own, "")]
    assert foreign == []
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(251, 250, 247)"


def test_layout_fits_a_320px_screen_and_skip_link_comes_first(live_server, page_watch):
    page = page_watch
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/en/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
