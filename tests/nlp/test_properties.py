"""Property tests: numbers written the ways news writes them parse back; arbitrary text never breaks us."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimwatch.nlp.dates import find_time_expressions, resolve
from claimwatch.nlp.figures import find_figures, parse_number
from claimwatch.nlp.pipeline import split_sentences

SCALES = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "k": 1_000,
    "m": 1_000_000,
    "bn": 1_000_000_000,
}
WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(number: int) -> str:
    if number < 20:
        return WORDS[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return TENS[tens] + (f"-{WORDS[units]}" if units else "")
    hundreds, rest = divmod(number, 100)
    return f"{WORDS[hundreds]} hundred" + (f" {in_words(rest)}" if rest else "")


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_thousands_separators_parse_back(number):
    assert parse_number(f"{number:,}") == number


@given(st.integers(min_value=0, max_value=999))
def test_number_words_parse_back(number):
    assert parse_number(in_words(number)) == number


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9), st.sampled_from(sorted(SCALES)))
def test_scaled_decimals_parse_back(whole, tenth, scale):
    space = " " if len(scale) > 2 else ""
    # exact, in integers: "256.1 billion" is 256100000000, without float noise
    assert parse_number(f"{whole}.{tenth}{space}{scale}") == (whole * 10 + tenth) * SCALES[scale] // 10


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["£", "$", "€"]))
def test_money_in_a_sentence_is_found_with_its_value(number, symbol):
    text = f"The force signed a {symbol}{number:,} deal."
    (figure,) = find_figures(text)
    assert figure.value == number and text[figure.start : figure.end] == f"{symbol}{number:,}"


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=9))
def test_percentages_written_either_way_agree(whole, tenth):
    written = [find_figures(f"{whole}.{tenth}{sign} of people") for sign in ("%", " per cent", " percent")]
    assert {(f[0].value, f[0].unit) for f in written} == {(round(whole + tenth / 10, 10), "percent")}


NEWSY = st.text(alphabet=st.sampled_from(list("0123456789 ,.-£$%£:/\n\t'\"()•–") + list("abcdefmkpn ")), max_size=400)


@settings(max_examples=300, deadline=datetime.timedelta(seconds=2))
@given(st.one_of(st.text(max_size=400), NEWSY))
def test_arbitrary_text_never_breaks_the_regular_expressions(text):
    # The deadline guards against catastrophic backtracking, the one way a regex can hang on an article.
    for figure in find_figures(text):
        assert text[figure.start : figure.end] == figure.text
    for sentence in split_sentences(text):
        assert 0 <= sentence.start < sentence.end <= len(text)
    for expression in find_time_expressions(text):
        resolve(expression, "2025-11-12")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), NEWSY))
def test_arbitrary_text_never_crashes_the_extractor(extractor, text):
    for claim in extractor.claims(text, "2025-11-12"):
        assert text[claim["char_start"] : claim["char_end"]] == claim["figure_text"]


# --- issue #15: every way the grammar claims to read a number reads back to its value -------------------

FRACTIONS = {2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters"), 5: ("fifth", "fifths"),
             6: ("sixth", "sixths"), 8: ("eighth", "eighths"), 10: ("tenth", "tenths")}
BIG = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand")]


def below_a_thousand(number: int, british: bool) -> str:
    if number < 100:
        return in_words(number)  # hyphenated tens: "twenty-one"
    hundreds, rest = divmod(number, 100)
    return f"{WORDS[hundreds]} hundred" + (f"{' and' if british else ''} {in_words(rest)}" if rest else "")


def spelt(number: int, british: bool = True) -> str:
    """ "one million two hundred and six thousand and five" (British) or without the "and"s (American)."""
    if number < 1000:
        return below_a_thousand(number, british)
    parts = []
    for scale, name in BIG:
        count, number = divmod(number, scale)
        if count:
            parts.append(f"{spelt(count, british)} {name}")
    if number:
        parts.append(("and " if british and number < 100 else "") + below_a_thousand(number, british))
    return " ".join(parts)


def fraction_words(numerator: int, denominator: int, article: bool = False) -> str:
    singular, plural = FRACTIONS[denominator]
    if numerator == 1:
        return f"{'a' if article else 'one'} {singular}"
    return f"{WORDS[numerator]} {plural}"


PROPER = st.sampled_from(sorted(FRACTIONS)).flatmap(
    lambda denominator: st.tuples(st.integers(1, denominator - 1), st.just(denominator))
)


@given(st.integers(min_value=0, max_value=10**15 - 1), st.booleans())
def test_digits_with_or_without_thousands_commas_parse_back(number, commas):
    assert parse_number(f"{number:,}" if commas else str(number)) == number


@given(st.integers(min_value=0, max_value=10**15 - 1), st.booleans())
def test_spelt_numbers_with_or_without_british_and_parse_back(number, british):
    assert parse_number(spelt(number, british)) == number


@given(PROPER, st.booleans())
def test_fractions_parse_back(fraction, article):
    numerator, denominator = fraction
    assert parse_number(fraction_words(numerator, denominator, article)) == pytest.approx(numerator / denominator)


@given(st.integers(min_value=1, max_value=999), PROPER, st.booleans())
def test_mixed_numbers_parse_back(whole, fraction, british):
    numerator, denominator = fraction
    written = f"{spelt(whole, british)} and {fraction_words(numerator, denominator, article=True)}"
    assert parse_number(written) == pytest.approx(whole + numerator / denominator)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=99), st.sampled_from(sorted(SCALES)),
       st.sampled_from(["", "£", "$", "€"]))
def test_scaled_numbers_with_or_without_currency_read_back(whole, hundredths, scale, symbol):
    space = " " if len(scale) > 2 else ""
    written = f"{symbol}{whole}.{hundredths:02d}{space}{scale}"
    (figure,) = find_figures(f"The force spent {written} on it.")
    assert figure.text == written and figure.value == (whole * 100 + hundredths) * SCALES[scale] // 100


@given(PROPER, st.sampled_from(BIG), st.booleans())
def test_scaled_fractions_parse_back(fraction, scale, short):
    numerator, denominator = fraction
    value, name = scale
    written = f"{fraction_words(numerator, denominator, article=True)} of a {name}"  # "two thirds of a billion"
    if short and numerator == 1:  # "half a million", "a quarter million"
        written = f"half a {name}" if denominator == 2 else f"a {FRACTIONS[denominator][0]} {name}"
    assert parse_number(written) == pytest.approx(numerator * value / denominator)


@given(st.integers(min_value=1, max_value=999), PROPER, st.sampled_from(BIG))
def test_scaled_mixed_numbers_parse_back(whole, fraction, scale):
    numerator, denominator = fraction
    value, name = scale
    written = f"{spelt(whole)} and {fraction_words(numerator, denominator, article=True)} {name}"
    assert parse_number(written) == pytest.approx((whole + numerator / denominator) * value)


def test_the_placeholder_character_in_a_text_is_not_a_number():
    from claimwatch.nlp.figures import NUMBER, find_figures

    assert [f.value for f in find_figures(f"{NUMBER} police made 12 arrests {NUMBER}")] == [12]
