"""Where the snapshots live: one file each in BACKUP_DIR, named after the moment it was taken.

The name carries the time (UTC, to the microsecond), so listing the folder is enough to know
which snapshot is the latest and which are past the retention window; nothing else keeps
track of them. A snapshot is written under a temporary name and renamed when complete, so a
snapshot being written, or one a crash left half-written, is never listed.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

SUFFIX = ".tar"
TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"
NAME = re.compile(r"^backup-(\d{8}T\d{6}\.\d{6}Z)\.tar$")


@dataclass(frozen=True)
class Snapshot:
    path: Path
    created: datetime
    size: int


def directory() -> Path:
    return Path(settings.BACKUP_DIR)


def path_for(created: datetime) -> Path:
    """The file a snapshot taken at `created` (aware) is stored in."""
    return directory() / f"backup-{created.astimezone(UTC).strftime(TIME_FORMAT)}{SUFFIX}"


def snapshots() -> list[Snapshot]:
    """Every complete snapshot in BACKUP_DIR, oldest first."""
    found = []
    try:
        entries = list(directory().iterdir())
    except FileNotFoundError:
        return []
    for path in entries:
        match = NAME.match(path.name)
        if match is None:
            continue
        created = datetime.strptime(match[1], TIME_FORMAT).replace(tzinfo=UTC)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            # Rotated away by another process between the listing and now.
            continue
        found.append(Snapshot(path=path, created=created, size=size))
    return sorted(found, key=lambda snapshot: snapshot.created)


def latest() -> Snapshot | None:
    """The most recent complete snapshot, or None when there is none."""
    found = snapshots()
    return found[-1] if found else None
