"""An undated pair on the site: listed apart from conflicts as needing a date, never counted as a contradiction."""

import asyncio

import pytest

from claimwatch import publish
from tests.publish.conftest import _article, _claim, build_database

DATED = "The force now flies 30 drones over the capital, officials said."
UNDATED = "Only 9 drones are in service, a repost of an older story says."


@pytest.fixture(scope="module")
def get_undated(tmp_path_factory):
    articles = [
        (_article("https://ledger.example/fleet", "The Fictional Ledger", "Fleet", DATED, "2025-10-01",
                  "2026-01-03T10:00:00Z"), [_claim(DATED, "30", 30)]),
        (_article("https://aggregator.example/repost", "Sample Aggregator", "Repost", UNDATED, None,
                  "2026-01-04T10:00:00Z"), [_claim(UNDATED, "9", 9)]),
    ]
    datasette = publish.make_datasette(build_database(tmp_path_factory.mktemp("undated") / "claimwatch.db", articles))
    loop = asyncio.new_event_loop()
    yield lambda path: loop.run_until_complete(datasette.client.get(path))
    loop.close()


def test_the_home_page_counts_no_contradiction_and_one_pair_needing_a_date(get_undated):
    page = get_undated("/").text
    assert "<strong>0</strong> contradictions" in page
    assert "1 needing a date" in page


def test_the_metric_page_lists_the_pair_under_needs_a_date_not_with_the_contradictions(get_undated):
    page = get_undated("/-/metric/drones_fleet").text
    contradictions, needs_date = page.split("<h2>Needs a date</h2>")
    assert "Sample Aggregator" not in contradictions.split("<h2>Contradictions and explained differences</h2>")[1]
    assert "Sample Aggregator&#39;s article carries no date (it can only be placed at any date up to 4 Jan 2026)" \
        in needs_date.split("<h2>Latest claims</h2>")[0]


def test_the_pair_page_says_it_needs_a_date_and_shows_the_evidence(get_undated):
    [row] = get_undated("/claimwatch/contradictions.json?_shape=array").json()
    page = get_undated(f"/-/contradiction/{row['id']}").text
    assert "needs a date" in page and "cannot both be true" not in page
    assert "Evidence:</strong> values [30, 30] and [9, 9]; days 2025-10-01 and undated, … to 2026-01-04" in page
