from diskcache import DjangoCache


class PersistentDiskCache(DjangoCache):
    """DiskCache that keeps its SQLite connections open from one request to the next.

    Django closes every cache when a request finishes. DiskCache would then reconnect to each
    of its shards on the next request and re-read its settings: measured, that was most of the
    SQL a sign POST ran. Each gunicorn worker is one thread, so one connection per shard is
    all it ever holds.
    """

    def close(self, **kwargs):
        return None
