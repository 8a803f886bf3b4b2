"""Running a crawl from a test: in a child process (Twisted's reactor starts once per process), into a
recording sink kept in the test's folder, with settings fit for loopback."""

import json
import pathlib
import subprocess
import sys

from crawl_sink import RecordingSink

HERE = pathlib.Path(__file__).resolve().parent

# Fast, deterministic settings for loopback: no politeness delays, a short timeout, a small size limit.
TEST_SETTINGS = {
    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_TIMEOUT": 1.5, "RETRY_TIMES": 1, "DOWNLOAD_MAXSIZE": 200_000, "DOWNLOAD_WARNSIZE": 0,
    "LOG_LEVEL": "INFO", "TELNETCONSOLE_ENABLED": False,
}


class Crawl:
    """Runs `crawlers.crawl` in a subprocess into a recording sink kept in tmp_path, and reads it back."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.state = tmp_path / "sink.json"
        self.runs = 0

    def __call__(self, sink=None, settings=None, **arguments):
        self.runs += 1
        result = self.tmp_path / f"summary-{self.runs}.json"
        arguments["settings"] = {**TEST_SETTINGS, **(settings or {})}
        process = subprocess.run(
            [sys.executable, str(HERE / "run_crawl.py"), str(result), sink or f"state:{self.state}",
             json.dumps(arguments)],
            capture_output=True, text=True, timeout=120, cwd=self.tmp_path)
        if process.returncode != 0:
            (self.tmp_path / f"crawl-{self.runs}.log").write_text(process.stderr)
            raise AssertionError(f"crawl failed ({process.returncode}), log in {self.tmp_path}:\n"
                                 f"{process.stderr[-3000:]}")
        self.log = process.stderr
        return json.loads(result.read_text())

    @property
    def sink(self) -> RecordingSink:
        return RecordingSink(self.state)
