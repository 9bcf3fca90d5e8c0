import pytest

from tests.campaign.live_gunicorn import postgres_database
from tests.scaleout.services import POSTGRES, REDIS, redis_prefix, require_postgres_and_redis


@pytest.fixture
def shared_services():
    """A database of its own on the shared PostgreSQL and a key prefix of its own in Redis,
    with the e-mail queued for a worker: what every host of the scale-out set-up is given."""
    require_postgres_and_redis()
    with redis_prefix("scaleout") as prefix, postgres_database(POSTGRES) as database_url:
        yield {
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS,
            "DJANGO_CACHE_PREFIX": prefix,
            "DJANGO_TASKS_BACKEND": "database",
            "CAMPAIGN_COUNT_CACHE_SECONDS": "1",
            "CAMPAIGN_EMAIL_DAILY_LIMIT": "2",
        }
