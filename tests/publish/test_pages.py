"""Every page a researcher opens, and its .json, served by a real Datasette over a database built by db."""

import json
import xml.etree.ElementTree as ET
import zlib

import pytest

from claimwatch import publish
from tests.publish.conftest import ARTICLES

ATOM = "{http://www.w3.org/2005/Atom}"


def test_serve_arguments_are_read_only_time_limited_and_without_suggested_facets(tmp_path):
    argv = publish.datasette_argv(tmp_path / "claimwatch.db", host="0.0.0.0", port=9001)
    assert argv[:3] == ["serve", "-i", str(tmp_path / "claimwatch.db")]
    pairs = {argv[i + 1]: argv[i + 2] for i, arg in enumerate(argv) if arg == "--setting"}
    assert pairs["suggest_facets"] == "off"
    assert int(pairs["sql_time_limit_ms"]) <= 2000
    assert argv[argv.index("--metadata") + 1] == str(publish.METADATA)
    assert argv[argv.index("--host") + 1] == "0.0.0.0" and argv[argv.index("--port") + 1] == "9001"


def test_a_broken_metadata_file_is_a_one_line_error_naming_it(tmp_path):
    broken = tmp_path / "metadata.yml"
    broken.write_text("title: [unclosed\n")
    with pytest.raises(ValueError, match=str(broken)):
        publish.load_metadata(broken)


def test_the_database_is_served_immutable(datasette):
    assert not datasette.get_database("claimwatch").is_mutable


def test_home_page_has_title_search_and_the_way_in(get):
    page = get("/")
    assert page.status_code == 200
    assert "<h1>claimwatch" in page.text
    assert "<strong>1</strong> contradictions" in page.text  # one conflict among the test articles
    assert 'href="/-/metric/drones_fleet"' in page.text and 'href="/-/metric/lfr_arrests"' in page.text
    assert "Apache-2.0" in page.text  # licence and source under the description
    assert 'action="/-/search"' in page.text
    assert 'href="/-/metrics"' in page.text and 'href="/-/claims"' in page.text
    assert "contradictions_side_by_side?cause=conflict" in page.text


def _tables_and_views(get):
    data = get("/claimwatch.json").json()
    return [t["name"] for t in data["tables"] if not t["hidden"]] + [v["name"] for v in data["views"]]


def test_every_table_and_view_page_and_its_json_load(get):
    names = _tables_and_views(get)
    assert {"claims", "contradictions", "claims_with_provenance", "contradictions_side_by_side"} <= set(names)
    for name in names:
        assert get(f"/claimwatch/{name}").status_code == 200, name
        response = get(f"/claimwatch/{name}.json?_shape=objects")
        assert response.status_code == 200, name
        assert "rows" in response.json(), name


def test_every_row_page_of_the_base_tables_loads(get):
    for table in ("outlets", "articles", "claims", "contradictions", "article_versions"):
        first = get(f"/claimwatch/{table}.json?_shape=array&_size=1").json()[0]
        assert get(f"/claimwatch/{table}/{first['id']}").status_code == 200, table
        assert get(f"/claimwatch/{table}/{first['id']}.json").status_code == 200, table


def test_contradiction_page_shows_both_claims_side_by_side(get, contradiction_id):
    page = get(f"/-/contradiction/{contradiction_id}")
    assert page.status_code == 200
    text = page.text
    assert 'class="cause">conflict' in text
    sides = [("The Fictional Ledger", "30", "https://ledger.example/drones", "2025-10-01"),
             ("Borough Bugle", "9", "https://bugle.example/fleet", "2025-11-01")]
    for outlet, figure, url, published in sides:
        assert outlet in text
        assert f'<mark class="figure">{figure}</mark>' in text
        assert f'href="{url}"' in text
        assert published in text
    assert "2026-01-03T10:00:00Z" in text and "2026-01-04T10:00:00Z" in text
    assert text.count('class="fetched-copy"') == 2


def test_the_figure_marked_is_the_one_the_claim_points_at(get, contradiction_id):
    # The Bugle's sentence says "9" twice; the claim's offsets point at the first.
    text = get(f"/-/contradiction/{contradiction_id}").text
    assert "Only <mark class=\"figure\">9</mark> drones are in service today" in text


def test_contradiction_json_carries_both_claims_with_provenance(get, contradiction_id):
    data = get(f"/-/contradiction/{contradiction_id}.json").json()
    assert data["cause"] == "conflict" and data["metric"] == "drones_fleet" and data["reason"]
    assert sorted(c["value"] for c in data["claims"]) == [9, 30]
    for claim in data["claims"]:
        assert claim["url"].startswith("https://") and claim["fetched_at"] and claim["content_sha256"]
        assert claim["fetched_copy_url"].startswith("/-/fetched/")


def test_unknown_contradiction_and_metric_are_404(get):
    assert get("/-/contradiction/999999").status_code == 404
    assert get("/-/metric/no_such_metric").status_code == 404
    assert get("/-/fetched/999999").status_code == 404


def test_a_404_costs_no_traceback(get, capfd):
    # Datasette would print each one with its local variables through rich: seconds of CPU a request.
    assert get("/claimwatch/no_such_table").status_code == 404
    captured = capfd.readouterr()
    assert "Traceback" not in captured.out + captured.err


def _link(page, css_class):
    start = page.index(f'class="{css_class}" href="') + len(f'class="{css_class}" href="')
    return page[start:page.index('"', start)]


def test_provenance_link_serves_the_page_as_fetched_as_inert_text(get, contradiction_id):
    # The stored copy's page links its raw source: the bytes as fetched, as plain text.
    viewer = get(_link(get(f"/-/contradiction/{contradiction_id}").text, "fetched-copy"))
    assert viewer.status_code == 200
    copy = get(_link(viewer.text, "raw-source"))
    assert copy.status_code == 200
    assert copy.headers["content-type"].startswith("text/plain")
    assert copy.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in copy.headers["content-security-policy"]
    bodies = {record["body"] for record, _ in ARTICLES}
    assert copy.content in bodies


def test_stored_copy_is_shown_sandboxed_under_what_was_fetched_when_and_its_hash(get, site_db):
    import contextlib
    import sqlite3

    with contextlib.closing(sqlite3.connect(site_db)) as connection:
        version_id, url, sha256 = connection.execute(
            "select id, requested_url, content_sha256 from article_versions order by id limit 1").fetchone()
    page = get(f"/-/fetched/{version_id}").text
    for shown in (url, sha256, "200", "3 Jan 2026, 10:00 UTC"):
        assert shown in page
    assert f'<iframe class="stored-page" sandbox="" referrerpolicy="no-referrer" src="/-/fetched/{version_id}/page"' \
        in page
    frame = get(f"/-/fetched/{version_id}/page")
    assert frame.headers["content-type"].startswith("text/html")
    policy = frame.headers["content-security-policy"]
    assert policy.startswith("sandbox;") and "default-src 'none'" in policy and "script-src" not in policy


def test_stored_copy_is_the_zlib_body_of_that_version(get, site_db):
    import contextlib
    import sqlite3

    with contextlib.closing(sqlite3.connect(site_db)) as connection:
        version_id, body = connection.execute(
            "select id, body_zlib from article_versions order by id limit 1").fetchone()
    assert get(f"/-/fetched/{version_id}.txt").content == zlib.decompress(body)
    assert get(f"/-/fetched/{version_id}/page").content == zlib.decompress(body)


def test_metric_page_draws_each_distinct_figure_and_lists_claims(get):
    page = get("/-/metric/drones_fleet")
    assert page.status_code == 200
    assert page.text.count('class="vega-chart"') == 1  # one subject, one chart
    spec = json.loads(page.text.split('<script type="application/json" id="chart-0-spec">')[1].split("</script>")[0])
    assert sorted(mark["value"] for mark in spec["data"]["values"]) == [9, 30]
    assert "Only 9 drones are in service today" in page.text
    data = get("/-/metric/drones_fleet.json").json()
    assert sorted(row["value"] for row in data["timeline"]) == [9, 30]
    assert {claim["value"] for claim in data["claims"]} == {9, 30}
    assert data["contradictions"] and data["contradictions"][0]["cause"] == "conflict"


def test_metrics_page_links_each_metric(get):
    page = get("/-/metrics")
    assert 'href="/-/metric/drones_fleet"' in page.text and 'href="/-/metric/lfr_arrests"' in page.text
    metrics = {row["metric"] for row in get("/-/metrics.json").json()["metrics"]}
    assert {"drones_fleet", "lfr_arrests"} <= metrics


def test_contradiction_rows_link_to_their_side_by_side_page(get, contradiction_id):
    assert f'href="/-/contradiction/{contradiction_id}">conflict</a>' in get("/claimwatch/contradictions").text
    assert f'href="/-/contradiction/{contradiction_id}"' in get("/claimwatch/contradictions_side_by_side").text


@pytest.mark.parametrize("path", [
    "/claimwatch/articles", "/claimwatch/articles?_search=fleet", "/claimwatch/claims_with_provenance",
    "/-/contradiction/{id}", "/-/metric/drones_fleet", "/claimwatch/contradictions_side_by_side",
    "/-/search?q=fleet", "/-/search?q=Campaigners", "/-/claims", "/-/claims?metric=drones_fleet",
])
def test_html_and_script_in_titles_and_text_show_as_text(get, contradiction_id, path):
    text = get(path.format(id=contradiction_id)).text
    assert "<script>window.pwned" not in text
    assert "<img src=x" not in text
    assert "<b>Campaigners</b>" not in text


def test_the_hostile_title_is_still_readable(get):
    text = get("/claimwatch/articles?_search=fleet").text
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in text


def test_full_text_search_finds_articles_and_claims(get):
    articles = get("/claimwatch/articles.json?_search=drones&_shape=array").json()
    assert {a["url"] for a in articles} >= {"https://ledger.example/drones", "https://bugle.example/fleet"}
    claims = get("/claimwatch/claims.json?_search=service&_shape=array").json()
    assert [c["value"] for c in claims] == [9]


def test_search_page_is_claimwatchs_own_rendered_on_the_server(get):
    # claimwatch's /-/search replaces datasette-search-all's, which lists results with JavaScript.
    page = get("/-/search?q=drones")
    assert page.status_code == 200
    assert "Drone fleet takes off" in page.text and "Only 9 <mark>drones</mark> are in service today" in page.text


def test_default_facets_by_metric_cause_status_and_outlet(get):
    assert {"metric", "cause"} <= set(get("/claimwatch/contradictions.json").json()["facet_results"])
    assert {"metric", "cause"} <= set(get("/claimwatch/contradictions_side_by_side.json").json()["facet_results"])
    assert {"metric", "status", "first_outlet"} <= set(get("/claimwatch/figure_timeline.json").json()["facet_results"])
    outlets = get("/claimwatch/articles.json").json()["facet_results"]["outlet_id"]["results"]
    assert {"The Fictional Ledger", "Borough Bugle"} <= {result["label"] for result in outlets}


def test_facets_on_datasettes_table_pages_name_metrics_and_statuses_in_words(get):
    page = get("/claimwatch/figure_timeline").text
    facets = page[page.index('class="facet-results"'):]
    assert 'title="drones_fleet">Drones in service</a>' in facets  # the raw name stays in the link's title
    assert ">drones_fleet</a>" not in facets
    statuses = facets[facets.index('data-column="status"'):]
    assert 'title="current">' in statuses and ">current</a>" not in statuses.split("</ul>")[0]


def test_the_compact_tables_keep_datasettes_sortable_headers(get):
    pairs = get("/claimwatch/contradictions_side_by_side").text
    assert 'class="rows-and-columns compact-pairs"' in pairs
    assert '_sort=cause' in pairs and '>why<' in pairs.replace("</a>", "<")
    claims = get("/claimwatch/claims_with_provenance?_sort=outlet").text
    assert 'class="rows-and-columns compact-claims"' in claims
    assert '_sort_desc=outlet' in claims and "outlet&nbsp;▼" in claims  # the sorted column offers the other way


def test_claims_can_be_faceted_on_request(get):
    # No default facets over every claim (they would group the whole table); a filtered page can ask.
    facets = get("/claimwatch/claims_with_provenance.json?metric=drones_fleet&_facet=outlet&_facet=status").json()
    outlets = {result["value"] for result in facets["facet_results"]["outlet"]["results"]}
    assert outlets == {"The Fictional Ledger", "Borough Bugle"}


CANNED = {
    "contradictions_by_metric": {"metric": "drones_fleet"},
    "metric_timeline": {"metric": "drones_fleet"},
    "claims_per_outlet": {"outlet": "Borough Bugle"},
    "articles_mentioning": {"term": "facial recognition"},
    "new_since": {"since": "2025-11-01"},
    "new_contradictions": {},
    "new_claims": {"metric": "lfr_arrests"},
}


@pytest.mark.parametrize("name", sorted(CANNED))
def test_canned_queries_answer_with_rows(get, name):
    response = get(f"/claimwatch/{name}.json", params={**CANNED[name], "_shape": "array"})
    assert response.status_code == 200, response.text
    assert response.json(), f"{name} returned no rows"
    assert get(f"/claimwatch/{name}", params=CANNED[name]).status_code == 200


def test_new_since_leaves_out_older_articles(get):
    rows = get("/claimwatch/new_since.json", params={"since": "2025-11-01", "_shape": "array"}).json()
    assert {row["url"] for row in rows} == {"https://bugle.example/fleet", "https://herald.example/arrests"}


def test_atom_feed_of_new_contradictions(get, contradiction_id):
    row = get(f"/claimwatch/contradictions/{contradiction_id}.json?_shape=array").json()[0]
    claims = row["claim_a"], row["claim_b"]
    feed = get("/claimwatch/new_contradictions.atom")
    assert feed.status_code == 200 and "xml" in feed.headers["content-type"]
    entries = ET.fromstring(feed.content).findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}id").text for e in entries] == [f"claimwatch:contradiction:{claims[0]}-{claims[1]}"]


def test_atom_feed_of_new_claims_for_one_metric(get):
    feed = get("/claimwatch/new_claims.atom", params={"metric": "lfr_arrests"})
    entries = ET.fromstring(feed.content).findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].find(f"{ATOM}link").get("href") == "https://herald.example/arrests"
    assert "2,000" in entries[0].find(f"{ATOM}title").text


def test_a_database_file_of_another_name_gets_the_same_configuration(site_db, tmp_path):
    import asyncio
    import shutil

    renamed = tmp_path / "coverage.db"
    shutil.copy(site_db, renamed)
    datasette = publish.make_datasette(renamed)
    feed = asyncio.run(datasette.client.get("/coverage/new_contradictions.json?_shape=array"))
    assert feed.status_code == 200 and feed.json()
    page = asyncio.run(datasette.client.get("/coverage/claims"))
    assert "One row per figure that is a claim" in page.text
    assert asyncio.run(datasette.client.get("/")).status_code == 200
