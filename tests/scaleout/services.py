"""The shared services of the scale-out set-up, PostgreSQL and Redis, for the tests that run it
(tests/scaleout, tests/journeys): where they are, and a skip or a failure when one is missing."""

import os
import secrets
from contextlib import contextmanager

import psycopg
import pytest
import redis

POSTGRES = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def require(service, check, needed_by="the scale-out test"):
    """Skip when `check()` raises, except in CI, where the service must be there."""
    try:
        check()
    except Exception as error:
        if os.environ.get("CI"):
            pytest.fail(f"{service} is needed for {needed_by} in CI: {error}")
        pytest.skip(f"{service} not reachable, {needed_by} skipped: {error}")


def require_postgres_and_redis(needed_by="the scale-out test"):
    require("PostgreSQL", lambda: psycopg.connect(POSTGRES, connect_timeout=3).close(), needed_by)
    require("Redis", lambda: redis.Redis.from_url(REDIS, socket_timeout=3).ping(), needed_by)


@contextmanager
def redis_prefix(name):
    """A cache key prefix of our own in the shared Redis; its keys are deleted on exit."""
    prefix = f"{name}-{secrets.token_hex(4)}"
    try:
        yield prefix
    finally:
        client = redis.Redis.from_url(REDIS)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
