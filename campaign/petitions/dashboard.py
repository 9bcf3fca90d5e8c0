"""The campaign's figures for the admin dashboard: a few grouped queries, cached a minute.

Signatures per day come from one GROUP BY over the chosen period; signatures by country from
the count shards (exact, a few dozen rows); the queues from indexes over the waiting rows.
"""

from collections import Counter
from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Count, Sum
from django.utils import timezone

from campaign.lib.moderation import dashboard_queues
from campaign.petitions import caching
from campaign.petitions.models import Signature, SignatureCountShard
from campaign.petitions.timebuckets import local_day, parse_hour, utc_hour

PERIODS = (7, 30, 90, 365)
DEFAULT_PERIOD = 30


def period_days(value):
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_PERIOD
    return days if days in PERIODS else DEFAULT_PERIOD


def _per_day(rows, days, states):
    """{state: [count for each local day]} and the days, oldest first, empty days included.

    Rows are counted per UTC hour in SQL (see campaign.petitions.timebuckets) and the hours are
    added up into local days here.
    """
    today = timezone.localdate()
    dates = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
    since = timezone.make_aware(datetime.combine(dates[0], time.min))
    counts = Counter()
    for hour, state, n in (
        rows.filter(created_at__gte=since)
        .annotate(hour=utc_hour("created_at"))
        .values_list("hour", "state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[(local_day(parse_hour(hour)), state)] += n
    series = {state: [counts[(day, state)] for day in dates] for state in states}
    return dates, series


def signature_figures(days, petition=None):
    key = caching.dashboard_key("signatures", days, petition and petition.pk)
    figures = cache.get(key)
    if figures is not None:
        return figures
    rows = Signature.objects.all()
    shards = SignatureCountShard.objects.all()
    if petition is not None:
        rows = rows.filter(petition=petition)
        shards = shards.filter(petition=petition)
    dates, series = _per_day(rows, days, Signature.State.values)
    totals = {state: sum(values) for state, values in series.items()}
    confirmed, waiting = totals[Signature.State.CONFIRMED], totals[Signature.State.PENDING]
    countries = list(
        shards.values("country")
        .annotate(total=Sum("count"))
        .filter(total__gt=0)
        .order_by("-total", "country")
        .values_list("country", "total")
    )
    figures = {
        "dates": dates,
        "series": series,
        "totals": totals,
        # Of the signatures made in the period and not rejected, the share confirmed.
        "confirmation_percent": (
            round(100 * confirmed / (confirmed + waiting), 1) if confirmed + waiting else None
        ),
        "countries": countries,
        "confirmed_total": sum(total for _code, total in countries),
    }
    cache.set(key, figures, caching.DASHBOARD_SECONDS)
    return figures


def activity_figures(activity, days):
    """Per-day figures of records another app registered (campaign.lib.moderation.Activity)."""
    key = caching.dashboard_key(activity.key, days)
    figures = cache.get(key)
    if figures is None:
        dates, series = _per_day(activity.rows(), days, activity.states.values)
        figures = {
            "dates": dates,
            "series": series,
            "totals": {state: sum(values) for state, values in series.items()},
            "counted_total": activity.counted(),
        }
        cache.set(key, figures, caching.DASHBOARD_SECONDS)
    return figures


def queues():
    """What waits for a moderator now (not cached: moderators watch it go down), in every
    registered queue: [(queue, count)]."""
    return [(queue, queue.count()) for queue in dashboard_queues()]
