"""What the petition page shows about its signers, read cheaply and cached briefly.

Everything comes from the count shards (a few dozen rows) and one indexed query for the
newest public signers: never a COUNT(*) over the signatures.
"""

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum

from campaign.petitions import caching
from campaign.petitions.models import Petition, Signature

# Countries with fewer signers than this are shown together as "other countries", so that
# a lone signer from a small country cannot be picked out.
MIN_COUNTRY_SIGNERS = 5
RECENT_SIGNERS = 10


def country_counts(petition: Petition) -> tuple[list[tuple[str, int]], int]:
    """(shown, other): [(code, count)] largest first for countries with enough signers, and
    the total of the rest."""
    rows = (
        petition.count_shards.values("country")
        .annotate(total=Sum("count"))
        .filter(total__gt=0)
        .order_by("-total", "country")
    )
    shown, other = [], 0
    for row in rows:
        if row["total"] >= MIN_COUNTRY_SIGNERS:
            shown.append((row["country"], row["total"]))
        else:
            other += row["total"]
    return shown, other


def recent_signers(petition: Petition) -> list[dict[str, Any]]:
    rows = (
        petition.signatures.public()
        .values("name", "city", "country", "comment", "comment_state", "confirmed_at")
        .order_by("-confirmed_at", "-pk")[:RECENT_SIGNERS]
    )
    return [
        {
            **row,
            "comment": row["comment"]
            if row["comment_state"] == Signature.CommentState.APPROVED
            else "",
        }
        for row in rows
    ]


def petition_stats(petition: Petition) -> dict[str, Any]:
    """Total, counts by country and recent public signers, shared by every worker for
    CAMPAIGN_COUNT_CACHE_SECONDS."""
    key = caching.stats_key(petition.slug)
    stats = cache.get(key)
    if stats is None:
        shown, other = country_counts(petition)
        stats = {
            "total": sum(count for _code, count in shown) + other,
            "countries": shown,
            "other": other,
            "recent": recent_signers(petition),
        }
        cache.set(key, stats, settings.CAMPAIGN_COUNT_CACHE_SECONDS)
    return stats
