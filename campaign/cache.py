import gc
import pickle
import sqlite3
import time

from diskcache import DjangoCache, FanoutCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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


# What the local tier holds as it is: values no request can change in place. Anything else (a
# model instance, a dict of figures) is held pickled and unpickled on every read, as Redis
# would hand it out, so no request sees what another did to its copy.
MISSING = object()
IMMUTABLE = (str, bytes, int, float, bool, type(None))


def _immutable(value: object) -> bool:
    if isinstance(value, tuple):
        return all(isinstance(item, IMMUTABLE) for item in value)
    return isinstance(value, IMMUTABLE)


class LocalTier:
    """A per-process copy of the shared cache's hot entries, none older than one window.

    Time is cut into epochs of `window` seconds; at the first read of a new epoch every entry
    is dropped. An entry is therefore only ever served in the epoch it was read from (or
    written to) the shared cache, so whatever is served at time t was true in the shared cache
    at some moment after t - window. A change made anywhere (a version bumped, a count stored)
    is seen by every process of every host within `window`. Dropping everything at once,
    rather than expiring each entry a window after it was read, is what makes that hold for
    values read under a version: a page read late in an epoch cannot outlive the version
    number it was read under.
    """

    def __init__(self, window, prefixes, max_entries=1000, clock=time.monotonic):
        self.window = window
        self.prefixes = tuple(prefixes)
        self.max_entries = max_entries
        self.clock = clock
        self.entries = {}
        self.epoch = clock()

    def holds(self, key):
        return self.window > 0 and key.startswith(self.prefixes)

    def _now(self):
        now = self.clock()
        if now - self.epoch >= self.window:
            self.entries.clear()
            self.epoch = now
        return now

    def get(self, key):
        now = self._now()
        entry = self.entries.get(key)
        if entry is None:
            return MISSING
        value, expires, pickled = entry
        if expires is not None and now >= expires:
            del self.entries[key]
            return MISSING
        # Pickled by this process from a value it held: nothing from outside.
        return pickle.loads(value) if pickled else value  # noqa: S301

    def put(self, key, value, timeout=None):
        """Hold `value`; `timeout` (seconds, None for none) is what the shared cache was given."""
        now = self._now()
        if timeout is not None and timeout <= 0:
            self.entries.pop(key, None)
            return
        if len(self.entries) >= self.max_entries:
            self.entries.clear()
        pickled = not _immutable(value)
        self.entries[key] = (
            pickle.dumps(value, pickle.HIGHEST_PROTOCOL) if pickled else value,
            None if timeout is None else now + timeout,
            pickled,
        )

    def drop(self, key):
        self.entries.pop(key, None)

    def clear(self):
        self.entries.clear()


# INCRBY only when the key exists, in one round trip (Django's runs EXISTS, then INCRBY): a
# rate-limit hit after a window's first is an add() and this.
INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return false
"""

# One hit on each counter; a counter's first hit sets its expiry. A script rather than
# EXPIRE ... NX, which Redis only has from version 7.
COUNT_HITS = """
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('INCR', key)
  if counts[i] == 1 then redis.call('EXPIRE', key, ARGV[i]) end
end
return counts
"""


class SharedRedisClient(RedisCacheClient):
    """Django's Redis client, keeping one `redis.Redis` per connection pool.

    Django builds a new `redis.Redis` around the pool for every command, and its constructor
    fills a table of some two hundred response callbacks each time (a third of the cache's time
    under cProfile, much less without it: docs/BENCHMARKS.md). A `redis.Redis` is safe to share
    (each command takes a connection from the pool, which reconnects after a fork), so one per
    pool is enough.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shared = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._shared.get(id(pool))
        if client is None:
            client = self._shared[id(pool)] = self._client(connection_pool=pool)
        return client


class TieredRedisCache(RedisCache):
    """Redis, with a per-process tier (LocalTier) in front of it for the keys every visitor
    reads: the stored pages, counts, figures and the petition, and the version numbers they
    are filed under. Reading them from Redis was a network round trip each, three for a
    memorial page; measured, that cost the pages 40 % of their speed against DiskCache.

    Parameters besides RedisCache's: LOCAL_SECONDS, the window (0 turns the tier off);
    LOCAL_PREFIXES, the keys it holds (never a counter that must be exact, such as a rate
    limit); LOCAL_MAX_ENTRIES. A write from this process (set, add, incr, delete, touch) goes
    to Redis and updates or drops its own copy at once, so a process always sees its own
    changes; other processes see them within the window.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedRedisClient
        self.local = LocalTier(
            params.get("LOCAL_SECONDS", 0.25),
            params.get("LOCAL_PREFIXES", ()),
            params.get("LOCAL_MAX_ENTRIES", 1000),
        )
        self._incr_script = None
        self._count_script = None

    def _local_key(self, key, version):
        return (key, self.version if version is None else version)

    def get(self, key, default=None, version=None):
        if not self.local.holds(key):
            return super().get(key, default, version)
        local_key = self._local_key(key, version)
        value = self.local.get(local_key)
        if value is MISSING:
            value = super().get(key, MISSING, version)
            if value is MISSING:
                return default
            self.local.put(local_key, value)
        return value

    def get_many(self, keys, version=None):
        found = {}
        wanted = []
        for key in keys:
            if self.local.holds(key):
                value = self.local.get(self._local_key(key, version))
                if value is not MISSING:
                    found[key] = value
                    continue
            wanted.append(key)
        if wanted:
            fetched = super().get_many(wanted, version)
            for key, value in fetched.items():
                if self.local.holds(key):
                    self.local.put(self._local_key(key, version), value)
            found.update(fetched)
        return found

    def has_key(self, key, version=None):
        if self.local.holds(key) and self.local.get(self._local_key(key, version)) is not MISSING:
            return True
        return super().has_key(key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, value, timeout, version)
        if self.local.holds(key):
            self.local.put(self._local_key(key, version), value, self.get_backend_timeout(timeout))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = super().set_many(data, timeout, version)
        for key, value in data.items():
            if self.local.holds(key):
                self.local.put(
                    self._local_key(key, version), value, self.get_backend_timeout(timeout)
                )
        return failed

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = super().add(key, value, timeout, version)
        if self.local.holds(key):
            if added:
                self.local.put(
                    self._local_key(key, version), value, self.get_backend_timeout(timeout)
                )
            else:
                self.local.drop(self._local_key(key, version))
        return added

    def incr(self, key, delta=1, version=None):
        self.local.drop(self._local_key(key, version))
        made = self.make_and_validate_key(key, version=version)
        client = self._cache.get_client(made, write=True)
        if self._incr_script is None:
            self._incr_script = client.register_script(INCR_EXISTING)
        value = self._incr_script(keys=[made], args=[delta], client=client)
        if value is None:
            raise ValueError(f"Key '{made}' not found.")
        return value

    def count_hits(self, counters):
        """Count one hit on each (key, seconds) counter in one round trip; return the counts.

        A counter starts at its first hit and lives `seconds` from then, as `add` then `incr`
        would, without their two round trips per counter; the script runs atomically, so no
        other client's command falls between a counter's increment and its expiry.
        """
        client = self._cache.get_client(None, write=True)
        if self._count_script is None:
            self._count_script = client.register_script(COUNT_HITS)
        keys = []
        for key, _seconds in counters:
            keys.append(self.make_and_validate_key(key))
            self.local.drop(self._local_key(key, None))
        return self._count_script(
            keys=keys, args=[seconds for _key, seconds in counters], client=client
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self.local.drop(self._local_key(key, version))
        return super().touch(key, timeout, version)

    def delete(self, key, version=None):
        self.local.drop(self._local_key(key, version))
        return super().delete(key, version)

    def delete_many(self, keys, version=None):
        for key in keys:
            self.local.drop(self._local_key(key, version))
        super().delete_many(keys, version)

    def clear(self):
        self.local.clear()
        return super().clear()
