"""Candles: lighting one, and an exact candle count that costs a cache read, not a COUNT(*).

The count is cached under a generation number that every change bumps after it commits. A
reader that counted just before a new candle committed stores its stale figure under the old
generation, which no one reads again, so the figure shown is always exact (memorial.caching).
"""

from django.core.cache import cache
from django.utils import timezone

from memorial.caching import CANDLES, COUNT_TIMEOUT, candle_count_key
from memorial.models import Tribute


def generation():
    return CANDLES.current()


def candle_count():
    key = candle_count_key()
    count = cache.get(key)
    if count is None:
        count = Tribute.objects.counted().count()
        cache.set(key, count, COUNT_TIMEOUT)
    return count


def invalidate_count():
    CANDLES.bump_after_commit()


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
