"""Detection on the sample site's planted claims (sample_site/planted.yml), stored as the nlp would store them.

The crawler and the nlp are left out: this checks that the detection rules give the causes the sample site
plants, whatever the extraction gets right. The end-to-end test checks the whole chain."""

import pathlib

import pytest
import yaml
from datasketch import MinHash

from claimwatch.db import detect, store

PLANTED = pathlib.Path(__file__).resolve().parents[2] / "sample_site" / "planted.yml"


def signature(text):
    minhash = MinHash(num_perm=128, seed=1)
    for word in text.split():
        minhash.update(word.encode())
    return [int(value) for value in minhash.hashvalues]


@pytest.fixture(scope="module")
def planted():
    if not PLANTED.exists():
        pytest.skip(f"{PLANTED} is not there yet")
    return yaml.safe_load(PLANTED.read_text())


@pytest.fixture
def detected(database, planted, make_record):
    """Store every planted article with its claims, the syndicated copy sharing its original's signature."""
    copies = {
        item["pair"][1]["path"]: item["pair"][0]["path"] for item in planted["expected"] if item["kind"] == "syndicated"
    }
    sink = store.ArticleStore(database)
    for article in planted["articles"]:
        story = copies.get(article["path"], article["path"])
        text = " ".join(f"{story}#{n}" for n in range(200))  # one set of words per story
        record = make_record(
            f"https://sample.test/{article['path']}",
            outlet=article["outlet"],
            published=article["published"],
            minhash=signature(text),
            text=f"{text} as published at {article['path']}",
        )
        assert sink.save_article(record) == "stored"
        article_id = database.execute("SELECT id FROM articles WHERE url = ?", [record["url"]]).fetchone()[0]
        store.replace_claims(
            database,
            article_id,
            "planted",
            [
                {**claim, "sentence": f"A sentence giving {claim['figure_text']}.", "char_start": 0, "char_end": 1}
                for claim in article["claims"]
            ],
        )
    detect.detect(database)
    return database


def rows_for(database, pair, table):
    (a, b) = [(f"https://sample.test/{side['path']}", side["figure_text"]) for side in pair]
    return database.execute(
        f"""
        SELECT rows.* FROM {table} AS rows
        JOIN claims_with_provenance AS a ON a.id = rows.claim_a
        JOIN claims_with_provenance AS b ON b.id = rows.claim_b
        WHERE (a.url, a.figure_text, b.url, b.figure_text) IN (VALUES (?, ?, ?, ?), (?, ?, ?, ?))""",
        [*a, *b, *b, *a],
    ).fetchall()


def test_planted_conflicts_and_look_alikes_get_their_causes(detected, planted):
    for item in planted["expected"]:
        if item["kind"] not in ("conflict", "explained"):
            continue
        causes = {row[3] for row in rows_for(detected, item["pair"], "contradictions")}
        assert causes == {item["cause"]}, item["id"]


def test_planted_agreements_are_found(detected, planted):
    for item in planted["expected"]:
        if item["kind"] == "agreement":
            assert rows_for(detected, item["pair"], "agreements"), item["id"]


def test_a_syndicated_copy_neither_agrees_nor_conflicts_with_its_original(detected, planted):
    for item in planted["expected"]:
        if item["kind"] == "syndicated":
            for figure in item["copied_figures"]:
                pair = [{**side, "figure_text": figure} for side in item["pair"]]
                assert not rows_for(detected, pair, "agreements"), figure
                assert not rows_for(detected, pair, "contradictions"), figure


def test_only_the_planted_conflicts_count_as_conflicts(detected, planted):
    expected = {item["metric"] for item in planted["expected"] if item["kind"] == "conflict"}
    found = detected.execute("SELECT metric, reason FROM contradictions WHERE cause = 'conflict'").fetchall()
    assert {metric for metric, _ in found} == expected, found
    assert len(found) == len(expected), found


def test_other_forces_are_never_compared_with_the_met(detected):
    assert not detected.execute(
        "SELECT * FROM contradictions_side_by_side WHERE subject != 'Metropolitan Police'"
    ).fetchall()
