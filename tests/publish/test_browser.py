"""A researcher's walk in real headless Chromium against `claimwatch serve`: home, search, a contradiction,
its provenance link. Screenshots go to test-artifacts/publish/."""

import json
import pathlib
import shutil
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from bench.servers import free_port, start
from tests.support import SAMPLE_SITE, sample_server

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
ARTIFACTS = pathlib.Path(__file__).resolve().parents[2] / "test-artifacts" / "publish"

if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)

from selenium import webdriver  # noqa: E402  (only once the browser is known to exist)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CLAIMWATCH = pathlib.Path(sys.executable).with_name("claimwatch")


def _served(db_path):
    """`claimwatch serve` of db_path on a free loopback port: yields its URL, stops it after."""
    port = free_port()
    server = start([str(CLAIMWATCH), "serve", "--db", str(db_path), "--port", str(port)], port)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def site_url(site_db):
    """The installed `claimwatch serve` of the small test database."""
    yield from _served(site_db)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    """What `make demo` serves: `claimwatch run` over the bundled sample site (SAMPLE DATA: fictional outlets), then
    `claimwatch serve`. The sample site stops after the crawl, so its addresses cannot be reached, as after a demo."""
    folder = tmp_path_factory.mktemp("demo")
    server, base_url = sample_server.serve_in_thread(SAMPLE_SITE)
    try:
        result = subprocess.run([str(CLAIMWATCH), "run", "--db", str(folder / "claimwatch.db"), "--sitemap",
                                 f"{base_url}/sitemap.xml"], cwd=folder, capture_output=True, text=True, timeout=600)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr[-4000:]
    yield from _served(folder / "claimwatch.db")


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _screenshot(driver, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def _no_script_ran(driver):
    assert driver.execute_script("return window.pwned === undefined"), "an article's script ran in the page"


def test_a_researcher_walks_from_home_to_the_page_as_fetched(browser, site_url):
    wait = WebDriverWait(browser, 10)

    browser.get(site_url + "/")
    assert "claimwatch" in browser.find_element(By.TAG_NAME, "h1").text
    _screenshot(browser, "1-home")

    search = browser.find_element(By.ID, "search-q")
    search.send_keys("drones")
    search.submit()
    wait.until(lambda driver: "/-/search?q=drones" in driver.current_url)
    articles = browser.find_element(By.CSS_SELECTOR, "section.found-articles").text
    assert "Drone fleet takes off" in articles and "The Fictional Ledger" in articles
    assert "<script>" in articles  # the hostile headline is shown, not run
    claims = browser.find_element(By.CSS_SELECTOR, "section.found-claims").text
    assert "Only 9 drones are in service today" in claims
    assert {mark.text for mark in browser.find_elements(By.CSS_SELECTOR, "section.found-claims mark")} == {"drones"}
    _no_script_ran(browser)
    _screenshot(browser, "2-search")

    browser.get(site_url + "/claimwatch/contradictions_side_by_side?cause=conflict")
    browser.find_element(By.CSS_SELECTOR, "a[href^='/-/contradiction/']").click()
    wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".side-by-side")))
    claims = browser.find_elements(By.CSS_SELECTOR, "article.claim")
    assert len(claims) == 2
    assert sorted(mark.text for mark in browser.find_elements(By.CSS_SELECTOR, "mark.figure")) == ["30", "9"]
    left, right = (claim.rect for claim in claims)
    assert left["x"] + left["width"] <= right["x"], "the two claims should stand side by side"
    assert "<script>" in browser.find_element(By.CSS_SELECTOR, ".side-by-side").text  # shown, not run
    _no_script_ran(browser)
    _screenshot(browser, "3-contradiction")

    link = browser.find_element(By.CSS_SELECTOR, "#claim-1 a.fetched-copy, article.claim a.fetched-copy")
    link.click()
    wait.until(lambda driver: "/-/fetched/" in driver.current_url)
    _the_stored_copy_is_sandboxed_under_its_fetch_header(browser, wait)


def _the_stored_copy_is_sandboxed_under_its_fetch_header(browser, wait, shown="drones"):
    header = browser.find_element(By.CSS_SELECTOR, "dl.fetch-header").text
    assert "SHA-256" in header and "HTTP status" in header and "UTC" in header
    frame = browser.find_element(By.CSS_SELECTOR, "iframe.stored-page")
    assert frame.get_attribute("sandbox") == ""  # no allow-scripts, no allow-same-origin
    assert frame.is_displayed() and frame.size["height"] > 200
    _no_script_ran(browser)
    _screenshot(browser, "4-page-as-fetched")
    browser.switch_to.frame(frame)
    page = browser.find_element(By.TAG_NAME, "body").text
    assert shown in page and "<p>" not in page  # the page rendered, not its source
    browser.switch_to.default_content()
    browser.find_element(By.CSS_SELECTOR, "a.raw-source").click()
    wait.until(lambda driver: driver.current_url.endswith(".txt"))
    assert "</html>" in browser.find_element(By.TAG_NAME, "body").text  # the raw source, as text
    _no_script_ran(browser)


def test_home_leads_with_the_latest_contradictions(browser, site_url):
    browser.get(site_url + "/")
    pairs = browser.find_elements(By.CSS_SELECTOR, ".latest-contradictions li.pair")
    assert len(pairs) == 1
    text = pairs[0].text
    for shown in ("Drones in service", "30", "9", "The Fictional Ledger", "Borough Bugle", "1 Oct 2025", "1 Nov 2025"):
        assert shown in text
    assert "drones_fleet" not in text
    pairs[0].find_element(By.CSS_SELECTOR, "a.open").click()
    WebDriverWait(browser, 10).until(lambda driver: "/-/contradiction/" in driver.current_url)
    assert len(browser.find_elements(By.CSS_SELECTOR, "article.claim")) == 2


def test_the_claim_page_shows_its_sentence_in_context_and_its_contradiction(browser, site_url):
    browser.get(site_url + "/-/contradictions")
    browser.find_element(By.CSS_SELECTOR, "li.pair a.open").click()
    WebDriverWait(browser, 10).until(lambda driver: "/-/contradiction/" in driver.current_url)
    browser.find_elements(By.CSS_SELECTOR, "a.claim-link")[1].click()
    WebDriverWait(browser, 10).until(lambda driver: "/-/claim/" in driver.current_url)
    context = browser.find_element(By.CSS_SELECTOR, "p.context").text
    assert "Only 9 drones are in service today" in context and "want fewer." in context
    assert browser.find_element(By.CSS_SELECTOR, "p.context mark.figure").text == "9"
    assert "The Fictional Ledger" in browser.find_element(By.CSS_SELECTOR, "section.differences").text
    assert browser.find_element(By.CSS_SELECTOR, "tr.this-figure").is_displayed()
    _no_script_ran(browser)
    _screenshot(browser, "7-claim")


def test_metric_page_draws_one_mark_per_figure_with_a_legend_of_outlets(browser, site_url):
    browser.get(site_url + "/-/metric/drones_fleet")
    chart = WebDriverWait(browser, 15).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".vega-chart.drawn svg")))
    legend = {label.text for label in chart.find_elements(By.CSS_SELECTOR, ".role-legend-label text")}
    assert {"The Fictional Ledger", "Borough Bugle"} <= legend
    points = chart.find_elements(By.CSS_SELECTOR, "g.mark-symbol.role-mark path")
    assert len([point for point in points if point.is_displayed()]) == 2  # 30 and 9, each once
    assert not chart.find_elements(By.CSS_SELECTOR, "g.mark-line")  # no line joins them
    axis_titles = {title.text for title in chart.find_elements(By.CSS_SELECTOR, ".role-axis-title text")}
    assert "Drones in service (number)" in axis_titles
    ticks = [tick.text for tick in chart.find_elements(By.CSS_SELECTOR, ".role-axis-label text")]
    assert ticks and not any("." in tick for tick in ticks if tick.replace(".", "").isdigit())  # whole numbers
    _no_script_ran(browser)
    _screenshot(browser, "5-metric")


def test_from_a_metric_to_its_claims_and_the_page_each_was_read_from(browser, site_url):
    browser.get(site_url + "/-/metric/drones_fleet")
    browser.find_element(By.CSS_SELECTOR, "a[href='/-/claims?metric=drones_fleet']").click()
    WebDriverWait(browser, 10).until(lambda driver: "/-/claims" in driver.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.provenance tbody tr")
    assert len(rows) == 2
    assert "Borough Bugle" in rows[0].text and "4 Jan 2026, 10:00 UTC" in rows[0].text
    _no_script_ran(browser)
    _screenshot(browser, "6-claims")
    rows[0].find_element(By.CSS_SELECTOR, "a.fetched-copy").click()
    wait = WebDriverWait(browser, 10)
    wait.until(lambda driver: "/-/fetched/" in driver.current_url)
    _the_stored_copy_is_sandboxed_under_its_fetch_header(browser, wait)


# What the issue found a reader meeting instead of words (#18): stored names, unformatted numbers, raw offsets.
RAW = ("at_least", "at_most", "faces_scanned", "per_week", "per faces", "different_period", "different_denominator",
       "different_status", "3e-06", "50000000", "+00:00", "+01:00")


def _assert_in_words(text, metric_names, where):
    raw = [name for name in (*RAW, *metric_names) if name in text]
    assert not raw, f"{where} shows stored values instead of words: {raw}"


@pytest.fixture(scope="module")
def metric_names(demo_url):
    with urllib.request.urlopen(demo_url + "/-/metrics.json") as response:
        return sorted({row["metric"] for row in json.load(response)["metrics"]})


def test_the_home_page_links_the_explained_differences_and_the_agreements(browser, demo_url, metric_names):
    browser.get(demo_url + "/")
    _assert_in_words(browser.find_element(By.CSS_SELECTOR, "section.content").text, metric_names, "the home page")
    for link, page, shown in (("explained differences", "/-/explained", "different periods"),
                              ("agreements", "/-/agreements", "agreement")):
        browser.get(demo_url + "/")
        browser.find_element(By.PARTIAL_LINK_TEXT, link).click()
        WebDriverWait(browser, 10).until(lambda driver, page=page: page in driver.current_url)
        pairs = browser.find_elements(By.CSS_SELECTOR, "li.pair")
        assert pairs, f"{page} lists no pair"
        text = "\n".join(pair.text for pair in pairs)
        assert shown in text
        _assert_in_words(text, metric_names, page)


def test_datasettes_side_by_side_table_opens_on_short_rows_in_words(browser, demo_url, metric_names):
    browser.get(demo_url + "/claimwatch/contradictions_side_by_side")
    descriptions = browser.find_element(By.CSS_SELECTOR, "dl.column-descriptions")
    assert descriptions.size["height"] <= 150, "the column descriptions should be a short box, not a wall"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.compact-pairs tbody tr")
    assert len(rows) == 7
    window_height = browser.execute_script("return window.innerHeight")
    assert rows[0].location["y"] < window_height, "the first pair should show without scrolling"
    assert max(row.size["height"] for row in rows) <= 200, "each pair should be a few lines tall"
    table = browser.find_element(By.CSS_SELECTOR, "table.compact-pairs").text
    _assert_in_words(table, metric_names, "the side-by-side table")
    assert "Drones in service" in table and "plan against what exists" in table
    _screenshot(browser, "8-side-by-side-table")

    # Facets name metrics and causes in words; the stored value stays in the link.
    metric_facet = browser.find_elements(By.CSS_SELECTOR, ".facet-info[data-column='metric'] li a")
    assert {a.text for a in metric_facet} >= {"Drones in service", "Arrests after LFR alerts"}
    assert {a.get_attribute("title") for a in metric_facet} >= {"drones_fleet", "lfr_arrests"}
    cause_facet = {a.text for a in browser.find_elements(By.CSS_SELECTOR, ".facet-info[data-column='cause'] li a")}
    assert {"conflict", "different periods", "plan against what exists"} <= cause_facet
    _assert_in_words(browser.find_element(By.CSS_SELECTOR, ".facet-results").text, metric_names, "the facets")

    # A claim's number opens its page, not Datasette's raw row.
    browser.find_element(By.CSS_SELECTOR, "table.compact-pairs tbody tr .claim a").click()
    WebDriverWait(browser, 10).until(lambda driver: "/-/claim/" in driver.current_url)
    assert browser.find_element(By.CSS_SELECTOR, "p.context mark.figure").text


def test_datasettes_claims_table_writes_figures_and_outlet_kinds_as_a_reader_would(browser, demo_url, metric_names):
    browser.get(demo_url + "/claimwatch/claims_with_provenance?_size=50")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.compact-claims tbody tr")
    assert len(rows) == 29
    assert rows[0].location["y"] < browser.execute_script("return window.innerHeight")
    assert max(row.size["height"] for row in rows) <= 200
    table = browser.find_element(By.CSS_SELECTOR, "table.compact-claims").text
    _assert_in_words(table, metric_names, "the claims table")
    for shown in ("more than 20", "£50 million", "0.0003%", "a week", "running total", "Civic Lens (campaign)"):
        assert shown in table, shown

    browser.get(demo_url + "/claimwatch/claims_with_provenance?_facet=metric&_facet=status")
    statuses = {a.text for a in browser.find_elements(By.CSS_SELECTOR, ".facet-info[data-column='status'] li a")}
    assert {"running total", "planned", "now"} <= statuses
    metrics = {a.text for a in browser.find_elements(By.CSS_SELECTOR, ".facet-info[data-column='metric'] li a")}
    assert "False match rate" in metrics and not metrics & set(metric_names)


def test_a_period_is_a_span_and_a_syndicated_copy_is_marked_on_the_chart(browser, demo_url):
    browser.get(demo_url + "/-/metric/lfr_arrests")
    chart = WebDriverWait(browser, 15).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".vega-chart.drawn svg")))
    # "962 in the 12 months to September 2025" and "since 2024" are bars over their periods, not points.
    spans = chart.find_elements(By.CSS_SELECTOR, "g.mark-rule.layer_0_marks line")
    assert len(spans) == 3
    assert all(span.size["width"] > 20 for span in spans)
    assert not chart.find_elements(By.CSS_SELECTOR, "g.mark-line")
    x_titles = [title.text for title in chart.find_elements(By.CSS_SELECTOR, ".role-axis-title text")]
    assert x_titles == ["When the figure applies (a bar spans a period)", "Arrests after LFR alerts (number)"]
    dates = [label.text for label in chart.find_elements(By.CSS_SELECTOR, ".role-axis-label text") if " " in label.text]
    assert dates and len(dates) == len(set(dates)), "each date should label the axis once"

    browser.get(demo_url + "/-/metric/drones_fleet")
    chart = WebDriverWait(browser, 15).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".vega-chart.drawn svg")))
    copies = chart.find_elements(By.CSS_SELECTOR, "g.mark-symbol.layer_5_marks path")
    assert len(copies) == 1, "the figure repeated only by a syndicated copy should carry a ring"
    assert copies[0].is_displayed() and copies[0].get_attribute("stroke-dasharray") == "3,2"  # dashed: one source


def test_an_article_no_reader_can_reach_opens_its_stored_copy(browser, demo_url, metric_names):
    browser.get(demo_url + "/-/contradictions")
    browser.find_element(By.CSS_SELECTOR, "li.pair a.open").click()
    WebDriverWait(browser, 10).until(lambda driver: "/-/contradiction/" in driver.current_url)
    _assert_in_words(browser.find_element(By.CSS_SELECTOR, ".side-by-side").text, metric_names, "a contradiction")
    original = browser.find_element(By.CSS_SELECTOR, "article.claim a.original-url").text
    assert original.startswith("http://127.0.0.1:")  # the sample site, stopped since the crawl
    figure = browser.find_element(By.CSS_SELECTOR, "article.claim mark.figure").text
    browser.find_element(By.CSS_SELECTOR, "article.claim a.article-link").click()
    wait = WebDriverWait(browser, 10)
    wait.until(lambda driver: "/-/fetched/" in driver.current_url)
    assert original in browser.find_element(By.CSS_SELECTOR, "dl.fetch-header").text
    _the_stored_copy_is_sandboxed_under_its_fetch_header(browser, wait, shown=figure)

    # Datasette's own table of claims links such an address to its stored copy too, the address kept as the link text.
    browser.get(demo_url + "/claimwatch/claims_with_provenance")
    link = browser.find_element(By.CSS_SELECTOR, "table.compact-claims a.stored-copy")
    original = link.text
    assert original.startswith("http://127.0.0.1:") and "stored copy" in link.find_element(By.XPATH, "..").text
    link.click()
    wait.until(lambda driver: "/-/fetched/" in driver.current_url)
    assert original in browser.find_element(By.CSS_SELECTOR, "dl.fetch-header").text
