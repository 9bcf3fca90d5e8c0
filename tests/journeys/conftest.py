"""Journeys: what people do on the site, end to end, on the production stack.

Every journey runs on both set-ups of tests/journeys/sites.py (the `site` fixture, ids
`embedded` and `scaleout`), in real headless Chromium with one browser context per visitor,
its e-mail going over SMTP to the sink of tests/journeys/mail_sink.py.

The servers start once per set-up for the whole run (session scope; pytest runs every journey
on one set-up before it starts the other), so the journeys share a site as visitors do: each
works with addresses and names of its own and measures counts from where it found them.

They run once per `make test`, in a stage of their own (`make journeys`), not in the SQLite
and PostgreSQL passes: they choose their own databases (a SQLite file, a fresh PostgreSQL
database) whatever DATABASE_URL a pass sets, so running them in both would only take twice the
time. Without Chromium, PostgreSQL or Redis they are skipped with a message, except in CI.
"""

import pytest

from tests.conftest import require_chromium
from tests.journeys.mail_sink import mail_sink
from tests.journeys.sites import embedded_site, scaleout_site
from tests.journeys.staff import create_accounts
from tests.journeys.visitors import Visitor

TOPOLOGIES = {"embedded": embedded_site, "scaleout": scaleout_site}


@pytest.fixture(scope="session")
def mail():
    with mail_sink() as sink:
        yield sink


@pytest.fixture(scope="session", params=list(TOPOLOGIES))
def site(request, mail):
    # Before starting servers that no browser would visit.
    require_chromium()
    with TOPOLOGIES[request.param](mail.env) as started:
        yield started


@pytest.fixture(scope="session")
def staff(site):
    return create_accounts(site)


@pytest.fixture
def visitors(browser, site):
    """`new(host, language="en", **context_options)`: a visitor in a browser context of their
    own (cookies, cache and tabs shared with nobody)."""
    contexts = []

    def new(host, language="en", **context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        return Visitor(context.new_page(), site, host, language)

    yield new
    for context in contexts:
        context.close()
