"""Claims carry copies of their article's date, copy cluster and outlet (so detection reads no article): the
copies must follow the article when it changes, and the figure key must group what SQLite holds as equal."""

import pytest

from claimwatch.db import detect, store


def causes(database):
    return sorted(row[0] for row in database.execute("SELECT cause FROM contradictions"))


def test_a_refetched_article_with_a_new_date_moves_its_claims_in_time(database, add_article, make_claim, make_record):
    add_article("https://lantern.example/a", [make_claim("about 30", 30, qualifier="approx")], published="2025-11-10")
    add_article("https://bugle.example/b", [make_claim("nine", 9)], outlet="Borough Bugle", published="2025-01-02")
    detect.detect(database)
    assert causes(database) == ["different_period"]  # ten months apart: two moments

    corrected = make_record(
        "https://bugle.example/b", outlet="Borough Bugle", published="2025-11-12", body=b"<html>corrected date</html>"
    )
    assert store.ArticleStore(database).save_article(corrected) == "updated"
    detect.detect(database)
    assert causes(database) == ["conflict"]
    dates = database.execute("SELECT published FROM claims_with_provenance ORDER BY id").fetchall()
    assert dates == [("2025-11-10",), ("2025-11-12",)]


def test_a_copy_that_joins_two_clusters_makes_their_claims_one_source(database, add_article, make_claim):
    lantern = list(range(128))
    bugle = lantern[:40] + list(range(1000, 1088))  # 40 of 128 shared: below COPY_JACCARD, two sources
    add_article("https://lantern.example/a", [make_claim("about 30", 30, qualifier="approx")], minhash=lantern)
    add_article("https://bugle.example/b", [make_claim("nine", 9)], outlet="Borough Bugle", minhash=bugle)
    detect.detect(database)
    assert causes(database) == ["conflict"]

    # A wire story copying half of each: the two articles turn out to be versions of one text.
    add_article(
        "https://wire.example/c",
        [],
        outlet="Wire Service",
        minhash=lantern[:64] + bugle[64:],
        text="A wire story stitched from both.",
    )
    detect.detect(database)
    assert causes(database) == []
    clusters = database.execute("SELECT DISTINCT cluster_id FROM claims_with_provenance").fetchall()
    assert len(clusters) == 1


def test_a_whole_number_stored_as_float_is_the_same_figure(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("2,000", 2000)])
    add_article("https://bugle.example/b", [make_claim("2,000", 2000.0)], outlet="Borough Bugle")
    summary = detect.detect(database)
    assert summary["figures"] == 1 and summary["agreements"] == 1
    assert database.execute("SELECT claim_count, outlet_count FROM figure_timeline").fetchall() == [(2, 2)]


def test_claims_with_provenance_shows_the_latest_version_fetched(database, add_article, make_claim, make_record):
    add_article("https://lantern.example/a", [make_claim("nine", 9)])
    again = make_record(
        "https://lantern.example/a", body=b"<html>second version</html>", fetched_at="2026-02-01T08:00:00Z"
    )
    assert store.ArticleStore(database).save_article(again) == "updated"
    [(fetched_at, sha)] = database.execute("SELECT fetched_at, content_sha256 FROM claims_with_provenance").fetchall()
    assert fetched_at == "2026-02-01T08:00:00Z" and sha == again["content_sha256"]


def test_claims_for_an_unknown_article_are_refused_naming_it(database, make_claim):
    with pytest.raises(ValueError, match="article 404"):
        store.replace_claims(database, 404, "test-1", [make_claim("nine", 9)])
