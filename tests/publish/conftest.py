"""A small claimwatch database built through the real `db` package, served by a real Datasette.

Three fictional outlets report the Met's drone fleet: two figures conflict, and one headline and one
article body carry HTML and script that must show as text."""

import asyncio
import hashlib

import pytest

from claimwatch import publish

XSS_TITLE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">Fleet "grows"'


def _article(url, outlet, title, text, published, fetched_at, body=None):
    body = body if body is not None else f"<html><head><title>{title}</title></head><body><p>{text}</p></body></html>"
    body = body.encode()
    return {
        "url": url, "requested_url": url, "final_url": url, "http_status": 200, "fetched_at": fetched_at,
        "etag": None, "last_modified": None, "content_type": "text/html", "encoding": "utf-8",
        "body": body, "content_sha256": hashlib.sha256(body).hexdigest(),
        "title": title, "author": None, "description": None, "site_name": outlet, "language": "en",
        "published": published, "updated": None,
        "outlet": outlet, "outlet_domain": url.split("/")[2], "outlet_kind": "press",
        "text": text, "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "topic_terms": ["drones"], "keywords": [], "minhash": None,
        "extractors": {"claimwatch": "test"}, "via": "start_url",
    }


def _claim(text, figure_text, value, *, metric="drones_fleet", status="current", qualifier="exact"):
    start = text.index(figure_text)
    sentence_start = text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0
    sentence_end = text.find(". ", start)
    sentence = text[sentence_start:sentence_end + 1 if sentence_end >= 0 else len(text)]
    return {
        "metric": metric, "subject": "Metropolitan Police", "value": value, "value_high": None,
        "unit": "count", "qualifier": qualifier, "status": status, "denominator": None,
        "time_scope": {"text": None, "start": None, "end": None},
        "figure_text": figure_text, "sentence": sentence,
        "char_start": start, "char_end": start + len(figure_text),
    }


LEDGER_TEXT = ("Patrols were quieter last spring. The force now flies 30 drones over the capital, a spokesperson "
               "for the Fictional Ledger's desk was told. More are promised.")
BUGLE_TEXT = ("Only 9 drones are in service today, the Borough Bugle learned from 9 sources. "
              "<b>Campaigners</b> <script>window.pwned=3</script> want fewer.")
HERALD_TEXT = "The Imaginary Herald counted 2,000 arrests since facial recognition vans arrived."

ARTICLES = [
    (_article("https://ledger.example/drones", "The Fictional Ledger", "Drone fleet takes off",
              LEDGER_TEXT, "2025-10-01", "2026-01-03T10:00:00Z",
              body='<html><body><script>window.pwned=4</script><p>30 drones</p></body></html>'),
     [_claim(LEDGER_TEXT, "30", 30)]),
    (_article("https://bugle.example/fleet", "Borough Bugle", XSS_TITLE, BUGLE_TEXT,
              "2025-11-01", "2026-01-04T10:00:00Z"),
     [_claim(BUGLE_TEXT, "9", 9)]),
    (_article("https://herald.example/arrests", "Imaginary Herald", "Arrests tally", HERALD_TEXT,
              "2025-11-12", "2026-01-05T10:00:00Z"),
     [_claim(HERALD_TEXT, "2,000", 2000, metric="lfr_arrests", status="cumulative")]),
]


def build_database(path, articles=ARTICLES):
    """Store articles and their claims through db, then detect contradictions, as `claimwatch run` would."""
    from claimwatch import db
    from claimwatch.db.labels import store_metrics
    from claimwatch.db.store import ArticleStore, replace_claims
    from claimwatch.nlp.metrics import metric_vocabulary

    database = db.open_database(path)
    store_metrics(database, metric_vocabulary())
    store = ArticleStore(database)
    for record, claims in articles:
        store.save_article(record)
        article_id = database.execute("select id from articles where url = ?", [record["url"]]).fetchone()[0]
        replace_claims(database, article_id, "test", claims)
    db.detect.detect(database)
    database.close()  # checkpoints the WAL: Datasette opens the file immutable and would not read it
    return path


def _many_articles(count):
    """`count` reports from one outlet, a day apart, each giving the Lambeth drone fleet as its day number."""
    for day in range(1, count + 1):
        text = f"Report {day}: the force now flies {day} drones in Lambeth, officials said."
        yield (_article(f"https://gazette.example/report-{day}", "Lambeth Gazette", f"Lambeth report {day}", text,
                        f"2025-01-{day:02d}", f"2026-02-{day:02d}T10:00:00Z"),
               [_claim(text, str(day), day)])


MANY = 25  # more than a page of articles and of claims


@pytest.fixture(scope="session")
def many_db(tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("many") / "claimwatch.db", list(_many_articles(MANY)))


@pytest.fixture(scope="session")
def get_many(many_db):
    datasette = publish.make_datasette(many_db)
    loop = asyncio.new_event_loop()
    yield lambda path, **kwargs: loop.run_until_complete(datasette.client.get(path, **kwargs))
    loop.close()


@pytest.fixture(scope="session")
def site_db(tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("publish") / "claimwatch.db")


@pytest.fixture(scope="session")
def datasette(site_db):
    return publish.make_datasette(site_db)


@pytest.fixture(scope="session")
def get(datasette):
    """GET a path from the Datasette test client (one event loop for the whole session)."""
    loop = asyncio.new_event_loop()

    def fetch(path, **kwargs):
        return loop.run_until_complete(datasette.client.get(path, **kwargs))

    yield fetch
    loop.close()


@pytest.fixture(scope="session")
def contradiction_id(get):
    rows = get("/claimwatch/contradictions.json?_shape=array&cause=conflict").json()
    assert rows, "the test articles should yield one conflict"
    return rows[0]["id"]
