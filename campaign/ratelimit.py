"""Rate limits kept in the shared cache, so every worker and every host sees the same counts.

Clients are known only by a keyed digest of their IP (campaign.digests.client_digest); a raw
address never reaches the cache or the logs. Usage:

    if not hit(f"sign:{client_digest(request)}", limit=10, window=60):
        return too_many_requests(request)
"""

import time

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.shortcuts import render

from campaign.digests import client_digest


def bucket_key(key, window, now=None):
    return f"ratelimit:{key}:{window}:{int((now or time.time()) // window)}"


def used(key, window):
    """How many hits `key` has had in the current window, without counting one more."""
    return cache.get(bucket_key(key, window), 0)


def hit(key, limit, window):
    """Count one request against `key`; True while at most `limit` fell in this window.

    Fixed windows aligned to `window` seconds; each counter expires when its window ends.
    Redis increments atomically. Other backends read then write: Django's generic incr() would
    reset the expiry to the default timeout (a daily counter would vanish after five idle
    minutes), so the expiry is set here; under a race a request or two more may pass.
    """
    now = time.time()
    cache_key = bucket_key(key, window, now)
    expires = int(window - now % window) + 1
    if isinstance(caches["default"], RedisCache):
        try:
            count = cache.incr(cache_key)
        except ValueError:
            # First of the window; if another worker created it meanwhile, count on theirs.
            count = 1 if cache.add(cache_key, 1, expires) else cache.incr(cache_key)
    else:
        count = cache.get(cache_key, 0) + 1
        cache.set(cache_key, count, expires)
    return count <= limit


def client_within(request, scope, limits):
    """Count this request for the client under each (limit, window); True if all allow it.

    Every limit is counted, even after one has refused, so a client that keeps hammering
    stays refused for the whole of the longest window. Outside Redis all the windows live in
    one cache entry: one read and one write per request instead of one of each per window.
    """
    key = f"{scope}:client:{client_digest(request)}"
    if isinstance(caches["default"], RedisCache):
        results = [hit(key, limit, window) for limit, window in limits]
        return all(results)
    now = time.time()
    cache_key = f"ratelimit:{key}"
    previous = cache.get(cache_key) or {}
    counts, allowed = {}, True
    for limit, window in limits:
        bucket = int(now // window)
        seen_bucket, seen = previous.get(window, (bucket, 0))
        count = seen + 1 if seen_bucket == bucket else 1
        counts[window] = (bucket, count)
        allowed = allowed and count <= limit
    expires = max(int(window - now % window) + 1 for _limit, window in limits)
    cache.set(cache_key, counts, expires)
    return allowed


def too_many_requests(request, *, retry_after=60, template_name="429.html", context=None):
    """A 429 page that says what happened and what to do (templates/429.html by default)."""
    response = render(request, template_name, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response
