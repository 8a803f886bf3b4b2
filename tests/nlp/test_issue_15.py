"""Issue #15: spelled-out numbers as British news writes them, through `claimwatch figures` (Extractor.figures)."""

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police made one hundred and six arrests.", [(106, None, "count", "exact", None)]),
        ("Nearly a quarter of a million people were scanned.", [(250_000, None, "count", "approx", None)]),
        ("There are one and a half million cameras.", [(1_500_000, None, "count", "exact", None)]),
        ("Two thirds of Londoners back it.", [(pytest.approx(66.667, rel=1e-3), None, "percent", "exact", None)]),
        ("The drone arrived in two and a half minutes.", [(2.5, None, "minutes", "exact", None)]),
        ("Arrests showed a 30% rise.", [(30, None, "percent", "exact", "up")]),
        ("Officers recorded no false alerts that day.", [(0, None, "count", "exact", None)]),
        ("It flagged more than twenty and less than thirty five people.", [(20, 35, "count", "range", None)]),
        ("The Met ran a three month trial.", [(3 * 30.4375 * 24 * 60, None, "minutes", "exact", None)]),
        ("It was a two day operation.", [(2 * 24 * 60, None, "minutes", "exact", None)]),
    ],
)
def test_the_issue_table_reads_as_its_right_column(extractor, text, expected):
    figures = extractor.figures(text)
    assert [(f["value"], f["value_high"], f["unit"], f["qualifier"], f["change"]) for f in figures] == expected
    assert all(text[f["start"] : f["end"]] == f["text"] for f in figures)


def test_durations_have_no_metric(extractor):
    assert all("metric" not in f for f in extractor.figures("The Met ran a three month trial of the drones."))
