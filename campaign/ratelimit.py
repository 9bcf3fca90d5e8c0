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


def bucket_key(key, window):
    return f"ratelimit:{key}:{window}:{int(time.time() // window)}"


def used(key, window):
    """How many hits `key` has had in the current window, without counting one more."""
    return cache.get(bucket_key(key, window), 0)


def hit(key, limit, window):
    """Count one request against `key`; True while at most `limit` fell in this window.

    Fixed windows aligned to `window` seconds. Redis increments atomically; the database cache
    reads then writes, so under a race it may let a request or two more through, never fewer.
    """
    cache_key = bucket_key(key, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # First request of the window. If another worker created the key meanwhile, add()
        # fails and we count on top of theirs.
        if cache.add(cache_key, 1, window + 1):
            count = 1
        else:
            try:
                count = cache.incr(cache_key)
            except ValueError:
                count = 1
    return count <= limit


def client_within(request, scope, limits):
    """Count this request for the client under each (limit, window); True if all allow it.

    Every limit is counted, even after one has refused, so a client that keeps hammering
    stays refused for the whole of the longest window.
    """
    digest = client_digest(request)
    results = [hit(f"{scope}:client:{digest}", limit, window) for limit, window in limits]
    return all(results)


def too_many_requests(request, *, retry_after=60, template_name="429.html", context=None):
    """A 429 page that says what happened and what to do (templates/429.html by default)."""
    response = render(request, template_name, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response
