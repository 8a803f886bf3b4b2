"""Run one crawl in this process and write the run summary to a JSON file.

Tests call it with sys.executable, since Twisted's reactor cannot restart within the test process:

    python run_crawl.py RESULT.json SINK '{"sitemaps": [...], "settings": {...}}'

SINK is `state:FILE.json` (the recording sink, kept in FILE.json so a second crawl sees the first one's
articles), `db:FILE.db` (the real db.store.ArticleStore), `failing` (a sink whose every save fails) or `none`
(items go to Scrapy's feed exports)."""

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))  # the repository root
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from crawl_sink import RecordingSink  # noqa: E402

from claimwatch import crawlers  # noqa: E402


def make_sink(spec: str):
    kind, _, path = spec.partition(":")
    if kind == "state":
        return RecordingSink(path)
    if kind == "db":
        from claimwatch import db
        return db.store.ArticleStore(db.open_database(path))
    if kind == "failing":
        return FailingSink()
    return None


class FailingSink:
    def save_article(self, record):
        raise OSError(f"disk full while saving {record['url']}")

    def validators(self, url):
        return {}

    def not_modified(self, url, fetched_at):
        raise AssertionError("no validators were given, so no 304 can come back")


def main(result_path: str, sink_spec: str, arguments: str) -> None:
    sink = make_sink(sink_spec)
    summary = crawlers.crawl(sink, **json.loads(arguments))
    if isinstance(sink, RecordingSink):
        sink.save()
    pathlib.Path(result_path).write_text(json.dumps(summary, default=str))


if __name__ == "__main__":
    main(*sys.argv[1:])
