"""Taking and restoring snapshots of the database: the file format, its checks, rotation.

A snapshot is one uncompressed tar file with two members: `manifest.json` and the data, which
is already compressed (a gzipped SQLite database, or pg_dump's custom format). The manifest
says when and from which database vendor it was taken, how many rows each table held, which
migrations had been applied, and the SHA-256 of the data member, so that a restore can refuse
a damaged file or one from a newer schema before it touches the database.
"""

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from campaign.backups import postgresql, sqlite, store
from campaign.backups.errors import BackupError
from campaign.backups.store import Snapshot

FORMAT = 1
MANIFEST = "manifest.json"
# Where a snapshot is made before it is renamed into place; never listed as a snapshot.
WORK_PREFIX = ".taking-"
CHUNK = 2**20
VENDORS = {"sqlite": sqlite, "postgresql": postgresql}


@dataclass(frozen=True)
class Manifest:
    created: datetime
    vendor: str
    data: str
    sha256: str
    tables: dict[str, int]
    migrations: dict[str, str]
    applied: list[tuple[str, str]]

    def as_json(self) -> bytes:
        return json.dumps(
            {
                "format": FORMAT,
                "created": self.created.isoformat(),
                "vendor": self.vendor,
                "data": self.data,
                "sha256": self.sha256,
                "tables": self.tables,
                "migrations": self.migrations,
                "applied_migrations": [list(pair) for pair in self.applied],
            },
            indent=2,
            sort_keys=True,
        ).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        try:
            data: dict[str, Any] = json.loads(raw)
            if data["format"] != FORMAT:
                raise BackupError(f"Unknown snapshot format {data['format']!r}.")
            return cls(
                created=datetime.fromisoformat(data["created"]),
                vendor=data["vendor"],
                data=data["data"],
                sha256=data["sha256"],
                tables={str(k): int(v) for k, v in data["tables"].items()},
                migrations=dict(data["migrations"]),
                applied=[(app, name) for app, name in data["applied_migrations"]],
            )
        except (ValueError, KeyError, TypeError) as error:
            raise BackupError(f"The snapshot's manifest is damaged ({error}).") from error


def latest_per_app(applied: list[tuple[str, str]]) -> dict[str, str]:
    """The last migration applied in each app, `applied` being in the order applied."""
    # Later entries overwrite earlier ones.
    return dict(applied)


def vendor_module(vendor: str) -> ModuleType:
    try:
        return VENDORS[vendor]
    except KeyError:
        raise BackupError(f"No backup method for the {vendor} database.") from None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def private_directory(path: Path) -> Path:
    """BACKUP_DIR, made if missing; the snapshots hold addresses, so only the owner enters."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def take(now: datetime | None = None) -> tuple[Snapshot, Manifest]:
    """Write a consistent snapshot of the default database into BACKUP_DIR, mode 0600."""
    created = now or timezone.now()
    vendor = vendor_module(connection.vendor)
    folder = private_directory(store.directory())
    final = store.path_for(created)
    with tempfile.TemporaryDirectory(dir=folder, prefix=WORK_PREFIX) as work:
        data_path = Path(work) / vendor.DATA_NAME
        tables, applied = vendor.dump(connection, data_path)
        manifest = Manifest(
            created=created,
            vendor=connection.vendor,
            data=vendor.DATA_NAME,
            sha256=sha256_of(data_path),
            tables=tables,
            migrations=latest_per_app(applied),
            applied=applied,
        )
        partial = Path(work) / final.name
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file, tarfile.open(fileobj=file, mode="w") as tar:
            raw = manifest.as_json()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(raw), int(created.timestamp()), 0o600
            tar.addfile(info, io.BytesIO(raw))
            tar.add(data_path, arcname=vendor.DATA_NAME)
        # Renamed only when complete: store.snapshots() never lists a half-written file.
        partial.rename(final)
    return Snapshot(path=final, created=created, size=final.stat().st_size), manifest


def read_manifest(path: Path) -> Manifest:
    try:
        with tarfile.open(path) as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            return Manifest.from_json(member.read())
    except (tarfile.TarError, KeyError, OSError) as error:
        raise BackupError(f"{path} is not a readable snapshot ({error}).") from error


@contextmanager
def verified_data(path: Path, manifest: Manifest) -> Iterator[Path]:
    """The data member, copied into a private temporary folder once its digest matches."""
    with tempfile.TemporaryDirectory(prefix="restore-") as work:
        target = Path(work) / "data"
        try:
            with tarfile.open(path) as tar:
                member = tar.extractfile(manifest.data)
                if member is None:
                    raise KeyError(manifest.data)
                with target.open("wb") as out:
                    shutil.copyfileobj(member, out, CHUNK)
        except (tarfile.TarError, KeyError, OSError) as error:
            raise BackupError(f"{path} is damaged: its data cannot be read ({error}).") from error
        if sha256_of(target) != manifest.sha256:
            raise BackupError(f"{path} is damaged: its data does not match its SHA-256.")
        yield target


def unknown_migrations(manifest: Manifest) -> list[tuple[str, str]]:
    """Migrations the snapshot had applied that this code does not have: a newer schema.

    A record that the live database holds too (a migration since removed from the code) is
    not the snapshot's doing, so it is not held against it."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    known |= MigrationRecorder(connection).applied_migrations().keys()
    return [pair for pair in manifest.applied if pair not in known]


def check(path: Path) -> Manifest:
    """The manifest of a snapshot this code may restore on this database, or BackupError."""
    manifest = read_manifest(path)
    if manifest.vendor != connection.vendor:
        raise BackupError(
            f"{path} was taken from {manifest.vendor}; this site runs on {connection.vendor}."
        )
    if unknown := unknown_migrations(manifest):
        names = ", ".join(f"{app}.{name}" for app, name in unknown)
        raise BackupError(
            f"{path} comes from a newer version of the code (migrations unknown here: {names})."
            " Deploy that version, then restore."
        )
    return manifest


def load(data: Path, manifest: Manifest) -> None:
    """Replace the default database's content by the snapshot's verified data, then check
    that every table holds what the manifest counted."""
    vendor = vendor_module(manifest.vendor)
    vendor.load(connection, data, manifest)
    connection.close()
    restored = vendor.counts(connection)
    if differ := sorted(
        name for name in manifest.tables if restored.get(name) != manifest.tables[name]
    ):
        raise BackupError(f"After the restore these tables differ from the manifest: {differ}")


def pending_migrations() -> bool:
    """True when the restored schema is older than the code (`migrate` has work to do)."""
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def window() -> timedelta:
    """How long a snapshot is kept: as long as an unconfirmed signature (the purge window)."""
    return timedelta(days=settings.CAMPAIGN_PURGE_UNCONFIRMED_DAYS)


def rotate(now: datetime | None = None) -> list[Snapshot]:
    """Delete the snapshots older than the window; returns them. The work folder of a backup
    that was killed half-way holds a copy of the database too: it goes by the same rule."""
    cutoff = (now or timezone.now()) - window()
    expired = [snapshot for snapshot in store.snapshots() if snapshot.created < cutoff]
    for snapshot in expired:
        snapshot.path.unlink(missing_ok=True)
    for leftover in store.directory().glob(f"{WORK_PREFIX}*"):
        if leftover.stat().st_mtime < cutoff.timestamp():
            shutil.rmtree(leftover, ignore_errors=True)
    return expired
