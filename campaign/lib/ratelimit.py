"""Rate limits kept in the shared cache, so every worker and every host sees the same counts.

Every limit of the site is declared here, in POLICIES, by scope. Clients are known only by a
keyed digest of their IP (campaign.lib.digests.client_digest); a raw address never reaches the
cache or the logs. Usage:

    if not client_allowed(request, "candle"):
        return too_many_requests(request)
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from campaign.lib.digests import client_digest

MINUTE, HOUR, DAY = 60, 3600, 24 * 3600

type Limits = list[tuple[int, int]]

# Browsers' reports of what the Content-Security-Policy blocked: a few per client, and a
# ceiling for all clients together, so that many addresses cannot flood the log either.
CSP_REPORTS_PER_CLIENT_PER_MINUTE = 20
CSP_REPORTS_PER_MINUTE = 600

# Scope: (how many, per how many seconds) pairs, every one counted. Callables, so that the
# figures from settings are read when a hit is counted, not when this module is imported.
POLICIES: dict[str, Callable[[], Limits]] = {
    # Signature forms per client (offices and universities share one address: a generous day),
    # also the check-inbox page's "send it again".
    "sign": lambda: [
        (settings.CAMPAIGN_SIGN_BURST_LIMIT, MINUTE),
        (settings.CAMPAIGN_SIGN_DAILY_LIMIT, DAY),
    ],
    # Signature forms per e-mail address (by digest), from any client.
    "sign-address": lambda: [(settings.CAMPAIGN_EMAIL_DAILY_LIMIT, DAY)],
    # A candle a minute is plenty for a person; the day limit stops a script.
    "candle": lambda: [(3, MINUTE), (20, DAY)],
    "correction": lambda: [(5, HOUR), (20, DAY)],
    "csp-report": lambda: [(CSP_REPORTS_PER_CLIENT_PER_MINUTE, MINUTE)],
    "csp-report-all": lambda: [(CSP_REPORTS_PER_MINUTE, MINUTE)],
}


def bucket_key(key: str, window: int, now: float | None = None) -> str:
    return f"ratelimit:{key}:{window}:{int((now or time.time()) // window)}"


def used(key: str, window: int) -> int:
    """How many hits `key` has had in the current window, without counting one more."""
    return cache.get(bucket_key(key, window), 0)


def _expires(window: int, now: float) -> int:
    return int(window - now % window) + 1


def hit(key: str, limit: int, window: int) -> bool:
    """Count one request against `key`; True while at most `limit` fell in this window.

    Fixed windows aligned to `window` seconds; each counter expires when its window ends. The
    configured caches (Redis, DiskCache, and local memory in tests) increment atomically and
    keep an entry's expiry on incr(), so concurrent workers never lose a hit.
    """
    now = time.time()
    cache_key = bucket_key(key, window, now)
    expires = _expires(window, now)
    # Most signers come once, so try the first-of-the-window write before the increment.
    count = 1
    if not cache.add(cache_key, 1, expires):
        try:
            count = cache.incr(cache_key)
        except ValueError:
            # The window ended between the two calls; this hit opens the next one.
            cache.add(cache_key, 1, expires)
    return count <= limit


def allowed(scope: str, who: str) -> bool:
    """Count one hit for `who` under every limit of the policy `scope`; True if all allow it.

    Every limit is counted, even after one has refused, so a client that keeps hammering
    stays refused for the whole of the longest window. A cache that can count several
    counters in one round trip (campaign.cache.TieredRedisCache.count_hits) does so: a
    signature's limits were otherwise a network round trip each.
    """
    limits = POLICIES[scope]()
    count_hits = getattr(cache, "count_hits", None)
    if count_hits is None:
        results = [hit(f"{scope}:{who}", limit, window) for limit, window in limits]
        return all(results)
    now = time.time()
    counts = count_hits(
        [(bucket_key(f"{scope}:{who}", window, now), _expires(window, now)) for _, window in limits]
    )
    return all(count <= limit for count, (limit, _) in zip(counts, limits, strict=True))


def client_allowed(request: HttpRequest, scope: str) -> bool:
    """`allowed` for the client of this request (its keyed IP digest)."""
    return allowed(scope, f"client:{client_digest(request)}")


def too_many_requests(
    request: HttpRequest,
    *,
    retry_after: int = 60,
    template_name: str = "429.html",
    context: dict[str, object] | None = None,
) -> HttpResponse:
    """A 429 page that says what happened and what to do (templates/429.html by default)."""
    response = render(request, template_name, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response
