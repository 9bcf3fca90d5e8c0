"""Rate limits kept in the shared cache, so every worker and every host sees the same counts.

Clients are known only by a keyed digest of their IP (campaign.digests.client_digest); a raw
address never reaches the cache or the logs. Usage:

    if not hit(f"sign:{client_digest(request)}", limit=10, window=60):
        return too_many_requests(request)
"""

import time

from django.core.cache import cache
from django.shortcuts import render

from campaign.digests import client_digest


def bucket_key(key, window, now=None):
    return f"ratelimit:{key}:{window}:{int((now or time.time()) // window)}"


def used(key, window):
    """How many hits `key` has had in the current window, without counting one more."""
    return cache.get(bucket_key(key, window), 0)


def hit(key, limit, window):
    """Count one request against `key`; True while at most `limit` fell in this window.

    Fixed windows aligned to `window` seconds; each counter expires when its window ends. The
    configured caches (Redis, DiskCache, and local memory in tests) increment atomically and
    keep an entry's expiry on incr(), so concurrent workers never lose a hit.
    """
    now = time.time()
    cache_key = bucket_key(key, window, now)
    expires = int(window - now % window) + 1
    # Most signers come once, so try the first-of-the-window write before the increment.
    count = 1
    if not cache.add(cache_key, 1, expires):
        try:
            count = cache.incr(cache_key)
        except ValueError:
            # The window ended between the two calls; this hit opens the next one.
            cache.add(cache_key, 1, expires)
    return count <= limit


def within(key, limits):
    """Count one hit on `key` under each (limit, window); True if all allow it.

    Every limit is counted, even after one has refused, so a client that keeps hammering
    stays refused for the whole of the longest window.
    """
    results = [hit(key, limit, window) for limit, window in limits]
    return all(results)


def client_within(request, scope, limits):
    """Count this request for the client (its keyed IP digest) under each (limit, window)."""
    return within(f"{scope}:client:{client_digest(request)}", limits)


def too_many_requests(request, *, retry_after=60, template_name="429.html", context=None):
    """A 429 page that says what happened and what to do (templates/429.html by default)."""
    response = render(request, template_name, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response
