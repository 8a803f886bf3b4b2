"""Figures as news writes them, found and valued without spaCy."""

import pytest

from claimwatch.nlp.figures import find_figures, parse_number


@pytest.mark.parametrize(
    "written, value",
    [
        ("2,000", 2000),
        ("1,400", 1400),
        ("0.0003", 0.0003),
        ("1.4k", 1400),
        ("2.5bn", 2_500_000_000),
        ("50 million", 50_000_000),
        ("nine", 9),
        ("twenty-five", 25),
        ("a dozen", 12),
        ("one million", 1_000_000),
        ("two hundred", 200),
        ("3 thousand", 3000),
        ("12m", 12_000_000),
    ],
)
def test_numbers_as_news_writes_them(written, value):
    assert parse_number(written) == value


def test_not_a_number_is_named_in_the_error():
    with pytest.raises(ValueError, match="'lots'"):
        parse_number("lots")


def only(text):
    figures = find_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    "text, written, value, unit, qualifier",
    [
        ("a £50 million contract", "£50 million", 50_000_000, "GBP", "exact"),
        ("a £4.5m grant", "£4.5m", 4_500_000, "GBP", "exact"),
        ("a $3bn deal", "$3bn", 3_000_000_000, "USD", "exact"),
        ("over 2,000 arrests", "over 2,000", 2000, "count", "at_least"),
        ("more than 20 forces", "more than 20", 20, "count", "at_least"),
        ("approximately one million cameras", "approximately one million", 1_000_000, "count", "approx"),
        ("nearly 500 officers", "nearly 500", 500, "count", "approx"),
        ("under two minutes", "under two minutes", 2, "minutes", "at_most"),
        ("in 95 seconds", "95 seconds", 95 / 60, "minutes", "exact"),
        ("within an hour", None, None, None, None),
        ("four times per week", "four times per week", 4, "per_week", "exact"),
        ("twice a day", "twice a day", 14, "per_week", "exact"),
        ("four deployments a week", "four deployments a week", 4, "per_week", "exact"),
        ("0.0003% of faces", "0.0003%", 0.0003, "percent", "exact"),
        ("76 per cent of Londoners", "76 per cent", 76, "percent", "exact"),
        ("1 in 6,000 faces", "1 in 6,000", 1 / 6000, "ratio", "exact"),
        ("hundreds of officers", "hundreds of", 200, "count", "at_least"),
    ],
)
def test_figure_value_unit_and_qualifier(text, written, value, unit, qualifier):
    figures = find_figures(text)
    if written is None:
        assert figures == []
        return
    figure = only(text)
    assert (figure.text, figure.unit, figure.qualifier) == (written, unit, qualifier)
    assert figure.value == pytest.approx(value)
    assert text[figure.start : figure.end] == written


@pytest.mark.parametrize(
    "text, written, low, high, unit",
    [
        ("between 4 and 10 vans", "between 4 and 10", 4, 10, "count"),
        ("4-10 minutes", "4-10 minutes", 4, 10, "minutes"),
        ("£20m to £30m", "£20m to £30m", 20_000_000, 30_000_000, "GBP"),
        ("between two and three times a week", "between two and three times a week", 2, 3, "per_week"),
    ],
)
def test_ranges_are_one_figure_with_a_high_end(text, written, low, high, unit):
    figure = only(text)
    assert (figure.text, figure.value, figure.value_high, figure.unit, figure.qualifier) == (
        written,
        low,
        high,
        unit,
        "range",
    )


def test_a_change_is_two_figures_and_the_target_takes_the_unit():
    low, high = find_figures("from the current four times per week to potentially ten")
    assert (low.value, low.unit, low.role) == (4, "per_week", "from")
    assert (high.value, high.unit, high.role) == (10, "per_week", "to")


@pytest.mark.parametrize(
    "text",
    [
        "since the 2018 trial in Stratford",
        "under the Data Protection Act 2018",
        "the Most Haunted Room 502",
        "Section 3 of the guidance",
        "a 52-year-old woman",
        "a man aged 34",
        "on 24 March 2025",
        "on March 24, 2025",
        "at 10:30am",
        "at 7pm",
        "call 020 7946 0192",
        "at 22 Victoria Embankment",
        "Wapping Rovers won 3-1",
        "the 81st minute",
        "the 2025-26 budget",
        "published 2025-07-31",
        "COVID-19 and the M25",
    ],
)
def test_labels_dates_and_scores_are_not_figures(text):
    assert find_figures(text) == []
