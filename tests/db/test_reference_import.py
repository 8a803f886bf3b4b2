"""`claimwatch reference import`: the Met's LFR deployment record as CSV and as the multi-page PDF it publishes,
and official totals, with every bad row reported by file, page and row and the rest stored. The record is the
sample site's fictional one (SAMPLE DATA: invented places and numbers), rendered to PDF here by fpdf2."""

import csv
import hashlib
import importlib.util
import sqlite3

import pytest

from tests.support import SAMPLE_SITE

spec = importlib.util.spec_from_file_location("official_record", SAMPLE_SITE / "official_record.py")
official_record = importlib.util.module_from_spec(spec)
spec.loader.exec_module(official_record)

ROWS = official_record.deployments()
TOTALS = SAMPLE_SITE / "official" / "sample-official-totals.csv"


def cells(row: dict) -> list[str]:
    return [row[column] for column in official_record.COLUMNS]


def bad(row: dict, **changes) -> list[str]:
    return cells({**row, **changes})


def stored(db_path, sql):
    with sqlite3.connect(db_path) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def record_csv(tmp_path):
    path = tmp_path / "record.csv"
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(official_record.COLUMNS)
        writer.writerow(cells(ROWS[0]))
        writer.writerow(bad(ROWS[1], Date="31/02/2025"))  # line 3
        writer.writerow(bad(ROWS[2], **{"Outcome - Arrest": "twelve"}))  # line 4
        writer.writerow(cells(ROWS[3])[:-1])  # line 5: a cell short, as a merged cell exports
        writer.writerow(cells(ROWS[4]))
    return path


def test_a_csv_record_is_stored_with_its_sha256_and_rows_and_bad_rows_are_named(tmp_path, record_csv, claimwatch_cli):
    db_path = tmp_path / "c.db"
    result = claimwatch_cli("reference", "import", "--db", db_path, record_csv,
                            "--source-url", "https://official.example/record", check=False)
    assert result.returncode == 1  # finished, with errors it reports
    assert f"{record_csv}: row 3: Date: '31/02/2025' is not a date" in result.stderr
    assert f"{record_csv}: row 4: Outcome - Arrest: 'twelve' is not a number written in digits" in result.stderr
    assert f"{record_csv}: row 5: 15 cells where the header has 16 (a merged or split cell?)" in result.stderr
    assert stored(db_path, "SELECT row, date, location, arrests FROM reference_deployments ORDER BY row") == [
        (2, "2024-01-05", "Riverside Market (sample)", 8), (6, "2024-02-02", "Old Mill Lane (sample)", 8)]
    sha256 = hashlib.sha256(record_csv.read_bytes()).hexdigest()
    assert stored(db_path, "SELECT sha256, reference_files.kind, source_url, outlets.kind FROM reference_files"
                           " JOIN outlets ON outlets.id = outlet_id") == [
        (sha256, "deployments", "https://official.example/record", "official")]
    claimwatch_cli("reference", "import", "--db", db_path, record_csv, check=False)  # again: nothing duplicated
    assert stored(db_path, "SELECT count(*) FROM reference_deployments") == [(2,)]
    assert stored(db_path, "SELECT count(*) FROM reference_files") == [(1,)]


def test_official_totals_are_stored_row_by_row(tmp_path, claimwatch_cli):
    db_path = tmp_path / "c.db"
    claimwatch_cli("reference", "import", "--db", db_path, TOTALS)
    assert stored(db_path, "SELECT row, metric, value, period_start, period_end FROM reference_totals") == [
        (2, "lfr_deployments", 52, "2024-10-01", "2025-09-30")]


def test_a_file_that_is_no_record_stores_nothing_and_exits_2_in_one_line(tmp_path, record_csv, claimwatch_cli):
    notes = tmp_path / "notes.csv"
    notes.write_text("name,age\nAda,36\n")
    db_path = tmp_path / "c.db"
    result = claimwatch_cli("reference", "import", "--db", db_path, record_csv, notes, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and str(notes) in result.stderr
    assert "missing Deployment Location" in result.stderr
    assert not db_path.exists()  # checked before anything was stored


def test_the_pdf_record_over_many_pages_is_read_with_page_and_row(tmp_path, claimwatch_cli):
    rows = [cells(row) for row in ROWS]
    rows[40] = bad(ROWS[40], Date="sometime in May")
    rows[70] = bad(ROWS[70], **{"Faces seen (estimate)": "about ten thousand"})
    pdf = tmp_path / "lfr-deployment-record.pdf"
    official_record.write_pdf(rows, pdf, merged={90: 12})  # row 90's arrests and other outcomes in one cell
    db_path = tmp_path / "c.db"
    result = claimwatch_cli("reference", "import", "--db", db_path, pdf, check=False)
    assert result.returncode == 1, result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith(str(pdf))]
    assert len(problems) == 3, result.stderr
    assert any("Date: 'sometime in May' is not a date" in line and ": page " in line for line in problems)
    assert any("Faces seen (estimate): 'about ten thousand' is not a number written in digits" in line
               for line in problems)
    assert any("merged" in line for line in problems), problems
    pages = stored(db_path, "SELECT DISTINCT page FROM reference_deployments ORDER BY page")
    assert len(pages) >= 3  # a table over many pages, its header repeated on each
    assert stored(db_path, "SELECT count(*) FROM reference_deployments") == [(len(ROWS) - 3,)]
    # The rows read from the PDF are the record's own.
    first = stored(db_path, "SELECT page, row, date, location, watchlist_size, faces_seen FROM reference_deployments"
                            " ORDER BY date LIMIT 1")
    assert first == [(1, 2, "2024-01-05", "Riverside Market (sample)", 15000, 9000)]
