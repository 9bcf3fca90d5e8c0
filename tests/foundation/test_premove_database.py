"""A database migrated before issue 13 moved the petition app into campaign/petitions (label
`campaign`) and the staff app into campaign/staff (label `staff`) needs no migration after it,
and every model finds its table and columns there.

data/premove.sql is that database: `manage.py migrate` on an empty SQLite file with the code of
commit 9725500 (before the petitions move), dumped with sqlite3's iterdump.
"""

import sqlite3
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

DUMP = Path(__file__).parent / "data" / "premove.sql"


@pytest.fixture
def old_database(tmp_path, django_db_blocker):
    """The dump in a SQLite file of its own, on a connection of its own, outside the test
    database's transaction."""
    path = tmp_path / "premove.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(DUMP.read_text())
    default = connections["default"]
    if default.vendor != "sqlite":
        pytest.skip("the dump is a SQLite database")
    connections.settings["premove"] = {**default.settings_dict, "NAME": str(path)}
    with django_db_blocker.unblock():
        yield connections["premove"]
        connections["premove"].close()
    del connections["premove"]
    del connections.settings["premove"]


def labels_in_dump(database):
    """The apps the dump was migrated with; apps added since start from their first migration
    on it, as on any database, and are not what the move could break."""
    return {label for label, _name in MigrationRecorder(database).applied_migrations()}


def test_nothing_is_left_to_migrate(old_database):
    executor = MigrationExecutor(old_database)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    known = labels_in_dump(old_database)
    assert [migration for migration, _backwards in plan if migration.app_label in known] == []
    applied = set(executor.recorder.applied_migrations())
    assert ("campaign", "0006_heartbeat") in applied
    assert ("memorial", "0006_harm_sexual_violence_constraint") in applied


def test_every_model_finds_its_table_and_columns(old_database):
    with old_database.cursor() as cursor:
        tables = set(old_database.introspection.table_names(cursor))
        known = labels_in_dump(old_database)
        for model in apps.get_models():
            if not model._meta.managed or model._meta.proxy or model._meta.app_label not in known:
                continue
            table = model._meta.db_table
            assert table in tables, model
            columns = {
                column.name
                for column in old_database.introspection.get_table_description(cursor, table)
            }
            expected = {field.column for field in model._meta.local_concrete_fields}
            assert expected <= columns, (model, expected - columns)
