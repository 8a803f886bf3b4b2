"""Every stored outlet has its kind: from the sources file for the outlets it lists, else from the publisher type
the page's JSON-LD declares (the sample site's fictional outlets), whether crawled or imported; an outlet stored
earlier as unknown gets its kind when next seen. Real SQLite files, real crawls of loopback servers."""

import pathlib
import sqlite3
import subprocess
import sys

import yaml

from tests.support import ROOT, SAMPLE_SITE

FAST_CLI = ROOT / "tests" / "fast_cli.py"
SAMPLE_KINDS = {outlet["name"]: outlet["kind"]
                for outlet in yaml.safe_load((SAMPLE_SITE / "source" / "outlets.yml").read_text()).values()}


def claimwatch(folder, *args):
    """The real CLI with the crawler's politeness delays off (tests/fast_cli.py)."""
    result = subprocess.run([sys.executable, str(FAST_CLI), *map(str, args)], cwd=folder, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def outlet_kinds(db: pathlib.Path) -> dict:
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT name, kind FROM outlets"))


def test_the_sample_sites_outlets_are_stored_with_their_kinds_by_crawl_and_by_import(sample_site_url, tmp_path):
    assert set(SAMPLE_KINDS.values()) == {"press", "campaign"}
    claimwatch(tmp_path, "crawl", "--db", "crawled.db", "--sitemap", sample_site_url + "/sitemap.xml")
    assert outlet_kinds(tmp_path / "crawled.db") == SAMPLE_KINDS
    claimwatch(tmp_path, "import", "--db", "imported.db", *SAMPLE_SITE.glob("*/20*/*/*.html"))  # the articles
    assert outlet_kinds(tmp_path / "imported.db") == SAMPLE_KINDS


def test_an_outlet_the_sources_file_lists_gets_the_kind_it_gives(fixture_site, tmp_path):
    sources = tmp_path / "sources.yml"
    sources.write_text(yaml.safe_dump({"sources": [{
        "name": "Loopback Assembly", "kind": "official", "homepage": fixture_site.base_url + "/",
        "allowed_domains": ["127.0.0.1"]}]}))
    claimwatch(tmp_path, "crawl", "--db", "c.db", "--sources", sources, "--feed", fixture_site.base_url + "/feed.xml")
    assert outlet_kinds(tmp_path / "c.db") == {"Loopback Assembly": "official"}


def test_an_outlet_stored_as_unknown_gets_its_kind_when_next_seen(sample_site_url, tmp_path):
    claimwatch(tmp_path, "crawl", "--db", "c.db", "--sitemap", sample_site_url + "/sitemap.xml")
    with sqlite3.connect(tmp_path / "c.db") as connection:  # as a database crawled before kinds were known
        connection.execute("UPDATE outlets SET kind = 'unknown'")
    claimwatch(tmp_path, "crawl", "--db", "c.db", "--sitemap", sample_site_url + "/sitemap.xml")
    assert outlet_kinds(tmp_path / "c.db") == SAMPLE_KINDS


def test_a_saved_page_of_an_outlet_the_sources_file_lists_is_imported_as_that_outlet(tmp_path):
    """A saved file has no host of its own: its canonical URL says which outlet of sources.yml it is from."""
    page = tmp_path / "saved.html"
    page.write_text("""<html lang="en"><head><title>Facial recognition vans (sample data)</title>
<link rel="canonical" href="https://www.theguardian.com/technology/2025/nov/10/sample-page">
<meta property="og:type" content="article"><meta property="og:site_name" content="Sample copy"></head><body>
<article><h1>Facial recognition vans (sample data)</h1>
<p>Sample data written for claimwatch's tests: live facial recognition vans were out twice this week, the
Metropolitan Police said, and campaigners asked how the watchlists were built.</p>
<p>The force said the cameras would be used at more events next year, and that every alert is checked by an
officer before anyone is stopped.</p></article></body></html>""")
    claimwatch(tmp_path, "import", "--db", "c.db", page)
    assert outlet_kinds(tmp_path / "c.db") == {"The Guardian": "press"}
