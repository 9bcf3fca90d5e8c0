"""Every key the petition app keeps in the shared cache.

A petition's public figures (its count, its stats, the stored page and count.json in each
language, the map) and the petition a POST signs are filed under that petition's version
(campaign.lib.versioned): forgetting them all, after a moderation action or an edit in the
admin, is one increment. They also expire after CAMPAIGN_COUNT_CACHE_SECONDS (the map after
MAP_SECONDS), so figures follow new signatures within seconds without any bump. The
dashboard's figures are the staff's, cached a minute and never bumped.
"""

from campaign.lib.versioned import Version

MAP_SECONDS = 300
DASHBOARD_SECONDS = 60


def figures(slug: str) -> Version:
    return Version(f"campaign:petition:{slug}:version")


def forget_figures(slug: str) -> None:
    figures(slug).bump()


def petition_key(slug: str) -> str:
    return figures(slug).key("petition")


def count_key(slug: str) -> str:
    return figures(slug).key("count")


def stats_key(slug: str) -> str:
    return figures(slug).key("stats")


def page_key(slug: str, language: str) -> str:
    """The petition page as rendered for anonymous visitors."""
    return figures(slug).key("page", language)


def count_json_key(slug: str, language: str) -> str:
    return figures(slug).key("count-json", language)


def map_key(slug: str, language: str) -> str:
    return figures(slug).key("map", language)


def dashboard_key(kind: str, days: int, petition_id: int | None = None) -> str:
    return f"campaign:dashboard:{kind}:{days}:{petition_id or 'all'}"
