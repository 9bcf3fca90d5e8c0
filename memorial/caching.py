"""Every key the memorial keeps in the shared cache, each under a version (campaign.lib.versioned).

The content version is bumped by every change of a content record (memorial.pagecache), the
candle generation by every new, rejected or deleted candle (memorial.candles); the stored
reading pages and the candle count are filed under them, so they are exact after any change.
"""

from campaign.lib.versioned import Version

CONTENT = Version("memorial:content:version")
CANDLES = Version("memorial:candles:generation")
# Safety nets only: every change through Django files older entries under a stale version.
PAGE_TIMEOUT = 3600
COUNT_TIMEOUT = 24 * 3600


def page_key(versions: list[int], language: str, path_digest: str) -> str:
    """A reading page, by the versions of what it shows, its language and its address."""
    return f"memorial:page:{'-'.join(map(str, versions))}:{language}:{path_digest}"


def candle_count_key() -> str:
    return CANDLES.key("count")
