"""Candles: lighting one, and an exact candle count that costs a cache read, not a COUNT(*).

The count is cached under a generation number that every change bumps after it commits. A
reader that counted just before a new candle committed stores its stale figure under the old
generation, which no one reads again, so the figure shown is always exact.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from memorial.models import Tribute

GENERATION_KEY = "memorial:candles:generation"
COUNT_KEY = "memorial:candles:count:{}"
COUNT_TIMEOUT = 24 * 3600
# Per client: a candle a minute is plenty for a person; the day limit stops a script.
LIMITS = [(3, 60), (20, 24 * 3600)]


def generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh start value, so a count left under an old number is never read by mistake.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def candle_count():
    key = COUNT_KEY.format(generation())
    count = cache.get(key)
    if count is None:
        count = Tribute.objects.counted().count()
        cache.set(key, count, COUNT_TIMEOUT)
    return count


def invalidate_count():
    def bump():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.delete(GENERATION_KEY)

    transaction.on_commit(bump)


def light_candle(first_name, message, language):
    tribute = Tribute.objects.create(
        first_name=first_name.strip(), message=message.strip(), language=language
    )
    invalidate_count()
    return tribute


def moderate(tributes, state):
    """Approve or reject candles; the count changes when a candle is rejected or restored."""
    changed = tributes.exclude(state=state).update(state=state, moderated_at=timezone.now())
    if changed:
        invalidate_count()
    return changed
