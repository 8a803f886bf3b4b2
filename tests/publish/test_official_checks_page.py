"""Press figures beside the official record on the site, through a real Datasette: the metric page's list and chart,
links to the claim and to the reference rows, and the canned query. SAMPLE DATA: a fictional outlet and record."""

import asyncio
import json
import urllib.parse

import pytest

from claimwatch import db, publish
from claimwatch.db import reference
from tests.publish.conftest import _article, _claim, build_database

TEXT = "The Sample Sentinel counted over 200 arrests in 2024 from facial recognition vans."
# A deployment a month through 2024, ten arrests each: 120 in the year, not "over 200".
RECORD = [{"page": None, "row": row, "date": f"2024-{month:02d}-10", "location": f"Sample Place {month} (sample)",
           "duration": "6 hours", "arrests": 10, "total_alerts": 12, "false_alerts_confirmed": 1,
           "false_alerts_unconfirmed": 0, "faces_seen": 9000} for row, month in enumerate(range(1, 13), 2)]


@pytest.fixture(scope="module")
def get(tmp_path_factory):
    claim = {**_claim(TEXT, "over 200", 200, metric="lfr_arrests", status="cumulative", qualifier="at_least"),
             "time_scope": {"text": "in 2024", "start": "2024-01-01", "end": "2024-12-31"}}
    path = tmp_path_factory.mktemp("official") / "claimwatch.db"
    build_database(path, [(_article("https://sentinel.example/arrests", "Sample Sentinel", "Arrests", TEXT,
                                    "2025-01-20", "2026-01-05T10:00:00Z"), [claim])])
    database = db.open_database(path)
    reference.store_file(database, name="record.csv", sha256="c" * 64, kind="deployments", rows=RECORD)
    db.detect.detect(database)
    database.close()  # checkpoints the WAL: Datasette opens the file immutable
    datasette = publish.make_datasette(path)
    loop = asyncio.new_event_loop()
    yield lambda path: loop.run_until_complete(datasette.client.get(path))
    loop.close()


def test_the_metric_page_lists_the_difference_with_links_to_the_claim_and_the_rows_summed(get):
    response = get("/-/metric/lfr_arrests")
    assert response.status_code == 200
    html = response.text
    assert "Against the official record" in html
    assert "differs from the official record" in html
    assert ("Sample Sentinel (20 Jan 2025) says over 200 in 2024; the Metropolitan Police deployment record gives 120"
            " arrests over 12 deployments in that period, so the official record does not bear it out.") in html
    assert 'href="/claimwatch/claims/1"' in html
    assert "the 12 deployments summed" in html
    # The official figure is a series of its own on the chart, over the period it was summed for.
    spec = json.loads(html.split('<script type="application/json" id="chart-0-spec">')[1].split("</script>")[0])
    official = [mark for mark in spec["data"]["values"] if mark["series"] == "official"]
    assert [mark["value"] for mark in official] == [120] and official[0]["source"] == "Official record"


def test_the_rows_link_opens_exactly_the_deployments_summed(get):
    [check] = get("/-/metric/lfr_arrests.json").json()["official_checks"]
    assert (check["cause"], check["official_value"], check["row_count"]) == ("differs_from_official", 120, 12)
    url = urllib.parse.urlsplit(check["rows_url"])
    rows = get(f"{url.path}.json?{url.query}&_shape=array").json()
    assert [row["date"] for row in rows] == [f"2024-{month:02d}-10" for month in range(1, 13)]
    assert sum(row["arrests"] for row in rows) == check["official_value"]


def test_the_canned_query_and_the_view_give_each_check_side_by_side(get):
    [row] = get("/claimwatch/official_checks_by_metric.json?metric=lfr_arrests&_shape=array").json()
    assert (row["press_figure"], row["outlet"], row["official_value"], row["cause"]) == (
        "over 200", "Sample Sentinel", 120, "differs_from_official")
    assert row["url"] == "https://sentinel.example/arrests"
    page = get("/claimwatch/official_checks_side_by_side")
    assert page.status_code == 200 and "the official record does not bear it out" in page.text
