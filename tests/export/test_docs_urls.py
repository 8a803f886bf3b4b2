"""docs/exports.md promises fact-checkers URLs and commands they can copy: they must work on a real database."""

import asyncio
import json
import pathlib
import re
import subprocess
import sys
import urllib.parse

from claimwatch import publish
from claimwatch.db.export import export

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "exports.md"
SITE = "http://127.0.0.1:8001"


def documented_urls() -> list[str]:
    return re.findall(rf"^\s+({re.escape(SITE)}/\S+)$", DOC.read_text(), flags=re.MULTILINE)


def test_every_documented_datasette_url_answers(built_db):
    urls = documented_urls()
    assert len(urls) >= 20
    datasette = publish.make_datasette(built_db)

    async def fetch_all():
        await datasette.invoke_startup()
        return [await datasette.client.get(url.removeprefix(SITE)) for url in urls]

    failures = []
    for url, response in zip(urls, asyncio.run(fetch_all()), strict=True):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        if response.status_code != 200:
            failures.append(f"{url}: {response.status_code}")
        elif query.get("_nl") == ["on"]:
            assert all(isinstance(json.loads(line), dict) for line in response.text.splitlines())
        elif query.get("_shape") == ["array"]:
            assert isinstance(response.json(), list), url
    assert not failures, "\n".join(failures)


def test_documented_filters_find_the_rows_they_describe(built_db):
    datasette = publish.make_datasette(built_db)
    url = "/claimwatch/claims_with_provenance.json?_shape=array&metric=lfr_arrests&published__gte=2025-06-01"

    async def fetch():
        await datasette.invoke_startup()
        return (await datasette.client.get(url)).json()

    assert [row["figure_text"] for row in asyncio.run(fetch())] == ["over 2,000"]


def test_a_jsonl_export_loads_into_sqlite_utils_with_flattened_columns(database, tmp_path):
    exported = tmp_path / "claims.jsonl"
    with exported.open("w") as out:
        export(database, out, fmt="jsonl")
    target = tmp_path / "checks.db"
    sqlite_utils_cli = pathlib.Path(sys.executable).with_name("sqlite-utils")
    subprocess.run([sqlite_utils_cli, "insert", target, "claims", exported, "--nl", "--flatten", "--pk", "id"],
                   check=True, capture_output=True)
    rows = json.loads(subprocess.run(
        [sqlite_utils_cli, "query", target, "select figure_text, article_outlet, time_scope_start from claims"
         " where metric = 'lfr_arrests' order by id"], check=True, capture_output=True, text=True).stdout)
    assert rows == [
        {"figure_text": "500 arrests", "article_outlet": "Borough Ledger", "time_scope_start": "2024-01-01"},
        {"figure_text": "over 2,000", "article_outlet": "Metro Civic Watch", "time_scope_start": "2024-01-01"},
    ]

