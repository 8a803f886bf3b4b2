"""Skipped figures (issue #16) are stored per article with its claims, and replaced with them."""

import pytest

from claimwatch.db import schema, store


def skipped(figure_text, reason, start=0):
    return {
        "figure_text": figure_text,
        "value": 5,
        "unit": "count",
        "metric": None,
        "reason": reason,
        "candidates": [{"metric": "lfr_arrests", "score": 4, "because": ["noun arrest", "topic lfr"]}],
        "char_start": start,
        "char_end": start + len(figure_text),
    }


def rows(database, article_id):
    return database.execute(
        "SELECT figure_text, reason, candidates FROM skipped_figures WHERE article_id = ? ORDER BY char_start",
        [article_id],
    ).fetchall()


def test_skipped_figures_are_stored_with_the_claims_and_replaced_on_re_extraction(database, add_article, make_claim):
    article_id = add_article("https://lantern.example/a", [make_claim("nine", 9)])
    store.replace_claims(database, article_id, "test-2", [make_claim("nine", 9)],
                         [skipped("five", "tie between lfr_arrests and arrests_total"), skipped("40", "x", 30)])
    stored = rows(database, article_id)
    assert [(text, reason) for text, reason, _ in stored] == [
        ("five", "tie between lfr_arrests and arrests_total"), ("40", "x")]
    assert '"noun arrest"' in stored[0][2]

    store.replace_claims(database, article_id, "test-3", [make_claim("nine", 9)], [skipped("six", "no counted noun")])
    assert [(text, reason) for text, reason, _ in rows(database, article_id)] == [("six", "no counted noun")]


def test_a_failed_write_keeps_the_skipped_figures_already_stored(database, add_article, make_claim):
    article_id = add_article("https://lantern.example/b", [make_claim("nine", 9)])
    store.replace_claims(database, article_id, "test-2", [], [skipped("five", "no counted noun")])
    with pytest.raises(ValueError):
        store.replace_claims_many(database, [(article_id, "test-3", [], None, [skipped("six", "y")]),
                                             (999, "test-3", [], None, [])])
    assert [(text, reason) for text, reason, _ in rows(database, article_id)] == [("five", "no counted noun")]


def test_migration_8_creates_the_table_on_a_database_of_version_6(tmp_path):
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "old.db")
    schema.migrate(db, target=6)
    assert "skipped_figures" not in db.table_names()
    assert schema.migrate(db) == len(schema.MIGRATIONS) >= 8
    assert "skipped_figures" in db.table_names()
