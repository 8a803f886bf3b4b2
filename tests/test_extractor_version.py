"""The extractor's version follows what the claims depend on: an edited word list re-extracts every article
once, says why, and leaves nothing for the next run."""

import pathlib
import shutil
import sqlite3

import pytest

from tests.reliability.slow_site import article_page

NLP_DATA = pathlib.Path(__file__).resolve().parents[1] / "nlp" / "data"


@pytest.fixture
def imported_db(tmp_path, claimwatch_cli):
    for number in (1, 2):
        (tmp_path / f"report-{number}.html").write_bytes(article_page("https://fenwick.example", number))
    claimwatch_cli("import", "--db", "claimwatch.db", "report-1.html", "report-2.html")
    return tmp_path / "claimwatch.db"


def stored_versions(path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT extractor_version FROM extractions")}


def test_an_edited_word_list_re_extracts_each_article_once_and_says_why(tmp_path, imported_db, claimwatch_cli):
    first = claimwatch_cli("extract", "--db", imported_db)
    assert "2 articles: never extracted" in first.stderr
    (version,) = stored_versions(imported_db)

    again = claimwatch_cli("extract", "--db", imported_db)
    assert "extract: articles 0" in again.stderr and "never extracted" not in again.stderr

    edited = tmp_path / "nlp-data"
    shutil.copytree(NLP_DATA, edited)
    context = edited / "context.yml"
    context.write_text(context.read_text().replace("period_nouns: [year,", "period_nouns: [fortnight, year,"))
    env = {"CLAIMWATCH_NLP_DATA": str(edited)}
    changed = claimwatch_cli("extract", "--db", imported_db, env=env)
    assert "2 articles: extracted before nlp's data files changed" in changed.stderr
    (new_version,) = stored_versions(imported_db)
    assert new_version != version and new_version.split("+")[:2] == version.split("+")[:2]

    settled = claimwatch_cli("extract", "--db", imported_db, env=env)
    assert "extract: articles 0" in settled.stderr


def test_all_re_extracts_articles_of_the_current_version_and_says_so(imported_db, claimwatch_cli):
    claimwatch_cli("extract", "--db", imported_db)
    forced = claimwatch_cli("extract", "--db", imported_db, "--all")
    assert "2 articles: extracted by this version already" in forced.stderr
