"""A fingerprint of the code and templates this process serves.

It versions every cache key (settings.CACHES), so that pages, forms and pickled objects stored
by one release are never read by another: entries written by older code live on in var/cache
across restarts, and a page stored before an upgrade would otherwise be served after it.
"""

import hashlib
from pathlib import Path

SERVED = ("campaign", "memorial", "templates", "locale")
SUFFIXES = {".py", ".html", ".txt", ".json", ".mo"}


def code_fingerprint(base_dir):
    """A number that changes whenever any served source file changes."""
    digest = hashlib.sha256()
    for top in SERVED:
        for path in sorted((Path(base_dir) / top).rglob("*")):
            if path.suffix in SUFFIXES:
                digest.update(str(path.relative_to(base_dir)).encode())
                digest.update(path.read_bytes())
    return int(digest.hexdigest()[:12], 16)
