"""The bundled sample site crawls completely from its sitemap and its feed."""

import pathlib

import pytest

SAMPLE_SITE = pathlib.Path(__file__).resolve().parents[2] / "sample_site"
ARTICLES = sorted(SAMPLE_SITE.glob("*/20*/*/*.html"))


@pytest.mark.skipif(not (SAMPLE_SITE / "sitemap.xml").exists(), reason="the sample site is not written yet")
def test_the_sample_site_crawls_fully_from_its_sitemap_and_feed(sample_site_url, crawl):
    summary = crawl(sitemaps=[sample_site_url + "/sitemap.xml"], feeds=[sample_site_url + "/feed.xml"])
    assert summary["failed"] == {} and summary["errors"] == []
    assert summary["off_topic"] == {"no_topic_terms": 1}  # the football report
    stored = crawl.sink.articles
    assert summary["stored"] == len(stored) == len(ARTICLES) - 1
    assert not any("rovers" in url for url in stored)
    assert len({versions[0]["outlet"] for versions in stored.values()}) >= 4
    assert all(versions[0]["published"] and versions[0]["title"] for versions in stored.values())
