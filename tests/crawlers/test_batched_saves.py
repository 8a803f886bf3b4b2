"""Saving articles in groups, one transaction each (the sink's batch(), used by the crawl's pipeline and by
`claimwatch import`): the database ends up as saving them one by one leaves it."""

import collections
import importlib.util
import sqlite3
import threading

import pytest

from claimwatch import db
from claimwatch.crawlers.local import read_paths
from claimwatch.db.store import ArticleStore
from tests.support import SAMPLE_SITE

spec = importlib.util.spec_from_file_location("sample_site_many", SAMPLE_SITE / "many.py")
many = importlib.util.module_from_spec(spec)
spec.loader.exec_module(many)


def snapshot(path) -> dict:
    """Every stored row that matters, keyed by what identifies it rather than by id; copy clusters as the sets of
    URLs that share one."""
    with sqlite3.connect(path) as connection:
        def rows(query):
            return collections.Counter(connection.execute(query).fetchall())
        clusters = collections.defaultdict(set)
        for url, cluster in connection.execute("SELECT url, cluster_id FROM articles"):
            clusters[cluster].add(url)
        return {
            "articles": rows("""SELECT url, text_sha256, title, published, updated, author, description, site_name,
                                language, topic_terms, keywords, minhash, first_fetched_at, last_fetched_at, text,
                                (SELECT name FROM outlets WHERE outlets.id = outlet_id) FROM articles"""),
            "versions": rows("""SELECT articles.url, v.fetched_at, v.last_checked_at, v.requested_url, v.final_url,
                                v.http_status, v.etag, v.last_modified, v.content_type, v.encoding, v.content_sha256,
                                v.body_zlib, v.body_size, v.extractors, v.via
                                FROM article_versions v JOIN articles ON articles.id = v.article_id"""),
            "urls": rows("""SELECT article_urls.url, articles.url, article_urls.first_seen_at FROM article_urls
                            JOIN articles ON articles.id = article_urls.article_id"""),
            "outlets": rows("SELECT name, domain, kind FROM outlets"),
            "clusters": sorted(sorted(urls) for urls in clusters.values()),
            "search": rows("SELECT rowid, title FROM articles_fts"),
        }


def test_a_crawl_saving_in_groups_stores_what_saving_one_article_at_a_time_stores(fixture_site, tmp_path):
    from crawl_runner import Crawl

    base = fixture_site.base_url
    # Entry points that share no page, so that which spider fetches a page (and its `via`) is not a race.
    arguments = dict(sitemaps=[base + "/sitemap.xml"], feeds=[base + "/feed.xml"],
                     start_urls=[base + "/syndicated.html"])
    snapshots = []
    for batch in (1, 100):
        database = tmp_path / f"batch-{batch}.db"
        summary = Crawl(tmp_path)(sink=f"db:{database}", settings={"CLAIMWATCH_SAVE_BATCH": batch}, **arguments)
        assert summary["stored"] >= 6
        snapshot_ = snapshot(database)
        # Fetch times differ between the two crawls; what was stored for each page must not.
        snapshot_["articles"] = collections.Counter(row[:12] + row[14:] for row in snapshot_["articles"].elements())
        snapshot_["versions"] = collections.Counter(row[:1] + row[3:] for row in snapshot_["versions"].elements())
        snapshot_["urls"] = collections.Counter(row[:2] for row in snapshot_["urls"].elements())
        snapshot_["search"] = collections.Counter(title for _, title in snapshot_["search"].elements())  # ids vary
        snapshots.append(snapshot_)
    assert snapshots[0] == snapshots[1]


def test_an_import_in_batches_stores_what_saving_each_page_as_it_is_read_stores(claimwatch_cli, tmp_path):
    pages = tmp_path / "pages"
    many.write(pages, 230, base_url="https://ledger.example")  # more than two of the import's batches of 100
    (pages / "loopback-ledger" / "00" / "report-7.html").write_text("<html><body>nothing here</body></html>")

    reference = tmp_path / "one-by-one.db"
    store = ArticleStore(db.open_database(reference))
    for record, _ in read_paths([pages]):
        if record is not None:
            store.save_article(record)
    store.db.close()

    result = claimwatch_cli("import", pages, "--db", tmp_path / "imported.db")
    assert "read 230, stored 229" in result.stderr
    assert snapshot(tmp_path / "imported.db") == snapshot(reference)


def record(number: int, **fields) -> dict:
    text = f"Police drones flew {number} times over the borough last month, the force said."
    return {"url": f"https://ledger.example/{number}", "fetched_at": "2026-01-01T00:00:00Z",
            "body": f"<p>{text}</p>".encode(), "outlet": "Ledger", "text": text, **fields}


def test_saves_before_a_failed_one_in_a_batch_are_kept_and_the_failed_one_alone_is_missing(db_path):
    store = ArticleStore(db.open_database(db_path))
    with pytest.raises(ValueError, match="missing 'body'"):
        with store.batch():
            assert store.save_article(record(1)) == "stored"
            assert store.save_article(record(2)) == "stored"
            store.save_article(record(3, body=b""))
    assert not store.db.conn.in_transaction
    assert [row[0] for row in store.db.execute("SELECT url FROM articles ORDER BY url")] == [
        "https://ledger.example/1", "https://ledger.example/2"]
    with store.batch():
        assert store.save_article(record(2)) == "unchanged"
        assert store.save_article(record(3)) == "stored"
    assert store.db["articles"].count == 3


def test_a_batch_inside_a_transaction_is_part_of_it(db_path):
    store = ArticleStore(db.open_database(db_path))
    with pytest.raises(RuntimeError):
        with store.db.atomic():
            with store.batch():
                store.save_article(record(1))
            raise RuntimeError("the outer transaction fails")
    assert store.db["articles"].count == 0


def test_a_store_saves_from_another_thread_through_a_connection_of_its_own(db_path):
    store = ArticleStore(db.open_database(db_path))
    outcomes = []

    def write(opening):
        with opening as writer, writer.batch():
            outcomes.extend([writer.save_article(record(1)), writer.save_article(record(1))])

    thread = threading.Thread(target=write, args=(store.writer(),))
    thread.start()
    thread.join()
    assert outcomes == ["stored", "unchanged"]
    assert store.validators("https://ledger.example/1") == {"etag": None, "last_modified": None}
    with pytest.raises(ValueError, match="in-memory"):
        ArticleStore(db.open_database(":memory:")).writer()


def test_the_crawl_saves_a_database_from_a_writer_thread_shared_by_its_spiders(db_path):
    from claimwatch.crawlers.writer import Writer

    store = ArticleStore(db.open_database(db_path))
    first, second = Writer.acquire(store), Writer.acquire(store)
    assert first is second and first.thread.is_alive()
    delivered = []
    done = threading.Event()
    first.jobs.put(([record(1), record(2, body=b""), record(1)], lambda outcomes: (delivered.extend(outcomes),
                                                                                   done.set())))
    assert done.wait(30)
    assert [outcome for outcome, _ in delivered] == ["stored", None, "unchanged"]
    assert isinstance(delivered[1][1], ValueError)
    first.release()
    assert first.thread.is_alive()  # the other spider still uses it
    second.release()
    assert not first.thread.is_alive()
    assert store.db["articles"].count == 1
    assert Writer.acquire(ArticleStore(db.open_database(":memory:"))) is None  # saved in the reactor's thread
