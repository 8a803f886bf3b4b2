"""Press figures checked against the official record (docs/detection.md, section 8), on small fixture databases: the
record is stored through db.reference as `claimwatch reference import` stores it. SAMPLE DATA: fictional rows."""

import pytest

from claimwatch.db import detect, reference

ARRESTS = dict(metric="lfr_arrests", status="cumulative")


def deployments(*dated_arrests, faces=None):
    """Deployment-record rows, one per (ISO date, arrests)."""
    return [{"page": None, "row": row, "date": date, "location": f"Sample Place {row} (sample)", "duration": "6 hours",
             "arrests": arrests, "faces_seen": faces, "total_alerts": arrests + 2, "false_alerts_confirmed": 1,
             "false_alerts_unconfirmed": 0}
            for row, (date, arrests) in enumerate(dated_arrests, 2)]


# A deployment a month through 2024, ten arrests each: 120 arrests in the year.
YEAR_2024 = deployments(*((f"2024-{month:02d}-10", 10) for month in range(1, 13)))


def store_record(database, rows, sha256="a" * 64):
    assert reference.store_file(database, name="record.csv", sha256=sha256, kind="deployments", rows=rows) == "stored"


def checks(database):
    return database.execute(
        "SELECT press_figure, cause, official_value, row_count, rows_from, rows_to, reason FROM"
        " official_checks_side_by_side ORDER BY id").fetchall()


def test_a_running_total_is_summed_over_the_deployments_in_its_period(database, add_article, make_claim):
    store_record(database, YEAR_2024)
    add_article("https://lantern.example/a", [make_claim("120", 120, time=("in 2024", "2024-01-01", "2024-12-31"),
                                                         **ARRESTS)], published="2025-01-20")
    summary = detect.detect(database)
    assert summary["matches_official"] == 1
    [(figure, cause, value, count, first, last, reason)] = checks(database)
    assert (figure, cause, value, count, first, last) == ("120", "matches_official", 120, 12, "2024-01-10",
                                                          "2024-12-10")
    assert reason == ("The Daily Lantern (20 Jan 2025) says 120 in 2024; the Metropolitan Police deployment record"
                      " gives 120 arrests over 12 deployments in that period, so the official record bears it out.")


def test_so_far_ends_on_the_day_the_figure_first_appeared(database, add_article, make_claim):
    store_record(database, YEAR_2024)
    # "since January 2024" in an article of 20 June 2024: the deployments of January to June, 60 arrests. The record
    # starts on 10 January, within PERIOD_TOLERANCE_DAYS of the period's start: one start, as for two press figures.
    add_article("https://lantern.example/a", [make_claim("60", 60, time=("since January 2024", "2024-01-01",
                                                                         "2024-06-20"), **ARRESTS)],
                published="2024-06-20")
    detect.detect(database)
    assert [row[:4] for row in checks(database)] == [("60", "matches_official", 60, 6)]


@pytest.mark.parametrize(("figure_text", "value", "qualifier", "cause"), [
    ("around 130", 130, "approx", "matches_official"),  # [117, 143] holds 120
    ("over 100", 100, "at_least", "matches_official"),
    ("over 200", 200, "at_least", "differs_from_official"),
    ("up to 110", 110, "at_most", "differs_from_official"),
    ("125", 125, "exact", "differs_from_official"),  # no rounding margin: 125 is written to the unit
    ("100", 100, "exact", "differs_from_official"),  # margin 10 (at most 10 %): 90 to 110 misses 120
])
def test_qualifiers_and_rounding_decide_as_they_do_between_two_press_figures(
        database, add_article, make_claim, figure_text, value, qualifier, cause):
    store_record(database, YEAR_2024)
    add_article("https://lantern.example/a", [make_claim(figure_text, value, qualifier=qualifier,
                                                         time=("in 2024", "2024-01-01", "2024-12-31"), **ARRESTS)],
                published="2025-01-20")
    detect.detect(database)
    assert [row[1] for row in checks(database)] == [cause]


def test_a_round_figure_matches_within_its_rounding_margin_and_says_so(database, add_article, make_claim):
    store_record(database, deployments(*((f"2024-{month:02d}-10", 100) for month in range(1, 13)),
                                       ("2024-12-20", 12)))  # 1,212 arrests in 2024
    add_article("https://lantern.example/a", [make_claim("1,200", 1200, time=("in 2024", "2024-01-01", "2024-12-31"),
                                                         **ARRESTS)], published="2025-01-20")
    detect.detect(database)
    [(_, cause, value, *_, reason)] = checks(database)
    assert (cause, value) == ("matches_official", 1212)
    assert "“1,200” may be rounded from anything between 1,150 and 1,250" in reason


def test_a_period_that_starts_before_the_record_does_is_not_covered(database, add_article, make_claim):
    store_record(database, YEAR_2024)
    add_article("https://lantern.example/a", [make_claim("300", 300, time=("since 2023", "2023-01-01", "2024-12-31"),
                                                         **ARRESTS)], published="2025-01-20")
    summary = detect.detect(database)
    assert (summary["not_checked"], summary["matches_official"], summary["differs_from_official"]) == (1, 0, 0)
    [(_, cause, value, *_, reason)] = checks(database)
    assert (cause, value) == ("not_checked", None)
    assert reason == ("The Daily Lantern (20 Jan 2025) says 300 since 2023, but the deployment record starts on"
                      " 10 Jan 2024, and this period starts earlier, on 1 Jan 2023, so the official record cannot"
                      " check it.")


def test_a_period_that_ends_after_the_record_does_is_not_covered(database, add_article, make_claim):
    store_record(database, YEAR_2024)
    add_article("https://lantern.example/a", [make_claim("150", 150, time=("since January 2024", "2024-01-01",
                                                                           "2025-06-01"), **ARRESTS)],
                published="2025-06-01")
    detect.detect(database)
    [(_, cause, *_, reason)] = checks(database)
    assert cause == "not_checked" and "the deployment record ends on 10 Dec 2024" in reason


def test_a_period_that_cannot_be_placed_in_time_is_not_checked(database, add_article, make_claim):
    store_record(database, YEAR_2024)
    add_article("https://lantern.example/a", [make_claim("120", 120, **ARRESTS)], published="2025-01-20")
    detect.detect(database)
    [(_, cause, value, *_, reason)] = checks(database)
    assert (cause, value) == ("not_checked", None)
    assert "it states no start for its period" in reason


def test_blank_cells_in_the_period_leave_the_figure_unchecked(database, add_article, make_claim):
    rows = YEAR_2024[:6] + [{**YEAR_2024[6], "arrests": None}] + YEAR_2024[7:]
    store_record(database, rows)
    add_article("https://lantern.example/a", [make_claim("120", 120, time=("in 2024", "2024-01-01", "2024-12-31"),
                                                         **ARRESTS)], published="2025-01-20")
    detect.detect(database)
    [(_, cause, *_, reason)] = checks(database)
    assert cause == "not_checked" and "leaves the arrests blank for 1 of the 12 deployments" in reason


def test_an_official_total_for_the_same_period_checks_the_figure(database, add_article, make_claim):
    reference.store_file(database, name="totals.csv", sha256="b" * 64, kind="totals", rows=[
        {"row": 2, "metric": "lfr_deployments", "subject": "Metropolitan Police", "value": 52.0, "qualifier": "exact",
         "period_start": "2024-10-01", "period_end": "2025-09-30", "published": "2025-10-15",
         "source_url": "https://official.example/report", "source_title": "Sample annual report"}])
    add_article("https://lantern.example/a", [
        make_claim("52", 52, metric="lfr_deployments", status="cumulative",
                   time=("in the year to September 2025", "2024-10-01", "2025-09-30")),
        make_claim("80", 80, metric="lfr_deployments", status="past",
                   time=("in the year to September 2025", "2024-10-01", "2025-09-30"))], published="2025-10-20")
    detect.detect(database)
    rows = database.execute("SELECT press_figure, cause, source, total_id FROM official_checks_side_by_side"
                            " ORDER BY press_figure").fetchall()
    assert rows == [("52", "matches_official", "reference_totals", 1),
                    ("80", "differs_from_official", "reference_totals", 1)]


def test_current_figures_rates_and_other_subjects_are_not_checked(database, add_article, make_claim):
    store_record(database, YEAR_2024)
    add_article("https://lantern.example/a", [
        make_claim("9", 9, metric="lfr_arrests", status="current"),
        make_claim("8 per cent", 0.08, metric="lfr_false_alerts", unit="ratio", denominator="alerts",
                   time=("in 2024", "2024-01-01", "2024-12-31"), status="cumulative"),
        make_claim("120", 120, subject="South Wales Police", time=("in 2024", "2024-01-01", "2024-12-31"),
                   **ARRESTS)], published="2025-01-20")
    detect.detect(database)
    assert checks(database) == []


def test_importing_a_record_queues_its_metrics_for_incremental_detection(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("120", 120, time=("in 2024", "2024-01-01", "2024-12-31"),
                                                         **ARRESTS)], published="2025-01-20")
    detect.detect(database)
    assert checks(database) == []
    store_record(database, YEAR_2024)
    detect.detect(database, incremental=True)
    assert [row[1] for row in checks(database)] == ["matches_official"]
