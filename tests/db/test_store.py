"""The crawler's sink, the extraction queue, claims and runs, against a real SQLite file."""

import json
import sqlite3
import zlib

import pytest
from datasketch import MinHash

from claimwatch.db import store


def signature(text):
    words = text.lower().split()
    minhash = MinHash(num_perm=128, seed=1)
    for shingle in zip(words, words[1:], words[2:], strict=False):
        minhash.update(" ".join(shingle).encode())
    return [int(value) for value in minhash.hashvalues]


STORY = " ".join(
    f"The borough council heard on day {n} that cameras in the high street scanned many faces"
    f" and that officers at van {n} made arrests after alerts."
    for n in range(30)
)


def test_a_new_article_is_stored_with_its_outlet_version_and_urls(database, make_record):
    article_record = make_record
    sink = store.ArticleStore(database)
    record = article_record("https://lantern.example/news/lfr", requested_url="https://lantern.example/?p=7")
    assert sink.save_article(record) == "stored"
    article = database.execute("SELECT url, title, text, published FROM articles").fetchone()
    assert article == ("https://lantern.example/news/lfr", record["title"], record["text"], "2025-11-12")
    assert database.execute("SELECT name, domain, kind FROM outlets").fetchall() == [
        ("The Daily Lantern", "lantern.example", "press")
    ]
    body, sha = database.execute("SELECT body_zlib, content_sha256 FROM article_versions").fetchone()
    assert zlib.decompress(body) == record["body"] and sha == record["content_sha256"]
    urls = {row[0] for row in database.execute("SELECT url FROM article_urls")}
    assert urls == {"https://lantern.example/news/lfr", "https://lantern.example/?p=7"}


def test_the_same_body_again_is_unchanged_and_stores_nothing_new(database, make_record):
    article_record = make_record
    sink = store.ArticleStore(database)
    sink.save_article(article_record("https://lantern.example/a"))
    later = article_record("https://lantern.example/a", fetched_at="2026-02-01T08:00:00Z")
    assert sink.save_article(later) == "unchanged"
    assert database.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert database.execute("SELECT count(*), max(last_checked_at) FROM article_versions").fetchone() == (
        1,
        "2026-02-01T08:00:00Z",
    )


def test_a_changed_article_is_updated_and_keeps_its_earlier_versions(database, make_record):
    article_record = make_record
    sink = store.ArticleStore(database)
    first = article_record("https://lantern.example/a", text="Nine drones fly today.")
    second = article_record(
        "https://lantern.example/a", text="Nine drones fly today. Correction: ten.", fetched_at="2026-02-01T08:00:00Z"
    )
    assert sink.save_article(first) == "stored"
    assert sink.save_article(second) == "updated"
    bodies = [zlib.decompress(row[0]) for row in database.execute("SELECT body_zlib FROM article_versions ORDER BY id")]
    assert bodies == [first["body"], second["body"]]
    assert database.execute("SELECT text FROM articles").fetchone()[0] == second["text"]


def test_the_same_text_under_another_url_is_stored_once_as_an_alias(database, make_record):
    article_record = make_record
    sink = store.ArticleStore(database)
    text = "The force now flies nine drones across the capital."
    assert sink.save_article(article_record("https://lantern.example/a", text=text)) == "stored"
    copy = article_record("https://mirror.example/b", outlet="Mirror Mirror", text=text, body=b"<p>other furniture</p>")
    assert sink.save_article(copy) == "duplicate"
    assert sink.save_article(copy) == "duplicate"
    assert database.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert database.execute("SELECT article_id FROM article_urls WHERE url = ?", [copy["url"]]).fetchone() == (1,)


def test_validators_and_not_modified_follow_the_latest_version(database, make_record):
    article_record = make_record
    sink = store.ArticleStore(database)
    assert sink.validators("https://lantern.example/a") == {}
    sink.save_article(
        article_record(
            "https://lantern.example/a",
            requested_url="http://lantern.example/a",
            etag='"v1"',
            last_modified="Mon, 01 Dec 2025 10:00:00 GMT",
        )
    )
    sink.save_article(
        article_record(
            "https://lantern.example/a", text="new text", etag='"v2"', last_modified="Tue, 02 Dec 2025 10:00:00 GMT"
        )
    )
    assert sink.validators("http://lantern.example/a") == {
        "etag": '"v2"',
        "last_modified": "Tue, 02 Dec 2025 10:00:00 GMT",
    }
    sink.not_modified("https://lantern.example/a", "2026-03-01T00:00:00Z")
    checked = database.execute("SELECT last_checked_at FROM article_versions ORDER BY id").fetchall()
    assert checked == [("2026-01-03T10:22:41Z",), ("2026-03-01T00:00:00Z",)]


def test_near_copies_share_a_syndication_cluster_and_other_stories_do_not(database, make_record):
    article_record = make_record
    sink = store.ArticleStore(database)
    # Republished with its own lead and sign-off, as syndicated copies are.
    edited = "From our partners at the Lantern, a report from the council. " + STORY.replace("day 3 ", "day three ")
    edited += " This story first appeared in The Daily Lantern and is republished with permission."
    other = " ".join(f"A different report number {n} on budgets, staffing and a new drone base." for n in range(30))
    sink.save_article(article_record("https://lantern.example/a", text=STORY, minhash=signature(STORY)))
    sink.save_article(
        article_record("https://wire.example/b", outlet="Wire Service", text=edited, minhash=signature(edited))
    )
    sink.save_article(
        article_record("https://bugle.example/c", outlet="Borough Bugle", text=other, minhash=signature(other))
    )
    clusters = dict(database.execute("SELECT url, cluster_id FROM articles").fetchall())
    assert clusters["https://wire.example/b"] == clusters["https://lantern.example/a"]
    assert clusters["https://bugle.example/c"] != clusters["https://lantern.example/a"]


def test_a_bad_record_is_refused_with_one_line_naming_the_url(database, make_record):
    article_record = make_record
    sink = store.ArticleStore(database)
    with pytest.raises(ValueError, match=r"https://lantern.example/a.*body") as raised:
        record = article_record("https://lantern.example/a")
        sink.save_article({**record, "body": "not bytes"})
    assert "\n" not in str(raised.value)
    assert database.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_extraction_resumes_where_it_stopped_and_redoes_changed_articles(database, make_record, make_claim):
    article_record = make_record
    claim = make_claim
    sink = store.ArticleStore(database)
    for n in range(3):
        sink.save_article(article_record(f"https://lantern.example/{n}"))
    pending = list(store.articles_to_extract(database, "v1"))
    assert [row["id"] for row in pending] == [1, 2, 3]
    assert set(pending[0]) == {"id", "text", "published", "url", "text_sha256"}
    store.replace_claims(database, 1, "v1", [claim("nine", 9)])  # then the run is killed
    assert [row["id"] for row in store.articles_to_extract(database, "v1")] == [2, 3]
    for row in store.articles_to_extract(database, "v1"):
        store.replace_claims(database, row["id"], "v1", [claim("nine", 9)])
    assert list(store.articles_to_extract(database, "v1")) == []
    assert database.execute("SELECT count(*) FROM claims").fetchone()[0] == 3
    sink.save_article(article_record("https://lantern.example/1", text="Now there are ten drones."))
    assert [row["id"] for row in store.articles_to_extract(database, "v1")] == [2]
    assert [row["id"] for row in store.articles_to_extract(database, "v2")] == [1, 2, 3]
    assert len(list(store.articles_to_extract(database, "v1", all=True))) == 3


def test_a_corrected_publication_date_sends_the_article_back_to_extraction(database, make_record, make_claim):
    sink = store.ArticleStore(database)
    sink.save_article(make_record("https://lantern.example/1", published="2025-11-12"))
    store.replace_claims(database, 1, "v1", [make_claim("nine", 9)])
    assert list(store.articles_to_extract(database, "v1")) == []
    # same text, new date ("since early 2024" now ends elsewhere): the claims must be read again
    assert sink.save_article(make_record("https://lantern.example/1", published="2025-12-20",
                                         body=b"<html>re-dated</html>")) == "updated"
    assert [row["published"] for row in store.articles_to_extract(database, "v1")] == ["2025-12-20"]


def test_re_extraction_replaces_an_articles_claims(database, make_record, make_claim):
    article_record = make_record
    claim = make_claim
    store.ArticleStore(database).save_article(article_record("https://lantern.example/a"))
    store.replace_claims(database, 1, "v1", [claim("nine", 9), claim("500", 500, status="planned")])
    store.replace_claims(database, 1, "v2", [claim("ten", 10, time=("since October", "2025-10-01", "2025-11-12"))])
    rows = database.execute("SELECT figure_text, extractor_version, time_text, time_start, time_end FROM claims")
    assert rows.fetchall() == [("ten", "v2", "since October", "2025-10-01", "2025-11-12")]
    assert database.execute("SELECT extractor_version FROM extractions").fetchall() == [("v2",)]
    found = database.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'ten'").fetchall()
    assert len(found) == 1


def test_a_failure_while_replacing_claims_keeps_the_old_ones(database, make_record, make_claim):
    article_record = make_record
    claim = make_claim
    store.ArticleStore(database).save_article(article_record("https://lantern.example/a"))
    store.replace_claims(database, 1, "v1", [claim("nine", 9)])
    unstorable = claim("ten", 10)
    unstorable["char_start"] = object()  # passes the checks, fails inside the transaction
    with pytest.raises(sqlite3.Error):
        store.replace_claims(database, 1, "v2", [claim("eleven", 11), unstorable])
    assert database.execute("SELECT figure_text, extractor_version FROM claims").fetchall() == [("nine", "v1")]
    assert database.execute("SELECT extractor_version FROM extractions").fetchall() == [("v1",)]


def test_a_claim_without_a_required_field_is_refused_naming_the_article(database, make_record, make_claim):
    article_record = make_record
    claim = make_claim
    store.ArticleStore(database).save_article(article_record("https://lantern.example/a"))
    bad = claim("nine", 9)
    del bad["metric"]
    with pytest.raises(ValueError, match="article 1.*metric"):
        store.replace_claims(database, 1, "v1", [bad])
    with pytest.raises(ValueError, match="article 1.*value.*'nine'"):
        store.replace_claims(database, 1, "v1", [{**claim("nine", 9), "value": "9"}])


def test_a_run_is_recorded_with_its_stats_and_errors(database):
    run_id = store.record_run(
        database,
        "crawl",
        "2026-01-03T10:00:00Z",
        "2026-01-03T10:05:00Z",
        {"stored": 4, "duplicate": 1},
        ["https://lantern.example/x: HTTP 500"],
    )
    row = database["runs"].get(run_id)
    assert json.loads(row["stats"]) == {"stored": 4, "duplicate": 1}
    assert json.loads(row["errors"]) == ["https://lantern.example/x: HTTP 500"] and row["error_count"] == 1


def test_claims_with_provenance_shows_each_claim_with_its_source(database, add_article, make_claim):
    claim = make_claim
    add_article("https://lantern.example/a", [claim("nine", 9)])
    row = next(database.query("SELECT * FROM claims_with_provenance"))
    assert row["figure_text"] == "nine" and row["outlet"] == "The Daily Lantern"
    assert row["url"] == "https://lantern.example/a" and row["published"] == "2025-11-12"
    assert row["fetched_at"] == "2026-01-03T10:22:41Z" and len(row["content_sha256"]) == 64


def test_articles_are_searchable_by_title_and_text(database, make_record):
    sink = store.ArticleStore(database)
    sink.save_article(make_record("https://lantern.example/a", text="Vans with cameras parked on the high street."))
    sink.save_article(make_record("https://bugle.example/b", text="A council budget story."))
    found = database.execute(
        "SELECT articles.url FROM articles_fts JOIN articles ON articles.id = articles_fts.rowid"
        " WHERE articles_fts MATCH 'cameras'"
    ).fetchall()
    assert found == [("https://lantern.example/a",)]
