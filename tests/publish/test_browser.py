"""A researcher's walk in real headless Chromium against `claimwatch serve`: home, search, a contradiction,
its provenance link. Screenshots go to test-artifacts/publish/."""

import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site_url(site_db):
    """The installed `claimwatch serve` on a free loopback port."""
    port = _free_port()
    executable = pathlib.Path(sys.executable).with_name("claimwatch")
    server = subprocess.Popen([str(executable), "serve", "--db", str(site_db), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None:
                pytest.fail(f"datasette exited: {server.stdout.read().decode()}")
            time.sleep(0.1)
    yield url
    server.terminate()
    server.wait(timeout=10)


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
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<html>" in body  # the stored page is shown as its source text
    _no_script_ran(browser)
    _screenshot(browser, "4-page-as-fetched")


def test_metric_page_draws_its_timeline(browser, site_url):
    browser.get(site_url + "/-/metric/drones_fleet")
    points = browser.find_elements(By.CSS_SELECTOR, "svg.timeline circle.point")
    assert len(points) == 2 and all(point.is_displayed() for point in points)
    _screenshot(browser, "5-metric")


def test_from_a_metric_to_its_claims_and_the_page_each_was_read_from(browser, site_url):
    browser.get(site_url + "/-/metric/drones_fleet")
    browser.find_element(By.CSS_SELECTOR, "a[href='/-/claims?metric=drones_fleet']").click()
    WebDriverWait(browser, 10).until(lambda driver: "/-/claims" in driver.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.provenance tbody tr")
    assert len(rows) == 2
    assert "Borough Bugle" in rows[0].text and "2026-01-04T10:00:00Z" in rows[0].text
    _no_script_ran(browser)
    _screenshot(browser, "6-claims")
    rows[0].find_element(By.CSS_SELECTOR, "a.fetched-copy").click()
    WebDriverWait(browser, 10).until(lambda driver: "/-/fetched/" in driver.current_url)
    assert "<html>" in browser.find_element(By.TAG_NAME, "body").text
