"""Exports as a fact-checker receives them: every format validates against schemas/, filters combine, CSV
reads back into the same records, and ClaimReview carries what Google's fact-check markup asks for."""

import csv
import hashlib
import io
import json

import pytest

from claimwatch.db.export import (
    EXPORTED_CLAIM_FIELDS,
    EXPORTED_CONTRADICTION_FIELDS,
    EXPORTED_REVIEW_FIELDS,
    ExportError,
    export,
)

FORMATS = ("json", "jsonl", "csv", "claimreview")
INTEGER_COLUMNS = {"id", "char_start", "char_end", "article_id"}
NUMBER_COLUMNS = {"value", "value_high"}


def exported(database, **options) -> str:
    out = io.StringIO()
    count = export(database, out, **options)
    text = out.getvalue()
    assert count == len(parse(text, options.get("fmt", "json"), options.get("what", "claims")))
    return text


def cell(name: str, text: str):
    """A CSV cell back to its JSON value: empty is null, ids and offsets are integers, values numbers."""
    if text == "":
        return None
    if name in INTEGER_COLUMNS:
        return int(text)
    if name in NUMBER_COLUMNS:
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


def claim_from_csv(row: dict, prefix: str = "") -> dict:
    value = {name: cell(name, row[prefix + name]) for name in EXPORTED_CLAIM_FIELDS}
    return {
        **{name: value[name] for name in EXPORTED_CLAIM_FIELDS[:9]},
        "time_scope": {"text": value["time_text"], "start": value["time_start"], "end": value["time_end"]},
        **{name: value[name] for name in ("figure_text", "sentence", "char_start", "char_end")},
        "article": {"id": value["article_id"], "url": value["url"], "title": value["title"], "outlet": value["outlet"],
                    "published": value["published"], "fetched_at": value["fetched_at"],
                    "content_sha256": value["content_sha256"]},
    }


def parse(text: str, fmt: str, what: str) -> list[dict]:
    """The records of an export, whatever its format (CSV rows rebuilt into the contract's records)."""
    if fmt in ("json", "claimreview"):
        return json.loads(text)
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    rows = list(csv.DictReader(io.StringIO(text)))
    if what == "claims":
        return [claim_from_csv(row) for row in rows]
    return [{**{name: cell(name, row[name]) for name in EXPORTED_CONTRADICTION_FIELDS},
             "review": ({name: row[f"review_{name}"] for name in EXPORTED_REVIEW_FIELDS}
                        if row["review_verdict"] else None),
             "claims": [claim_from_csv(row, "a_"), claim_from_csv(row, "b_")]} for row in rows]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("what", ["claims", "contradictions"])
def test_every_format_validates_against_the_schemas(database, schemas, what, fmt):
    records = parse(exported(database, what=what, fmt=fmt, all=True), fmt, what)
    schema = "claimreview" if fmt == "claimreview" else what.rstrip("s")
    assert len(records) == {"claims": 8, "contradictions": 2}[what]
    for record in records:
        schemas[schema].validate(record)


def test_a_schema_rejects_a_record_that_breaks_the_contract(database, schemas):
    claim = json.loads(exported(database))[0]
    broken = {**claim, "qualifier": "roughly", "time_scope": {**claim["time_scope"], "start": "2025-02-30"}}
    errors = {error.validator for error in schemas["claim"].iter_errors(broken)}
    assert errors == {"enum", "format"}


@pytest.mark.parametrize("what", ["claims", "contradictions"])
def test_csv_reads_back_into_the_json_records(database, what):
    from_json = json.loads(exported(database, what=what))
    from_csv = parse(exported(database, what=what, fmt="csv"), "csv", what)
    assert from_csv == from_json
    assert any(claim["article"]["title"] and '"' in claim["article"]["title"] for claim in from_json
               for claim in ([claim] if what == "claims" else claim["claims"]))


def test_jsonl_and_json_hold_the_same_records(database):
    assert parse(exported(database, fmt="jsonl"), "jsonl", "claims") == json.loads(exported(database))


def test_claims_point_at_their_figure_and_the_page_as_fetched(database):
    claims = json.loads(exported(database))
    for claim in claims:
        article = database.execute("SELECT text FROM articles WHERE id = ?", [claim["article"]["id"]]).fetchone()
        assert article[0][claim["char_start"] : claim["char_end"]] == claim["figure_text"]
        assert claim["figure_text"] in claim["sentence"]
        body = f"<html><body><p>{article[0]}</p></body></html>".encode()
        assert claim["article"]["content_sha256"] == hashlib.sha256(body).hexdigest()
    pounds = next(claim for claim in claims if claim["unit"] == "GBP")
    assert pounds["value"] == 50_000_000 and pounds["figure_text"] == "£50 million"


def figures(database, **filters) -> set[str]:
    return {claim["figure_text"] for claim in json.loads(exported(database, **filters))}


def contradiction_causes(database, **filters) -> list[str]:
    return [c["cause"] for c in json.loads(exported(database, what="contradictions", **filters))]


def test_claim_filters_combine(database):
    assert figures(database, metrics=["lfr_arrests"]) == {"500 arrests", "over 2,000"}
    assert figures(database, metrics=["lfr_arrests", "lfr_vans"], since="2025-06") == {"over 2,000", "2 vans"}
    assert figures(database, metrics=["lfr_arrests"], since="2025-06", outlets=["metro civic watch"]) == {"over 2,000"}
    assert figures(database, metrics=["lfr_arrests"], since="2025-06", outlets=["Borough Ledger"]) == set()
    assert figures(database, causes=["conflict"]) == {"about 30", "9 drones"}
    assert figures(database, causes=["conflict", "different_period"], outlets=["Borough Ledger"]) == {
        "9 drones", "500 arrests"}
    assert figures(database, causes=["conflict"], subjects=["Metropolitan Police"], since="2025-03-10",
                   metrics=["drones_fleet"], outlets=["Borough Ledger", "Thameside Herald"]) == {"9 drones"}
    assert figures(database, subjects=["South Wales Police"]) == {"2 vans"}


def test_since_takes_a_year_a_month_or_a_day_and_counts_datetimes_from_their_day(database):
    assert figures(database, since="2025-12-01") == {"One alert in 6,000", "£50 million"}
    assert figures(database, since="2025-11-12") == {"over 2,000", "2 vans", "One alert in 6,000", "£50 million"}
    assert figures(database, since="2025-12") == figures(database, since="2025-12-01")
    assert figures(database, since="2026") == set()
    assert len(figures(database, since="2025")) == 8


def test_contradiction_filters_combine(database):
    assert contradiction_causes(database) == ["conflict", "different_period"]
    assert contradiction_causes(database, causes=["conflict"]) == ["conflict"]
    # Either claim counts: the later of the two articles makes the difference recent, either outlet involves it.
    assert contradiction_causes(database, since="2025-06-01") == ["different_period"]
    assert contradiction_causes(database, outlets=["Thameside Herald"]) == ["conflict"]
    assert contradiction_causes(database, outlets=["Borough Ledger"]) == ["conflict", "different_period"]
    assert contradiction_causes(database, outlets=["Borough Ledger"], metrics=["drones_fleet"]) == ["conflict"]
    assert contradiction_causes(database, metrics=["lfr_arrests"], causes=["conflict"]) == []
    assert contradiction_causes(database, subjects=["South Wales Police"]) == []
    assert contradiction_causes(database, subjects=["Metropolitan Police"], since="2025-03-20",
                                outlets=["borough ledger"], causes=["different_period"]) == ["different_period"]


@pytest.mark.parametrize("options, named", [
    ({"since": "last week"}, "'last week'"),
    ({"since": "2025-02-30"}, "'2025-02-30'"),
    ({"causes": ["contradiction"]}, "'contradiction'"),
    ({"fmt": "xml"}, "'xml'"),
    ({"what": "articles"}, "'articles'"),
])
def test_a_bad_request_is_one_line_naming_the_value(database, options, named):
    with pytest.raises(ExportError) as raised:
        export(database, io.StringIO(), **options)
    assert named in str(raised.value) and "\n" not in str(raised.value)


def test_an_empty_export_is_still_valid_in_every_format(database):
    for fmt in FORMATS:
        text = exported(database, fmt=fmt, metrics=["lfr_watchlist_size"], all=True)
        assert parse(text, fmt, "claims") == []
    assert exported(database, fmt="csv", metrics=["lfr_watchlist_size"]).strip() == ",".join(EXPORTED_CLAIM_FIELDS)


def test_claimreview_of_a_contradiction_shows_both_appearances_and_the_reason(database):
    conflict, explained = json.loads(exported(database, what="contradictions", fmt="claimreview", all=True,
                                              site_url="https://claimwatch.example.org/"))
    records = json.loads(exported(database, what="contradictions"))
    earlier, later = records[0]["claims"]
    assert conflict["reviewRating"]["alternateName"] == "Contradicted by another source"
    assert explained["reviewRating"]["alternateName"] == "Explained mismatch: different period"
    assert [work["url"] for work in conflict["itemReviewed"]["appearance"]] == [earlier["article"]["url"],
                                                                                later["article"]["url"]]
    assert conflict["itemReviewed"]["firstAppearance"]["url"] == earlier["article"]["url"]
    assert conflict["itemReviewed"]["appearance"][1]["publisher"]["name"] == "Borough Ledger"
    assert conflict["reviewBody"] == records[0]["reason"]
    assert conflict["url"] == f"https://claimwatch.example.org/-/contradiction/{records[0]['id']}"
    assert conflict["author"] == {"@type": "Organization", "name": "claimwatch",
                                  "url": "https://claimwatch.example.org/"}
    assert [(f["claimwatch:value"], f["claimwatch:qualifier"]) for f in conflict["claimwatch:figures"]] == [
        (30, "approx"), (9, "exact")]
    # The claim reviewed is the earlier figure as its article printed it, never words made up from a metric name.
    assert conflict["claimReviewed"] == earlier["sentence"] and "about 30" in conflict["claimReviewed"]
    assert "drones_fleet" not in conflict["claimReviewed"]
    assert conflict["@context"] == ["https://schema.org", {"claimwatch": "https://claimwatch.example.org/-/vocabulary#"}]


def test_claimreview_of_claims_rates_each_by_the_worst_difference_it_is_in(database):
    reviews = {review["claimwatch:figures"][0]["claimwatch:figureText"]: review
               for review in json.loads(exported(database, fmt="claimreview", all=True))}
    ratings = {figure: review["reviewRating"]["alternateName"] for figure, review in reviews.items()}
    assert ratings["about 30"] == ratings["9 drones"] == "Contradicted by another source"
    assert ratings["500 arrests"] == "Explained mismatch: different period"
    assert ratings["4 sites"] == "No conflicting figure found"
    arrests = reviews["over 2,000"]
    assert arrests["claimReviewed"] == arrests["claimwatch:figures"][0]["claimwatch:sentence"]
    assert arrests["claimwatch:figures"][0]["claimwatch:period"] == {
        "claimwatch:text": "Since January 2024", "claimwatch:start": "2024-01-01", "claimwatch:end": "2025-11-12"}
    assert arrests["itemReviewed"]["author"]["name"] == "Metro Civic Watch"
    assert arrests["itemReviewed"]["datePublished"] == "2025-11-12"
    claim_id = arrests["claimwatch:figures"][0]["claimwatch:claimId"]
    assert arrests["url"] == f"http://127.0.0.1:8001/claimwatch/claims/{claim_id}"


def test_claimreview_date_is_the_last_detection_run(database):
    database["runs"].insert({"command": "detect", "started_at": "2026-02-01T09:00:00Z",
                             "finished_at": "2026-02-01T09:00:05Z"})
    reviews = json.loads(exported(database, what="contradictions", fmt="claimreview", all=True))
    assert {review["datePublished"] for review in reviews} == {"2026-02-01"}


def test_cli_writes_to_a_file_and_to_stdout(claimwatch_cli, built_db, schemas):
    db_path = built_db
    claimwatch_cli("export", "--db", db_path, "--what", "contradictions", "--format", "claimreview",
                   "--metric", "drones_fleet", "--all", "-o", "reviews.json")
    reviews = json.loads((db_path.parent / "reviews.json").read_text())
    assert [review["claimwatch:cause"] for review in reviews] == ["conflict"]
    schemas["claimreview"].validate(reviews[0])
    result = claimwatch_cli("export", "--db", db_path, "--format", "jsonl", "--since", "2025-11-01",
                            "--outlet", "Metro Civic Watch")
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert {claim["figure_text"] for claim in claims} == {"over 2,000", "2 vans"}
    for claim in claims:
        schemas["claim"].validate(claim)


def test_cli_refuses_a_bad_date_with_one_line(claimwatch_cli, built_db):
    result = claimwatch_cli("export", "--db", built_db, "--since", "yesterday", check=False)
    assert result.returncode == 2
    assert "yesterday" in result.stderr and "Traceback" not in result.stderr


def test_claimreview_urls_open_claimwatch_pages_in_datasette(database, built_db):
    import asyncio
    import urllib.parse

    from claimwatch import publish

    site = "http://localhost"
    reviews = (json.loads(exported(database, fmt="claimreview", site_url=site, all=True))[:2]
               + json.loads(exported(database, what="contradictions", fmt="claimreview", site_url=site, all=True)))
    datasette = publish.make_datasette(built_db)

    async def statuses():
        await datasette.invoke_startup()
        return [(await datasette.client.get(urllib.parse.urlsplit(review["url"]).path)).status_code
                for review in reviews]

    assert asyncio.run(statuses()) == [200] * 4


def test_a_filter_given_one_name_alone_matches_that_name(database):
    assert figures(database, metrics="lfr_arrests", outlets="Borough Ledger") == {"500 arrests"}


def test_every_cause_has_a_rating_the_claimreview_schema_accepts(schemas):
    from claimwatch.db.detect import CAUSES
    from claimwatch.db.export import OFFICIAL_RATINGS, RATINGS, UNCONTRADICTED, VERDICT_RATINGS
    from claimwatch.db.official import OFFICIAL_CAUSES
    from claimwatch.db.reviews import VERDICTS

    assert set(RATINGS) == set(CAUSES)
    assert set(OFFICIAL_RATINGS) == set(OFFICIAL_CAUSES)
    accepted = schemas["claimreview"].schema["properties"]["reviewRating"]["properties"]["alternateName"]["enum"]
    assert set(VERDICT_RATINGS) == set(VERDICTS)
    assert sorted(accepted) == sorted([*RATINGS.values(), UNCONTRADICTED, *OFFICIAL_RATINGS.values(),
                                       *VERDICT_RATINGS.values()])
