"""Bad input through the real console script: a one-line error naming the file or value, exit code 2, and the
database byte for byte as it was."""

import hashlib
import os
import pathlib
import shutil
import sqlite3

import pytest

from tests.reliability.slow_site import article_page

NLP = pathlib.Path(__file__).resolve().parents[2] / "nlp"


@pytest.fixture(scope="module")
def stocked_db(tmp_path_factory):
    """A real claimwatch database holding two imported articles, its WAL checkpointed into the file."""
    from claimwatch import db
    from claimwatch.crawlers.local import read_paths

    folder = tmp_path_factory.mktemp("stocked")
    for number in (1, 2):
        (folder / f"report-{number}.html").write_bytes(article_page("https://fenwick.example", number))
    database = db.open_database(folder / "claimwatch.db")
    store = db.store.ArticleStore(database)
    for record, problem in read_paths([folder]):
        assert problem is None, problem
        store.save_article(record)
    database.close()
    return folder / "claimwatch.db"


def checkpointed_sha256(path) -> str:
    if pathlib.Path(f"{path}-wal").exists():
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


@pytest.fixture
def database(stocked_db, tmp_path):
    path = tmp_path / "claimwatch.db"
    shutil.copy(stocked_db, path)
    return path


def assert_refused(result, *names):
    """Exit 2, one line on stderr (no traceback) naming every one of `names`."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name in names:
        assert str(name) in lines[0], lines[0]
    return lines[0]


def refused_without_change(claimwatch_cli, database, *args, names=(), env=None):
    before = checkpointed_sha256(database)
    result = claimwatch_cli(*args, "--db", database, check=False, env=env)
    line = assert_refused(result, *names)
    assert checkpointed_sha256(database) == before, "the database changed"
    return line


BAD_FILES = {
    "binary.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "empty.html": b"",
    "undecodable.html": b'<html><head><meta charset="utf-8"></head><body><p>Facial recognition vans were '
                        b"used \x81\x8d\x90 times.</p></body></html>",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_file_that_cannot_be_an_article_is_refused_by_name(claimwatch_cli, database, tmp_path, name):
    (tmp_path / name).write_bytes(BAD_FILES[name])
    refused_without_change(claimwatch_cli, database, "import", name, names=[name])


def test_a_huge_file_is_refused_without_reading_it_as_a_page(claimwatch_cli, database, tmp_path):
    with (tmp_path / "huge.html").open("wb") as huge:
        huge.truncate(64 * 2**20)  # sparse: 64 MB on paper, nothing on disk
    line = refused_without_change(claimwatch_cli, database, "import", "huge.html", names=["huge.html"])
    assert "64 MB" in line


def test_an_empty_folder_and_a_folder_of_other_files_are_refused(claimwatch_cli, database, tmp_path):
    (tmp_path / "nothing").mkdir()
    refused_without_change(claimwatch_cli, database, "import", "nothing", names=["nothing"])
    (tmp_path / "photos" / "2025").mkdir(parents=True)
    (tmp_path / "photos" / "2025" / "van.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    refused_without_change(claimwatch_cli, database, "import", "photos", names=["photos"])


def test_a_missing_path_is_refused(claimwatch_cli, database):
    refused_without_change(claimwatch_cli, database, "import", "no-such-folder", names=["no-such-folder"])


def test_an_unreadable_file_is_refused(claimwatch_cli, database, tmp_path):
    page = tmp_path / "locked.html"
    page.write_bytes(article_page("https://fenwick.example", 7))
    page.chmod(0)
    try:
        if os.access(page, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop root reading the file")
        refused_without_change(claimwatch_cli, database, "import", "locked.html", names=["locked.html"])
    finally:
        page.chmod(0o644)


SOURCES = {
    "broken-yaml.yml": "sources:\n  - name: [unclosed\n",
    "no-name.yml": "sources:\n  - homepage: https://fenwick.example/\n    allowed_domains: [fenwick.example]\n",
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_an_invalid_sources_file_is_refused_before_anything_is_fetched(claimwatch_cli, database, tmp_path, name):
    (tmp_path / name).write_text(SOURCES[name])
    refused_without_change(claimwatch_cli, database, "crawl", "--sources", name, names=[name])


@pytest.mark.parametrize("url", ["ftp://fenwick.example/sitemap.xml"])
def test_a_url_that_is_not_http_is_refused_by_value(claimwatch_cli, database, url):
    refused_without_change(claimwatch_cli, database, "crawl", "--sitemap", url, names=[url])


@pytest.fixture
def shadow_nlp(tmp_path):
    """A copy of nlp's data folder, named by CLAIMWATCH_NLP_DATA, whose metrics.yml the test may break, as a user
    editing the vocabulary might."""
    shutil.copytree(NLP / "data", tmp_path / "nlp-data")
    return {"CLAIMWATCH_NLP_DATA": str(tmp_path / "nlp-data")}, tmp_path / "nlp-data" / "metrics.yml"


def test_a_metric_file_that_is_not_yaml_is_refused(claimwatch_cli, database, shadow_nlp):
    env, metrics = shadow_nlp
    metrics.write_text("metrics:\n  drones_fleet: [unclosed\n")
    refused_without_change(claimwatch_cli, database, "extract", names=["metrics.yml"],
                           env=env)


def test_a_metric_file_of_the_wrong_shape_is_refused(claimwatch_cli, database, shadow_nlp):
    env, metrics = shadow_nlp
    metrics.write_text("drones_fleet: 7\n")
    refused_without_change(claimwatch_cli, database, "extract", names=["metrics.yml"],
                           env=env)


# Every command opens the database the same way (db.open_database); these cover reading, writing and crawling.
COMMANDS = [("extract",), ("import", "page.html")]


@pytest.fixture
def page(tmp_path):
    (tmp_path / "page.html").write_bytes(article_page("https://fenwick.example", 3))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_database_from_a_newer_claimwatch_is_refused(claimwatch_cli, database, page, command):
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE schema_version SET version = 99")
    line = refused_without_change(claimwatch_cli, database, *command, names=[database.name])
    assert "newer" in line


def corrupt(path, how):
    data = bytearray(pathlib.Path(path).read_bytes())
    if how == "not_sqlite":
        data = bytearray(b"These are somebody's notes, not a database.\n" * 200)
    elif how == "truncated":
        data = data[: len(data) // 3]
    elif how == "scribbled":  # every page after the first overwritten: the header survives, the tables do not
        for start in range(4096, len(data), 4096):
            data[start:start + 4096] = b"\xa5" * min(4096, len(data) - start)
    pathlib.Path(path).write_bytes(bytes(data))


@pytest.mark.parametrize("how, command", [("not_sqlite", ("detect",)), ("truncated", ("export",)),
                                          ("scribbled", ("import", "page.html"))],
                         ids=["not_sqlite-detect", "truncated-export", "scribbled-import"])
def test_a_corrupted_database_is_refused(claimwatch_cli, database, page, command, how):
    corrupt(database, how)
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    assert_refused(claimwatch_cli(*command, "--db", database, check=False), database.name)
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before


def test_a_page_whose_canonical_url_is_script_is_stored_under_its_own_address(claimwatch_cli, db_path, tmp_path):
    page = article_page("https://fenwick.example", 5).replace(
        b'href="https://fenwick.example/news/5.html"', b'href="javascript:window.pwned=1"')
    (tmp_path / "hostile.html").write_bytes(page)
    claimwatch_cli("import", "hostile.html", "--db", db_path)
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT url FROM articles").fetchall() == [((tmp_path / "hostile.html").as_uri(),)]


def test_a_figure_too_large_to_store_is_no_claim_and_every_article_is_extracted(claimwatch_cli, db_path, tmp_path):
    # A 24-digit "figure" once stopped every later extract at this article (SQLite cannot hold it).
    (tmp_path / "normal.html").write_bytes(article_page("https://fenwick.example", 4))
    absurd = article_page("https://fenwick.example", 8).replace(b"now has 28 drones",
                                                               b"now has 1" + b"0" * 23 + b" drones")
    assert b"0" * 23 in absurd
    (tmp_path / "absurd.html").write_bytes(absurd)
    claimwatch_cli("import", "normal.html", "absurd.html", "--db", db_path)
    result = claimwatch_cli("extract", "--db", db_path)
    assert "Traceback" not in result.stderr
    with sqlite3.connect(db_path) as connection:
        extracted = {url for (url,) in connection.execute(
            "SELECT url FROM articles JOIN extractions ON extractions.article_id = articles.id")}
        values = [value for (value,) in connection.execute("SELECT value FROM claims")]
    assert extracted == {"https://fenwick.example/news/4.html", "https://fenwick.example/news/8.html"}
    assert values and all(abs(value) < 2**63 for value in values)
