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


CONTRAST_JS = """
(selectors) => {
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      if (!el.offsetParent || !el.textContent.trim()) continue;
      const a = lum(parse(getComputedStyle(el).color)), b = lum(background(el));
      out.push([selector, el.textContent.trim().slice(0, 30),
                (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
    }
  }
  return out;
}
"""


def test_text_contrast_meets_wcag_aa(live_server, page_watch):
    page = page_watch
    page.goto(live_server.url + "/en/")
    selectors = [
        "main p",
        "main a",
        "main h1",
        "main h2",
        ".site-nav a",
        ".site-title",
        ".site-footer p",
        ".language-switcher a",
        ".text-muted",
        "main li",
    ]
    measured = page.evaluate(CONTRAST_JS, selectors)
    assert len(measured) > 10
    too_low = [m for m in measured if m[2] < 4.5]
    assert too_low == []
