"""Detection rules, one behaviour per test, on small fixture databases (docs/detection.md)."""

import math

import pytest

from claimwatch.db import detect, store

MET_ARRESTS = dict(metric="lfr_arrests", status="cumulative")
SINCE_2024 = ("since early 2024", "2024-01-01", "2025-11-12")


def contradictions(database):
    return database.execute(
        "SELECT cause, figure_a, outlet_a, figure_b, outlet_b, reason FROM contradictions_side_by_side ORDER BY id"
    ).fetchall()


def agreements(database):
    return database.execute("""
        SELECT a.figure_text, b.figure_text FROM agreements
        JOIN claims AS a ON a.id = agreements.claim_a JOIN claims AS b ON b.id = agreements.claim_b""").fetchall()


def test_disjoint_figures_from_independent_outlets_conflict(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("about 30", 30, qualifier="approx")], published="2025-11-10")
    add_article("https://bugle.example/b", [make_claim("nine", 9)], outlet="Borough Bugle", published="2025-11-12")
    summary = detect.detect(database)
    assert summary["conflict"] == 1
    [(cause, figure_a, outlet_a, figure_b, outlet_b, reason)] = contradictions(database)
    assert (cause, figure_a, outlet_a, figure_b, outlet_b) == (
        "conflict",
        "about 30",
        "The Daily Lantern",
        "nine",
        "Borough Bugle",
    )
    assert reason == (
        "The Daily Lantern (10 Nov 2025) says about 30; Borough Bugle (12 Nov 2025) says nine. Both describe what"
        " exists now, 2 days apart, so they cannot both be right."
    )
    [(evidence,)] = database.execute("SELECT evidence FROM contradictions").fetchall()
    assert evidence.startswith("values [27, 33] and [9, 9]; days 2025-11-10 and 2025-11-12, 2 days apart")


def test_over_2000_and_2100_agree(database, add_article, make_claim):
    add_article(
        "https://lantern.example/a",
        [make_claim("over 2,000", 2000, qualifier="at_least", time=SINCE_2024, **MET_ARRESTS)],
    )
    add_article(
        "https://bugle.example/b", [make_claim("2,100", 2100, time=SINCE_2024, **MET_ARRESTS)], outlet="Borough Bugle"
    )
    detect.detect(database)
    assert contradictions(database) == []
    assert agreements(database) == [("over 2,000", "2,100")]


def test_a_round_figure_just_off_an_exact_one_is_rounding(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("2,000", 2000, time=SINCE_2024, **MET_ARRESTS)])
    add_article(
        "https://bugle.example/b", [make_claim("2,137", 2137, time=SINCE_2024, **MET_ARRESTS)], outlet="Borough Bugle"
    )
    add_article(
        "https://wire.example/c", [make_claim("2,600", 2600, time=SINCE_2024, **MET_ARRESTS)], outlet="Wire Service"
    )
    detect.detect(database)
    causes = {(figure_a, figure_b): cause for cause, figure_a, _, figure_b, _, _ in contradictions(database)}
    assert causes[("2,000", "2,137")] == "rounding"
    assert causes[("2,000", "2,600")] == "conflict"  # beyond what rounding "2,000" can explain


def test_a_period_inside_another_is_a_different_period_not_a_conflict(database, add_article, make_claim):
    add_article(
        "https://lantern.example/a",
        [
            make_claim(
                "962", 962, time=("in the 12 months to September 2025", "2024-10-01", "2025-09-30"), **MET_ARRESTS
            )
        ],
        published="2025-10-21",
    )
    add_article(
        "https://bugle.example/b",
        [make_claim("over 2,000", 2000, qualifier="at_least", time=SINCE_2024, **MET_ARRESTS)],
        outlet="Borough Bugle",
    )
    detect.detect(database)
    [(cause, figure_a, _, figure_b, _, reason)] = contradictions(database)
    assert (cause, figure_a, figure_b) == ("different_period", "962", "over 2,000")
    assert "in the 12 months to September 2025" in reason and "since early 2024" in reason


def test_current_figures_far_apart_in_time_are_different_periods(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("nine", 9)], published="2025-01-10")
    add_article("https://bugle.example/b", [make_claim("30", 30)], outlet="Borough Bugle", published="2025-11-10")
    detect.detect(database)
    assert [row[0] for row in contradictions(database)] == ["different_period"]


def test_rates_per_different_things_are_different_denominators(database, add_article, make_claim):
    rate = dict(metric="false_positive_rate", unit="ratio")
    add_article("https://lantern.example/a", [make_claim("0.0003%", 0.000003, denominator="faces_scanned", **rate)])
    add_article(
        "https://bugle.example/b",
        [make_claim("8 per cent", 0.08, denominator="alerts", **rate)],
        outlet="Borough Bugle",
    )
    detect.detect(database)
    [(cause, *_, reason)] = contradictions(database)
    assert cause == "different_denominator" and "faces scanned" in reason and "alerts" in reason


def test_a_plan_beside_what_exists_is_a_different_status(database, add_article, make_claim):
    weekly = dict(metric="lfr_deployments_per_week", unit="per_week", denominator="week")
    add_article("https://lantern.example/a", [make_claim("ten", 10, status="planned", **weekly)])
    add_article("https://bugle.example/b", [make_claim("four a week", 4, **weekly)], outlet="Borough Bugle")
    detect.detect(database)
    assert [row[0] for row in contradictions(database)] == ["different_status"]


def test_a_completed_period_beside_a_running_total_is_told_apart_by_period(database, add_article, make_claim):
    arrests = dict(metric="lfr_arrests")
    add_article("https://lantern.example/a", [make_claim(
        "962", 962, status="past", time=("in the 12 months to September 2025", "2024-10-01", "2025-09-30"),
        **arrests)], published="2025-10-31")
    add_article("https://bugle.example/b", [make_claim(
        "over 2,000", 2000, status="cumulative", qualifier="at_least",
        time=("since early 2024", "2024-01-01", "2025-11-12"), **arrests)], outlet="Borough Bugle")
    detect.detect(database)
    assert [row[0] for row in contradictions(database)] == ["different_period"]


def test_the_same_outlet_changing_its_figure_is_revised(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("nine", 9)], published="2025-11-01")
    add_article("https://lantern.example/b", [make_claim("12", 12)], published="2025-11-20")
    detect.detect(database)
    [(cause, figure_a, outlet_a, figure_b, outlet_b, reason)] = contradictions(database)
    assert (cause, figure_a, figure_b, outlet_a, outlet_b) == (
        "revised",
        "nine",
        "12",
        "The Daily Lantern",
        "The Daily Lantern",
    )
    assert "revised" in reason


def test_two_claims_of_one_article_are_never_compared(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("nine", 9), make_claim("30", 30)])
    summary = detect.detect(database)
    assert contradictions(database) == [] and agreements(database) == []
    assert summary["figures"] == 2


def test_syndicated_copies_are_one_source(database, add_article, make_claim):
    signature = list(range(128))  # identical signatures: one text under two mastheads
    add_article("https://lantern.example/a", [make_claim("30", 30)], minhash=signature, published="2025-11-10")
    add_article(
        "https://wire.example/a",
        [make_claim("30", 30)],
        outlet="Wire Service",
        minhash=signature,
        published="2025-11-11",
        text="The same story, with another outlet's furniture.",
    )
    add_article("https://bugle.example/b", [make_claim("nine", 9)], outlet="Borough Bugle", published="2025-11-12")
    detect.detect(database)
    assert agreements(database) == []  # the copy does not confirm its original
    assert [row[0] for row in contradictions(database)] == ["conflict"]  # one conflict, not one per copy
    timeline = database.execute("SELECT figure_text, claim_count, outlet_count, copies_only FROM figure_timeline")
    # The 30 is marked as repeated by copies of one story only (the site draws it apart from corroboration).
    assert sorted(timeline.fetchall()) == [("30", 2, 2, 1), ("nine", 1, 1, 0)]
    add_article("https://gazette.example/c", [make_claim("30", 30)], outlet="Gazette", published="2025-11-13")
    detect.detect(database)
    timeline = database.execute("SELECT figure_text, claim_count, copies_only FROM figure_timeline")
    assert sorted(timeline.fetchall()) == [("30", 3, 0), ("nine", 1, 0)]  # an independent source gives it too


def test_other_subjects_are_never_compared(database, add_article, make_claim):
    add_article(
        "https://lantern.example/a", [make_claim("70", 70, metric="lfr_deployments", subject="South Wales Police")]
    )
    add_article("https://bugle.example/b", [make_claim("12", 12, metric="lfr_deployments")], outlet="Borough Bugle")
    detect.detect(database)
    assert contradictions(database) == []


def test_detection_run_twice_gives_the_same_rows(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("about 30", 30, qualifier="approx")])
    add_article(
        "https://bugle.example/b",
        [make_claim("nine", 9), make_claim("500", 500, status="planned")],
        outlet="Borough Bugle",
    )
    first = detect.detect(database)
    tables = ("contradictions", "agreements", "figure_timeline", "metric_summary")
    before = {table: database.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in tables}
    assert detect.detect(database) == first
    after = {table: database.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in tables}
    assert [len(rows) for rows in after.values()] == [len(rows) for rows in before.values()]
    strip_ids = {table: [row[1:] for row in rows] for table, rows in after.items() if table != "metric_summary"}
    assert strip_ids == {
        table: [row[1:] for row in rows] for table, rows in before.items() if table != "metric_summary"
    }


def test_incremental_detection_matches_a_full_run(database, add_article, make_claim):
    add_article(
        "https://lantern.example/a",
        [
            make_claim("about 30", 30, qualifier="approx"),
            make_claim("£50 million", 50e6, metric="contract_value", unit="GBP"),
        ],
    )
    bugle = add_article("https://bugle.example/b", [make_claim("30", 30)], outlet="Borough Bugle")
    detect.detect(database)
    store.replace_claims(database, bugle, "test-2", [make_claim("nine", 9)])
    incremental = detect.detect(database, incremental=True)
    assert incremental["figures"] == 2  # only drones_fleet was looked at again
    rows = contradictions(database), agreements(database)
    detect.detect(database)
    assert (contradictions(database), agreements(database)) == rows
    assert [row[0] for row in rows[0]] == ["conflict"]


def test_incremental_detection_follows_a_re_dated_article(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("30", 30)], published="2025-11-12")
    bugle = add_article("https://bugle.example/b", [make_claim("nine", 9)], outlet="Borough Bugle",
                        published="2025-11-14")
    detect.detect(database)
    assert [row[0] for row in contradictions(database)] == ["conflict"]
    database.execute("UPDATE articles SET published = '2023-01-05' WHERE id = ?", [bugle])  # a corrected date
    detect.detect(database, incremental=True)
    rows = contradictions(database), agreements(database)
    detect.detect(database)
    assert (contradictions(database), agreements(database)) == rows
    assert "conflict" not in [row[0] for row in rows[0]]  # figures two years apart are no longer one moment


def test_re_extracting_removes_the_old_claims_contradictions(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("about 30", 30, qualifier="approx")])
    bugle = add_article("https://bugle.example/b", [make_claim("nine", 9)], outlet="Borough Bugle")
    detect.detect(database)
    store.replace_claims(database, bugle, "test-2", [make_claim("about 31", 31, qualifier="approx")])
    assert contradictions(database) == []  # gone with the claim, before detection runs again


def test_the_timeline_and_summary_show_each_figure_once_with_who_repeated_it(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("nine", 9)], published="2025-11-01")
    add_article("https://bugle.example/b", [make_claim("nine", 9)], outlet="Borough Bugle", published="2025-11-03")
    add_article(
        "https://wire.example/c",
        [make_claim("about 30", 30, qualifier="approx")],
        outlet="Wire Service",
        published="2025-11-05",
    )
    detect.detect(database)
    timeline = database.execute("""SELECT figure_text, first_published, first_outlet, last_published, claim_count,
                                          outlets FROM figure_timeline ORDER BY first_published""").fetchall()
    assert timeline == [
        ("nine", "2025-11-01", "The Daily Lantern", "2025-11-03", 2, "Borough Bugle, The Daily Lantern"),
        ("about 30", "2025-11-05", "Wire Service", "2025-11-05", 1, "Wire Service"),
    ]
    summary = next(database.query("SELECT * FROM metric_summary"))
    assert (
        summary["claim_count"],
        summary["figure_count"],
        summary["outlet_count"],
        summary["conflict_count"],
        summary["agreement_count"],
        summary["latest_figure"],
    ) == (3, 2, 3, 1, 1, "about 30")


@pytest.mark.parametrize(
    "figure, qualifier, value_high, expected",
    [
        (2000, "at_least", None, (2000, math.inf)),
        (30, "approx", None, (27, 33)),
        (10, "at_most", None, (0, 10)),
        (3, "range", 5, (3, 5)),
        (2137, "exact", None, (2137, 2137)),
    ],
)
def test_each_qualifier_gives_its_interval(figure, qualifier, value_high, expected):
    assert detect.interval(figure, value_high, qualifier) == expected


def test_a_round_figure_has_a_wider_rounding_margin_than_a_precise_one():
    assert detect.rounding_margin(2000) > detect.rounding_margin(2137) == 0
    assert detect.rounding_margin(1300) == 50 and detect.rounding_margin(0.08) == pytest.approx(0.005)


# --- undated articles: placed between bounds, never given a verdict their dates do not support -----------------


def causes_and_reasons(database):
    return [(cause, reason) for cause, *_, reason in contradictions(database)]


def test_an_undated_figure_that_would_conflict_is_undated_not_both_true(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("30", 30)], published="2025-11-10")
    add_article("https://bugle.example/b", [make_claim("nine", 9)], outlet="Borough Bugle", published=None)
    summary = detect.detect(database)
    [(cause, reason)] = causes_and_reasons(database)
    assert cause == "undated" and summary["undated"] == 1 and summary["conflict"] == 0
    assert reason == (
        "The Daily Lantern (10 Nov 2025) says 30; Borough Bugle (undated) says nine. They would conflict if they"
        " described the same time, but Borough Bugle's article carries no date (it can only be placed at any date"
        " up to 3 Jan 2026): a reviewer must place them in time."
    )
    counts = database.execute("SELECT conflict_count, explained_count, undated_count FROM metric_summary").fetchall()
    assert counts == [(0, 0, 1)]  # apart from conflicts and from explained look-alikes


def test_an_undated_article_placed_by_its_bounds_within_the_window_conflicts(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("30", 30)], published="2025-11-10")
    since_october = ("since October 2025", "2025-10-01", None)
    add_article(
        "https://bugle.example/b",
        [make_claim("nine", 9), make_claim("40", 40, metric="lfr_arrests", status="cumulative", time=since_october)],
        outlet="Borough Bugle", published=None, fetched_at="2025-11-14T08:00:00Z",
    )
    detect.detect(database)
    # Written after 1 October 2025 (a figure it gives runs from then), fetched on 14 November: within 90 days of
    # 10 November, whatever its date.
    assert [cause for cause, _ in causes_and_reasons(database)] == ["conflict"]


def test_an_undated_article_whose_bounds_rule_out_the_same_moment_is_a_different_period(
        database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("30", 30)], published="2023-01-10")
    since_2024 = ("since January 2024", "2024-01-01", None)
    add_article(
        "https://bugle.example/b",
        [make_claim("nine", 9), make_claim("40", 40, metric="lfr_arrests", status="cumulative", time=since_2024)],
        outlet="Borough Bugle", published=None,
    )
    detect.detect(database)
    [(cause, reason)] = causes_and_reasons(database)
    assert cause == "different_period"
    assert "at least 356 days apart" in reason
    [(evidence,)] = database.execute("SELECT evidence FROM contradictions").fetchall()
    assert "undated, 2024-01-01 to 2026-01-03" in evidence


def test_a_saved_file_has_no_upper_bound_but_a_warc_record_has_its_date(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("30", 30)], published="2025-11-10")
    add_article("https://bugle.example/b", [make_claim("nine", 9)], outlet="Borough Bugle", published=None,
                via="file", fetched_at="2023-01-01T00:00:00Z")
    detect.detect(database)
    [(cause, reason)] = causes_and_reasons(database)
    assert cause == "undated" and "(it can only be placed at any date)" in reason
    add_article("https://wire.example/c", [make_claim("12", 12)], outlet="Wire Service", published=None,
                via="warc", fetched_at="2023-01-01T00:00:00Z")
    detect.detect(database)
    # Captured on 1 January 2023, nearly three years before the Lantern's 30: a different moment, proven.
    assert ("different_period", "30", "12") in {(c, a, b) for c, a, _, b, _, _ in contradictions(database)} | {
        (c, b, a) for c, a, _, b, _, _ in contradictions(database)}


def test_a_plans_future_date_does_not_date_the_article(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("30", 30)], published="2025-11-10")
    from_2027 = ("from 2027", "2027-01-01", None)
    add_article(
        "https://bugle.example/b",
        [make_claim("nine", 9), make_claim("500", 500, metric="drones_planned", status="planned", time=from_2027)],
        outlet="Borough Bugle", published=None,
    )
    detect.detect(database)
    assert [cause for cause, _ in causes_and_reasons(database)] == ["undated"]


def test_a_period_in_words_that_resolves_to_no_date_is_undated(database, add_article, make_claim):
    add_article("https://lantern.example/a", [make_claim("2,000", 2000, time=SINCE_2024, **MET_ARRESTS)])
    since_last_year = ("since last year", None, None)
    add_article("https://bugle.example/b", [make_claim("900", 900, time=since_last_year, **MET_ARRESTS)],
                outlet="Borough Bugle", published=None)
    detect.detect(database)
    [(cause, reason)] = causes_and_reasons(database)
    assert cause == "undated" and "Borough Bugle's period “since last year” resolves to no date" in reason
