"""The real `claimwatch` command line with the crawler's politeness delays off, for crawling a loopback server.

    python fast_cli.py crawl --db FILE --resume --sitemap URL

Only the delay settings change (claimwatch.crawlers.settings is read as a module when a crawl starts);
everything else is the CLI, the spiders and the store exactly as users run them. A crawl of 100 pages at the
default 1 s delay would take minutes. FAST_CLI_DOWNLOAD_DELAY (seconds, default 0) and FAST_CLI_HEARTBEAT (the
frontier's, default as in crawlers/settings.py) let a test set those two."""

import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))  # the repository root

from claimwatch.crawlers import settings  # noqa: E402

settings.DOWNLOAD_DELAY = float(os.environ.get("FAST_CLI_DOWNLOAD_DELAY", "0"))
settings.CLAIMWATCH_FRONTIER_HEARTBEAT = float(
    os.environ.get("FAST_CLI_HEARTBEAT", settings.CLAIMWATCH_FRONTIER_HEARTBEAT))
settings.AUTOTHROTTLE_ENABLED = False
settings.CONCURRENT_REQUESTS_PER_DOMAIN = 4
settings.LOG_LEVEL = "WARNING"

from claimwatch.cli import cli  # noqa: E402

if __name__ == "__main__":
    cli(sys.argv[1:], prog_name="claimwatch")
