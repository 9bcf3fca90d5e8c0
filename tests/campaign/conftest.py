import pytest
from django.core.cache import cache
from django.utils import translation

from tests.campaign.live_gunicorn import live_gunicorn

# Limits high enough that a concurrency test measures races, not the rate limiter.
UNLIMITED = {
    "CAMPAIGN_SIGN_BURST_LIMIT": "100000",
    "CAMPAIGN_SIGN_DAILY_LIMIT": "100000",
    "CAMPAIGN_EMAIL_DAILY_LIMIT": "100000",
}


@pytest.fixture(scope="module")
def gunicorn_server():
    """gunicorn with campaign.settings (4 workers) on loopback, its own fresh database."""
    with live_gunicorn(workers=4, env=UNLIMITED) as server:
        yield server


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters, cached counts and the active language (which a request under
    /ru/ leaves behind) must not leak from one test into the next."""
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()
