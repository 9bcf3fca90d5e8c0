"""After a restore, the shared cache describes a database that no longer exists.

Its rate-limit counters count forms the restored database never received (and would refuse
a signer whose signature was lost, with no confirmation e-mail), its version numbers and
stored pages show counts from after the snapshot (the candle count for a day), and its
sessions belong to logins the database forgot. None of it can be corrected entry by entry,
so every entry of this site is deleted: with Redis only the keys under this site's
KEY_PREFIX (the server may hold other sites' keys: FLUSHDB would delete them too); any other
backend (DiskCache in var/cache, local memory) holds this site's entries only and is cleared.
"""

import re
from itertools import batched

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache

BATCH = 500


def forget_redis_entries(cache: RedisCache) -> int:
    # Django's keys are "<prefix>:<version>:<key>" (default_key_func), whatever the version.
    client = cache._cache.get_client(write=True)
    # Redis's MATCH is a glob: the prefix's own *, ? or [ must match only themselves.
    pattern = re.sub(r"([\\*?\[\]])", r"\\\1", cache.key_prefix) + ":*"
    deleted = 0
    for keys in batched(client.scan_iter(match=pattern, count=BATCH), BATCH):
        deleted += client.delete(*keys)
    return deleted


def forget(cache: BaseCache) -> None:
    if isinstance(cache, RedisCache):
        forget_redis_entries(cache)
    else:
        cache.clear()


def forget_all() -> None:
    """Every configured cache's entries of this site."""
    for cache in caches.all():
        forget(cache)
