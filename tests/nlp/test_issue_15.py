"""Issue #15: spelled-out numbers as British news writes them, through `claimwatch figures` (Extractor.figures)."""

import pytest

from claimwatch.nlp.numbers import find_numbers


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
        # a multiplied change with no level stated: its size, as a percentage
        ("Arrests more than doubled last year.", [(100, None, "percent", "at_least", "up")]),
        ("Response times have halved.", [(50, None, "percent", "exact", "down")]),
        ("It was a double murder.", []),
    ],
)
def test_the_issue_table_reads_as_its_right_column(extractor, text, expected):
    figures = extractor.figures(text)
    assert [(f["value"], f["value_high"], f["unit"], f["qualifier"], f["change"]) for f in figures] == expected
    assert all(text[f["start"] : f["end"]] == f["text"] for f in figures)


def test_durations_have_no_metric(extractor):
    assert all("metric" not in f for f in extractor.figures("The Met ran a three month trial of the drones."))


@pytest.mark.parametrize(
    "text, values",
    [
        # the families the peer suite's last failures stood for, each with the reading that must not change
        ("a target of US$ 1MM", [1_000_000]),
        ("1,674.5 G and 1,674,200.5 M", [1_674_500_000_000, 1_674_200_500_000]),
        ("a 5G network, a 10mm lens, a 10 m mast", [10]),
        ("five hundreds tvs, two thousands", [500, 2000]),
        ("hundreds of thousands of faces", []),
        ("2000 over 3", [pytest.approx(666.6667)]),
        ("earn 2000 over 3 years", [2000, 3]),
        ("4000 3 hundred and 21", [4000, 321]),
        ("twenty and three and three fifths", [23.6]),
        ("between forty and five hundred officers", [40, 500]),
        ("one one hundred and fifth", [pytest.approx(1 / 105)]),
        ("one hundred one thousand fifths", [pytest.approx(100 / 1005)]),
    ],
)
def test_number_families_of_the_peer_suite(text, values):
    assert [number.value for number in find_numbers(text)] == values


def test_a_phone_number_is_still_a_label(extractor):
    assert extractor.figures("Call 020 7946 0000 or 7946 0001 now.") == []


def test_a_bare_multiplied_change_is_no_claim(extractor):
    assert extractor.claims("The number of arrests from facial recognition more than doubled.", "2025-11-12") == []


def test_rounding_is_one_rule():
    from claimwatch.nlp import figures, numbers

    assert not hasattr(figures, "_tidy") and not hasattr(numbers, "_tidy")
    assert numbers.tidy(0.1 + 0.2) == 0.3 and numbers.tidy(10.0**12 + 1) == 10**12 + 1 and numbers.tidy(1e-12) == 1e-12
