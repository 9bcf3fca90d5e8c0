"""The per-process tier in front of Redis (campaign.cache.TieredRedisCache): two instances on
one Redis stand for two processes (or two hosts); a clock of the test's own stands for time,
so the window is checked exactly and nothing here is timed."""

import pytest
import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT

from campaign.cache import MISSING, LocalTier, TieredRedisCache
from campaign.lib.versioned import Version
from tests.scaleout.services import REDIS, redis_prefix, require_postgres_and_redis

WINDOW = 0.25
PREFIXES = ("campaign:petition:", "memorial:", "embed:")


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def hosts():
    """Two processes' caches on one Redis, under a prefix of the test's own, and their clock."""
    require_postgres_and_redis("the local tier tests")
    clock = Clock()
    with redis_prefix("cache-tier") as prefix:
        caches = []
        for _ in range(2):
            cache = TieredRedisCache(
                REDIS,
                {"KEY_PREFIX": prefix, "LOCAL_SECONDS": WINDOW, "LOCAL_PREFIXES": PREFIXES},
            )
            cache.local = LocalTier(WINDOW, PREFIXES, clock=clock)
            caches.append(cache)
        yield caches, clock


def test_a_change_on_one_host_shows_on_the_other_within_the_window_and_never_later(hosts):
    (a, b), clock = hosts
    a.set("campaign:petition:p:version:1:page:en", "old page")
    assert b.get("campaign:petition:p:version:1:page:en") == "old page"
    a.set("campaign:petition:p:version:1:page:en", "new page")
    # Inside the window B still serves what it read: that is the point of the tier.
    clock.now += WINDOW / 2
    assert b.get("campaign:petition:p:version:1:page:en") == "old page"
    # A sees its own change at once.
    assert a.get("campaign:petition:p:version:1:page:en") == "new page"
    # One window after the change, B serves the new page, and goes on doing so.
    clock.now += WINDOW / 2
    assert b.get("campaign:petition:p:version:1:page:en") == "new page"
    clock.now += 10 * WINDOW
    assert b.get("campaign:petition:p:version:1:page:en") == "new page"


def test_a_page_read_late_in_a_window_does_not_outlive_the_version_it_was_read_under(hosts):
    (a, b), clock = hosts

    def version_of(cache):
        return cache.get("memorial:content:version")

    a.set("memorial:content:version", 1, None)
    a.set("memorial:page:1:en:home", "page of version 1")
    assert version_of(b) == 1
    # Just before the window ends B reads the page filed under the version it holds; then the
    # version is bumped on A.
    clock.now += WINDOW * 0.99
    assert b.get(f"memorial:page:{version_of(b)}:en:home") == "page of version 1"
    assert a.incr("memorial:content:version") == 2
    a.set("memorial:page:2:en:home", "page of version 2")
    # Once the window in which B read them is over, B reads both afresh: the new version and
    # its page, though B read the old page only a moment ago.
    clock.now += WINDOW * 0.02
    assert b.get(f"memorial:page:{version_of(b)}:en:home") == "page of version 2"


def test_a_version_bumped_in_this_process_is_seen_by_it_at_once(hosts):
    (a, _b), _clock = hosts
    version = Version("memorial:content:version")
    from django.core import cache as cache_module

    handler = cache_module.caches
    original = handler["default"]
    handler._connections.default = a
    try:
        before = version.current()
        version.bump()
        assert version.current() == before + 1
    finally:
        handler._connections.default = original


def test_rate_limits_and_other_counters_are_never_held_locally(hosts):
    (a, b), _clock = hosts
    assert a.add("ratelimit:sign:client:x:60:1", 1, 60)
    assert b.incr("ratelimit:sign:client:x:60:1") == 2
    assert a.get("ratelimit:sign:client:x:60:1") == 2
    assert a.incr("ratelimit:sign:client:x:60:1") == 3
    assert b.get("ratelimit:sign:client:x:60:1") == 3
    assert not a.local.entries and not b.local.entries
    with pytest.raises(ValueError):
        a.incr("ratelimit:never:set")


def test_a_held_entry_expires_with_the_timeout_the_shared_cache_was_given(hosts):
    (a, _b), clock = hosts
    a.local = LocalTier(60, PREFIXES, clock=clock)
    a.set("campaign:petition:p:version:1:count", 5, 1)
    assert a.local.get(("campaign:petition:p:version:1:count", a.version)) == 5
    clock.now += 1
    assert a.local.get(("campaign:petition:p:version:1:count", a.version)) is MISSING


def test_what_a_request_changes_in_a_held_object_is_not_seen_by_the_next(hosts):
    (a, _b), _clock = hosts
    a.set("campaign:petition:p:version:1:stats", {"total": 3, "recent": []})
    first = a.get("campaign:petition:p:version:1:stats")
    first["recent"].append("changed by a request")
    assert a.get("campaign:petition:p:version:1:stats") == {"total": 3, "recent": []}


def test_writes_delete_and_touch_reach_the_other_host_within_the_window(hosts):
    (a, b), clock = hosts
    a.set_many({"embed:memorial:1:1:": "x", "embed:memorial:1:1:dark": "y"})
    assert b.get_many(["embed:memorial:1:1:", "embed:memorial:1:1:dark"]) == {
        "embed:memorial:1:1:": "x",
        "embed:memorial:1:1:dark": "y",
    }
    a.delete("embed:memorial:1:1:")
    assert a.get("embed:memorial:1:1:") is None
    assert not a.has_key("embed:memorial:1:1:")
    clock.now += WINDOW
    assert b.get("embed:memorial:1:1:") is None
    assert b.add("embed:memorial:1:1:", "z", DEFAULT_TIMEOUT)
    assert not a.add("embed:memorial:1:1:", "w")
    assert a.get("embed:memorial:1:1:") == "z"


def test_hits_on_several_counters_are_counted_in_one_round_trip_and_expire(hosts, monkeypatch):
    (a, b), _clock = hosts
    raw = redis.Redis.from_url(REDIS)
    counters = [("ratelimit:sign:client:x:60:1", 61), ("ratelimit:sign:client:x:86400:1", 86401)]
    writes = []
    send = redis.connection.AbstractConnection.send_packed_command

    def counted(connection, command, *args, **kwargs):
        writes.append(command)
        return send(connection, command, *args, **kwargs)

    # Connected, and the script loaded, first: only the counting itself is counted.
    a.count_hits([("ratelimit:warm:60:1", 61)])
    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counted)
    assert a.count_hits(counters) == [1, 1]
    assert len(writes) == 1
    monkeypatch.undo()
    assert b.count_hits(counters) == [2, 2]
    assert a.get("ratelimit:sign:client:x:60:1") == 2
    # The expiry is set by the first hit and left alone by the next.
    minute = raw.ttl(a.make_key("ratelimit:sign:client:x:60:1"))
    day = raw.ttl(a.make_key("ratelimit:sign:client:x:86400:1"))
    assert 55 <= minute <= 61
    assert 86395 <= day <= 86401
    assert b.count_hits([("ratelimit:sign:client:x:60:1", 5)]) == [3]
    assert raw.ttl(a.make_key("ratelimit:sign:client:x:60:1")) >= 55


def test_a_process_shares_one_redis_client_per_pool(hosts):
    (a, _b), _clock = hosts
    assert a._cache.get_client("k") is a._cache.get_client("other", write=True)
