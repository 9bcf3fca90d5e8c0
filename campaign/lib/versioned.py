"""Cache entries filed under a version number, so that forgetting them all is one increment.

A reader builds its key from the current version; a change bumps the version, and every entry
filed under the old number is never read again (the cache lets it expire). Bumping once more
after the commit covers a reader that computed a value from data a transaction was about to
change and stored it late: its entry lands under a version no one reads any more, so what is
served is exact.
"""

import time

from django.core.cache import cache
from django.db import transaction


class Version:
    """The version number kept in the shared cache under `name`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def current(self) -> int:
        version = cache.get(self.name)
        if version is None:
            # A fresh start value, so an entry left under an old number is never read by mistake.
            cache.add(self.name, time.time_ns(), None)
            version = cache.get(self.name)
        return version

    def bump(self) -> None:
        try:
            cache.incr(self.name)
        except ValueError:
            # Evicted or never read: the next reader starts a new number.
            cache.delete(self.name)

    def bump_after_commit(self) -> None:
        transaction.on_commit(self.bump)

    def bump_now_and_after_commit(self) -> None:
        self.bump()
        self.bump_after_commit()

    def key(self, *parts: object) -> str:
        """A cache key for `parts` under the current version."""
        return ":".join([self.name, str(self.current()), *map(str, parts)])
