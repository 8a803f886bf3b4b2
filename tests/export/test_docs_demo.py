"""docs/exports.md's commands and URLs on the database `make demo` builds: the sample official record imported, the
bundled sample site crawled over HTTP, extracted and detected. Every command must run, every filter must find the
rows it describes (the outlets named are the demo's), and the ClaimReview example must be what the demo exports
once the documented reviews are recorded."""

import asyncio
import json
import pathlib
import re
import shlex
import subprocess
import sys

import pytest

from claimwatch import publish
from tests.export.test_docs_urls import DOC, SITE, documented_urls
from tests.support import ROOT, SAMPLE_SITE, sample_server

FAST_CLI = ROOT / "tests" / "fast_cli.py"  # the real CLI with the crawler's politeness delay off
DEMO_SITE = "http://127.0.0.1:8765"  # where `make demo` serves the sample site: the docs' article URLs


def documented_commands() -> list[list[str]]:
    section = DOC.read_text().split("## `claimwatch export`", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [shlex.split(line) for line in block.splitlines() if line.startswith("claimwatch ")]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """`make demo`'s database, then every documented command run on it in order; returns (folder, site URL)."""
    folder = tmp_path_factory.mktemp("demo")
    database = folder / "claimwatch.db"
    server, base_url = sample_server.serve_in_thread(SAMPLE_SITE)
    try:
        subprocess.run([sys.executable, FAST_CLI, "reference", "import", "--db", database,
                        *sorted((SAMPLE_SITE / "official").glob("*.csv")),
                        "--source-url", "https://official.example/sample-lfr-deployment-record"],
                       check=True, capture_output=True)
        ran = subprocess.run([sys.executable, FAST_CLI, "run", "--db", database, "--sitemap",
                              f"{base_url}/sitemap.xml"], capture_output=True, text=True, timeout=600)
        assert ran.returncode == 0, ran.stderr[-3000:]
    finally:
        server.shutdown()
        server.server_close()
    outputs = []
    claimwatch = pathlib.Path(sys.executable).with_name("claimwatch")
    for command in documented_commands():
        result = subprocess.run([claimwatch, *command[1:], "--db", database], cwd=folder, capture_output=True,
                                text=True)
        assert result.returncode == 0, f"{shlex.join(command)}: {result.stderr}"
        outputs.append((command, result.stdout))
    return folder, base_url, outputs


def records(text: str, fmt: str) -> list:
    if fmt == "csv":
        return text.splitlines()[1:]  # after the header
    return json.loads(text) if fmt in ("json", "claimreview") else text.splitlines()


def test_every_documented_command_runs_and_finds_what_it_describes(demo):
    folder, _, outputs = demo
    assert len(outputs) >= 8
    for command, stdout in outputs:
        if command[1] == "review":
            assert re.search(rf"  {command[command.index('--verdict') + 1]} +A\. Reviewer: ", stdout), stdout
            continue
        written = (folder / command[command.index("-o") + 1]).read_text() if "-o" in command else stdout
        assert records(written, command[command.index("--format") + 1]), f"{shlex.join(command)} wrote no record"
    confirmed = json.loads((folder / "claimreview.json").read_text())
    assert [(review["claimwatch:contradictionId"], review["claimwatch:figures"][0]["claimwatch:metric"])
            for review in confirmed] == [(2, "drones_fleet")]
    every_conflict = json.loads((folder / "every-conflict.json").read_text())
    assert len(every_conflict) == 3 and {review["claimwatch:cause"] for review in every_conflict} == {"conflict"}


def test_the_claimreview_example_is_what_the_demo_exports(demo):
    folder, base_url, _ = demo
    [review] = json.loads((folder / "claimreview.json").read_text().replace(base_url, DEMO_SITE))
    text = DOC.read_text()
    for value in (review["@context"], review["claimReviewed"], review["reviewBody"], review["url"],
                  review["itemReviewed"]["appearance"][0]["url"], review["itemReviewed"]["appearance"][0]["headline"],
                  review["reviewRating"]["alternateName"], review["author"], review["publisher"],
                  review["claimwatch:figures"][0]["claimwatch:articleUrl"]):
        assert json.dumps(value, ensure_ascii=False) in text, value


def test_every_documented_url_finds_rows_in_the_demo(demo):
    folder, _, _ = demo
    datasette = publish.make_datasette(folder / "claimwatch.db")

    async def fetch_all(urls):
        await datasette.invoke_startup()
        return [await datasette.client.get(url.removeprefix(SITE)) for url in urls]

    urls = documented_urls()
    empty = []
    for url, response in zip(urls, asyncio.run(fetch_all(urls)), strict=True):
        assert response.status_code == 200, url
        if "_shape=array" in url and "_nl=on" not in url:
            if not response.json():
                empty.append(url)
        elif "/-/reviews.json" in url and not response.json()["contradictions"]:
            empty.append(url)
    assert not empty, "documented URLs that find nothing in the demo:\n" + "\n".join(empty)
