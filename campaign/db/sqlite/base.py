from django.db.backends.sqlite3 import base

from campaign.db import DropAfterError


class DatabaseWrapper(DropAfterError, base.DatabaseWrapper):
    """SQLite; see campaign.db."""
