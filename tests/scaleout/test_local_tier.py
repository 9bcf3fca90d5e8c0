"""The per-process cache tier on the scale-out set-up: two gunicorn hosts on one PostgreSQL
database and one Redis. A change made on host A is shown by every worker of host B once the
window (DJANGO_LOCAL_CACHE_MS) has passed since it was made, whatever B had read before; the
figures' own cache time is long here, so only the version bump can make it show."""

import secrets
import time
from contextlib import ExitStack

import pytest

from tests.campaign.live_client import request
from tests.campaign.live_gunicorn import live_gunicorn, postgres_database
from tests.scaleout.services import POSTGRES, REDIS, redis_prefix, require_postgres_and_redis

pytestmark = pytest.mark.live_server_process

WINDOW_MS = 300
WORKERS = 2


def page_shows(host, path, text):
    """Whether each of several requests to the host (so reaching each of its workers) shows
    text: a list of booleans."""
    return [text in request(host.url, "GET", path)[2].decode() for _ in range(4 * WORKERS)]


def test_a_change_on_host_a_shows_on_every_worker_of_host_b_within_the_window():
    require_postgres_and_redis()
    with ExitStack() as stack:
        prefix = stack.enter_context(redis_prefix("tier"))
        database_url = stack.enter_context(postgres_database(POSTGRES))
        env = {
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS,
            "DJANGO_CACHE_PREFIX": prefix,
            "DJANGO_LOCAL_CACHE_MS": str(WINDOW_MS),
            # Far longer than the test: the page changes because its version does.
            "CAMPAIGN_COUNT_CACHE_SECONDS": "600",
        }
        a, b = (
            stack.enter_context(
                live_gunicorn(
                    workers=WORKERS, env=env, database_url=database_url, shared_database=True
                )
            )
            for _ in range(2)
        )
        a.manage("load_petition")
        slug = a.python(
            "from campaign.petitions.models import Petition; print(Petition.objects.get().slug)"
        ).strip()
        path = f"/en/petitions/{slug}/"
        assert all(page_shows(b, path, "Zhanaozen"))

        # What an edit in the admin does on host A: the row, then the petition's version.
        a.python(
            "from campaign.petitions.models import Petition;"
            "from campaign.petitions import caching;"
            f"Petition.objects.filter(slug={slug!r}).update(title_en='Renamed on host A');"
            f"caching.forget_figures({slug!r})"
        )
        time.sleep(WINDOW_MS / 1000)
        assert all(page_shows(b, path, "Renamed on host A"))
        assert all(page_shows(a, path, "Renamed on host A"))
        counts = request(b.url, "GET", f"/en/petitions/{slug}/count.json")[2].decode()
        assert "Renamed on host A" in counts
