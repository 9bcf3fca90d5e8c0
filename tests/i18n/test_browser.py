"""Long Russian and Kazakh words on a 320-pixel phone: no page scrolls sideways."""

import os

import pytest
from django.utils import translation

from memorial.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/timeline/",
    "/people/",
    "/how-many/",
    "/sources/",
    "/candles/",
    "/correction/",
    "/open-data/",
    "/petitions/",
    "/petitions/privacy/",
    "/embed/",
]
# Set to a folder to keep a full-page screenshot of each page (for a person to look at).
SCREENSHOTS = os.environ.get("I18N_SCREENSHOTS")


def overflow(page):
    """How far the widest element reaches past the viewport, in pixels (0 when none does)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            let worst = document.documentElement.scrollWidth - width;
            for (const el of document.querySelectorAll('body *')) {
                const box = el.getBoundingClientRect();
                if (box.width && getComputedStyle(el).visibility !== 'hidden'
                    && !el.closest('.table-responsive, #div_id_website')) {
                    worst = Math.max(worst, box.right - width);
                }
            }
            return Math.round(worst);
        }"""
    )


@pytest.fixture
def person_path(shipped):
    """The person with the longest Kazakh biography, without a language prefix."""
    person = Person.objects.public().order_by("-biography_kk").first()
    with translation.override("en"):
        return person.get_absolute_url().removeprefix("/en")


# The database is read in fixtures listed before `browser`: once Playwright's event loop runs
# in this thread, a query would open a second connection that outlives the test and keeps
# PostgreSQL from dropping the test database.
@pytest.mark.parametrize("language", ["ru", "kk"])
def test_no_page_overflows_a_320_pixel_screen(person_path, live_server, browser, language):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for path in [*PAGES, person_path]:
        url = f"{live_server.url}/{language}{path}"
        assert page.goto(url).status == 200, url
        if (reach := overflow(page)) > 0:
            wide[path] = reach
        if SCREENSHOTS:
            name = f"{language}{path.replace('/', '_')}.png"
            page.screenshot(path=os.path.join(SCREENSHOTS, name), full_page=True)
    context.close()
    assert wide == {}
