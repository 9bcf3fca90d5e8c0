"""SQLite snapshots through the online backup API: the copy is one read transaction, so it is
consistent, and in WAL mode the site goes on writing while it is taken."""

import gzip
import shutil
import sqlite3
import tempfile
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper

DATA_NAME = "db.sqlite3.gz"
CHUNK = 2**20


def tables(database: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%'"
            " ESCAPE '\\' ORDER BY name"
        )
    ]
    return {name: count(database, name) for name in names}


def count(database: sqlite3.Connection, table: str) -> int:
    quoted = '"{}"'.format(table.replace('"', '""'))
    # The name comes from sqlite_master, quoted: no value from outside reaches this query.
    return database.execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0]  # noqa: S608


def applied(database: sqlite3.Connection) -> list[tuple[str, str]]:
    return [
        (app, name)
        for app, name in database.execute("SELECT app, name FROM django_migrations ORDER BY id")
    ]


def dump(
    connection: BaseDatabaseWrapper, target: Path
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Copy the database into `target`, gzipped; the counts and migrations are read from the
    copy itself, so the manifest describes exactly what was saved."""
    connection.ensure_connection()
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        copy_path = Path(work) / "copy.sqlite3"
        copy = sqlite3.connect(copy_path)
        try:
            # pages=-1 (the default): the whole copy in one step, under one read lock.
            connection.connection.backup(copy)
            counts, migrations = tables(copy), applied(copy)
        finally:
            copy.close()
        with copy_path.open("rb") as source, gzip.open(target, "wb", compresslevel=6) as out:
            shutil.copyfileobj(source, out, CHUNK)
    return counts, migrations


def load(connection: BaseDatabaseWrapper, data: Path, manifest: object) -> None:
    """Write the snapshot over the database, page by page, in one transaction of SQLite's."""
    database = data.with_suffix(".sqlite3")
    with gzip.open(data, "rb") as source, database.open("wb") as out:
        shutil.copyfileobj(source, out, CHUNK)
    snapshot = sqlite3.connect(database)
    try:
        connection.ensure_connection()
        snapshot.backup(connection.connection)
    finally:
        snapshot.close()


def counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    connection.ensure_connection()
    return tables(connection.connection)
