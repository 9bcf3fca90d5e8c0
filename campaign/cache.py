import gc
import sqlite3

from diskcache import DjangoCache, FanoutCache
from django.core.cache.backends.base import BaseCache


class PersistentDiskCache(DjangoCache):
    """DiskCache that keeps its SQLite connections open from one request to the next.

    Django closes every cache when a request finishes. DiskCache would then reconnect to each
    of its shards on the next request and re-read its settings: measured, that was most of the
    SQL a sign POST ran. Each gunicorn worker is one thread, so one connection per shard is
    all it ever holds.

    The shards are opened on first use, not when Django builds the cache: opening writes each
    shard's settings, so it fails while var/cache cannot be written, and the session middleware
    builds the cache on every request, /healthz/ included. Opened lazily, only what uses the
    cache fails, the health check can say so, and the next use tries again.
    """

    def __init__(self, directory, params):
        # BaseCache's, not DjangoCache's: that one opens the shards at once.
        BaseCache.__init__(self, params)
        self._location = directory
        self._shard_count = params.get("SHARDS", 8)
        self._timeout = params.get("DATABASE_TIMEOUT", 0.010)
        self._options = params.get("OPTIONS", {})
        self._fanout = None

    @property
    def _cache(self):
        if self._fanout is None:
            self._fanout = self._open()
        return self._fanout

    def _open(self):
        """The shards; when opening fails, no connection from the attempt is left behind.

        The failed attempt's SQLite connection is freed only by the garbage collector (it
        refers to itself), and until then SQLite shares its read-only view of the files with
        every new connection of this process: without the collection, a worker started while
        var/cache was read-only kept failing after the permissions had come back.
        """
        try:
            return FanoutCache(self._location, self._shard_count, self._timeout, **self._options)
        except sqlite3.Error as error:
            # The traceback's frames hold the attempt's connections: drop them, then collect.
            error.with_traceback(None)
            gc.collect()
            raise

    def close(self, **kwargs):
        return None
