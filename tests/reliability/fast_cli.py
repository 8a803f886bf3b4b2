"""The real `claimwatch` command line with the crawler's politeness delays off, for crawling a loopback server.

    python fast_cli.py crawl --db FILE --resume --sitemap URL

Only the delay settings change (crawlers.settings is read as a module when a crawl starts); everything else is
the CLI, the spiders and the store exactly as users run them. A crawl of 100 pages at the default 1 s delay
would take minutes."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))  # the repository root

import crawlers.settings  # noqa: E402

crawlers.settings.DOWNLOAD_DELAY = 0
crawlers.settings.AUTOTHROTTLE_ENABLED = False
crawlers.settings.CONCURRENT_REQUESTS_PER_DOMAIN = 4
crawlers.settings.LOG_LEVEL = "WARNING"

from claimwatch.cli import cli  # noqa: E402

if __name__ == "__main__":
    cli(sys.argv[1:], prog_name="claimwatch")
