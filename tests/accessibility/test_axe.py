"""axe-core on every public page, in English, Russian and Kazakh, on a desktop and a phone.

No page may have a serious or critical violation. The pages show the shipped memorial and
petition with confirmed signers (some named, from several countries) and a candle
with a message, plus the empty petition the URL catalogue makes, so both the full and the
empty states are checked.
"""

from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from campaign.petitions.models import Petition
from memorial.candles import light_candle, moderate
from memorial.models import Tribute
from tests.campaign.factories import make_signature
from tests.urls_catalogue import public_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "axe" / "axe.min.js").read_text(encoding="utf-8")
LANGUAGES = ["en", "ru", "kk"]
WIDTHS = {"desktop": (1280, 800), "phone": (375, 667)}
BLOCKING = {"serious", "critical"}


def pages(language):
    """The HTML pages in `language`: its own prefixed pages, and the unprefixed ones (the
    embeds, which take their language as a parameter). Endpoints that answer no GET with a
    page (feeds, JSON, the CSP report receiver) are left out by asking each URL first."""
    client, urls = Client(), []
    for _name, url in public_urls(language):
        if not url.startswith(f"/{language}/"):
            url += f"{'&' if '?' in url else '?'}lang={language}"
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            urls.append(url)
    return urls


@pytest.fixture
def site_pages(shipped):
    """Every page to check, in each language; read before the browser starts (see
    tests/i18n/test_browser.py on PostgreSQL)."""
    petition = Petition.objects.get(slug="international-inquiry-zhanaozen")
    for number, country in enumerate(["KZ", "KZ", "RU", "DE", "GB", "KZ", "KZ", "KZ"]):
        make_signature(
            petition,
            state="confirmed",
            country=country,
            name=f"Signer {number}",
            city="Aktau",
            show_name=number % 2 == 0,
        )
    candle = light_candle("Aigul", "We remember.", "en")
    moderate(Tribute.objects.filter(pk=candle.pk), Tribute.State.APPROVED)
    with translation.override("en"):
        return {language: pages(language) for language in LANGUAGES}


def violations(page):
    """The loaded page's serious and critical violations, one line for each element."""
    page.add_script_tag(content=AXE)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{rule['id']} ({rule['impact']}) at {node['target']}: "
        + node["failureSummary"].splitlines()[-1].strip()
        for rule in results["violations"]
        if rule["impact"] in BLOCKING
        for node in rule["nodes"]
    ]


@pytest.mark.parametrize("width", WIDTHS, ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_has_a_serious_or_critical_axe_violation(
    site_pages, live_server, browser, language, width
):
    # Our CSP refuses inline scripts, axe's among them; the test context lets it run.
    width_px, height_px = WIDTHS[width]
    context = browser.new_context(
        viewport={"width": width_px, "height": height_px}, bypass_csp=True
    )
    page = context.new_page()
    found, checked = [], 0
    for url in site_pages[language]:
        assert page.goto(live_server.url + url).status == 200, url
        checked += 1
        found += [f"{url} {problem}" for problem in violations(page)]
    context.close()
    assert checked >= 15
    assert found == [], "\n".join(found)
