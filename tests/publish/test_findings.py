"""The findings first: the home page lists the latest contradictions, with lists of explained differences and
agreements beside them, and the Atom feed links each contradiction, served by a real Datasette."""

import asyncio
import xml.etree.ElementTree as ET

from claimwatch import publish
from tests.publish.conftest import ARTICLES, build_database

ATOM = "{http://www.w3.org/2005/Atom}"


def test_home_lists_the_latest_contradictions_with_figures_outlets_and_dates(get, contradiction_id):
    page = get("/").text
    latest = page[page.index('class="latest-contradictions"'):page.index("<h2>Metrics</h2>")]
    assert f'href="/-/contradiction/{contradiction_id}"' in latest
    assert "Drones in service" in latest  # the metric's title, not drones_fleet
    assert "The Fictional Ledger" in latest and "Borough Bugle" in latest
    assert "1 Oct 2025" in latest and "1 Nov 2025" in latest
    assert ">30</strong>" in latest and ">9</strong>" in latest
    assert "drones_fleet" not in latest.replace('href="/-/metric/drones_fleet"', "")


def test_the_headline_links_every_list(get):
    page = get("/").text
    for path in ("/-/contradictions", "/-/explained", "/-/agreements"):
        assert f'href="{path}"' in page


def test_lists_of_contradictions_explained_differences_and_agreements(get, contradiction_id):
    contradictions = get("/-/contradictions.json").json()
    assert [pair["id"] for pair in contradictions["pairs"]] == [contradiction_id]
    pair = contradictions["pairs"][0]
    assert {pair["a"]["outlet"], pair["b"]["outlet"]} == {"The Fictional Ledger", "Borough Bugle"}
    assert pair["a"]["published"] == "2025-10-01"  # ISO in the JSON
    assert get("/-/contradictions?metric=drones_fleet").status_code == 200
    assert get("/-/contradictions.json?metric=lfr_arrests").json()["pairs"] == []
    assert get("/-/contradictions?metric=no_such_metric").status_code == 404
    for kind in ("explained", "agreements"):
        page = get(f"/-/{kind}")
        assert page.status_code == 200 and '<select name="metric">' in page.text
    assert get("/-/explained?cause=rounding").status_code == 200
    assert get("/-/explained?cause=conflict").status_code == 400


def test_atom_entries_link_their_contradiction_page_with_author_and_dates(get, contradiction_id):
    feed = ET.fromstring(get("/claimwatch/new_contradictions.atom").content)
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "claimwatch"
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == f"http://localhost/-/contradiction/{contradiction_id}"
    assert entry.find(f"{ATOM}published").text.startswith("2025-11-01")  # the later article's publication
    assert entry.find(f"{ATOM}updated").text.startswith("2025-11-01")
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "claimwatch"
    assert entry.find(f"{ATOM}title").text.startswith("Drones in service: 30 (The Fictional Ledger) against 9")


def test_a_database_without_conflicts_has_an_empty_feed_and_says_so_at_home(tmp_path):
    path = build_database(tmp_path / "claimwatch.db", ARTICLES[2:])  # one article, one claim: no pair
    datasette = publish.make_datasette(path)
    feed = asyncio.run(datasette.client.get("/claimwatch/new_contradictions.atom"))
    assert feed.status_code == 200
    root = ET.fromstring(feed.content)
    assert root.findall(f"{ATOM}entry") == [] and root.find(f"{ATOM}updated").text
    home = asyncio.run(datasette.client.get("/"))
    assert "No contradictions found yet" in home.text


def test_a_claim_page_shows_its_sentence_in_context_its_article_timeline_and_contradictions(get, contradiction_id):
    claims = get(f"/-/contradiction/{contradiction_id}.json").json()["claims"]
    bugle = next(claim for claim in claims if claim["outlet"] == "Borough Bugle")
    page = get(f"/-/claim/{bugle['id']}")
    assert page.status_code == 200
    text = page.text
    assert "Only <mark class=\"figure\">9</mark> drones are in service today" in text
    assert "want fewer." in text  # the article's next sentence, in context
    assert f'href="/-/contradiction/{contradiction_id}"' in text
    assert "The Fictional Ledger" in text  # the other side of its contradiction
    assert text.count('<tr class="this-figure">') == 1  # its figure marked among the metric's figures
    assert 'class="fetched-copy" href="/-/fetched/' in text
    data = get(f"/-/claim/{bugle['id']}.json").json()
    assert data["claim"]["value"] == 9 and [p["id"] for p in data["pairs"]] == [contradiction_id]
    assert get("/-/claim/999999").status_code == 404


def test_contradiction_page_speaks_a_readers_words_and_links_each_claims_page(get, contradiction_id):
    text = get(f"/-/contradiction/{contradiction_id}").text
    assert "Drones in service" in text and "1 Oct 2025" in text and "3 Jan 2026, 10:00 UTC" in text
    assert " = 30" not in text and "count (" not in text  # not "30 = 30 count (exact, current)"
    assert 'href="/-/claim/' in text


def test_an_unreachable_original_links_to_the_stored_copy(get, contradiction_id):
    # The fixture outlets are .example hosts, as the demo's are 127.0.0.1: no reader can open them.
    text = get(f"/-/contradiction/{contradiction_id}").text
    assert text.count('<a class="article-link" href="/-/fetched/') == 2
    assert 'class="original-url" href="https://ledger.example/drones"' in text


def test_reachable_urls():
    from claimwatch.publish.plugin import is_reachable_url

    assert is_reachable_url("https://www.bbc.co.uk/news/1")
    for url in ("http://127.0.0.1:8765/a", "http://localhost/a", "https://ledger.example/a", "http://10.0.0.1/",
                "javascript:alert(1)", "https://x.test/"):
        assert not is_reachable_url(url), url


def test_datasettes_own_pages_show_titles_words_and_dates_and_keep_raw_values_in_json(get):
    page = get("/claimwatch/claims_with_provenance?metric=drones_fleet").text
    assert ">Drones in service</a>" in page and '<time datetime="2025-10-01">1 Oct 2025</time>' in page
    assert '<span title="current">now</span>' in page
    assert "3 Jan 2026, 10:00 UTC" in page
    assert 'href="/-/claim/' in page  # figure_text opens the claim's page
    side = get("/claimwatch/contradictions_side_by_side").text
    assert 'href="/-/claim/' in side and ">Drones in service</a>" in side
    assert "/-/claimwatch-static/" in side and "site.css" in side  # column descriptions folded by CSS
    rows = get("/claimwatch/claims_with_provenance.json?metric=drones_fleet&_shape=array").json()
    assert {row["published"] for row in rows} == {"2025-10-01", "2025-11-01"} and rows[0]["status"] == "current"


def test_the_chart_library_and_site_css_are_served_from_here(get):
    from claimwatch.publish.plugin import STATIC_VERSION

    for path in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "site.css"):
        response = get(f"/-/claimwatch-static/{STATIC_VERSION}/{path}")
        assert response.status_code == 200 and len(response.content) > 500, path
    assert get(f"/-/claimwatch-static/{STATIC_VERSION}/../plugin.py").status_code == 404
