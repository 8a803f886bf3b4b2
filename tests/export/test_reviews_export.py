"""A reviewer's verdicts in the exports: `review` on every contradiction in json/jsonl/csv, and ClaimReview holding
only the confirmed contradictions (rated by the verdict, written by the reviewer) unless --all."""

import io
import json

import pytest

from claimwatch.db import reviews
from claimwatch.db.export import ExportError, export
from tests.export.test_export import parse


@pytest.fixture
def reviewed(database, built_db):
    """The test articles' conflict confirmed (after a needs_evidence), their explained mismatch dismissed; returns
    the reviews file and {cause: contradiction id}."""
    ids = dict(database.execute("SELECT cause, id FROM contradictions"))
    path = reviews.reviews_path(built_db)
    conflict, explained = (reviews.pair_of(database, ids[cause]) for cause in ("conflict", "different_period"))
    reviews.record(path, conflict, "needs_evidence", by="Ana Reviewer", note="Asking the press office",
                   at="2026-03-01T09:00:00Z")
    reviews.record(path, conflict, "confirmed", by="Ana Reviewer", note="The Met confirmed 9 drones in service.",
                   at="2026-03-02T10:30:00Z")
    reviews.record(path, explained, "dismissed", by="Bo Checker", note="", at="2026-03-03T08:00:00Z")
    return path, ids


def exported(database, **options):
    out = io.StringIO()
    count = export(database, out, **options)
    records = parse(out.getvalue(), options.get("fmt", "json"), options.get("what", "claims"))
    assert count == len(records)
    return records


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_every_contradiction_carries_its_latest_review(database, reviewed, schemas, fmt):
    path, ids = reviewed
    records = {record["id"]: record for record in exported(database, what="contradictions", fmt=fmt, reviews=path)}
    assert records[ids["conflict"]]["review"] == {"verdict": "confirmed", "note": "The Met confirmed 9 drones in "
                                                  "service.", "by": "Ana Reviewer", "at": "2026-03-02T10:30:00Z"}
    assert records[ids["different_period"]]["review"] == {"verdict": "dismissed", "note": "", "by": "Bo Checker",
                                                          "at": "2026-03-03T08:00:00Z"}
    for record in records.values():
        schemas["contradiction"].validate(record)


def test_without_a_reviews_file_nothing_is_reviewed_and_no_file_is_made(database, built_db, schemas, tmp_path):
    missing = tmp_path / "none.reviews.db"
    records = exported(database, what="contradictions", reviews=missing)
    assert [record["review"] for record in records] == [None, None]
    assert exported(database, what="contradictions", fmt="claimreview", reviews=missing) == []
    assert not missing.exists()
    schemas["contradiction"].validate(records[0])


def test_claimreview_holds_only_the_confirmed_contradiction_rated_and_signed_by_its_reviewer(database, reviewed,
                                                                                             schemas):
    path, ids = reviewed
    [review] = exported(database, what="contradictions", fmt="claimreview", reviews=path,
                        site_url="https://checks.example.org")
    schemas["claimreview"].validate(review)
    assert review["claimwatch:contradictionId"] == ids["conflict"]
    assert review["claimwatch:verdict"] == "confirmed"
    assert review["reviewRating"]["alternateName"] == "Contradicted by another source: confirmed by a reviewer"
    assert review["author"] == {"@type": "Person", "name": "Ana Reviewer"}
    assert review["publisher"] == {"@type": "Organization", "name": "claimwatch", "url": "https://checks.example.org"}
    assert review["datePublished"] == "2026-03-02"
    assert review["reviewBody"].endswith("Reviewer's note: The Met confirmed 9 drones in service.")
    [contradiction] = [r for r in exported(database, what="contradictions") if r["id"] == ids["conflict"]]
    assert review["claimReviewed"] == contradiction["claims"][0]["sentence"]


def test_claimreview_all_keeps_every_contradiction_each_rated_by_its_verdict(database, reviewed, schemas):
    path, ids = reviewed
    by_id = {review["claimwatch:contradictionId"]: review
             for review in exported(database, what="contradictions", fmt="claimreview", reviews=path, all=True)}
    assert by_id[ids["different_period"]]["reviewRating"]["alternateName"] == (
        "Not a contradiction: dismissed by a reviewer")
    assert by_id[ids["different_period"]]["author"] == {"@type": "Person", "name": "Bo Checker"}
    assert set(by_id) == set(ids.values())
    for review in by_id.values():
        schemas["claimreview"].validate(review)


def test_claimreview_of_claims_needs_all(database):
    with pytest.raises(ExportError) as refused:
        export(database, io.StringIO(), fmt="claimreview")
    assert "--all" in str(refused.value) and "\n" not in str(refused.value)
    assert len(exported(database, fmt="claimreview", all=True)) == 8


def test_the_cli_exports_what_claimwatch_review_confirmed(claimwatch_cli, database, built_db, tmp_path, schemas):
    ids = dict(database.execute("SELECT cause, id FROM contradictions"))
    own_file = tmp_path / "desk.reviews.db"
    claimwatch_cli("review", ids["conflict"], "--db", built_db, "--reviews", own_file, "--verdict", "confirmed",
                   "--by", "Ana Reviewer")
    claimwatch_cli("review", ids["different_period"], "--db", built_db, "--reviews", own_file, "--verdict",
                   "dismissed", "--by", "Ana Reviewer")
    confirmed = json.loads(claimwatch_cli("export", "--db", built_db, "--reviews", own_file, "--what",
                                          "contradictions", "--format", "claimreview").stdout)
    assert [review["claimwatch:contradictionId"] for review in confirmed] == [ids["conflict"]]
    schemas["claimreview"].validate(confirmed[0])
    # The default reviews file (beside the database) holds no review.
    assert json.loads(claimwatch_cli("export", "--db", built_db, "--what", "contradictions", "--format",
                                     "claimreview").stdout) == []
    refused = claimwatch_cli("export", "--db", built_db, "--format", "claimreview", check=False)
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1


def claimwatch_terms(value) -> set:
    if isinstance(value, dict):
        return {key.removeprefix("claimwatch:") for key in value if key.startswith("claimwatch:")} | {
            term for item in value.values() for term in claimwatch_terms(item)}
    if isinstance(value, list):
        return {term for item in value for term in claimwatch_terms(item)}
    return set()


def test_every_claimwatch_term_resolves_to_its_meaning_on_the_sites_vocabulary_page(database, built_db, reviewed):
    import asyncio

    from claimwatch import publish

    path, _ = reviewed
    site = "http://localhost"
    exported_reviews = (exported(database, fmt="claimreview", all=True, site_url=site)
                        + exported(database, what="contradictions", fmt="claimreview", all=True, reviews=path,
                                   site_url=site))
    terms = claimwatch_terms(exported_reviews)
    assert {"figures", "verdict", "contradictionId", "causes", "period", "start"} <= terms
    assert {tuple(review["@context"][1].items()) for review in exported_reviews} == {
        (("claimwatch", f"{site}/-/vocabulary#"),)}
    datasette = publish.make_datasette(built_db)

    async def page():
        await datasette.invoke_startup()
        return await datasette.client.get("/-/vocabulary")

    response = asyncio.run(page())
    assert response.status_code == 200
    assert {term for term in terms if f'id="{term}"' not in response.text} == set()
    assert "http://localhost/-/vocabulary#" in response.text
