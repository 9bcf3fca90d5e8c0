"""A visitor walks home -> timeline -> a person -> sources in Chromium, without errors."""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# `content` comes first: it must load while no Playwright event loop runs in this thread, or
# Django opens a second connection there that outlives the test and blocks dropping the
# PostgreSQL test database.
def test_home_timeline_person_sources(content, live_server, page_watch):
    page = page_watch
    assert page.goto(live_server.url + "/en/").status == 200
    assert page.locator("h1").inner_text() == "Zhanaozen, 16 December 2011"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Timeline").click()
    page.wait_for_url("**/en/timeline/")
    assert page.locator("#strike-begins time").inner_text() == "May 2011"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    page.wait_for_url("**/en/people/")
    assert page.locator(".memorial-unnamed-list li").count() == 15
    page.get_by_role("link", name="Torebek Tolegenov").click()
    page.wait_for_url("**/en/people/torebek-tolegenov/")
    assert page.locator("h1").inner_text() == "Torebek Tolegenov"

    # The official count comes first; the campaigning source that names him after it.
    page.locator(".memorial-cites a").first.click()
    page.wait_for_url("**/en/sources/#source-reuters-2012-01-26")
    target = page.locator("#source-reuters-2012-01-26")
    assert "Reuters" in target.inner_text()
    assert target.evaluate("el => el.matches(':target')")

    own = urlsplit(live_server.url).netloc
    assert [url for url in page.requested if urlsplit(url).netloc not in (own, "")] == []
    assert page.problems == []


def test_people_search_and_candle_work_without_javascript(content, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/ru/people/")
    page.fill("#people-q", "Ergazev")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Жанбыр Ергазев" in page.locator("main").inner_text()

    page.goto(live_server.url + "/en/candles/")
    page.fill("#id_first_name", "Aigul")
    page.fill("#id_message", "We remember.")
    page.locator(".memorial-candle-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "1 candle lit in memory." in page.locator("#candle-count").inner_text()
    # The honeypot sits off screen, where no person sees it.
    box = page.locator("#id_website").bounding_box()
    assert box["x"] + box["width"] < 0
    context.close()
