"""`claimwatch merge` from the command line: any number of shards, and a bad one named in one line."""

from claimwatch.db import open_database
from claimwatch.db.store import ArticleStore
from tests.db.conftest import article_record


def shard(path, *urls):
    database = open_database(path)
    for url in urls:
        ArticleStore(database).save_article(article_record(url))
    database.close()


def test_more_shards_than_sqlite_attaches_at_once_all_merge(tmp_path, claimwatch_cli):
    for number in range(12):  # SQLite attaches 10 databases to one connection
        shard(tmp_path / f"crawl-{number:02d}.db", f"https://lantern.example/{number}",
              "https://lantern.example/shared")
    result = claimwatch_cli("merge", *sorted(path.name for path in tmp_path.glob("crawl-*.db")), "--db", "m.db")
    urls = {row[0] for row in open_database(tmp_path / "m.db").execute("SELECT url FROM articles")}
    assert urls == {f"https://lantern.example/{number}" for number in range(12)} | {"https://lantern.example/shared"}
    assert "merge:" in result.stderr

    again = claimwatch_cli("merge", *sorted(path.name for path in tmp_path.glob("crawl-*.db")), "--db", "m.db")
    assert "articles_added 0" in again.stderr


def test_a_bad_shard_is_named_in_one_line_and_nothing_is_merged(tmp_path, claimwatch_cli):
    shard(tmp_path / "good.db", "https://lantern.example/1")
    (tmp_path / "notes.txt").write_text("not a shard")
    result = claimwatch_cli("merge", "good.db", "notes.txt", "--db", "m.db", check=False)
    assert result.returncode == 2 and "notes.txt" in result.stderr and result.stderr.count("\n") == 1
    assert not list(open_database(tmp_path / "m.db").execute("SELECT url FROM articles"))
