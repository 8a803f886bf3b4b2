"""Time scopes resolved against the publication date, never the clock."""

import pytest

from claimwatch.nlp.dates import find_time_expressions, resolve


def scope(text, published="2025-11-12"):
    (expression,) = find_time_expressions(text)
    return expression.text, resolve(expression, published)


@pytest.mark.parametrize(
    "text, written, start, end",
    [
        ("arrests since early 2024, police said", "since early 2024", "2024-01-01", "2025-11-12"),
        ("Since October 2025, the force", "Since October 2025", "2025-10-01", "2025-11-12"),
        (
            "962 arrests in the 12 months to September 2025",
            "in the 12 months to September 2025",
            "2024-10-01",
            "2025-09-30",
        ),
        ("34,500 last year", "last year", "2024-01-01", "2024-12-31"),
        ("120 aircraft by 2028", "by 2028", None, "2028-12-31"),
        ("deployments in summer 2024", "in summer 2024", "2024-06-01", "2024-08-31"),
        ("in April the court", "in April", "2025-04-01", "2025-04-30"),
        ("over the past two years", "over the past two years", "2023-11-12", "2025-11-12"),
        ("since its first trial in 2017", "since its first trial in 2017", "2017-01-01", "2025-11-12"),
        ("so far this year", "so far this year", "2025-01-01", "2025-11-12"),
        ("by the end of 2026", "by the end of 2026", None, "2026-12-31"),
        ("a cut in the 2025/26 financial year", "in the 2025/26 financial year", "2025-04-01", "2026-03-31"),
        ("savings in the financial year 2024-25", "in the financial year 2024-25", "2024-04-01", "2025-03-31"),
        ("arrests in the summer of 2024", "in the summer of 2024", "2024-06-01", "2024-08-31"),
        ("since the trial began in October", "since the trial began in October", "2025-10-01", "2025-11-12"),
    ],
)
def test_scopes_resolve_against_publication(text, written, start, end):
    assert scope(text) == (written, (start, end))


def test_a_bare_year_is_not_a_scope():
    assert find_time_expressions("the 2018 trial in Stratford") == []


def test_without_a_publication_date_only_dated_scopes_resolve():
    assert scope("in summer 2024", published=None)[1] == ("2024-06-01", "2024-08-31")
    assert scope("34,500 last year", published=None)[1] == (None, None)
    assert scope("in April the court", published=None)[1] == (None, None)
    assert scope("since early 2024", published=None)[1] == ("2024-01-01", None)


def test_a_bad_publication_date_is_named():
    (expression,) = find_time_expressions("last year")
    with pytest.raises(ValueError, match="'yesterday-ish'"):
        resolve(expression, "yesterday-ish")


@pytest.mark.parametrize(
    "text, written, start, end",
    [
        # Counts are read by numbers.py's grammar: "twenty-five" was read as "five" before (#15).
        ("the trial began twenty-five years ago", "twenty-five years ago", "2000-11-12", "2000-11-12"),
        ("three years ago", "three years ago", "2022-11-12", "2022-11-12"),
        ("over the past two years", "over the past two years", "2023-11-12", "2025-11-12"),
        ("in the next eighteen months", "in the next eighteen months", "2025-11-12", "2027-05-12"),
        ("in the eighteen months to September 2025", "in the eighteen months to September 2025", "2024-04-01",
         "2025-09-30"),
        ("two and a half years ago", "two and a half years ago", "2023-05-12", "2023-05-12"),
        ("up from nine a year ago", "a year ago", "2024-11-12", "2024-11-12"),
        ("up from four two years ago", "two years ago", "2023-11-12", "2023-11-12"),
    ],
)
def test_counts_of_time_are_read_by_the_number_grammar(text, written, start, end):
    assert scope(text) == (written, (start, end))


def test_a_weekday_with_its_date_in_brackets_is_that_date():
    # published in December: "Tuesday (9 April)" is the April day the brackets give, not the last Tuesday
    [scope] = find_time_expressions("Officers made 12 arrests on Tuesday (9 April).")
    assert scope.text == "on Tuesday (9 April)"
    assert resolve(scope, "2024-12-17") == ("2024-04-09", "2024-04-09")
    [later] = find_time_expressions("The video was published on Friday (4 July).")
    assert resolve(later, "2025-01-10") == ("2024-07-04", "2024-07-04")  # not a day after publication


def test_the_previous_year_is_the_year_before_the_one_last_named():
    [named, previous] = find_time_expressions("Officers made 300 arrests in 2017, against 450 the previous year.")
    assert previous.kind == "previous" and resolve(previous, "2025-07-04") == ("2016-01-01", "2016-12-31")
    [alone] = find_time_expressions("There were 450 arrests in the previous year.")
    assert resolve(alone, "2025-07-04") == ("2024-01-01", "2024-12-31")  # none named: the year before publication


@pytest.mark.parametrize(
    "text, written",
    [
        ("IN THE 12 MONTHS TO SEPTEMBER 2025 THE MET MADE 962 ARRESTS", "IN THE 12 MONTHS TO SEPTEMBER 2025"),
        ("Since Early 2024 The Met Has Made 1,000 Arrests", "Since Early 2024"),
        # a letter whose lower case is longer moves every offset after it: the expression is still found in place
        ("İstanbul's police, like the Met since early 2024, made 1,000 arrests", "since early 2024"),
    ],
)
def test_time_expressions_are_found_in_any_case_at_their_own_offsets(text, written):
    [found] = find_time_expressions(text)
    assert (found.text, text[found.start : found.end]) == (written, written)
