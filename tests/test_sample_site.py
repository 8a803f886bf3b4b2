"""The sample site's pages, sitemaps and feed are built from sample_site/source/ and must match planted.yml:
every figure in every article is listed either as a claim or as a non-claim, where planted.yml says it is."""

import subprocess
import sys

from tests.support import SAMPLE_SITE


def test_sample_site_is_built_from_its_sources_and_matches_planted_yml():
    result = subprocess.run([sys.executable, SAMPLE_SITE / "build.py", "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_says_it_is_sample_data():
    pages = list(SAMPLE_SITE.rglob("*.html"))
    assert len(pages) >= 20
    unmarked = [str(page) for page in pages if "SAMPLE DATA" not in page.read_text()]
    assert not unmarked
