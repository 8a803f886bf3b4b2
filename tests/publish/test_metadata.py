"""metadata.yml against the real schema that db creates: everything described, nothing stale."""

import contextlib
import sqlite3

import pytest

from claimwatch import publish

METADATA = publish.load_metadata()
DATABASE = METADATA["databases"]["claimwatch"]
TABLES = DATABASE["tables"]


@pytest.fixture(scope="module")
def schema(site_db):
    """{table or view: [columns]} of the real database, leaving out full-text search internals."""
    with contextlib.closing(sqlite3.connect(site_db)) as connection:
        names = [name for (name,) in connection.execute(
            "select name from sqlite_master where type in ('table', 'view') and name not like '%_fts%'"
            " and name not like 'sqlite_%'")]
        return {name: [row[1] for row in connection.execute(f"pragma table_info([{name}])")] for name in names}


def test_site_has_title_description_licence_and_source():
    for key in ("title", "description_html", "license", "license_url", "source", "about"):
        assert METADATA.get(key), key


def test_every_table_and_view_is_described(schema):
    undescribed = [name for name in schema if not TABLES.get(name, {}).get("description")]
    assert not undescribed, f"describe these in metadata.yml: {undescribed}"


def test_every_column_is_described(schema):
    missing = [f"{table}.{column}" for table, columns in schema.items() for column in columns
               if not TABLES.get(table, {}).get("columns", {}).get(column)]
    assert not missing, f"describe these columns in metadata.yml: {missing}"


def test_nothing_described_is_missing_from_the_schema(schema):
    stale = [table for table in TABLES if table not in schema]
    stale += [f"{table}.{column}" for table, meta in TABLES.items() if table in schema
              for column in meta.get("columns", {}) if column not in schema[table]]
    assert not stale, f"metadata.yml describes what the schema no longer has: {stale}"


def test_label_columns_facets_and_sort_orders_name_real_columns(schema):
    wrong = []
    for table, meta in TABLES.items():
        named = [meta.get("label_column"), meta.get("sort"), meta.get("sort_desc"), *meta.get("facets", [])]
        wrong += [f"{table}.{column}" for column in named if column and column not in schema.get(table, [])]
    assert not wrong, wrong


def test_no_default_facets_over_the_claims_tables():
    # A facet groups every row it is shown over; on a million claims no page may do that by default.
    for table in ("claims", "claims_with_provenance"):
        assert not TABLES[table].get("facets"), table


def test_foreign_keys_show_names(datasette, get):
    page = get("/claimwatch/articles").text
    assert "The Fictional Ledger" in page  # outlet_id shown with the outlet's name
    assert "Drone fleet takes off" in get("/claimwatch/claims").text  # article_id shown with the title


def test_feeds_follow_datasette_atom_conventions():
    for name in ("new_contradictions", "new_claims"):
        sql = DATABASE["queries"][name]["sql"]
        assert all(column in sql for column in ("atom_id", "atom_title", "atom_updated")), name
