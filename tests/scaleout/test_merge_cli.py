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


SKIPPING = ("Sample data from the fictional Daily Lantern. The Met has made 1,000 arrests using live facial "
            "recognition cameras since 2024, and eight officers stood at each van, the force said.")


def skipped_rows(path) -> list[tuple]:
    return open_database(path).execute(
        "SELECT articles.url, figure_text, reason, char_start FROM skipped_figures "
        "JOIN articles ON articles.id = skipped_figures.article_id ORDER BY articles.url, char_start").fetchall()


def test_a_worker_shard_carries_skipped_figures_and_the_merge_stores_them_as_extract_does(
        tmp_path, frontier, claimwatch_cli):
    shard(tmp_path / "articles.db")
    database = open_database(tmp_path / "articles.db")
    for number in (1, 2):
        ArticleStore(database).save_article(article_record(f"https://lantern.example/{number}", text=SKIPPING))
    database.close()
    claimwatch_cli("merge", "articles.db", "--db", "single.db")
    claimwatch_cli("extract", "--db", "single.db")
    expected = skipped_rows(tmp_path / "single.db")
    assert {row[1] for row in expected} == {"eight"}, "the officers on duty are a skipped figure with its reason"

    claimwatch_cli("extract", "--db", "articles.db", "--queue", frontier, "--shard", "w1.jsonl")
    claimwatch_cli("merge", "w1.jsonl", "--db", "articles.db")
    assert skipped_rows(tmp_path / "articles.db") == expected
