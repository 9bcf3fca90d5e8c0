"""Every key the embed keeps in the shared cache.

The memorial embed shows the memorial's content and its candle count, so it is filed under
their versions (memorial.caching): any change of either renders it afresh. The petition embed
reads the petition's own cached figures and stores nothing of its own.
"""

from memorial.caching import CANDLES, CONTENT, PAGE_TIMEOUT

MEMORIAL_TIMEOUT = PAGE_TIMEOUT


def memorial_key(options_query: str) -> str:
    """The memorial embed for one set of options (their canonical query string)."""
    return f"embed:memorial:{CONTENT.current()}:{CANDLES.current()}:{options_query}"
