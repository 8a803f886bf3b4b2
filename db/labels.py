"""The metric vocabulary's words for readers (title, unit, description, kind), kept in the `metrics` table so the
site can label figures from the database alone."""

import sqlite_utils

COLUMNS = ("name", "title", "unit", "description", "kind")


def store_metrics(database: sqlite_utils.Database, vocabulary: dict) -> int:
    """Replace the `metrics` rows with `vocabulary` ({name: {title, unit, description, kind, ...}}) in one
    transaction; returns how many were stored. A metric without a title is labelled by its name."""
    rows = [{"name": name, "title": entry.get("title") or name, "unit": entry["unit"],
             "description": entry.get("description"), "kind": entry.get("kind")}
            for name, entry in vocabulary.items()]
    with database.atomic():
        database.execute("DELETE FROM metrics")
        database["metrics"].insert_all(rows, columns=dict.fromkeys(COLUMNS, str))
    return len(rows)
