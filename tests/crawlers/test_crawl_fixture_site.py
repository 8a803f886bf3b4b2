"""One crawl of the misbehaving fixture site through sitemap, feed and start URLs; each test checks one case."""

import hashlib

import pytest
from crawl_runner import Crawl
from crawl_server import FixtureServer

START_PATHS = ["/flaky.html", "/slow.html", "/huge.html", "/redirect/1", "/loop/a", "/missing.html",
               "/archive/nocanon.html", "/syndicated.html"]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    with FixtureServer() as server:
        crawl = Crawl(tmp_path_factory.mktemp("crawl"))
        summary = crawl(sitemaps=[server.base_url + "/sitemap.xml", server.base_url + "/drones.html?as=sitemap"],
                        feeds=[server.base_url + "/feed.xml", server.base_url + "/drones.html?as=feed"],
                        start_urls=[server.base_url + path for path in START_PATHS])
        yield summary, crawl.sink, server


def errors_for(summary, path):
    return [error["reason"] for error in summary["errors"] if error["url"].endswith(path)]


def received(sink, path):
    return [record for record in sink.received if record["requested_url"].endswith(path)]


def test_a_missing_page_is_a_reported_failure_and_stores_nothing(crawled):
    summary, sink, _ = crawled
    assert summary["failed"]["http_404"] == 1
    assert errors_for(summary, "/missing.html") == ["http_404: HTTP 404"]
    assert not received(sink, "/missing.html")


def test_a_server_error_is_retried_and_the_second_answer_stored(crawled):
    summary, sink, server = crawled
    assert server.requests["/flaky.html"] == 2
    assert not errors_for(summary, "/flaky.html")
    [record] = received(sink, "/flaky.html")
    assert record["http_status"] == 200 and "drone unit" in record["text"]


def test_a_redirect_chain_keeps_the_requested_and_the_final_url(crawled):
    _, sink, server = crawled
    [record] = received(sink, "/redirect/1")
    assert record["final_url"] == server.base_url + "/moved/drones.html"
    assert record["url"] == server.base_url + "/drones.html"  # the page's canonical link


def test_a_redirect_loop_is_a_reported_failure(crawled):
    summary, sink, _ = crawled
    assert summary["failed"]["redirect_loop"] == 1
    [reason] = errors_for(summary, "/loop/a")
    assert "/loop/b" in reason
    assert not received(sink, "/loop/a")


def test_a_response_slower_than_the_timeout_fails_after_its_retry(crawled):
    summary, sink, server = crawled
    assert summary["failed"]["timeout"] == 1
    assert server.requests["/slow.html"] == 2  # RETRY_TIMES = 1 in the tests
    assert errors_for(summary, "/slow.html") and not received(sink, "/slow.html")


def test_an_oversized_page_is_refused(crawled):
    summary, sink, _ = crawled
    assert summary["failed"]["too_large"] == 1
    assert errors_for(summary, "/huge.html") and not received(sink, "/huge.html")


@pytest.mark.parametrize("path, expected", [
    ("/cp1252.html", ["a \u00a350m contract", "\u201cWe want to see the business case",
                      "adviser said \u2014 adding"]),
    ("/latin1.html", ["Owners of a caf\u00e9", "The pole cost \u00a312,000"]),
])
def test_legacy_encodings_with_a_wrong_or_missing_charset_are_read_right(crawled, path, expected):
    _, sink, _ = crawled
    record = sink.latest(crawled[2].base_url + path)
    assert record["encoding"] == "cp1252"
    for phrase in expected:
        assert phrase in record["text"]
    assert "\ufffd" not in record["text"]


def test_a_pdf_is_fetched_but_not_stored(crawled):
    summary, sink, _ = crawled
    assert summary["off_topic"]["not_html"] == 1
    assert not received(sink, "/report.pdf")


def test_robots_txt_disallow_is_obeyed(crawled):
    summary, _, server = crawled
    assert server.requests["/private/secret.html"] == 0
    assert summary["failed"]["robots_txt"] == 1


def test_the_same_page_under_two_urls_is_stored_once(crawled):
    summary, sink, server = crawled
    stored = [url for url, outcome in sink.outcomes if "nocanon" in url and outcome == "stored"]
    duplicates = [url for url, outcome in sink.outcomes if "nocanon" in url and outcome == "duplicate"]
    assert len(stored) == 1 and len(duplicates) == 1
    assert summary["duplicates"] >= 1
    assert server.requests["/nocanon.html"] == 1 and server.requests["/archive/nocanon.html"] == 1


def test_a_page_reached_twice_through_its_canonical_url_is_one_article(crawled):
    _, sink, server = crawled
    drones = [outcome for url, outcome in sink.outcomes if url == server.base_url + "/drones.html"]
    assert drones.count("stored") == 1 and set(drones) == {"stored", "unchanged"}


def test_a_syndicated_copy_on_another_outlet_has_a_near_identical_minhash(crawled):
    _, sink, server = crawled
    original = sink.latest(server.base_url + "/news/lfr-vans")
    copy = sink.latest(server.base_url + "/syndicated.html")
    independent = sink.latest(server.base_url + "/drones.html")
    assert (original["outlet"], copy["outlet"]) == ("Thames Wire", "Borough Bugle")

    def similarity(a, b):
        return sum(x == y for x, y in zip(a["minhash"], b["minhash"], strict=True)) / len(a["minhash"])

    assert similarity(original, copy) >= 0.8
    assert similarity(original, independent) < 0.2


def test_malformed_html_still_gives_the_article_text(crawled):
    _, sink, server = crawled
    record = sink.latest(server.base_url + "/malformed.html")
    assert "extended by three months" in record["text"]
    assert "so that analysts could search them together" in record["text"]  # mis-nested <b><i>
    assert record["outlet"] == "Capital Ledger"


def test_an_off_topic_page_is_counted_with_its_reason_and_not_stored(crawled):
    summary, sink, _ = crawled
    assert summary["off_topic"]["no_topic_terms"] == 1
    assert not received(sink, "/football.html")


def test_the_article_record_carries_provenance_and_metadata(crawled):
    _, sink, server = crawled
    record = sink.latest(server.base_url + "/lfr-vans.html")
    assert record["url"] == server.base_url + "/news/lfr-vans"
    assert record["requested_url"] == record["final_url"] == server.base_url + "/lfr-vans.html"
    assert record["http_status"] == 200 and record["via"] == "news_sitemap"
    assert record["content_sha256"] == hashlib.sha256(record["body"]).hexdigest()
    assert b"Leave a Reply" in record["body"]  # the raw page, furniture and all
    assert record["text_sha256"] == hashlib.sha256(record["text"].encode()).hexdigest()
    assert record["last_modified"] is None and record["content_type"].startswith("text/html")
    assert (record["title"], record["author"], record["site_name"]) == (
        "Yard adds four facial recognition vans", "Petra Quill", "Thames Wire")
    assert record["published"] == "2025-09-14T08:30:00+01:00"
    assert record["updated"] == "2025-09-15T10:00:00+01:00"
    assert record["language"] == "en-GB"
    assert {"LFR", "watchlist", "facial recognition"} <= set(record["keywords"])
    assert "facial recognition" in record["topic_terms"]
    assert set(record["extractors"]) == {"trafilatura", "htmldate", "claimwatch"}
    assert len(record["minhash"]) == 128
    assert record["fetched_at"].endswith("Z")


def test_page_furniture_inside_the_article_is_left_out_of_the_text(crawled):
    _, sink, server = crawled
    text = sink.latest(server.base_url + "/lfr-vans.html")["text"]
    assert "taking its\nfleet" not in text and "taking its fleet to eleven" in text
    for furniture in ("ADVERTISEMENT", "cookies", "Related articles", "Leave a Reply", "covers crime and the courts",
                      "day and night", "All rights reserved"):
        assert furniture not in text


def test_an_entry_point_that_is_not_a_sitemap_or_feed_is_a_reported_failure(crawled):
    summary, _, _ = crawled
    assert (summary["failed"]["not_a_sitemap"], summary["failed"]["not_a_feed"]) == (1, 1)
    assert errors_for(summary, "/drones.html?as=feed") == ["not_a_feed: no RSS or Atom document"]


def test_the_summary_adds_up(crawled):
    summary, sink, _ = crawled
    outcomes = sink.outcome_counts()
    assert summary["stored"] == outcomes["stored"] == 7
    assert summary["unchanged"] == outcomes.get("unchanged", 0)
    assert summary["fetched"] == (summary["stored"] + summary["updated"] + summary["unchanged"]
                                  + summary["duplicates"] + sum(summary["off_topic"].values()))
    assert len(summary["errors"]) == sum(summary["failed"].values())
    assert summary["stats"]["downloader/response_status_count/500"] == 1
