"""The command line as a user meets it: every command of the contract, help, exit codes, one-line errors."""

import pytest
from click.testing import CliRunner

from claimwatch.cli import cli
from tests.export.conftest import build

CONTRACT_COMMANDS = ["crawl", "import", "extract", "detect", "run", "figures", "serve", "export"]


@pytest.mark.parametrize("command", CONTRACT_COMMANDS)
def test_every_contract_command_has_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: cli {command}" in result.output


@pytest.mark.parametrize("command", ["crawl", "import", "extract", "detect", "run", "serve", "export"])
def test_every_command_that_reads_the_database_takes_db(command):
    assert "--db FILE" in CliRunner().invoke(cli, [command, "--help"]).output


def test_a_file_that_is_not_a_database_is_refused_in_one_line_with_exit_2(tmp_path, claimwatch_cli):
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("these are my notes, not a SQLite database\n" * 50)
    before = not_a_database.read_bytes()
    result = claimwatch_cli("detect", "--db", not_a_database, check=False)
    assert result.returncode == 2
    message = result.stderr.strip()
    assert str(not_a_database) in message and len(message.splitlines()) == 1, message
    assert "Traceback" not in result.stderr
    assert not_a_database.read_bytes() == before


def test_import_of_a_missing_path_is_bad_usage(tmp_path, claimwatch_cli):
    result = claimwatch_cli("import", "--db", tmp_path / "c.db", tmp_path / "missing.html", check=False)
    assert result.returncode == 2
    assert "missing.html" in result.stderr
    assert not (tmp_path / "c.db").exists()



def test_import_of_a_file_that_is_not_html_or_warc_is_refused_before_anything_is_stored(tmp_path, claimwatch_cli):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a web page")
    result = claimwatch_cli("import", "--db", tmp_path / "c.db", notes, check=False)
    assert result.returncode == 2
    assert "notes.txt" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "c.db").exists()


@pytest.mark.parametrize("command", ["extract", "detect", "export", "serve"])
def test_a_mistyped_database_path_is_refused_not_created(tmp_path, claimwatch_cli, command):
    result = claimwatch_cli(command, "--db", tmp_path / "claimwtach.db", check=False)
    assert result.returncode == 2
    assert "claimwtach.db" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "claimwtach.db").exists()


def test_a_locked_database_is_a_one_line_error(tmp_path, claimwatch_cli):
    import sqlite3

    path = tmp_path / "c.db"
    sqlite3.connect(path).close()  # an empty SQLite file: claimwatch creates its tables on first open
    claimwatch_cli("export", "--db", path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process is writing
    try:
        result = claimwatch_cli("detect", "--db", path, check=False)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "locked" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.fixture
def built_db(db_path):
    """A real database with four fictional outlets, their claims and detection (tests/export/articles.json)."""
    build(db_path)
    return db_path


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--metric", "drone_fleet",
     "unknown metric 'drone_fleet'; did you mean 'drones_fleet', 'drones_planned' or 'drone_sites'?"),
    ("--outlet", "Thamesside Herald", "unknown outlet 'Thamesside Herald'; did you mean 'Thameside Herald'?"),
    ("--cause", "conflicts", "unknown cause 'conflicts'; did you mean 'conflict'?"),
    ("--subject", "Metropolitan Polce", "unknown subject 'Metropolitan Polce'; did you mean 'Metropolitan Police'?"),
])
def test_an_unknown_filter_value_is_bad_usage_naming_the_close_matches(built_db, option, value, message):
    result = CliRunner().invoke(cli, ["export", "--db", str(built_db), option, value])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"Error: {message}"
    assert result.stdout == ""


def test_an_outlet_or_subject_this_database_does_not_hold_is_unknown(built_db):
    """Known outlets and subjects are the database's: a real outlet it never stored is refused too."""
    outlet = CliRunner().invoke(cli, ["export", "--db", str(built_db), "--outlet", "BBC News"])
    assert outlet.exit_code == 2 and "unknown outlet 'BBC News'" in outlet.stderr
    subject = CliRunner().invoke(cli, ["export", "--db", str(built_db), "--subject", "Greater Manchester Police"])
    assert subject.exit_code == 2 and "unknown subject 'Greater Manchester Police'" in subject.stderr


def test_known_filter_values_still_filter(built_db):
    """Outlets compare ignoring case, as the export does; one unknown value among known ones is still refused."""
    import json

    result = CliRunner().invoke(cli, ["export", "--db", str(built_db), "--outlet", "thameside herald",
                                      "--metric", "drones_fleet", "--subject", "Metropolitan Police"])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)
    assert claims and {claim["article"]["outlet"] for claim in claims} == {"Thameside Herald"}
    mixed = CliRunner().invoke(cli, ["export", "--db", str(built_db), "--metric", "drones_fleet",
                                     "--metric", "dron_sites"])
    assert mixed.exit_code == 2 and "unknown metric 'dron_sites'; did you mean 'drone_sites'" in mixed.stderr


def test_figures_explain_prints_each_candidate_and_why_a_figure_is_no_claim(claimwatch_cli):
    import json

    output = claimwatch_cli("figures", "--explain", "The Met must cut 1,900 officers. The force said 40 people came.")
    records = [json.loads(line) for line in output.stdout.splitlines()]
    cut, people = records
    assert cut["metric"] == "officers_lost" and cut["reason"] is None
    assert {c["metric"] for c in cut["candidates"]} >= {"officers_lost", "officers_total"}
    assert people["metric"] is None and people["reason"] == "no metric counts 'people'"


def test_extract_stores_the_skipped_figures_of_each_article(tmp_path, claimwatch_cli):
    import sqlite_utils

    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Sample: cameras (fictional Lantern)</title></head><body><article>"
        "<h1>Sample: cameras lead to arrests</h1><p>Live facial recognition cameras led to 12 arrests on Friday,"
        " the force said. The force said 40 people attended the meeting.</p></article></body></html>"
    )
    database = tmp_path / "c.db"
    claimwatch_cli("import", "--db", database, "--any-topic", page, check=False)
    claimwatch_cli("extract", "--db", database)
    rows = sqlite_utils.Database(database).execute("SELECT figure_text, reason FROM skipped_figures").fetchall()
    assert ("40", "no metric counts 'people'") in rows
