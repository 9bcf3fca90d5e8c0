"""Every Kazakh letter is drawn in our own serif, served from this site.

Georgia and Times lack most Kazakh letters, so the browser took them from another font in the
middle of a word. Chromium reports, through its DevTools protocol, which fonts drew a node's
text: for Kazakh text that must be our Noto Serif alone, loaded as a web font.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

KAZAKH_LETTERS = "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І"  # noqa: RUF001 (Cyrillic on purpose)
FONTS = Path(settings.BASE_DIR) / "static" / "fonts" / "noto-serif"


@pytest.fixture(autouse=True)
def language_restored():
    """Requests under /ru/ and /kk/ leave that language active in this thread; the tests
    after these must not render in it."""
    with translation.override(None):
        yield


def fonts_drawing(page, selector):
    """[(family, is a web font, glyphs)] that drew the text of the first node matching."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return [(font["familyName"], font["isCustomFont"], font["glyphCount"]) for font in fonts]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_kazakh_letters_render_in_our_noto_serif(shipped, live_server, page_watch):
    page = page_watch
    page.goto(live_server.url + "/kk/")
    # A paragraph of the page with every Kazakh letter, in the body text's own style.
    page.evaluate(
        """letters => {
            const probe = document.createElement('p');
            probe.id = 'kazakh-letters';
            probe.textContent = letters;
            document.querySelector('main').append(probe);
        }""",
        KAZAKH_LETTERS,
    )
    page.evaluate("document.fonts.ready")
    page.wait_for_function("document.fonts.status === 'loaded'")
    assert fonts_drawing(page, "#kazakh-letters") == [("Noto Serif", True, len(KAZAKH_LETTERS))]
    # The page's own Kazakh text too: its first paragraph and the lead of the call to sign.
    for selector in ("main p", ".memorial-call .lead"):
        assert {(family, web) for family, web, _glyphs in fonts_drawing(page, selector)} == {
            ("Noto Serif", True)
        }, selector
    fetched = [url for url in page.requested if url.endswith(".woff2")]
    assert fetched and all(url.startswith(live_server.url + "/static/fonts/") for url in fetched)
    assert page.problems == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "preloaded"),
    [
        ("en", {"latin-400-normal"}),
        ("ru", {"cyrillic-400-normal"}),
        ("kk", {"cyrillic-400-normal", "cyrillic-ext-400-normal"}),
    ],
)
def test_the_body_fonts_of_each_language_are_preloaded(language, preloaded):
    html = Client().get(f"/{language}/").content.decode()
    links = re.findall(
        r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', html
    )
    assert {re.search(r"noto-serif-(.+)\.woff2", link).group(1) for link in links} == preloaded


def test_the_font_files_and_their_licence_are_ours_to_serve():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "fonts.css").read_text()
    files = set(re.findall(r'url\("\.\./fonts/noto-serif/([^"]+)"\)', css))
    assert files == {path.name for path in FONTS.glob("*.woff2")}
    assert len(files) == 9, "latin, cyrillic, cyrillic-ext; regular, bold, italic"
    assert all("unicode-range" in face for face in css.split("@font-face")[1:])
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text()
    assert not re.search(r"url\(\"?(https?:)?//", css), "every font from this site"
