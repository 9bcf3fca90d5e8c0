"""Server errors per hour, counted from the log as the app writes it.

Django logs every response of 500 or more to the `django.request` logger (an exception's
traceback, or a view's 503) in whichever worker answered it. `ServerErrorCounter`, a handler on
that logger (settings.LOGGING), adds one to the current hour's count in the shared cache, so
every worker and every host adds to the same figures. nginx's own 502 and 504, when gunicorn
does not answer at all, never reach the app: they are in nginx's access log.
"""

import contextlib
import logging
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone

HOURS_KEPT = 24
# The counts are plain numbers, readable by any release: a fixed cache version keeps them
# across an upgrade, which changes every other key's version (campaign/release.py).
VERSION = 1


def hour_key(hour: datetime) -> str:
    return f"ops:5xx:{hour:%Y%m%d%H}"


def this_hour() -> datetime:
    return timezone.now().replace(minute=0, second=0, microsecond=0)


def count_one() -> None:
    key = hour_key(this_hour())
    # add() is a no-op when the key exists, incr() is atomic on Redis and DiskCache.
    cache.add(key, 0, timeout=(HOURS_KEPT + 1) * 3600, version=VERSION)
    cache.incr(key, version=VERSION)


def per_hour(hours: int = HOURS_KEPT) -> list[tuple[datetime, int]]:
    """(start of the hour, server errors in it) for the last `hours` hours, newest first."""
    now = this_hour()
    starts = [now - timedelta(hours=back) for back in range(hours)]
    counts = cache.get_many([hour_key(start) for start in starts], version=VERSION)
    return [(start, counts.get(hour_key(start), 0)) for start in starts]


class ServerErrorCounter(logging.Handler):
    """Counts the `django.request` records of a 5xx response."""

    def emit(self, record: logging.LogRecord) -> None:
        status = getattr(record, "status_code", None)
        if status is None or status < 500:
            return
        # The cache failing is what some of these errors are about: the error itself is still
        # logged (the console handler), /healthz/ reports the cache, and a traceback of the
        # count's failure after each one would only double the log of an outage.
        with contextlib.suppress(Exception):
            count_one()
