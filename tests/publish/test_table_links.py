"""Datasette's own table pages, served over HTTP by `claimwatch serve`, link an article no reader can reach to its
stored copy, as claimwatch's own pages do, and leave a reachable one linked to the original (issue #18).

SAMPLE DATA: the Fictional Ledger's address is a reserved .example name, as the demo's sample site on 127.0.0.1 is
after `make demo`; the Borough Bugle's is an ordinary public name (never contacted: the site only links it)."""

import html
import json
import pathlib
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from bench import servers
from tests.publish.conftest import BUGLE_TEXT, LEDGER_TEXT, _article, _claim, build_database

UNREACHABLE = "https://ledger.example/drones"
REACHED_BY = "https://ledger.example/drones?ref=sample-feed"  # the address the crawl asked for, redirected
REACHABLE = "https://www.borough-bugle-sample.news/fleet"


def _articles():
    ledger = _article(UNREACHABLE, "The Fictional Ledger", "Drone fleet takes off", LEDGER_TEXT, "2025-10-01",
                      "2026-01-03T10:00:00Z")
    ledger["requested_url"] = REACHED_BY
    bugle = _article(REACHABLE, "Borough Bugle", "Nine drones", BUGLE_TEXT, "2025-11-01", "2026-01-04T10:00:00Z")
    return [(ledger, [_claim(LEDGER_TEXT, "30", 30)]), (bugle, [_claim(BUGLE_TEXT, "9", 9)])]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`claimwatch serve` of a database whose one conflict sets the unreachable article against the reachable one."""
    path = build_database(tmp_path_factory.mktemp("links") / "claimwatch.db", _articles())
    port = servers.free_port()
    claimwatch = str(pathlib.Path(sys.executable).with_name("claimwatch"))
    process = servers.start([claimwatch, "serve", "--db", str(path), "--port", str(port)], port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


def _get(site, path):
    with urllib.request.urlopen(site + path, timeout=30) as response:
        return response.geturl(), response.read().decode()


def _stored_copy_links(page) -> dict:
    """{address shown: where the link goes} for each stored-copy link of a page."""
    found = re.findall(r'<a class="stored-copy" href="([^"]+)"[^>]*>([^<]+)</a> <span class="note">\(stored copy\)',
                       page)
    return {shown: href.replace("&amp;", "&") for href, shown in found}


@pytest.mark.parametrize("path", [
    "/claimwatch/claims_with_provenance",  # the compact table
    "/claimwatch/claims_with_provenance?_col=url&_col=title",  # Datasette's own table
    "/claimwatch/contradictions_side_by_side?_col=url_a&_col=url_b",
    "/claimwatch/articles",
    "/claimwatch/articles/1",  # a row page
])
def test_an_unreachable_article_links_to_its_stored_copy_and_a_reachable_one_to_itself(site, path):
    _, page = _get(site, path)
    links = _stored_copy_links(page)
    assert set(links) == {UNREACHABLE}, links
    assert links[UNREACHABLE] == "/-/fetched?" + urllib.parse.urlencode({"url": UNREACHABLE})
    assert f'href="{UNREACHABLE}"' not in page
    if path != "/claimwatch/articles/1":
        assert f'<a href="{REACHABLE}">{REACHABLE}</a>' in page  # Datasette's own link, unchanged


def test_following_the_link_opens_the_page_as_fetched_from_that_address(site):
    _, table = _get(site, "/claimwatch/contradictions_side_by_side?_col=url_a&_col=url_b")
    final, page = _get(site, _stored_copy_links(table)[UNREACHABLE])
    assert re.fullmatch(rf"{site}/-/fetched/\d+", final)
    header = page[page.index('<dl class="fetch-header">'):page.index("</dl>")]
    assert UNREACHABLE in header and "Drone fleet takes off" in header and "3 Jan 2026, 10:00 UTC" in header


def test_every_address_an_article_was_reached_by_finds_its_stored_copy(site):
    query = urllib.parse.urlencode({"requested_url": REACHED_BY})
    (version,) = json.loads(_get(site, f"/claimwatch/article_versions.json?_shape=array&{query}")[1])
    # A version's own row links to that very version, by the row's id.
    _, versions = _get(site, "/claimwatch/article_versions")
    assert _stored_copy_links(versions) == {REACHED_BY: f"/-/fetched/{version['id']}",
                                            UNREACHABLE: f"/-/fetched/{version['id']}"}
    # article_urls: the address is the row's key, so its table links the row page, which links the stored copy.
    _, urls = _get(site, "/claimwatch/article_urls")
    row_path = re.search(rf'<a href="([^"]+)">{re.escape(html.escape(REACHED_BY))}</a>', urls)[1]
    _, row = _get(site, html.unescape(row_path))
    final, _ = _get(site, _stored_copy_links(row)[REACHED_BY])
    assert final == f"{site}/-/fetched/{version['id']}"


def test_an_address_with_no_stored_copy_is_a_404_naming_it(site):
    for query, status, message in ((urllib.parse.urlencode({"url": "https://nowhere.example/x"}), 404,
                                    "no stored copy of https://nowhere.example/x"),
                                   ("", 400, "needs ?url=")):
        with pytest.raises(urllib.error.HTTPError) as error:
            _get(site, "/-/fetched?" + query)
        assert error.value.code == status
        assert message in error.value.read().decode()


def test_the_json_keeps_the_address_as_stored(site):
    _, body = _get(site, "/claimwatch/claims_with_provenance.json?_shape=array")
    assert sorted(row["url"] for row in json.loads(body)) == sorted([REACHABLE, UNREACHABLE])
