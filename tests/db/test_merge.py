"""Merging worker shards (db.merge): real shard databases written by ArticleStore, real claim shards written by
ClaimShardWriter (db.shards), compared on a dump that leaves out surrogate ids."""

import hashlib
import json
import zlib

import pytest

from claimwatch import db
from claimwatch.crawlers.extract import minhash
from claimwatch.db import merge, store
from claimwatch.db.shards import ClaimShardWriter

# A story and the copies other outlets publish of it: their own lead, a changed detail and a sign-off.
STORY = " ".join(
    f"The borough council heard on day {n} that cameras in the high street scanned many faces"
    f" and that officers at van {n} made arrests after alerts."
    for n in range(30)
)
COPY = "From our partners at the Lantern. " + STORY.replace("day 3 ", "day three ") + " Republished with permission."
SECOND_COPY = "Syndicated: " + STORY.replace("day 7 ", "day seven ") + " First published in The Daily Lantern."
DRONES = "The Met will buy 500 new drones, up from the current 30, officers said on Monday."


def at(day: int) -> str:
    return f"2026-01-{day:02d}T10:00:00Z"


@pytest.fixture
def record(make_record):
    """An article record fetched on day `day` of January 2026, with the crawler's MinHash of its text."""

    def make(url, day, text=None, outlet="The Daily Lantern", **extra):
        text = text if text is not None else f"The story at {url}, about policing technology and its costs."
        return make_record(url, outlet=outlet, text=text, fetched_at=at(day), minhash=minhash(text), **extra)

    return make


@pytest.fixture
def make_shard(tmp_path):
    """A shard database, as a crawler worker writes it: records saved through ArticleStore in the order given."""

    def make(name, records, runs=()):
        path = tmp_path / name
        database = db.open_database(path)
        sink = store.ArticleStore(database)
        for item in records:
            sink.save_article(item)
        for run in runs:
            store.record_run(database, *run)
        database.close()
        return path

    return make


@pytest.fixture
def fresh(tmp_path):
    """A new target database each call; all closed at the end."""
    opened = []

    def open_target(name):
        database = db.open_database(tmp_path / name)
        opened.append(database)
        return database

    yield open_target
    for database in opened:
        database.close()


def canonical_dump(database) -> dict:
    """Everything merge writes, with rows identified by what they are rather than by their integer ids: articles by
    URL, outlets by name, versions by article URL in order, claims by (URL, offset, metric, ...), clusters by the
    smallest URL among their articles."""
    url = dict(database.execute("SELECT id, url FROM articles"))
    outlet = dict(database.execute("SELECT id, name FROM outlets"))
    cluster_name = {}
    for id_, cluster in database.execute("SELECT id, cluster_id FROM articles"):
        cluster_name[cluster] = min(cluster_name.get(cluster, url[id_]), url[id_])
    articles = [
        {**row, "id": None, "outlet_id": outlet[row["outlet_id"]], "cluster_id": cluster_name[row["cluster_id"]]}
        for row in database.query("SELECT * FROM articles ORDER BY url")
    ]
    versions = [
        {**row, "id": None, "article_id": url[row["article_id"]], "body_zlib": zlib.decompress(row["body_zlib"])}
        for row in database.query("SELECT * FROM article_versions ORDER BY article_id, id")
    ]
    versions.sort(key=lambda row: row["article_id"])  # stable: each article's versions stay in id order
    claims = sorted(
        (url[row.pop("article_id")], row.pop("char_start"), row.pop("metric"), json.dumps(
            {**row, "id": None, "outlet_id": outlet[row["outlet_id"]], "cluster_id": cluster_name[row["cluster_id"]]},
            sort_keys=True))
        for row in database.query("SELECT * FROM claims")
    )
    return {
        "outlets": sorted(database.execute("SELECT name, domain, kind FROM outlets").fetchall()),
        "articles": articles,
        "versions": versions,
        "urls": sorted((u, url[a], seen) for u, a, seen in database.execute("SELECT * FROM article_urls")),
        "bands": sorted((url[a], band, bucket) for band, bucket, a in database.execute("SELECT * FROM minhash_bands")),
        "claims": claims,
        "extractions": sorted((url[a], version, when) for a, version, when in database.execute(
            "SELECT * FROM extractions")),
        "runs": sorted(database.execute(
            "SELECT command, started_at, finished_at, stats, errors, error_count FROM runs").fetchall()),
    }


@pytest.fixture
def two_workers(record, make_shard):
    """Two crawler workers' shards that overlap: the same page fetched by both (b later, after a correction), the
    same text under two URLs, and copies of one story spread over both."""
    first = [
        record("https://lantern.example/lfr-vans", 1, text=STORY),
        record("https://bugle.example/drones", 2, text=DRONES, outlet="Borough Bugle"),
        record("https://courier.example/budget", 3, text="The budget gap is 30 million pounds, the Met said."),
        record("https://wire.example/lfr-copy", 4, text=COPY, outlet="Wire Service"),
    ]
    second = [
        record("https://courier.example/budget", 5, text="Correction: the budget gap is 13 million pounds."),
        record("https://mirror.example/drones-copy", 6, text=DRONES, outlet="Mirror Mirror"),
        record("https://gazette.example/lfr-again", 7, text=SECOND_COPY, outlet="Gazette"),
        record("https://gazette.example/other", 8, outlet="Gazette"),
    ]
    runs = [("crawl", at(1), at(4), {"stored": 4}, [])]
    shard_a = make_shard("worker-a.db", first, runs=runs)
    shard_b = make_shard("worker-b.db", second, runs=[("crawl", at(5), at(8), {"stored": 4}, [])])
    return shard_a, shard_b, first + second


@pytest.fixture
def claim_shard(tmp_path, make_claim):
    """A claim shard written by ClaimShardWriter, as an extraction worker writes it."""

    def make(name, lines):
        path = tmp_path / name
        with ClaimShardWriter(path) as writer:
            for line in lines:
                writer.write(**line)
        return path

    return make


def line_for(text, url, claims, version="3", day=20, published="2025-11-12"):
    return {"url": url, "text_sha256": hashlib.sha256(text.encode()).hexdigest(), "published": published,
            "extractor_version": version, "extracted_at": at(day), "claims": claims}


def test_two_shards_merge_into_what_one_crawl_of_the_same_pages_stores(two_workers, fresh, tmp_path):
    shard_a, shard_b, records = two_workers
    before = [path.read_bytes() for path in (shard_a, shard_b)]
    single = fresh("single.db")
    sink = store.ArticleStore(single)
    for item in sorted(records, key=lambda item: item["fetched_at"]):
        sink.save_article(item)

    merged = fresh("merged.db")
    stats = merge.merge(merged, [shard_a, shard_b])

    assert canonical_dump(merged) == {**canonical_dump(single), "runs": canonical_dump(merged)["runs"]}
    assert stats["articles_added"] == 6 and stats["articles_duplicate"] == 1 and stats["versions_added"] == 7
    # the corrected page kept both bodies, oldest first; the mirror is a URL of the first article with its text
    versions = merged.execute("""SELECT fetched_at FROM article_versions WHERE article_id =
                                 (SELECT id FROM articles WHERE url = 'https://courier.example/budget') ORDER BY id""")
    assert [row[0] for row in versions] == [at(3), at(5)]
    assert merged.execute("SELECT a.url FROM article_urls AS u JOIN articles AS a ON a.id = u.article_id "
                          "WHERE u.url = 'https://mirror.example/drones-copy'").fetchone() == (
        "https://bugle.example/drones",)
    clusters = dict(merged.execute("SELECT url, cluster_id FROM articles"))
    assert clusters["https://wire.example/lfr-copy"] == clusters["https://gazette.example/lfr-again"] == clusters[
        "https://lantern.example/lfr-vans"] != clusters["https://gazette.example/other"]
    assert [path.read_bytes() for path in (shard_a, shard_b)] == before  # opened read-only


def test_the_result_does_not_depend_on_shard_order_nor_on_merging_again(two_workers, claim_shard, fresh,
                                                                        make_claim):
    shard_a, shard_b, _ = two_workers
    claims = claim_shard("claims.jsonl", [
        line_for(STORY, "https://lantern.example/lfr-vans", [make_claim("nine", 9)]),
        # extracted when the mirror was the article (shard b merged first): it applies to the same text at its URL
        line_for(DRONES, "https://mirror.example/drones-copy", [make_claim("500", 500, status="planned")]),
    ])
    orders = {
        "a, b, claims": [[shard_a, shard_b, claims]],
        "claims, b, a": [[claims, shard_b, shard_a]],
        "one at a time, then all again": [[shard_a], [shard_b], [claims], [shard_a, shard_b, claims]],
        "b first, its copy then loses to a's earlier article": [[shard_b], [shard_a, claims]],
    }
    dumps, article_ids = {}, {}
    for number, (name, calls) in enumerate(orders.items()):
        target = fresh(f"target-{number}.db")
        for shards in calls:
            merge.merge(target, shards)
        dumps[name] = canonical_dump(target)
        article_ids[name] = target.execute("SELECT url, id FROM articles ORDER BY url").fetchall()

    first = dumps["a, b, claims"]
    assert all(dump == first for dump in dumps.values()), [name for name, dump in dumps.items() if dump != first]
    assert [claim[0] for claim in first["claims"]] == ["https://bugle.example/drones", "https://lantern.example/lfr-vans"]
    assert article_ids["a, b, claims"] == article_ids["claims, b, a"]


def test_merging_the_same_shards_twice_changes_nothing(two_workers, claim_shard, fresh, make_claim):
    shard_a, shard_b, _ = two_workers
    claims = claim_shard("claims.jsonl", [line_for(STORY, "https://lantern.example/lfr-vans", [make_claim("nine", 9)])])
    target = fresh("target.db")
    merge.merge(target, [shard_a, shard_b, claims])
    before = canonical_dump(target)
    claim_ids = target.execute("SELECT id FROM claims").fetchall()

    stats = merge.merge(target, [shard_a, shard_b, claims])

    assert canonical_dump(target) == before and target.execute("SELECT id FROM claims").fetchall() == claim_ids
    assert stats["articles_added"] == stats["articles_updated"] == stats["versions_added"] == 0
    assert stats["articles_unchanged"] == 6 and stats["runs_added"] == stats["urls_added"] == 0
    assert stats["claim_lines_unchanged"] == 1 and stats["claims_merged"] == 0


def test_a_newer_version_updates_the_article_and_sends_it_back_to_extraction(record, make_shard, claim_shard, fresh,
                                                                              make_claim):
    old_text, new_text = "Nine drones fly today, the Met said.", "Correction: ten drones fly today, the Met said."
    first = make_shard("first.db", [record("https://lantern.example/a", 1, text=old_text)])
    later = make_shard("later.db", [record("https://lantern.example/a", 9, text=new_text)])
    target = fresh("target.db")
    merge.merge(target, [first, claim_shard("c.jsonl", [line_for(old_text, "https://lantern.example/a",
                                                                 [make_claim("nine", 9)])])])
    assert store.articles_to_extract(target, "3").ids == []

    stats = merge.merge(target, [later])

    assert stats["articles_updated"] == 1 and stats["versions_added"] == 1
    assert target.execute("SELECT text, first_fetched_at, last_fetched_at FROM articles").fetchall() == [
        (new_text, at(1), at(9))]
    assert [row[0] for row in target.execute("SELECT fetched_at FROM article_versions ORDER BY id")] == [at(1), at(9)]
    assert store.articles_to_extract(target, "3").ids == [1]  # extracted again, and until then
    assert target.execute("SELECT figure_text FROM claims").fetchall() == [("nine",)]  # the old claims stay
    # an older shard merged afterwards changes nothing: the newest body wins whatever the order
    merge.merge(target, [first])
    assert target.execute("SELECT text FROM articles").fetchall() == [(new_text,)]


def test_the_same_text_under_two_urls_is_one_article_under_the_first_fetched(record, make_shard, fresh, make_claim,
                                                                             claim_shard):
    early = make_shard("early.db", [record("https://bugle.example/drones", 2, text=DRONES)])
    late = make_shard("late.db", [record("https://mirror.example/copy", 6, text=DRONES, outlet="Mirror Mirror")])
    target = fresh("target.db")
    merge.merge(target, [late, claim_shard("c.jsonl", [line_for(DRONES, "https://mirror.example/copy",
                                                                [make_claim("500", 500)])])])

    stats = merge.merge(target, [early])

    assert stats["articles_duplicate"] == 1
    assert target.execute("SELECT url, first_fetched_at FROM articles").fetchall() == [
        ("https://bugle.example/drones", at(2))]
    assert sorted(target.execute("SELECT url FROM article_urls").fetchall()) == [
        ("https://bugle.example/drones",), ("https://mirror.example/copy",)]
    # the single crawl would not have stored the copy's page; the claims, read from the same text, stay
    assert target.execute("SELECT count(*) FROM article_versions").fetchone() == (1,)
    assert target.execute("SELECT figure_text FROM claims").fetchall() == [("500",)]


def test_claim_lines_merge_the_best_fresh_line_and_skip_stale_and_cut_short_ones(record, make_shard, claim_shard,
                                                                                 fresh, make_claim):
    shard = make_shard("articles.db", [record("https://lantern.example/a", 1, text=STORY),
                                       record("https://bugle.example/b", 2, text=DRONES)])
    lines = claim_shard("claims.jsonl", [
        line_for(STORY, "https://lantern.example/a", [make_claim("nine", 9)], version="9"),
        line_for(STORY, "https://lantern.example/a", [make_claim("ten", 10), make_claim("30", 30)], version="10"),
        line_for(DRONES, "https://bugle.example/b", [make_claim("500", 500)], published="2024-01-01"),  # re-dated
        line_for("an older text", "https://bugle.example/b", [make_claim("400", 400)]),
        line_for(STORY, "https://unknown.example/c", [make_claim("eleven", 11)]),
    ])
    with open(lines, "ab") as file:  # a worker killed mid-write
        file.write(b'{"url": "https://bugle.example/b", "text_sha256": "12')
    target = fresh("target.db")

    stats = merge.merge(target, [shard, lines])

    assert {key: stats[key] for key in stats if key.startswith("claim")} == {
        "claim_lines": 5, "claim_lines_merged": 1, "claim_lines_unchanged": 0, "claim_lines_superseded": 1,
        "claim_lines_stale": 3, "claim_lines_truncated": 1, "claims_merged": 2}
    assert target.execute("SELECT figure_text, extractor_version FROM claims ORDER BY value").fetchall() == [
        ("ten", "10"), ("30", "10")]
    assert target.execute("SELECT extractor_version, extracted_at FROM extractions").fetchall() == [("10", at(20))]
    assert target.execute("SELECT count(*) FROM detection_queue").fetchone() == (1,)


@pytest.mark.parametrize("older, newer", [
    ("3", "4+en_core_web_sm-3.8.0+data.0a1b2c3d4e5f"),  # a version from before versions named model and data
    ("9+en_core_web_sm-3.8.0+data.ffffffffffff", "10+en_core_web_sm-3.8.0+data.000000000000"),
])
def test_the_claim_logic_number_decides_which_line_is_newer(record, make_shard, claim_shard, fresh, make_claim,
                                                            older, newer):
    shard = make_shard("articles.db", [record("https://lantern.example/a", 1, text=STORY)])
    target = fresh("target.db")
    merge.merge(target, [shard, claim_shard("old.jsonl", [
        line_for(STORY, "https://lantern.example/a", [make_claim("nine", 9)], version=older, day=25)])])
    stats = merge.merge(target, [claim_shard("new.jsonl", [
        line_for(STORY, "https://lantern.example/a", [make_claim("ten", 10)], version=newer, day=20)])])
    assert stats["claim_lines_merged"] == 1
    assert target.execute("SELECT figure_text, extractor_version FROM claims").fetchall() == [("ten", newer)]


def test_the_claim_shard_writer_appends_after_a_cut_short_line(tmp_path, record, make_shard, fresh, make_claim):
    path = tmp_path / "worker.jsonl"
    with ClaimShardWriter(path) as writer:
        writer.write(**line_for(STORY, "https://lantern.example/a", [make_claim("nine", 9)]))
    with open(path, "ab") as file:
        file.write(b'{"url": "https://lantern.ex')  # killed mid-line
    with ClaimShardWriter(path) as writer:  # the worker restarts and appends
        writer.write(**line_for(DRONES, "https://bugle.example/b", [make_claim("500", 500)]))

    assert [json.loads(line)["url"] for line in path.read_text().splitlines()] == [
        "https://lantern.example/a", "https://bugle.example/b"]
    shard = make_shard("articles.db", [record("https://lantern.example/a", 1, text=STORY),
                                       record("https://bugle.example/b", 2, text=DRONES)])
    stats = merge.merge(fresh("target.db"), [shard, path])
    assert stats["claim_lines_merged"] == 2 and stats["claim_lines_truncated"] == 0
    with pytest.raises(ValueError, match=r"worker.jsonl: article 'https://x.example/': 'claims' is not a list"):
        with ClaimShardWriter(path) as writer:
            writer.write(**{**line_for(DRONES, "https://x.example/", []), "claims": "none"})


def test_runs_are_copied_once(record, make_shard, fresh):
    run = ("crawl", at(1), at(2), {"stored": 1}, ["https://lantern.example/x: HTTP 500"])
    first = make_shard("first.db", [record("https://lantern.example/a", 1)], runs=[run])
    copy = make_shard("copy.db", [record("https://lantern.example/a", 1)], runs=[run, ("import", at(3), at(4), {}, [])])
    target = fresh("target.db")
    assert merge.merge(target, [first, copy])["runs_added"] == 2
    assert merge.merge(target, [copy])["runs_added"] == 0
    assert target.execute("SELECT command, errors, error_count FROM runs ORDER BY started_at").fetchall() == [
        ("crawl", '["https://lantern.example/x: HTTP 500"]', 1), ("import", "[]", 0)]


def _newer_schema(path):
    database = db.open_database(path)
    database.execute("UPDATE schema_version SET version = 99")
    database.conn.commit()
    database.close()


def _truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _scribbled(path):
    """Garbage over the pages in the middle, where the articles are: opening and the schema still work."""
    data = bytearray(path.read_bytes())
    data[len(data) // 3 : 2 * len(data) // 3] = b"\xff" * (2 * len(data) // 3 - len(data) // 3)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("name", "spoil", "message"),
    [
        ("missing.db", None, "no such file"),
        ("notes.db", lambda path: path.write_text("these are my notes\n"), "not a readable SQLite database"),
        ("shard.csv", lambda path: path.write_text("url\n"), "not a shard: expected a claimwatch database"),
        ("future.db", _newer_schema, "schema version 99 is newer than this claimwatch understands"),
        ("plain.sqlite", lambda path: db.open_database(path).execute("DROP TABLE schema_version"),
         "not a claimwatch database"),
        ("claims.jsonl", lambda path: path.write_text('{"url": 1}\n{"url": "https://lantern.example/a"}\n'),
         r"claims.jsonl:1: 'url' is missing or not a string"),
    ],
)
def test_a_bad_shard_is_refused_in_one_line_naming_it_and_nothing_is_written(two_workers, fresh, tmp_path, name,
                                                                            spoil, message):
    shard_a, shard_b, _ = two_workers
    target = fresh("target.db")
    merge.merge(target, [shard_a])
    before = canonical_dump(target)
    bad = tmp_path / name
    if spoil:
        spoil(bad)

    with pytest.raises((ValueError, db.DatabaseError), match=message) as raised:
        merge.merge(target, [shard_b, bad])

    assert str(bad) in str(raised.value) and "\n" not in str(raised.value)
    assert canonical_dump(target) == before
    stats = merge.merge(target, [shard_b])  # and the connection is fit to merge again
    assert (stats["articles_added"], stats["articles_updated"], stats["articles_duplicate"]) == (2, 1, 1)


@pytest.mark.parametrize(("damage", "message"), [(_truncated, "not a readable SQLite database"),
                                                (_scribbled, "damaged database")])
def test_a_damaged_shard_database_is_named_and_nothing_is_written(record, make_shard, fresh, damage, message):
    stories = [record(f"https://lantern.example/{n}", 1, text=f"{STORY} Part {n}.") for n in range(60)]
    damaged = make_shard("damaged.db", stories)
    damage(damaged)
    good = make_shard("good.db", [record("https://bugle.example/drones", 2, text=DRONES)])
    target = fresh("target.db")

    with pytest.raises(db.DatabaseError, match=f"damaged.db: {message}") as raised:
        merge.merge(target, [good, damaged])

    assert "\n" not in str(raised.value)
    assert target.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_merged_articles_and_claims_are_searchable_and_later_writes_too(record, make_shard, claim_shard, fresh,
                                                                       make_claim):
    shard = make_shard("articles.db", [record("https://lantern.example/a", 1, text=STORY),
                                       record("https://bugle.example/b", 2, text=DRONES)])
    claims = claim_shard("claims.jsonl", [line_for(DRONES, "https://bugle.example/b", [
        make_claim("500", 500, sentence="The Met will buy 500 new drones.")])])
    target = fresh("target.db")
    merge.merge(target, [shard, claims])

    def found(table, words):
        return target.execute(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?", [words]).fetchall()

    assert found("articles", "drones") == [(2,)] and found("claims", "drones") == [(1,)]
    automerge = "SELECT count(*) FROM articles_fts_config WHERE k = 'automerge' AND v != 4"
    assert target.execute(automerge).fetchone() == (0,)  # the merge's bulk setting is undone
    store.ArticleStore(target).save_article(record("https://wire.example/c", 3, text="Vans with cameras in Croydon."))
    store.replace_claims(target, 3, "3", [make_claim("two", 2, sentence="Two vans parked in Croydon.")])
    assert found("articles", "croydon") == [(3,)] and found("claims", "croydon") == [(2,)]
    for table in ("articles", "claims"):  # raises if an index disagrees with its table
        target.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('integrity-check')")


def test_a_copy_merged_into_a_larger_database_joins_the_cluster_of_its_original(record, make_shard, fresh):
    others = [record(f"https://bugle.example/{n}", 2, text=f"Report {n}: the council set its budget for year {n}.")
              for n in range(12)]
    target = fresh("target.db")
    merge.merge(target, [make_shard("first.db", [record("https://lantern.example/a", 1, text=STORY), *others])])

    merge.merge(target, [make_shard("copy.db", [record("https://wire.example/copy", 3, text=COPY)])])

    clusters = dict(target.execute("SELECT url, cluster_id FROM articles"))
    assert clusters["https://wire.example/copy"] == clusters["https://lantern.example/a"]
    assert len(set(clusters.values())) == 13


def test_an_article_whose_new_version_is_no_copy_leaves_its_cluster_whatever_the_order(record, make_shard, fresh):
    first = make_shard("first.db", [record("https://lantern.example/a", 1, text=STORY),
                                    record("https://wire.example/copy", 2, text=COPY)])
    rewritten = make_shard("rewritten.db", [record("https://lantern.example/a", 9, text=DRONES)])
    together, one_by_one = fresh("together.db"), fresh("one-by-one.db")
    merge.merge(together, [rewritten, first])
    merge.merge(one_by_one, [first])
    merge.merge(one_by_one, [rewritten])

    assert canonical_dump(one_by_one) == canonical_dump(together)
    clusters = dict(one_by_one.execute("SELECT url, cluster_id FROM articles"))
    assert clusters["https://lantern.example/a"] != clusters["https://wire.example/copy"]


def test_a_claim_line_keeps_its_skipped_figures_and_one_without_them_merges_as_none(record, make_shard, claim_shard,
                                                                                   fresh, make_claim):
    shard = make_shard("articles.db", [record("https://lantern.example/a", 1, text=STORY),
                                       record("https://bugle.example/b", 2, text=DRONES)])
    eight = {"figure_text": "day 8", "value": 8, "unit": "count", "reason": "no counted noun", "candidates": [],
             "char_start": 10, "char_end": 15}
    lines = claim_shard("claims.jsonl", [
        {**line_for(STORY, "https://lantern.example/a", [make_claim("nine", 9)]), "skipped": [eight]}])
    with open(lines, "a") as file:  # a line written before shards carried skipped figures
        file.write(json.dumps(line_for(DRONES, "https://bugle.example/b", [make_claim("500", 500)])) + "\n")
    target = fresh("target.db")
    stats = merge.merge(target, [shard, lines])
    assert stats["claim_lines_merged"] == 2
    assert target.execute("SELECT figure_text, reason FROM skipped_figures").fetchall() == [
        ("day 8", "no counted noun")]
    with pytest.raises(ValueError, match="'skipped' is not a list of figures"):
        claim_shard("bad.jsonl", [{**line_for(DRONES, "https://bugle.example/b", []), "skipped": [{"reason": "x"}]}])
