"""Opening, creating and upgrading the database file."""

import sqlite3

import pytest
import sqlite_utils

from claimwatch import db
from claimwatch.db import schema


def test_a_new_database_has_every_table_view_and_search_index(db_path):
    database = db.open_database(db_path)
    tables = set(database.table_names())
    assert {
        "outlets",
        "articles",
        "article_urls",
        "article_versions",
        "claims",
        "contradictions",
        "agreements",
        "runs",
        "metric_summary",
        "figure_timeline",
        "schema_version",
    } <= tables
    assert {"articles_fts", "claims_fts"} <= tables
    assert {"claims_with_provenance", "contradictions_side_by_side"} <= set(database.view_names())
    assert database.journal_mode == "wal"
    assert database.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema.version(database) == len(schema.MIGRATIONS)


def test_opening_twice_applies_the_migrations_once_and_keeps_the_data(db_path):
    database = db.open_database(db_path)
    database["outlets"].insert({"name": "The Daily Lantern", "kind": "press"})
    database.close()
    database = db.open_database(db_path)
    assert schema.version(database) == len(schema.MIGRATIONS)
    assert database.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1
    assert [row["name"] for row in database["outlets"].rows] == ["The Daily Lantern"]


def test_an_older_database_is_upgraded_in_place(db_path):
    old = sqlite_utils.Database(db_path)
    schema.migrate(old, target=1)
    old["outlets"].insert({"name": "Borough Bugle", "kind": "press"})
    old.close()
    assert "claims" not in sqlite_utils.Database(db_path).table_names()

    database = db.open_database(db_path)
    assert schema.version(database) == len(schema.MIGRATIONS)
    assert "claims" in database.table_names()
    assert database.execute("SELECT name FROM outlets").fetchall() == [("Borough Bugle",)]


def test_a_newer_database_is_refused_with_one_line_naming_the_file(db_path):
    database = db.open_database(db_path)
    database.execute("UPDATE schema_version SET version = 99")
    database.close()
    with pytest.raises(db.DatabaseError) as raised:
        db.open_database(db_path)
    message = str(raised.value)
    assert "\n" not in message
    assert str(db_path) in message and "99" in message and "newer" in message


def test_a_file_that_is_not_sqlite_is_refused_with_one_line_naming_it(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(db.DatabaseError) as raised:
        db.open_database(path)
    assert "\n" not in str(raised.value) and str(path) in str(raised.value)


def test_a_path_in_a_missing_folder_is_refused_with_one_line(tmp_path):
    path = tmp_path / "no" / "such" / "folder" / "claimwatch.db"
    with pytest.raises(db.DatabaseError) as raised:
        db.open_database(path)
    assert "\n" not in str(raised.value) and str(path) in str(raised.value)


def test_a_failing_migration_leaves_the_database_at_its_previous_version(db_path, monkeypatch):
    database = sqlite_utils.Database(db_path)
    schema.migrate(database, target=1)

    def broken(database):
        database.execute("CREATE TABLE half_done (id INTEGER)")
        database.execute("THIS IS NOT SQL")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], broken])
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(database)
    assert schema.version(database) == 1
    assert "half_done" not in database.table_names()
