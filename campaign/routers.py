class CacheRouter:
    """Keep Django's database cache table in its own SQLite file.

    Rate-limit counters are written on every signature; in the main database each of those
    writes would queue for the same lock as the signatures themselves.
    """

    cache_label = "django_cache"
    cache_alias = "cache"

    def db_for_read(self, model, **hints):
        return self.cache_alias if model._meta.app_label == self.cache_label else None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, **hints):
        return (db == self.cache_alias) == (app_label == self.cache_label)
