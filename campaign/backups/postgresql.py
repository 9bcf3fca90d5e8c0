"""PostgreSQL snapshots through pg_dump and pg_restore (the PostgreSQL client programs).

The counts in the manifest and pg_dump read one and the same snapshot of the database: a
REPEATABLE READ transaction exports it, pg_dump imports it (--snapshot) and the counts are
read inside the transaction, so writes going on meanwhile are in neither or in both.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from campaign.backups.errors import BackupError

DATA_NAME = "db.pgdump"
# libpq's keywords and the variables its programs read them from.
ENVIRONMENT = {
    "dbname": "PGDATABASE",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "host": "PGHOST",
    "port": "PGPORT",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}
TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed (or not on PATH); backups of a PostgreSQL database need"
            " the PostgreSQL client programs: on Debian, `apt install postgresql-client`."
        )
    return found


def parameters(connection: Any) -> dict[str, str]:
    """The database's libpq connection keywords, from Django's settings."""
    settings = connection.settings_dict
    given = {
        "dbname": settings["NAME"],
        "user": settings["USER"],
        "password": settings["PASSWORD"],
        "host": settings["HOST"],
        "port": settings["PORT"],
        **settings["OPTIONS"],
    }
    return {key: str(value) for key, value in given.items() if key in ENVIRONMENT and value}


def environment(connection: Any) -> dict[str, str]:
    """For pg_dump and friends: the password never appears on a command line."""
    params = parameters(connection)
    return {**os.environ, **{ENVIRONMENT[key]: value for key, value in params.items()}}


def run(command: list[str], connection: Any) -> None:
    # The program is one found by program(); the arguments are our own, never a visitor's.
    result = subprocess.run(  # noqa: S603
        command, env=environment(connection), capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def tables(cursor: Any) -> dict[str, int]:
    names = [row[0] for row in cursor.execute(TABLES).fetchall()]
    return {
        name: cursor.execute(
            sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(name))
        ).fetchone()[0]
        for name in names
    }


def dump(connection: Any, target: Path) -> tuple[dict[str, int], list[tuple[str, str]]]:
    pg_dump = program("pg_dump")
    with psycopg.connect(make_conninfo(**parameters(connection))) as database:
        database.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        (snapshot,) = database.execute("SELECT pg_export_snapshot()").fetchall()[0]
        run(
            [
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ],
            connection,
        )
        cursor = database.cursor()
        counts = tables(cursor)
        applied = [
            (app, name)
            for app, name in cursor.execute(
                "SELECT app, name FROM django_migrations ORDER BY id"
            ).fetchall()
        ]
    return counts, applied


def load(connection: Any, data: Path, manifest: Any) -> None:
    """One psql transaction: the tables the snapshot does not have are dropped (a newer
    migration made them), then pg_restore's script drops and recreates the others. Any error
    and the database is as it was."""
    pg_restore, psql = program("pg_restore"), program("psql")
    with connection.cursor() as cursor:
        cursor.execute(TABLES)
        extra = sorted({row[0] for row in cursor.fetchall()} - set(manifest.tables))
    # Its idle session would only wait; closed, it holds no lock the restore needs.
    connection.close()
    with tempfile.TemporaryDirectory(prefix="pgrestore-") as work:
        script = Path(work) / "restore.sql"
        with script.open("w") as out:
            for name in extra:
                quoted = '"{}"'.format(name.replace('"', '""'))
                out.write(f"DROP TABLE IF EXISTS {quoted} CASCADE;\n")
        with script.open("a") as out:
            result = subprocess.run(  # noqa: S603
                [
                    pg_restore,
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "-f-",
                    data,
                ],
                env=environment(connection),
                stdout=out,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        run(
            [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", str(script)],
            connection,
        )


def counts(connection: Any) -> dict[str, int]:
    with psycopg.connect(make_conninfo(**parameters(connection))) as database:
        return tables(database.cursor())
