"""`claimwatch export --what official_checks`: each press figure beside the official record, valid by
schemas/official_check.schema.json, with the files its rows came from; CSV flat, filters by cause. SAMPLE DATA."""

import csv
import io
import json

import pytest

from claimwatch import db
from claimwatch.db import detect, reference, store
from claimwatch.db.export import ExportError, export
from tests.db.conftest import article_record, claim

RECORD = [{"page": None, "row": row, "date": f"2024-{month:02d}-10", "location": f"Sample Place {month} (sample)",
           "duration": "6 hours", "arrests": 10, "total_alerts": 12, "false_alerts_confirmed": 1,
           "false_alerts_unconfirmed": 0, "faces_seen": 9000} for row, month in enumerate(range(1, 13), 2)]
IN_2024 = ("in 2024", "2024-01-01", "2024-12-31")


@pytest.fixture
def database(tmp_path):
    database = db.open_database(tmp_path / "claimwatch.db")
    reference.store_file(database, name="record.csv", sha256="d" * 64, kind="deployments", rows=RECORD,
                         source_url="https://official.example/record")
    sink = store.ArticleStore(database)
    for url, outlet, figure_text, value, qualifier, time in (
            ("https://lantern.example/a", "The Daily Lantern", "120", 120, "exact", IN_2024),
            ("https://bugle.example/b", "Borough Bugle", "over 200", 200, "at_least", IN_2024),
            ("https://wire.example/c", "Wire Service", "500", 500, "exact",
             ("since 2022", "2022-01-01", "2025-01-20"))):
        sink.save_article(article_record(url, outlet=outlet, published="2025-01-20"))
        article_id = database.execute("SELECT id FROM articles WHERE url = ?", [url]).fetchone()[0]
        store.replace_claims(database, article_id, "test", [
            claim(figure_text, value, metric="lfr_arrests", status="cumulative", qualifier=qualifier, time=time)])
    detect.detect(database)
    yield database
    database.close()


def test_every_check_exports_with_its_claim_and_files_and_is_valid(database, schemas):
    out = io.StringIO()
    assert export(database, out, what="official_checks", fmt="jsonl") == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    for record in records:
        schemas["official_check"].validate(record)
    by_figure = {record["claim"]["figure_text"]: record for record in records}
    assert {figure: record["cause"] for figure, record in by_figure.items()} == {
        "120": "matches_official", "over 200": "differs_from_official", "500": "not_checked"}
    official = by_figure["over 200"]["official"]
    assert (official["value"], official["source"], official["row_count"], official["rows_from"],
            official["rows_to"]) == (120, "reference_deployments", 12, "2024-01-10", "2024-12-10")
    assert official["files"] == [{"id": 1, "name": "record.csv", "sha256": "d" * 64,
                                  "source_url": "https://official.example/record"}]
    assert by_figure["over 200"]["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    assert by_figure["500"]["official"]["value"] is None
    assert "the deployment record starts on 10 Jan 2024" in by_figure["500"]["reason"]


def test_csv_is_flat_and_cause_filters(database):
    out = io.StringIO()
    assert export(database, out, what="official_checks", fmt="csv", causes=["differs_from_official"]) == 1
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["cause"], row["official_value"], row["claim_figure_text"], row["claim_outlet"],
            row["file_sha256s"]) == ("differs_from_official", "120", "over 200", "Borough Bugle", "d" * 64)


def test_a_contradiction_cause_is_refused_in_one_line(database):
    with pytest.raises(ExportError, match="^--cause 'conflict': expected one of matches_official, "):
        export(database, io.StringIO(), what="official_checks", causes=["conflict"])


def test_claimreview_rates_each_figure_by_what_the_official_record_says(database, schemas):
    out = io.StringIO()
    export(database, out, what="official_checks", fmt="claimreview", site_url="https://claimwatch.example")
    reviews = json.loads(out.getvalue())
    for review in reviews:
        schemas["claimreview"].validate(review)
    by_figure = {review["claimwatch:figures"][0]["claimwatch:figureText"]: review for review in reviews}
    assert {figure: review["reviewRating"]["alternateName"] for figure, review in by_figure.items()} == {
        "120": "Matches the official record", "over 200": "Differs from the official record",
        "500": "Not checked: the official record cannot check it"}
    differs = by_figure["over 200"]
    assert (differs["claimwatch:officialValue"], differs["claimwatch:cause"]) == (120, "differs_from_official")
    assert differs["url"] == f"https://claimwatch.example/claimwatch/official_checks/{differs['claimwatch:officialCheckId']}"
    assert differs["reviewBody"].endswith("so the official record does not bear it out.")


def test_the_cli_exports_official_checks(tmp_path, database, claimwatch_cli):
    path = database.execute("PRAGMA database_list").fetchone()[2]
    result = claimwatch_cli("export", "--db", path, "--what", "official_checks", "--format", "json",
                            "--cause", "matches_official")
    [record] = json.loads(result.stdout)
    assert (record["claim"]["figure_text"], record["official"]["value"]) == ("120", 120)
