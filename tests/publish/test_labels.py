"""Stored values in a reader's words (publish.labels), and the metric vocabulary's labels kept in the database."""

import sqlite3

import pytest

from claimwatch import db
from claimwatch.db.labels import store_metrics
from claimwatch.publish import labels


@pytest.mark.parametrize(("value", "unit", "written"), [
    (50000000, "GBP", "£50 million"),
    (850000, "GBP", "£850,000"),
    (1500000000, "GBP", "£1.5 billion"),
    (3147436, "count", "3,147,436"),
    (3e-06, "ratio", "0.0003%"),
    (0.000167, "ratio", "0.0167%"),
    (2.5, "minutes", "2.5 minutes"),
    (1, "minutes", "1 minute"),
    (10, "per_week", "10 a week"),
    (45, "percent", "45%"),
    (5000000, "USD", "$5 million"),
    (2000000, "CHF", "CHF 2 million"),
])
def test_values_are_written_as_a_reader_writes_them(value, unit, written):
    assert labels.amount(value, unit) == written


def test_a_figure_has_its_qualifier_range_and_denominator_in_words():
    assert labels.figure({"value": 2000, "unit": "count", "qualifier": "at_least"}) == "more than 2,000"
    assert labels.figure({"value": 9, "value_high": 12, "unit": "count", "qualifier": "range"}) == "9 to 12"
    assert labels.figure({"value": 3e-06, "unit": "ratio", "qualifier": "exact", "denominator": "faces_scanned"}) \
        == "0.0003% of faces scanned"
    side = {"value_b": 30, "unit_b": None, "qualifier_b": "approx", "unit": "count"}
    assert labels.figure(side, "_b") == "about 30"


def test_dates_are_days_and_timestamps_are_utc():
    assert labels.day("2025-11-10") == "10 Nov 2025"
    assert labels.day("2025-11-10T09:00:00+01:00") == "10 Nov 2025"  # the day the source dated it
    assert labels.day("2025-10") == "Oct 2025"
    assert labels.moment("2025-11-10T09:00:00+01:00") == "10 Nov 2025, 08:00 UTC"
    assert labels.moment("2026-01-03T10:00:00Z") == "3 Jan 2026, 10:00 UTC"
    assert labels.period("2024-10-01", "2025-09-30") == "1 Oct 2024 to 30 Sep 2025"


def test_statuses_and_causes_in_words():
    assert labels.words("planned", "statuses") == "planned"
    assert labels.words("at_least", "qualifiers") == "more than"
    assert labels.words("different_period", "causes") == "different periods"
    assert labels.words("some_new_cause", "causes") == "some new cause"


def test_the_metric_vocabulary_is_stored_whole_in_one_transaction(tmp_path):
    from claimwatch.nlp.metrics import metric_vocabulary

    path = tmp_path / "claimwatch.db"
    database = db.open_database(path)
    assert store_metrics(database, metric_vocabulary()) == len(metric_vocabulary())
    store_metrics(database, metric_vocabulary())  # stored again: replaced, not doubled
    with pytest.raises(KeyError):
        store_metrics(database, {"broken": {"title": "No unit"}})
    database.close()
    rows = sqlite3.connect(path).execute("select name, title, unit, description from metrics").fetchall()
    assert len(rows) == len(metric_vocabulary())  # the failed store left the rows as they were
    assert ("drones_fleet", "Drones in service", "count", "drones the force has in service") in rows
