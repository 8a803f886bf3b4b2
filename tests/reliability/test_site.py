"""The public site under hostile content and hostile requests: script in titles, text, URLs and outlet names
stays inert in a real browser; slow SQL is cut off; rows are capped; nothing can write; robots.txt is the
site's configuration."""

import asyncio
import hashlib
import json
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import yaml

from claimwatch import publish
from tests.publish.conftest import _article, _claim

PAYLOAD = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2"><svg onload="window.pwned=3">'
EVIL_OUTLET = '"><script>window.pwned=4</script> Gazette'
EVIL_URL = 'https://evil.example/a"><script>window.pwned=5</script>?q=<img src=x onerror=window.pwned=6>'
JS_URL = "javascript:window.pwned=7//drones"
TEXT_A = f"Officers say the force flies 30 drones today. {PAYLOAD} The unit began last year."
TEXT_B = f"Only 9 drones are in service, {PAYLOAD} a council paper said."


def build(path):
    from claimwatch import db
    from claimwatch.db.store import ArticleStore, replace_claims

    database = db.open_database(path)
    store = ArticleStore(database)
    for url, outlet, title, text, claim in [
        (EVIL_URL, EVIL_OUTLET, PAYLOAD + " Fleet grows", TEXT_A, _claim(TEXT_A, "30", 30)),
        (JS_URL, "Quiet " + PAYLOAD, "<b>Nine</b> drones" + PAYLOAD, TEXT_B, _claim(TEXT_B, "9", 9)),
    ]:
        record = _article(url, outlet, title, text, "2025-10-01", "2026-01-03T10:00:00Z",
                          body=f"<html><body>{PAYLOAD}{text}</body></html>")
        record["outlet_domain"] = "evil.example"
        store.save_article(record)
        article_id = database.execute("SELECT id FROM articles WHERE url = ?", [url]).fetchone()[0]
        replace_claims(database, article_id, "test", [claim])
    db.detect.detect(database)
    database.close()
    return path


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("hostile") / "claimwatch.db")


@pytest.fixture(scope="module")
def get(hostile_db):
    datasette = publish.make_datasette(hostile_db)
    loop = asyncio.new_event_loop()
    yield lambda path, **kw: loop.run_until_complete(datasette.client.get(path, **kw))
    loop.close()


def sql(get, query):
    return get("/claimwatch.json?" + urllib.parse.urlencode({"sql": query, "_shape": "objects"}))


def test_a_slow_query_is_cut_off_by_the_time_limit(get):
    response = sql(get, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n")
    assert response.status_code == 400
    assert "interrupted" in response.json()["error"].lower() or "time limit" in response.text.lower()


def test_a_query_returns_at_most_the_row_cap_and_says_it_was_truncated(get):
    response = sql(get, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                        "SELECT i FROM n")
    data = response.json()
    assert len(data["rows"]) == publish.SETTINGS["max_returned_rows"] and data["truncated"] is True


@pytest.mark.parametrize("statement", [
    "INSERT INTO outlets (name, kind) VALUES ('Injected', 'press')",
    "UPDATE articles SET title = 'defaced'",
    "DELETE FROM claims",
    "DROP TABLE claims",
    "ATTACH DATABASE '/tmp/x.db' AS x",
    "PRAGMA writable_schema = 1",
])
def test_no_statement_can_write(get, hostile_db, statement):
    before = hashlib.sha256(hostile_db.read_bytes()).hexdigest()
    response = sql(get, statement)
    assert response.status_code in (400, 403) and "error" in response.json()
    assert hashlib.sha256(hostile_db.read_bytes()).hexdigest() == before


def test_posting_to_the_served_site_is_refused_and_writes_nothing(site_url, hostile_db, get):
    before = hashlib.sha256(hostile_db.read_bytes()).hexdigest()
    for path in ("/claimwatch", "/claimwatch/outlets", "/claimwatch/-/create", "/claimwatch/outlets/-/insert",
                 "/claimwatch/outlets/1/-/delete"):
        request = urllib.request.Request(site_url + path, data=json.dumps({"row": {"name": "Injected"}}).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        # Datasette 0.65 answers a POST to a table page with a 500 (an assertion in its TableView): refused all
        # the same, which is what matters here.
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code >= 400, path
    assert get("/claimwatch/outlets.json?_shape=array&name=Injected").json() == []
    assert hashlib.sha256(hostile_db.read_bytes()).hexdigest() == before


def test_robots_txt_is_the_policy_in_metadata(get, hostile_db, tmp_path):
    response = get("/robots.txt")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    assert "Disallow: /claimwatch?" in response.text
    metadata = yaml.safe_load(publish.METADATA.read_text())
    metadata["plugins"]["claimwatch"]["robots_txt"] = "User-agent: *\nDisallow: /"
    other = tmp_path / "metadata.yml"
    other.write_text(yaml.safe_dump(metadata))
    loop = asyncio.new_event_loop()
    try:
        datasette = publish.make_datasette(hostile_db, metadata=other)
        assert loop.run_until_complete(datasette.client.get("/robots.txt")).text == "User-agent: *\nDisallow: /\n"
        del metadata["plugins"]
        other.write_text(yaml.safe_dump(metadata))
        datasette = publish.make_datasette(hostile_db, metadata=other)
        assert loop.run_until_complete(datasette.client.get("/robots.txt")).status_code == 404
    finally:
        loop.close()


# --- the real browser -----------------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
browser_only = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromium-driver are not "
                                  "installed (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def site_url(hostile_db):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    executable = pathlib.Path(sys.executable).with_name("claimwatch")
    server = subprocess.Popen([str(executable), "serve", "--db", str(hostile_db), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            assert server.poll() is None, server.stdout.read().decode()
            time.sleep(0.1)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


PAGES = ["/", "/-/metrics", "/-/metric/drones_fleet", "/claimwatch/articles", "/claimwatch/articles/1",
         "/claimwatch/articles/2", "/claimwatch/outlets", "/claimwatch/claims_with_provenance",
         "/claimwatch/contradictions_side_by_side", "/-/search?q=drones", "/claimwatch/articles?_search=drones",
         "/claimwatch/new_contradictions", "/-/fetched/1", "/-/fetched/2"]


@browser_only
@pytest.mark.browser
def test_hostile_titles_text_urls_and_outlet_names_stay_inert_in_the_browser(browser, site_url, get):
    from selenium.webdriver.common.by import By

    contradictions = get("/claimwatch/contradictions.json?_shape=array").json()
    assert contradictions, "the two hostile articles should conflict"
    pages = PAGES + [f"/-/contradiction/{contradictions[0]['id']}"]
    for path in pages:
        browser.get(site_url + path)
        assert browser.execute_script("return window.pwned === undefined"), f"script ran on {path}"
        assert not browser.find_elements(By.CSS_SELECTOR, "img[src='x'], svg[onload]"), f"markup injected on {path}"
        for link in browser.find_elements(By.TAG_NAME, "a"):
            href = (link.get_attribute("href") or "").lower()
            assert not href.startswith("javascript:"), f"a javascript: link on {path}"
    browser.get(site_url + "/claimwatch/articles/1")
    assert "<script>window.pwned=1</script>" in browser.find_element(By.TAG_NAME, "body").text
