"""Fixtures for db tests: a real claimwatch database file, and a way to put articles and claims in it."""

import hashlib

import pytest

from claimwatch import db
from claimwatch.db import store


@pytest.fixture
def database(db_path):
    database = db.open_database(db_path)
    yield database
    database.close()


def article_record(url, outlet="The Daily Lantern", text=None, published="2025-11-12", body=None, **extra):
    """An article record as the crawler produces it (docs/architecture.md), with sensible defaults."""
    text = text if text is not None else f"Article at {url} about policing technology."
    body = body if body is not None else f"<html><body><p>{text}</p></body></html>".encode()
    return {
        "url": url,
        "requested_url": url,
        "final_url": url,
        "http_status": 200,
        "fetched_at": "2026-01-03T10:22:41Z",
        "etag": None,
        "last_modified": None,
        "content_type": "text/html",
        "encoding": "utf-8",
        "body": body,
        "content_sha256": hashlib.sha256(body).hexdigest(),
        "title": f"Title of {url}",
        "author": None,
        "description": None,
        "site_name": outlet,
        "language": "en",
        "published": published,
        "updated": None,
        "outlet": outlet,
        "outlet_domain": url.split("/")[2],
        "outlet_kind": "press",
        "text": text,
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "topic_terms": ["facial recognition"],
        "keywords": [],
        "minhash": None,
        "extractors": {"claimwatch": "test"},
        "via": "start_url",
        **extra,
    }


def claim(
    figure_text,
    value,
    metric="drones_fleet",
    status="current",
    qualifier="exact",
    value_high=None,
    unit="count",
    denominator=None,
    time=None,
    subject="Metropolitan Police",
    sentence=None,
):
    """A claim record as the nlp produces it; time is (text, start, end) or None."""
    text, start, end = time or (None, None, None)
    return {
        "metric": metric,
        "subject": subject,
        "value": value,
        "value_high": value_high,
        "unit": unit,
        "qualifier": qualifier,
        "status": status,
        "denominator": denominator,
        "time_scope": {"text": text, "start": start, "end": end},
        "figure_text": figure_text,
        "sentence": sentence or f"The force said {figure_text} this week.",
        "char_start": 0,
        "char_end": len(figure_text),
    }


@pytest.fixture
def add_article(database):
    """Store an article through the sink and give it claims; returns the article's id."""

    def add(url, claims, outlet="The Daily Lantern", published="2025-11-12", **record):
        sink = store.ArticleStore(database)
        outcome = sink.save_article(article_record(url, outlet=outlet, published=published, **record))
        assert outcome == "stored", f"{url}: {outcome}"
        article_id = database.execute("SELECT id FROM articles WHERE url = ?", [url]).fetchone()[0]
        store.replace_claims(database, article_id, "test-1", claims)
        return article_id

    return add


@pytest.fixture
def make_record():
    return article_record


@pytest.fixture
def make_claim():
    return claim
