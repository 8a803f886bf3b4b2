"""Reading official records for `claimwatch reference import`: the Met's live facial recognition deployment record
(its PDF, a table over many pages, or the same columns as CSV) and a CSV of official totals.

    >>> rows, problems = read_file("lfr-deployments.pdf")

Each row is a plain dict with its provenance (`page`, `row`); each problem is one line naming the file, page, row,
column and value. A bad row is left out and reported; the others are read. A file that is no such record at all
raises RecordError. Any part of claimwatch may import this module; it imports none of them (claimwatch.cli hands
the rows to db.reference)."""

import csv
import datetime
import pathlib
import re

# The Met's columns, as it publishes them, and the names they are stored under.
DEPLOYMENT_COLUMNS = {
    "Deployment Location": "location",
    "Date": "date",
    "Duration": "duration",
    "LFR Use Case": "use_case",
    "Watchlist Size": "watchlist_size",
    "Min Threshold Setting": "min_threshold",
    "Total Alerts": "total_alerts",
    "True Alerts Confirmed": "true_alerts_confirmed",
    "True Alerts Unconfirmed": "true_alerts_unconfirmed",
    "False Alerts Confirmed": "false_alerts_confirmed",
    "False Alerts Unconfirmed": "false_alerts_unconfirmed",
    "False Alert Rate": "false_alert_rate",
    "Outcome - Arrest": "arrests",
    "Outcome - Other": "other_outcomes",
    "No action": "no_action",
    "Faces seen (estimate)": "faces_seen",
}
COUNT_FIELDS = ("watchlist_size", "total_alerts", "true_alerts_confirmed", "true_alerts_unconfirmed",
                "false_alerts_confirmed", "false_alerts_unconfirmed", "arrests", "other_outcomes", "no_action",
                "faces_seen")
TOTALS_COLUMNS = ("metric", "subject", "value", "qualifier", "period_start", "period_end", "published", "source_url",
                  "source_title")
QUALIFIERS = ("exact", "approx", "at_least", "at_most")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%b-%y")
NUMBER = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
DECIMAL = re.compile(r"^\d*\.?\d+%?$")
METRIC = re.compile(r"^[a-z][a-z0-9_]*$")


class RecordError(ValueError):
    """A file that is not an official record claimwatch reads; str() is one line naming the file and why."""


class BadCell(ValueError):
    """One cell that cannot be read; the reader adds where it stands."""


def read_file(path) -> tuple[str, list[dict], list[str]]:
    """(kind, rows, problems) of one record file: kind is "deployments" or "totals"."""
    path = pathlib.Path(path)
    try:
        if path.suffix.lower() == ".pdf":
            return "deployments", *_read_table(path, _pdf_tables(path))
        with path.open(newline="", encoding="utf-8-sig") as handle:
            lines = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise RecordError(f"{path}: cannot read ({error})") from None
    if not lines:
        raise RecordError(f"{path}: empty file")
    header = [cell.strip() for cell in lines[0]]
    if header == list(TOTALS_COLUMNS):
        return "totals", *_read_totals(path, lines)
    return "deployments", *_read_table(path, [(None, [(number, line) for number, line in enumerate(lines, 1)])])


def _pdf_tables(path: pathlib.Path):
    """(page number, [(row number on the page, cells)]) for each page's table: pdfplumber reads the ruled table;
    a merged cell comes back as None in the cells it covers."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                rows = [row for table in page.extract_tables() for row in table]
                yield page.page_number, list(enumerate(rows, 1))
    except (PDFSyntaxError, ValueError) as error:  # pdfminer's errors for a file that is no PDF
        raise RecordError(f"{path}: not a readable PDF ({error})") from None


def _where(path, page, row, column=None) -> str:
    place = f"{path}: " + (f"page {page}, " if page is not None else "") + f"row {row}"
    return f"{place}, {column}" if column else place


def _read_table(path, pages) -> tuple[list[dict], list[str]]:
    """Deployment rows from (page, numbered rows) tables whose first row, on the first page, is the header; later
    pages may repeat it."""
    header, rows, problems = None, [], []
    for page, numbered in pages:
        for number, cells in numbered:
            cleaned = [_clean(cell) for cell in cells]
            if header is None:
                missing = [column for column in DEPLOYMENT_COLUMNS if column not in cleaned]
                if missing:
                    raise RecordError(f"{_where(path, page, number)}: not the LFR deployment record's header"
                                      f" (missing {', '.join(missing)})")
                header = cleaned
                continue
            if cleaned == header or not any(cleaned):
                continue
            try:
                rows.append({**_deployment(header, cells, cleaned), "page": page, "row": number})
            except BadCell as problem:
                problems.append(f"{_where(path, page, number)}: {problem}")
    if header is None:
        raise RecordError(f"{path}: no table found")
    return rows, problems


def _clean(cell) -> str | None:
    return None if cell is None else " ".join(str(cell).split())


def _deployment(header: list, cells: list, cleaned: list) -> dict:
    if len(cells) != len(header):
        raise BadCell(f"{len(cells)} cells where the header has {len(header)} (a merged or split cell?)")
    record = {}
    for column, raw, value in zip(header, cells, cleaned, strict=True):
        name = DEPLOYMENT_COLUMNS.get(column)
        if name is None:
            continue
        if raw is None:
            raise BadCell(f"{column}: a merged cell (no value of its own)")
        record[name] = _deployment_value(name, column, value)
    if not record["location"]:
        raise BadCell("Deployment Location: empty")
    return record


def _deployment_value(name: str, column: str, value: str):
    if name == "date":
        return _date(column, value)
    if name in COUNT_FIELDS:
        return _count(column, value)
    if name == "min_threshold":
        return _decimal(column, value)
    return value or None


def _date(column: str, value: str) -> str:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            continue
    raise BadCell(f"{column}: {value!r} is not a date")


def _count(column: str, value: str) -> int | None:
    if value == "":
        return None  # not recorded
    if not NUMBER.match(value):
        raise BadCell(f"{column}: {value!r} is not a number written in digits")
    return int(value.replace(",", ""))


def _decimal(column: str, value: str) -> float | None:
    if value == "":
        return None
    if not DECIMAL.match(value):
        raise BadCell(f"{column}: {value!r} is not a number written in digits")
    return float(value.rstrip("%")) / (100 if value.endswith("%") else 1)


def _read_totals(path, lines) -> tuple[list[dict], list[str]]:
    rows, problems = [], []
    for number, cells in enumerate(lines[1:], 2):
        if not any(cell.strip() for cell in cells):
            continue
        try:
            rows.append({**_total(cells), "page": None, "row": number})
        except BadCell as problem:
            problems.append(f"{_where(path, None, number)}: {problem}")
    return rows, problems


def _total(cells: list) -> dict:
    if len(cells) != len(TOTALS_COLUMNS):
        raise BadCell(f"{len(cells)} cells where the header has {len(TOTALS_COLUMNS)}")
    record = dict(zip(TOTALS_COLUMNS, (cell.strip() for cell in cells), strict=True))
    if not METRIC.match(record["metric"]):
        raise BadCell(f"metric: {record['metric']!r} is not a metric name (e.g. lfr_deployments)")
    if not record["subject"]:
        raise BadCell("subject: empty")
    value = record["value"]
    try:
        record["value"] = float(value.replace(",", "")) if NUMBER.match(value) or DECIMAL.match(value) else None
    except ValueError:
        record["value"] = None
    if record["value"] is None:
        raise BadCell(f"value: {value!r} is not a number written in digits")
    record["qualifier"] = record["qualifier"] or "exact"
    if record["qualifier"] not in QUALIFIERS:
        raise BadCell(f"qualifier: {record['qualifier']!r} is not one of {', '.join(QUALIFIERS)}")
    for column in ("period_start", "period_end", "published"):
        record[column] = _date(column, record[column]) if record[column] else None
    if not record["period_end"]:
        raise BadCell("period_end: empty; an official total needs the end of its period")
    return {key: None if value == "" else value for key, value in record.items()}
