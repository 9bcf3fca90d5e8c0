"""A restore forgets this site's cache entries, and only this site's: the Redis server may
hold other sites' keys (or another deployment's under another prefix)."""

import redis
from django.core.cache.backends.redis import RedisCache

from campaign.backups.caches import forget
from campaign.cache import TieredRedisCache
from tests.scaleout.services import REDIS, redis_prefix, require


def test_only_keys_under_this_sites_prefix_are_deleted():
    require("Redis", lambda: redis.Redis.from_url(REDIS, socket_timeout=3).ping(), "this test")
    client = redis.Redis.from_url(REDIS)
    with redis_prefix("backups-site") as mine, redis_prefix("backups-other") as other:
        # A prefix holding Redis's pattern characters must match only itself.
        ours = TieredRedisCache(REDIS, {"KEY_PREFIX": f"{mine}*[a]?", "VERSION": 3})
        theirs = RedisCache(REDIS, {"KEY_PREFIX": other})
        lookalike = RedisCache(REDIS, {"KEY_PREFIX": f"{mine}x[a]y"})
        for number in range(1200):
            ours.set(f"ratelimit:sign:{number}", number)
        ours.set("old-release", 1, version=2)
        theirs.set("ratelimit:sign:1", 1)
        lookalike.set("ratelimit:sign:1", 1)
        client.set("no-prefix-at-all", 1)
        try:
            forget(ours)

            assert ours.get("ratelimit:sign:7") is None
            assert ours.get("old-release", version=2) is None
            assert client.keys(f"{mine}\\*\\[a\\]\\?:*") == []
            assert theirs.get("ratelimit:sign:1") == 1
            assert lookalike.get("ratelimit:sign:1") == 1
            assert client.get("no-prefix-at-all") == b"1"
        finally:
            client.delete("no-prefix-at-all")
            for key in client.scan_iter(f"{mine}*"):
                client.delete(key)
