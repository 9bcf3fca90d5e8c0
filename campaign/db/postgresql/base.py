from django.db.backends.postgresql import base

from campaign.db import DropAfterError


class DatabaseWrapper(DropAfterError, base.DatabaseWrapper):
    """PostgreSQL; see campaign.db."""
