"""The whole pipeline as `make demo` runs it: crawl the bundled sample site over real HTTP with Scrapy,
extract with spaCy, detect, then check the database against what the site plants (sample_site/planted.yml)."""

import os
import pathlib
import sqlite3
import subprocess
import sys

import pytest
import yaml

from tests.support import SAMPLE_SITE, sample_server

PLANTED = yaml.safe_load((SAMPLE_SITE / "planted.yml").read_text())
EXPECTED = PLANTED["expected"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One `claimwatch run` over the served sample site; yields (connection, base_url, run output)."""
    folder = tmp_path_factory.mktemp("demo")
    server, base_url = sample_server.serve_in_thread(SAMPLE_SITE)
    claimwatch = pathlib.Path(sys.executable).with_name("claimwatch")
    try:
        result = subprocess.run(
            [claimwatch, "run", "--db", folder / "claimwatch.db", "--sitemap", f"{base_url}/sitemap.xml"],
            cwd=folder, capture_output=True, text=True, timeout=600, env=os.environ,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr[-4000:]
    connection = sqlite3.connect(folder / "claimwatch.db")
    yield connection, base_url, result
    connection.close()


def rows_for_pair(connection, base_url, pair, table="contradictions_side_by_side"):
    """Rows of the side-by-side view (or agreements) whose two claims are the pair's two figures."""
    wanted = {(f"{base_url}/{side['path']}", side["figure_text"]) for side in pair}
    if table == "agreements":
        query = """SELECT 'agreement', a.url, a.figure_text, b.url, b.figure_text FROM agreements
                   JOIN claims_with_provenance a ON a.id = agreements.claim_a
                   JOIN claims_with_provenance b ON b.id = agreements.claim_b"""
    else:
        query = "SELECT cause, url_a, figure_a, url_b, figure_b FROM contradictions_side_by_side"
    return [row[0] for row in connection.execute(query) if {(row[1], row[2]), (row[3], row[4])} == wanted]


def planted(kind):
    return [pytest.param(entry, id=entry["id"]) for entry in EXPECTED if entry["kind"] == kind]


def test_every_on_topic_article_is_stored_and_the_football_report_is_not(demo):
    connection, base_url, _ = demo
    stored = {url for (url,) in connection.execute("SELECT url FROM articles")}
    on_topic = {f"{base_url}/{a['path']}" for a in PLANTED["articles"] if a["on_topic"]}
    off_topic = {f"{base_url}/{a['path']}" for a in PLANTED["articles"] if not a["on_topic"]}
    assert len(on_topic) >= 15 and off_topic
    assert stored == on_topic


def test_every_article_keeps_its_provenance(demo):
    connection, _, _ = demo
    rows = connection.execute(
        """SELECT articles.url, outlets.name, articles.published, v.fetched_at, v.content_sha256, v.http_status
           FROM articles JOIN outlets ON outlets.id = articles.outlet_id
           JOIN article_versions v ON v.article_id = articles.id""").fetchall()
    assert rows
    for url, outlet, published, fetched_at, sha256, status in rows:
        assert outlet in {"The Thames Courier", "Capital Wire", "Northbank Gazette", "Civic Lens", "Riverside Post"}
        assert published and published.startswith("2025-"), url
        assert fetched_at.endswith("Z") and len(sha256) == 64 and status == 200, url


@pytest.mark.parametrize("entry", planted("conflict"))
def test_planted_conflicts_are_found(demo, entry):
    connection, base_url, _ = demo
    assert rows_for_pair(connection, base_url, entry["pair"]) == ["conflict"]


def test_a_conflicts_reason_counts_the_days_between_the_dates_it_names(demo):
    """The 30 drones also stand in a syndicated copy a day later: the reason still counts from the date it names."""
    connection, _, _ = demo
    [reason] = [row[0] for row in connection.execute(
        "SELECT reason FROM contradictions WHERE cause = 'conflict' AND metric = 'drones_fleet'")]
    assert reason == ("The Thames Courier (10 Nov 2025) says 30; Capital Wire (12 Nov 2025) says nine. Both describe"
                      " what exists now, 2 days apart, so they cannot both be right.")


def test_nothing_but_the_planted_conflicts_counts_as_a_contradiction(demo):
    connection, base_url, _ = demo
    conflicts = connection.execute(
        "SELECT metric, figure_a, outlet_a, figure_b, outlet_b FROM contradictions_side_by_side"
        " WHERE cause = 'conflict'").fetchall()
    assert len(conflicts) == len(planted("conflict")), conflicts


@pytest.mark.parametrize("entry", planted("explained"))
def test_planted_look_alikes_are_explained_not_counted(demo, entry):
    connection, base_url, _ = demo
    assert rows_for_pair(connection, base_url, entry["pair"]) == [entry["cause"]]


@pytest.mark.parametrize("entry", planted("agreement"))
def test_planted_agreements_are_agreements_not_contradictions(demo, entry):
    connection, base_url, _ = demo
    assert rows_for_pair(connection, base_url, entry["pair"]) == []
    assert rows_for_pair(connection, base_url, entry["pair"], table="agreements") == ["agreement"]


@pytest.mark.parametrize("entry", planted("syndicated"))
def test_a_syndicated_copy_is_one_source_with_its_original(demo, entry):
    connection, base_url, _ = demo
    original, copy = (f"{base_url}/{side['path']}" for side in entry["pair"])
    clusters = dict(connection.execute("SELECT url, cluster_id FROM articles WHERE url IN (?, ?)", (original, copy)))
    assert clusters[original] == clusters[copy]
    assert rows_for_pair(connection, base_url, entry["pair"], table="agreements") == []
    assert rows_for_pair(connection, base_url, entry["pair"]) == []


def test_the_run_reports_what_it_did(demo):
    connection, _, result = demo
    assert "crawl:" in result.stderr and "extract:" in result.stderr and "detect:" in result.stderr
    commands = [command for (command,) in connection.execute("SELECT command FROM runs ORDER BY id")]
    assert commands == ["crawl", "extract", "detect"]


def test_press_figures_are_checked_against_the_sample_official_record(demo, tmp_path):
    """`claimwatch reference import` of the sample record (SAMPLE DATA), then `claimwatch detect`: the figures the
    record was built to answer (sample_site/official_record.py) match or differ as planted."""
    connection, base_url, _ = demo
    db_path = tmp_path / "claimwatch.db"
    with sqlite3.connect(db_path) as copy:  # a copy: the other tests read the demo database as `run` left it
        connection.backup(copy)
    claimwatch = pathlib.Path(sys.executable).with_name("claimwatch")
    record = sorted((SAMPLE_SITE / "official").glob("*.csv"))
    for args in (["reference", "import", "--db", db_path, *record, "--source-url", "https://official.example/record"],
                 ["detect", "--db", db_path]):
        result = subprocess.run([claimwatch, *args], capture_output=True, text=True, timeout=300, env=os.environ)
        assert result.returncode == 0, result.stderr[-4000:]
    checked = sqlite3.connect(db_path)
    rows = {(url.removeprefix(base_url + "/"), figure): (cause, official_value, row_count)
            for url, figure, cause, official_value, row_count in checked.execute(
                "SELECT url, press_figure, cause, official_value, row_count FROM official_checks_side_by_side")}
    checked.close()
    courier = "thames-courier/2025/10/facial-recognition-arrest-figures-published-for-the-first-time.html"
    gazette = "northbank-gazette/2025/11/facial-recognition-arrest-tally-questioned.html"
    wire = "capital-wire/2025/11/met-chief-says-drones-are-now-first-on-the-scene.html"
    # 962 in the 12 months to September 2025: the 52 deployments of October 2024 to September 2025.
    assert rows[(courier, "962")] == ("matches_official", 962, 52)
    # Since January 2024, to the day each article appeared (7 and 12 Nov 2025): 1,305 arrests over 97 deployments.
    assert rows[(gazette, "around 1,300")] == ("matches_official", 1305, 97)
    assert rows[(wire, "over 2,000")] == ("differs_from_official", 1305, 97)
