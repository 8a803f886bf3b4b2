"""/-/search: articles and claims found by full-text search, rendered on the server, and its .json."""

import asyncio
import contextlib
import sqlite3

import pytest

from claimwatch import publish
from claimwatch.publish import search
from tests.publish.conftest import MANY, _article, _claim, build_database


def test_search_finds_articles_by_title_and_text_with_outlet_date_and_url(get):
    page = get("/-/search?q=drones")
    assert page.status_code == 200
    for title, outlet, published, url in [("Drone fleet takes off", "The Fictional Ledger", "2025-10-01",
                                           "https://ledger.example/drones"),
                                          ("Fleet &#34;grows&#34;", "Borough Bugle", "2025-11-01",
                                           "https://bugle.example/fleet")]:
        assert title in page.text and outlet in page.text and published in page.text
        assert f'href="{url}"' in page.text
    assert "Arrests tally" not in page.text  # the Herald's article never mentions drones
    assert 'href="/claimwatch/articles?_search=drones"' in page.text  # the full table, with facets


def test_search_json_carries_the_same_articles_newest_first(get):
    data = get("/-/search.json?q=drones").json()
    assert [a["url"] for a in data["articles"]] == ["https://bugle.example/fleet", "https://ledger.example/drones"]
    assert data["article_matches"] == 2
    assert {"title", "outlet", "published", "url", "excerpt"} <= set(data["articles"][0])


def test_search_finds_claims_by_their_sentence(get):
    data = get("/-/search.json?q=service").json()
    assert [(c["value"], c["metric"], c["outlet"]) for c in data["claims"]] == [(9, "drones_fleet", "Borough Bugle")]
    assert "<mark>service</mark>" in get("/-/search?q=service").text


def test_html_and_script_in_titles_and_text_are_shown_as_text(get):
    page = get("/-/search?q=Campaigners").text
    assert "<script>window.pwned" not in page and "<img src=x" not in page and "<b>Campaigners" not in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page  # the hostile headline, readable
    assert "&lt;b&gt;<mark>Campaigners</mark>&lt;/b&gt;" in page  # the match marked inside the escaped text
    excerpt = get("/-/search.json?q=Campaigners").json()["articles"][0]["excerpt"]
    assert "<b>Campaigners</b> <script>window.pwned=3</script>" in excerpt  # JSON gives the text as it is


def test_the_words_searched_for_are_shown_as_text(get):
    page = get("/-/search", params={"q": '<script>window.pwned=5</script>"><b>x'}).text
    assert "<script>window.pwned=5" not in page and '"><b>x' not in page
    assert "&lt;script&gt;window.pwned=5&lt;/script&gt;" in page


@pytest.mark.parametrize("words", ['"', "(", "AND", "drones OR", "*", "  ", 'fleet" "takes'])
def test_any_words_are_a_search_never_an_error(get, words):
    assert get("/-/search", params={"q": words}).status_code == 200
    assert get("/-/search.json", params={"q": words}).status_code == 200


def test_a_quoted_phrase_must_appear_as_written(get):
    assert [a["title"] for a in get("/-/search.json", params={"q": '"fleet takes off"'}).json()["articles"]] \
        == ["Drone fleet takes off"]
    assert get("/-/search.json", params={"q": '"takes fleet"'}).json()["articles"] == []


def test_no_query_shows_only_the_form(get):
    page = get("/-/search")
    assert page.status_code == 200 and 'name="q"' in page.text and "Articles:" not in page.text


@pytest.mark.parametrize("page", ["two", "0", "-1", "10001", "9" * 30])
def test_a_bad_page_number_is_a_one_line_error_naming_it(get, page):
    response = get(f"/-/search.json?q=drones&page={page}")
    assert response.status_code == 400
    assert response.json()["error"] == f"page must be a whole number from 1 to 10000, not {page!r}"


def test_a_page_past_the_last_match_is_empty(get):
    data = get("/-/search.json?q=drones&page=10000").json()
    assert data["articles"] == [] and data["next"] is None and data["article_matches"] == 2


def test_more_articles_than_a_page_go_on_to_the_next(get_many):
    first = get_many("/-/search.json?q=Lambeth").json()
    assert first["article_matches"] == MANY
    assert [a["title"] for a in first["articles"]] == [f"Lambeth report {day}" for day in range(MANY, 5, -1)]
    second = get_many(first["next"]).json()
    assert [a["title"] for a in second["articles"]] == [f"Lambeth report {day}" for day in range(5, 0, -1)]
    assert second["next"] is None
    assert 'href="/-/search?q=Lambeth&amp;page=2"' in get_many("/-/search?q=Lambeth").text


def test_search_lists_the_latest_claims_and_links_to_all_of_them(get_many):
    data = get_many("/-/search.json?q=Lambeth").json()
    assert data["claim_matches"] == MANY
    assert [c["value"] for c in data["claims"]] == list(range(MANY, MANY - search.CLAIMS_SHOWN, -1))
    assert data["all_claims"] == "/claimwatch/claims?_search=Lambeth"


def test_many_matches_are_ordered_like_a_few(many_db):
    # Past a thousand matches the page walks the publication-date index instead of sorting every match;
    # both ways must give the same articles in the same order.
    with contextlib.closing(sqlite3.connect(many_db)) as connection:
        query = search.fts_query("Lambeth")
        for page in (1, 2):
            few = search.article_ids(connection, query, page, MANY)
            many = search.article_ids(connection, query, page, MANY, many_from=1)
            assert few == many and few


def test_the_search_box_on_the_home_page_leads_here(get):
    assert 'action="/-/search"' in get("/").text


def _patrol_notes(count, claims_each):
    for number in range(1, count + 1):
        sentences = [f"Patrol {number}.{k} counted {k + 1} cameras in Brixton." for k in range(claims_each)]
        text = " ".join(sentences)
        claims = [_claim(text, f"{k + 1} cameras", k + 1, metric="cctv_cameras") for k in range(claims_each)]
        yield (_article(f"https://notes.example/{number}", "Patrol Notes", f"Patrol note {number}", text,
                        "2025-03-01", "2026-03-01T10:00:00Z"), claims)


def test_past_a_thousand_matches_the_count_says_more_than_a_thousand(tmp_path):
    path = build_database(tmp_path / "claimwatch.db", list(_patrol_notes(101, 10)))  # 1,010 claims
    data = asyncio.run(publish.make_datasette(path).client.get("/-/search.json?q=Brixton")).json()
    assert data["article_matches"] == 101 and data["claim_matches"] > data["counted_to"] == 1000
    page = asyncio.run(publish.make_datasette(path).client.get("/-/search?q=Brixton")).text
    assert "<h2>Articles: 101</h2>" in page and "<h2>Claims: more than 1,000</h2>" in page
