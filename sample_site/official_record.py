"""SAMPLE DATA: a fictional live facial recognition deployment record in the Met's column layout, and fictional
official totals, for the demo and the tests. Every place and number is invented; the locations say "(sample)".

The sample site's press articles give figures for periods this record covers: its arrests in the 12 months to
September 2025 are 962 (as The Thames Courier says), and from January 2024 to the Northbank Gazette's article of
7 November 2025 1,305 over 97 deployments (its "around 1,300"; Capital Wire's "over 2,000" of 12 November is not
what the record shows; the whole record, to 14 November, gives 1,312).

    python sample_site/official_record.py            # write sample_site/official/*.csv
    write_pdf(rows, path)                             # the same record as a multi-page PDF table (needs fpdf2)
"""

import csv
import datetime
import pathlib

HERE = pathlib.Path(__file__).resolve().parent / "official"
COLUMNS = ("Deployment Location", "Date", "Duration", "LFR Use Case", "Watchlist Size", "Min Threshold Setting",
           "Total Alerts", "True Alerts Confirmed", "True Alerts Unconfirmed", "False Alerts Confirmed",
           "False Alerts Unconfirmed", "False Alert Rate", "Outcome - Arrest", "Outcome - Other", "No action",
           "Faces seen (estimate)")
PLACES = ("Riverside Market (sample)", "Northbank Station (sample)", "Civic Square (sample)",
          "Thames Walk (sample)", "Old Mill Lane (sample)", "Capital Arcade (sample)")
FIRST, LAST = datetime.date(2024, 1, 5), datetime.date(2025, 11, 14)
# Arrests per period, so that the press figures above are what the record gives.
ARRESTS = ((datetime.date(2024, 1, 1), datetime.date(2024, 9, 30), 300),
           (datetime.date(2024, 10, 1), datetime.date(2025, 9, 30), 962),
           (datetime.date(2025, 10, 1), datetime.date(2025, 11, 30), 50))
TOTALS = (
    ("lfr_deployments", "Metropolitan Police", "52", "exact", "2024-10-01", "2025-09-30", "2025-10-15",
     "https://official.example/sample-annual-report", "Sample annual report on live facial recognition (fictional)"),
)


def deployments() -> list[dict]:
    """One deployment a week, FIRST to LAST, each period's arrests spread over its deployments."""
    days = [FIRST + datetime.timedelta(weeks=week) for week in range((LAST - FIRST).days // 7 + 1)]
    arrests = {}
    for start, end, total in ARRESTS:
        inside = [day for day in days if start <= day <= end]
        for i, day in enumerate(inside):
            arrests[day] = total // len(inside) + (1 if i < total % len(inside) else 0)
    rows = []
    for i, day in enumerate(days):
        alerts = arrests[day] + 3 + i % 4
        false_alerts = i % 3 == 0
        faces = 9000 + (i * 1373) % 7000
        rows.append(dict(zip(COLUMNS, (
            PLACES[i % len(PLACES)], day.strftime("%d/%m/%Y"), "6 hours", "Wanted and missing persons",
            f"{15000 + i * 50:,}", "0.64", str(alerts), str(arrests[day] + 1),
            str(alerts - arrests[day] - 1 - false_alerts),
            str(int(false_alerts)), "0", f"{false_alerts / faces:.4%}", str(arrests[day]), "1", "0", f"{faces:,}",
        ), strict=True)))
    return rows


def write_csv(rows: list[dict], path: pathlib.Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_totals(path: pathlib.Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("metric", "subject", "value", "qualifier", "period_start", "period_end", "published",
                         "source_url", "source_title"))
        writer.writerows(TOTALS)


def write_pdf(rows: list[list], path: pathlib.Path, merged: dict | None = None) -> None:
    """The record as the Met publishes it: a ruled table over many landscape pages, its header on each. `rows` are
    lists of cell texts; merged maps a row index to the column where that row's cell spans two columns."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", size=6)
    pdf.cell(0, 6, "SAMPLE DATA - a fictional LFR deployment record in the Met's column layout; every place and"
                   " number is invented.", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(line_height=4, repeat_headings=1, text_align="LEFT") as table:
        table.row(COLUMNS)
        for index, cells in enumerate(rows):
            row = table.row()
            spanned = (merged or {}).get(index)
            column = 0
            while column < len(cells):
                if column == spanned:
                    row.cell(cells[column], colspan=2)
                    column += 2
                else:
                    row.cell(cells[column])
                    column += 1
    pdf.output(str(path))


if __name__ == "__main__":
    HERE.mkdir(exist_ok=True)
    write_csv(deployments(), HERE / "sample-lfr-deployment-record.csv")
    write_totals(HERE / "sample-official-totals.csv")
    print(f"wrote {HERE}")
