"""/-/claims: each claim with its article, outlet, URL, dates and hash, a page at a time, and its .json."""

import contextlib
import sqlite3

import pytest

from tests.publish.conftest import MANY


def test_each_claim_shows_its_article_outlet_url_dates_and_hash(get, site_db):
    page = get("/-/claims?metric=drones_fleet")
    assert page.status_code == 200
    with contextlib.closing(sqlite3.connect(site_db)) as connection:
        hashes = [sha for (sha,) in connection.execute(
            "select content_sha256 from claims_with_provenance where metric = 'drones_fleet'")]
    for text in ["Drone fleet takes off", "The Fictional Ledger", "Borough Bugle", 'href="https://ledger.example/drones"',
                 "2025-10-01", "2025-11-01", "2026-01-03T10:00:00Z", "2026-01-04T10:00:00Z", *hashes]:
        assert text in page.text
    assert "2,000" not in page.text  # the arrests figure is another metric
    assert page.text.count('class="fetched-copy" href="/-/fetched/') == 2


def test_claims_json_has_the_provenance_of_every_claim(get):
    data = get("/-/claims.json?metric=drones_fleet").json()
    assert data["total"] == 2 and data["next"] is None
    assert sorted(c["value"] for c in data["claims"]) == [9, 30]
    for claim in data["claims"]:
        assert claim["url"].startswith("https://") and claim["outlet"] and claim["published"]
        assert claim["fetched_at"] and len(claim["content_sha256"]) == 64
        assert claim["fetched_copy_url"].startswith("/-/fetched/")
        assert get(claim["fetched_copy_url"]).status_code == 200


def test_html_and_script_in_titles_are_shown_as_text(get):
    page = get("/-/claims?metric=drones_fleet").text
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page


def test_without_a_metric_every_claim_is_listed(get):
    assert {c["metric"] for c in get("/-/claims.json").json()["claims"]} == {"drones_fleet", "lfr_arrests"}


def test_claims_go_newest_first_a_page_at_a_time(get_many):
    first = get_many("/-/claims.json?metric=drones_fleet").json()
    assert first["total"] == MANY
    assert [c["value"] for c in first["claims"]] == list(range(MANY, 5, -1))
    second = get_many(first["next"]).json()
    assert [c["value"] for c in second["claims"]] == [5, 4, 3, 2, 1] and second["next"] is None
    html = get_many("/-/claims?metric=drones_fleet").text
    assert f'href="/-/claims?metric=drones_fleet&amp;before={first["claims"][-1]["id"]}">Older claims' in html


def test_unknown_metric_is_404(get):
    assert get("/-/claims?metric=no_such_metric").status_code == 404


@pytest.mark.parametrize("before", ["x1", "0", "9" * 30])
def test_a_bad_page_is_a_one_line_400_naming_it(get, before):
    response = get(f"/-/claims.json?metric=drones_fleet&before={before}")
    assert response.status_code == 400
    assert response.json()["error"] == f"before must be a whole number from 1 to {2**63 - 1}, not {before!r}"


def test_the_metric_page_links_here(get):
    assert 'href="/-/claims?metric=drones_fleet"' in get("/-/metric/drones_fleet").text
