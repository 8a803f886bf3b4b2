"""Crawling into a real SQLite file through db.store.ArticleStore, the sink the CLI uses."""

import pytest
import sqlite_utils

pytest.importorskip("claimwatch.db.store")


def test_a_crawl_into_the_database_stores_each_article_once_and_loses_nothing_on_a_recrawl(
        fixture_site, crawl, db_path):
    base = fixture_site.base_url
    start = ["/archive/nocanon.html", "/syndicated.html", "/changing.html", "/missing.html", "/flaky.html",
             "/slow.html", "/huge.html", "/redirect/1", "/loop/a"]
    arguments = dict(sitemaps=[base + "/sitemap.xml"], feeds=[base + "/feed.xml"],
                     start_urls=[base + path for path in start])
    first = crawl(sink=f"db:{db_path}", **arguments)
    database = sqlite_utils.Database(db_path)
    urls = {row["url"] for row in database["articles"].rows}
    assert first["stored"] == len(urls) == 8
    assert base + "/news/lfr-vans" in urls and base + "/football.html" not in urls
    assert first["duplicates"] == 1
    assert first["failed"] == {"robots_txt": 1, "http_404": 1, "timeout": 1, "too_large": 1, "redirect_loop": 1}
    first_versions = {row["content_sha256"] for row in database["article_versions"].rows}
    aliases = {row["url"] for row in database["article_urls"].rows}
    assert {base + "/nocanon.html", base + "/archive/nocanon.html", base + "/lfr-vans.html"} <= aliases

    clusters = {row["url"]: row["cluster_id"] for row in database["articles"].rows}
    assert clusters[base + "/syndicated.html"] == clusters[base + "/news/lfr-vans"]
    assert clusters[base + "/drones.html"] != clusters[base + "/news/lfr-vans"]

    fixture_site.changing_version = 2
    second = crawl(sink=f"db:{db_path}", **arguments)
    assert second["stored"] == 0 and second["updated"] == 1
    assert {row["url"] for row in database["articles"].rows} == urls
    changing_id = database.execute("SELECT id FROM articles WHERE url = ?", [base + "/changing.html"]).fetchone()[0]
    assert database["article_versions"].count_where("article_id = ?", [changing_id]) == 2
    assert database["article_versions"].count == 9
    assert first_versions < {row["content_sha256"] for row in database["article_versions"].rows}
    assert second["failed"] == first["failed"]
