"""Screenshots of the site as a researcher sees it, at a desktop (1400 px) and a phone (420 px) width, in Debian
chromium: `python docs/screenshots/take.py URL` against a served demo (`make demo`, then this in another shell).

Each page is captured whole (the window grows to the page's height, up to 3,000 px)."""

import pathlib
import shutil
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

HERE = pathlib.Path(__file__).resolve().parent
WIDTHS = (1400, 420)
# name -> how to reach the page from the site's root
PAGES = {
    "home": "/",
    "contradiction": "first:/-/contradictions li.pair a.open",
    "claim": "first:/-/contradictions li.pair a.open|a.claim-link",
    "metric-chart": "/-/metric/lfr_arrests",
    "stored-copy": "first:/-/contradictions li.pair a.open|a.fetched-copy",
    "datasette-contradictions-table": "/claimwatch/contradictions_side_by_side",
}


def _browser(width):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--hide-scrollbars", f"--window-size={width},1000"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def _open(driver, site, how):
    if not how.startswith("first:"):
        driver.get(site + how)
        return
    path, *clicks = how[len("first:"):].split(" ", 1)
    driver.get(site + path)
    for selector in clicks[0].split("|"):
        driver.find_element(By.CSS_SELECTOR, selector).click()


def take(site: str, database: str = "claimwatch"):
    for width in WIDTHS:
        driver = _browser(width)
        try:
            for name, how in PAGES.items():
                _open(driver, site, how.replace("/claimwatch/", f"/{database}/"))
                if name == "metric-chart":
                    WebDriverWait(driver, 15).until(expected_conditions.presence_of_element_located(
                        (By.CSS_SELECTOR, ".vega-chart.drawn svg")))
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(width, min(height + 140, 3000))
                driver.save_screenshot(str(HERE / f"{name}-{width}.png"))
                driver.set_window_size(width, 1000)
        finally:
            driver.quit()


if __name__ == "__main__":
    take(sys.argv[1].rstrip("/"), *(sys.argv[2:3]))
