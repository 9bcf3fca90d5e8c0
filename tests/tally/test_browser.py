"""The tally page in Chromium: no serious or critical axe violation on a desktop or a phone,
in the three languages, and nothing asked of another host, nothing refused by the CSP."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from campaign.tally import chain
from tests.accessibility.test_axe import WIDTHS, violations
from tests.tally.conftest import DAYS, at, confirm_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tally_urls(petition):
    for n, day in enumerate(DAYS):
        confirm_on(petition, at(day), n + 1)
    chain.record(DAYS[-1])
    urls = {}
    for language in ["en", "ru", "kk"]:
        with translation.override(language):
            urls[language] = reverse("tally:page", kwargs={"slug": petition.slug})
    return urls


@pytest.mark.parametrize("width", WIDTHS, ids=str)
def test_the_page_passes_axe_and_stays_on_this_site(tally_urls, live_server, page_watch, width):
    page_watch.set_viewport_size(dict(zip(["width", "height"], WIDTHS[width], strict=True)))
    found = []
    for url in tally_urls.values():
        assert page_watch.goto(live_server.url + url).status == 200, url
        page_watch.wait_for_load_state("networkidle")
        # Our CSP refuses axe's inline script: read the requests and problems before it runs.
        hosts = {urlsplit(address).netloc for address in page_watch.requested}
        assert hosts == {urlsplit(live_server.url).netloc}, hosts
        assert page_watch.problems == [], page_watch.problems
        found += [f"{url} {problem}" for problem in axe_violations(page_watch)]

    assert found == [], "\n".join(found)


def axe_violations(page):
    """axe in a context of its own that bypasses the CSP, on the page as loaded."""
    context = page.context.browser.new_context(viewport=page.viewport_size, bypass_csp=True)
    checked = context.new_page()
    checked.goto(page.url)
    try:
        return violations(checked)
    finally:
        context.close()
