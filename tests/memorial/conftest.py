import pytest
from django.core.cache import cache

from memorial.loading import load_memorial


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate limits and the candle count live in the cache; start each test from nothing."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def content(db):
    """The shipped memorial content, as `make run` loads it."""
    load_memorial()
