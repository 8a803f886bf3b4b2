"""Numbers as British and American news write them, read as one value each: the one grammar figures.py and
dates.py use.

    "one hundred and six" 106, "twenty-one trillion three hundred", "2,000", "1.5m", "£1.2bn" minus the £,
    "two thirds" 2/3, "a fifth", "half", "one and a half" 1.5, "five and a quarter", "a quarter of a million"
    250,000, "half a million", "one and a half million", "three million and a half", "half a dozen" 6,
    "three hundred and two dozens" 324, "two hundred point zero three", "minus five", "1/2".

A text is cut into tokens (digits, and the words of nlp/data/numbers.yml), runs of tokens with only spaces or
hyphens between them are read left to right, and each number is the longest prefix the grammar accepts; the
rest of the run is read again. "four two years ago" is two numbers, "3 hundred and 2 hundred" is 300 and 200.
"""

import functools
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from claimwatch.nlp.resources import alternation, load


@dataclass(frozen=True)
class Number:
    start: int  # character offsets in the text read
    end: int
    value: float
    proper_fraction: bool  # "two thirds", "a fifth", "1/2": a share, no whole part
    ratio: bool = False  # "1 in 6,000", "one out of three", "one over twenty": the share, as a number


@dataclass(frozen=True)
class _Token:
    kind: str  # digits, unit, tens, hundred, scale, dozen, fraction, ordinal, a, and, point, of, minus
    value: float
    start: int
    end: int
    plural: bool = False  # "thirds" (for a fraction); scaled digits ("1.5m") for digits


# --- vocabulary and the token pattern ------------------------------------------------------------------


@functools.cache
def _words() -> dict[str, tuple[str, float, bool]]:
    """Each number word, lower case: (kind, value, plural)."""
    data = load("numbers")
    words: dict[str, tuple[str, float, bool]] = {}
    for word, value in data["units"].items():
        words[word] = ("unit", value, False)
    for word, value in data["tens"].items():
        words[word] = ("tens", value, False)
    words["hundred"] = ("hundred", 100, False)
    for word, value in data["scales"].items():
        words[word] = ("scale", value, False)
    for word, singular in data["plural_scales"].items():  # "five hundreds": a scale, only after a number
        kind, value, _ = words[singular]
        words[word] = (kind, value, True)
    for word in data["dozens"]:
        words[word] = ("dozen", data["dozen"], False)
    for word, value in data["compound_ordinals"].items():
        words[word] = ("ordinal", value, word.endswith("s"))
    for word, (value, plural) in data["fractions"].items():
        words[word] = ("fraction", value, False)
        words[plural] = ("fraction", value, True)
    for word in ("a", "an"):
        words[word] = ("a", 1, False)
    words["and"] = ("and", 0, False)
    words["of"] = ("of", 0, False)
    words[data["decimal_point"]] = ("point", 0, False)
    for word in data["negative_words"]:
        words[word] = ("minus", 0, False)
    return words


@functools.cache
def _token_pattern() -> re.Pattern:
    data = load("numbers")
    short = alternation(data["short_scales"], flags_words_boundary=False)
    spaced_short = alternation(data["spaced_short_scales"], flags_words_boundary=False)
    capital = alternation(data["capital_scales"], flags_words_boundary=False)
    unspaced_capital = alternation(data["unspaced_capital_scales"], flags_words_boundary=False)
    digits = (
        r"(?:\d{1,3}(?:,\d{3})+"  # 2,000
        r"|\d{1,2}(?:,\d{2})+,\d{3}"  # 12,34,567 (Indian grouping)
        r"|[1-9]\d{0,2}(?:[ \u202f\u2009\u00a0]\d{3})+(?!\d)"  # 40 000, 1 414 021 100
        r"|\d+)(?:\.\d+)?"
    )
    slash = r"(?P<numerator>\d{1,3})/(?P<denominator>\d{1,3}(?:,\d{3})*)(?![/\d]|,\d)"  # "1/470,000" too
    vulgar = "[" + "".join(load("numbers")["vulgar_fractions"]) + "]"
    word = rf"(?<!\w)(?:{alternation(_words(), flags_words_boundary=False)})(?!\w)"
    codes = "|".join(load("numbers")["currency_codes"])  # three capitals each (the schema): a fixed-width lookbehind
    return re.compile(
        rf"(?:(?<![\w.,/])|(?<=(?-i:\b(?:{codes}))))(?:{slash}|(?P<digits>{digits})"  # "GBP72 million" too
        rf"(?:(?P<short>{short})|\s+(?P<spaced>{spaced_short})"
        rf"|(?P<capital>(?-i:\s+{capital}|{unspaced_capital})))?(?!\w))"
        rf"|(?P<word>{word})|(?P<vulgar>{vulgar})",
        re.IGNORECASE,
    )


def _tokens(text: str) -> list[_Token]:
    tokens = []
    scales = {**load("numbers")["short_scales"]}
    capitals = load("numbers")["capital_scales"]
    for match in _token_pattern().finditer(text):
        start, end = match.span()
        if match.group("vulgar"):  # "⅔"
            tokens.append(_Token("slash", load("numbers")["vulgar_fractions"][match.group("vulgar")], start, end))
        elif match.group("word"):
            kind, value, plural = _words()[match.group("word").lower()]
            tokens.append(_Token(kind, value, start, end, plural))
        elif match.group("numerator"):
            numerator, denominator = int(match.group("numerator")), int(match.group("denominator").replace(",", ""))
            if 0 < numerator < denominator:  # "1/2"; "24/7" and dates are no fraction
                tokens.append(_Token("slash", numerator / denominator, start, end))
        else:
            written = re.sub(r"[,\s\u202f\u2009\u00a0]", "", match.group("digits"))
            scale = (match.group("short") or match.group("spaced") or "").lower()
            capital = (match.group("capital") or "").strip()
            factor = capitals[capital] if capital else scales.get(scale, 1)
            scale = scale or capital
            value = Decimal(written) * Decimal(factor)  # exact: 256.1m is 256100000
            tokens.append(_Token("digits", tidy(float(value)), start, end, plural=bool(scale)))
    return tokens


# --- the grammar ---------------------------------------------------------------------------------------


def find_numbers(text: str) -> list[Number]:
    """Every number in `text`, in order, each as long as the grammar allows."""
    tokens = _tokens(text)
    numbers = []
    position = 0
    while position < len(tokens):
        run_end = position + 1
        while run_end < len(tokens) and _joined(text, tokens[run_end - 1], tokens[run_end]):
            run_end += 1
        found = _read(tokens[position:run_end], text)
        if found is None:
            position += 1
            continue
        number, used = found
        if math.isfinite(number.value):
            numbers.append(number)
        position += used
    return _ratios(text, numbers)


def _ratios(text: str, numbers: list[Number]) -> list[Number]:
    """ "1 in 6,000", "one in every 20", "two out of five hundred", "one over three" as one number, the share;
    only when the first is the smaller ("8 in 5" is two numbers) and the second no year ("30 in 2024"). A
    quotient ("2000 over 3") is one number only where the second ends the phrase: "£2000 over 3 years" is two."""
    joined: list[Number] = []
    words = alternation(load("numbers")["ratio_words"], flags_words_boundary=False)
    for number in numbers:
        if joined:
            first = joined[-1]
            between = text[first.end : number.start]
            written = text[number.start : number.end]
            year = re.fullmatch(r"(?:1[89]|20)\d\d", written)
            smaller = first.value < number.value or re.fullmatch(r"\s+over\s+", between, re.I) and _ends(text, number)
            # "one false alert for every 6,000 faces": the share, the thing counted between its two numbers
            every = re.fullmatch(r"\s+(?:[a-z-]+\s+){1,3}(?:for|in)\s+every\s+", between, re.I)
            if (re.fullmatch(rf"\s+{words}\s+", between, re.I) or every) and not year and smaller:
                if not first.ratio and not number.ratio and number.value:
                    joined[-1] = Number(first.start, number.end, tidy(first.value / number.value), False, True)
                    continue
        joined.append(number)
    return joined


def _ends(text: str, number: Number) -> bool:
    """Nothing but punctuation or the end of the text after `number`."""
    return bool(re.match(r"\s*(?:[.,;:!?)]|$)", text[number.end :]))


def _joined(text: str, before: _Token, after: _Token) -> bool:
    """Two tokens of one run: only spaces or a hyphen between them."""
    return bool(re.fullmatch(r"\s*-?\s*", text[before.end : after.start]))


def parse_number(written: str) -> float:
    """The value of a number written alone ("2,000", "twenty-five", "a quarter of a million"); ValueError
    naming the text when it is not one number."""
    stripped = written.strip()
    numbers = find_numbers(stripped)
    if len(numbers) != 1 or numbers[0].start != 0 or numbers[0].end != len(stripped):
        raise ValueError(f"not a number: {written!r}")
    return numbers[0].value


@functools.cache
def count_pattern() -> str:
    """A regular expression, without groups, for a count as a span of time states it ("twenty-five years ago",
    "the next eighteen months", "two and a half years", "12 months"): digits, or a run of the grammar's words
    joined by spaces or hyphens. The run may hold more than one number ("four two years ago"): `last_number`
    reads it."""
    skip = ("point", "minus", "of", "ordinal", "a")  # "a" only before another word: "a hundred", "and a half"
    word = alternation([w for w, (kind, _, _) in _words().items() if kind not in skip], flags_words_boundary=False)
    article = alternation([w for w, (kind, _, _) in _words().items() if kind == "a"], flags_words_boundary=False)
    word = rf"(?:{article}\s+)?{word}(?!\w)"
    return rf"(?<![\w-])(?:\d+(?:\.\d+)?(?!\w)|{word}(?:(?:\s+|\s*-\s*){word})*)"


def last_number(written: str) -> Number | None:
    """The last number the grammar reads in `written` ("four two": the two), None if there is none ("a")."""
    found = find_numbers(written)
    return found[-1] if found else None


def _read(tokens: list[_Token], text: str) -> tuple[Number, int] | None:
    """The longest number at the start of `tokens`, and how many tokens it used; None if none starts there."""
    return _Reader(tokens, text).read()


class _Reader:
    """Left to right over a run of tokens, keeping the last point at which the words so far are a number.

    A number is a whole part (units, tens, hundred, scales in falling order, British "and" after a hundred or
    a scale, digits where a word could stand), then optionally a fraction: a proper one after "and" ("and a
    half", "and three quarters"), or a denominator over everything before it ("two thirds", "one hundred and
    thirty fifths"); a fraction may be scaled in turn ("half a million", "a quarter of a million", "one and a
    half million", "half a dozen")."""

    def __init__(self, tokens: list[_Token], text: str):
        self.tokens, self.text = tokens, text
        self.total = 0.0  # finished scale groups: the "two thousand" of "two thousand four hundred"
        self.hundreds = 0.0  # of the group being read
        self.small = 0.0  # units, tens or digits of the group being read
        self.last: str | None = None  # the kind of the last token taken
        self.last_scale = math.inf
        self.best: tuple[float, int, bool] | None = None
        self.before_small: tuple[float, int, bool] | None = None  # `best` before the small number being read

    @property
    def whole(self) -> float:
        return self.total + self.hundreds + self.small

    def read(self) -> tuple[Number, int] | None:
        tokens, index, sign = self.tokens, 0, 1
        if tokens[0].kind == "minus":
            index, sign = 1, -1
        elif tokens[0].kind == "digits" and re.search(r"(?:^|[<>=(\[])\s*-\s*$", self.text[: tokens[0].start]):
            sign = -1  # "<-30", "- 10k"; never the dash of "1000 - 5000" or "SCP-173"
        while index < len(tokens):
            index = self._take(index)
            if index is None:
                break
        if self.best is None:
            return None
        value, used, proper = self.best
        start = tokens[0].start
        if sign < 0 and tokens[0].kind == "digits":
            start = self.text.rindex("-", 0, start)
        return Number(start, tokens[used - 1].end, tidy(sign * value), proper), used

    def _mark(self, used: int, value: float | None = None, proper: bool = False) -> None:
        self.best = (self.whole if value is None else value, used, proper)

    def _after(self, index: int) -> _Token | None:
        return self.tokens[index] if index < len(self.tokens) else None

    def _take(self, index: int) -> int | None:
        """Take the token at `index` (and any it needs after it); the index to read on from, or None to stop."""
        token = self.tokens[index]
        kind = token.kind
        if kind == "slash":
            if self.last is None:
                self._mark(index + 1, token.value, proper=True)
            return None
        if kind in ("unit", "tens", "digits"):
            return self._number_word(index)
        if kind in ("hundred", "scale") and token.plural:
            return self._plural_scale(index)
        if kind == "hundred":
            if self.hundreds or self.small >= 100 and self.last != "digits":
                self.best = self.before_small if self.last in ("unit", "tens", "digits") else self.best
                return None
            self.hundreds, self.small, self.last = (self.small or 1) * 100, 0, "hundred"
            self._mark(index + 1)
            return index + 1
        if kind == "scale":
            if self.last == "scale" and token.value > self.last_scale:  # "three lakh crore", "a thousand million"
                self.total *= token.value
                self.last_scale = token.value
                self._mark(index + 1)
                return index + 1
            if token.value >= self.last_scale or self.last == "digits" and self.tokens[index - 1].plural:
                self.best = self.before_small if self.last in ("unit", "tens", "digits") else self.best
                return None
            self.total += (self.hundreds + self.small or 1) * token.value
            self.hundreds = self.small = 0
            self.last, self.last_scale = "scale", token.value
            self._mark(index + 1)
            return index + 1
        if kind == "dozen":
            if self.last is None:
                return None  # "dozens" alone is vague ("dozens of"), read by figures.py
            self.small, self.last = (self.small or 1) * token.value, "dozen"
            self._mark(index + 1)
            return index + 1
        if kind == "and":
            return self._and(index)
        if kind == "point" and self.last in ("unit", "tens", "hundred", "scale"):
            return self._decimals(index)
        if kind == "a" and self.last is None:
            return self._a(index)
        if kind == "fraction":
            return self._denominator(index)
        return None

    def _number_word(self, index: int) -> int | None:
        token, after = self.tokens[index], self._after(index + 1)
        kind, last = token.kind, self.last
        if kind == "digits" and (last not in (None, "scale", "hundred", "and") or token.plural and last is not None):
            return None  # "4000 3 hundred": two numbers
        if kind == "tens" and last in ("unit", "tens", "hundred", "scale", "a") and after is not None:
            if after.kind in ("ordinal", "fraction") and not (after.kind == "fraction" and after.value >= 10):
                return self._denominator(index)  # "one hundred thirty-fifths", "three twenty-firsts"
        if kind == "unit" and last in ("unit", "hundred", "scale") and self.whole:
            denominator = self._scaled_ordinal(index)
            if denominator is not None:  # "one one hundred fifth" 1/105, "one hundred one thousand fifths" 100/1005
                return self._over(*denominator)
        if kind in ("unit", "tens") and last in ("unit", "digits", "dozen") or kind == "tens" and last == "tens":
            return None  # "four two"
        if kind == "unit" and (last == "tens" and token.value >= 10 or token.value == 0 and last is not None):
            return None  # "twenty eleven"; "4 thousand 3 hundred and 0": zero never joins
        if last is None and self._is_pronoun(token):
            return None  # "the one you mentioned", "which one"
        if last in ("hundred", "scale", "and", None):
            self.before_small = self.best
        self.small += token.value
        self.last = kind
        self._mark(index + 1)
        return index + 1

    def _scaled_ordinal(self, index: int) -> tuple[float, bool, int] | None:
        """A compound ordinal from `index` that ends a run: a unit, a hundred or scale, "and" maybe, and an
        ordinal fraction word ("one hundred and fifth" 105, "one thousand fifths" 1005): (value, plural, the
        index after it); None otherwise."""
        at = index + 1
        scale = self._after(at)
        if scale is None or scale.kind not in ("hundred", "scale") or scale.plural:
            return None
        at += 1
        if (token := self._after(at)) is not None and token.kind == "and":
            at += 1
        ordinal = self._after(at)
        if ordinal is None or ordinal.kind != "fraction" or self._after(at + 1) is not None:
            return None
        if self.text[ordinal.start : ordinal.end].lower() in load("numbers")["not_ordinals"]:
            return None
        return self.tokens[index].value * scale.value + ordinal.value, ordinal.plural, at + 1

    def _over(self, denominator: float, plural: bool, end: int) -> None:
        """The number read so far over `denominator`: "one one hundred fifth", a singular only over one."""
        if not plural and self.whole != 1:
            return None
        share = self.whole / denominator
        self.last = "fraction"
        self._mark(end, share, share < 1)
        return None

    def _plural_scale(self, index: int) -> None:
        """ "five hundreds", "two thousands": the scale, closing a number that has a count before it; "hundreds"
        alone is vague ("hundreds of"), read by figures.py."""
        token = self.tokens[index]
        if self.last not in ("unit", "tens", "digits", "hundred") or self.tokens[index - 1].plural:
            return None
        if token.kind == "hundred" and (self.hundreds or self.small >= 100 and self.last != "digits"):
            return None
        if token.kind == "scale" and token.value >= self.last_scale:
            return None
        if token.kind == "hundred":
            self.hundreds, self.small = self.small * 100, 0
        else:
            self.total, self.hundreds, self.small = self.total + (self.hundreds + self.small) * token.value, 0, 0
        self.last = token.kind
        self._mark(index + 1)
        return None

    def _a(self, index: int) -> int | None:
        """ "a hundred", "a million", "a dozen", "a fifth", "a twenty-first"."""
        after, then = self._after(index + 1), self._after(index + 2)
        if after is None:
            return None
        self.small, self.last = 1, "a"
        if after.kind in ("hundred", "scale", "dozen"):
            return index + 1
        if after.kind == "fraction" and not after.plural:
            return self._denominator(index + 1)
        if after.kind == "tens" and then is not None and then.kind in ("ordinal", "fraction"):
            return self._denominator(index + 1)
        return None

    def _and(self, index: int) -> int | None:
        """British "and": after a hundred or a scale before more of the number ("one hundred and six"), or
        before a proper fraction ("one and a half", "twenty and three fifths", "three million and a quarter",
        "one billion and three quarters million")."""
        after = self._after(index + 1)
        if after is None or self.last is None or self.last in ("and", "fraction", "a"):
            return None
        if after.kind in ("unit", "tens", "digits") and after.value == 0:
            return None
        numerator, at = self._numerator(index + 1)
        denominator = self._after(at)
        if numerator is not None and denominator is not None and denominator.kind == "fraction":
            if numerator < denominator.value and (numerator == 1 or denominator.plural):
                share = numerator / denominator.value
                scale = self._after(at + 1)
                if scale is not None and scale.kind == "scale" and scale.value < self.last_scale:
                    if self.total:  # "one billion and three quarters million"
                        self._mark(at + 2, self.whole + share * scale.value)
                    else:  # "one and a half million"
                        self._mark(at + 2, (self.whole + share) * scale.value)
                elif self.last == "scale":  # "three million and a half": half a million
                    self._mark(at + 1, self.whole + share * self.last_scale)
                else:
                    self._mark(at + 1, self.whole + share)
                return None
        if self.last in ("hundred", "scale") and after.kind in ("unit", "tens", "digits"):
            self.last = "and"
            return index + 1
        then = self._after(index + 2)
        if self.last == "tens" and after.kind == "unit" and after.value < 10 and (then is None or then.kind == "and"):
            self.small += after.value  # "twenty and three": the old "four and twenty"; not "forty and five hundred"
            self.last = "unit"
            self._mark(index + 2)
            return index + 2
        return None

    def _numerator(self, index: int) -> tuple[float | None, int]:
        """A small numerator at `index` ("a", "one", "three", "twenty-one"): its value and the index after it."""
        first, second = self._after(index), self._after(index + 1)
        if first is None:
            return None, index
        if first.kind == "a":
            return 1, index + 1
        if first.kind not in ("unit", "tens"):
            return None, index
        if first.kind == "tens" and second is not None and second.kind == "unit" and second.value < 10:
            return first.value + second.value, index + 2
        return first.value, index + 1

    def _decimals(self, index: int) -> int | None:
        """ "two hundred point zero three", "nine point nought four", "point seventy-one"."""
        digits, at = "", index + 1
        while (token := self._after(at)) is not None and token.kind in ("unit", "tens"):
            after = self._after(at + 1)
            if token.kind == "tens" and after is not None and after.kind == "unit" and after.value < 10:
                digits, at = digits + str(int(token.value + after.value)), at + 2
            else:
                digits, at = digits + str(int(token.value)), at + 1
        if digits:
            self._mark(at, self.whole + float(Decimal("0." + digits)))
        return None

    def _denominator(self, index: int) -> int | None:
        """The fraction word at `index`, or a compound "twenty-fifth" starting there, over the number before it
        ("two thirds", "a fifth", "one hundred and thirty fifths"), or alone ("half", "quarter million")."""
        token, after = self.tokens[index], self._after(index + 1)
        if token.kind == "tens":
            denominator, plural, end = token.value + after.value, after.plural, index + 2
        else:
            denominator, plural, end = token.value, token.plural, index + 1
        numerator = self.whole
        if self.last is None:  # a fraction word alone
            if not self._bare_fraction_allowed(token, self._after(end)):
                return None
            numerator = 1
        elif self.last == "digits" or numerator != 1 and not plural:
            return None  # "100 millionths", "two millionth": ordinals, not fractions
        if not plural and self.last is not None and not self._ends_a_fraction(end):
            return None  # "a third van" is the third; "a third of the vans" a share
        share = numerator / denominator
        self.total, self.hundreds, self.small, self.last = share, 0, 0, "fraction"
        self._mark(end, share, share < 1)
        return self._scaled_fraction(end, share)

    def _ends_a_fraction(self, index: int) -> bool:
        after = self.text[self.tokens[index - 1].end :]
        following = self._after(index)
        if following is not None and following.kind in ("of", "a", "scale", "dozen"):
            return True
        return not re.match(r"[\s-]*(?!(?:and|or|but|than|to|in)\b)[a-z]", after, re.IGNORECASE)

    def _bare_fraction_allowed(self, token: _Token, after: _Token | None) -> bool:
        if token.kind != "fraction" or token.plural or self._is_pronoun(token):
            return False
        if token.value == 2:  # "half", "more than half people"; not "half-hearted"
            return not re.match(r"-[a-z]", self.text[token.end :], re.IGNORECASE)
        return after is not None and after.kind == "scale"  # "quarter million"

    def _scaled_fraction(self, index: int, share: float) -> None:
        """ "half a million", "a quarter of a million", "two thirds of a billion", "half a dozen", "half million"."""
        at = index
        if (token := self._after(at)) is not None and token.kind == "of":
            at += 1
        if (token := self._after(at)) is not None and token.kind == "a":
            at += 1
        token = self._after(at)
        if token is not None and token.kind in ("scale", "dozen") and (at > index or token.kind == "scale"):
            self._mark(at + 1, share * token.value)
        return None

    def _is_pronoun(self, token: _Token) -> bool:
        """ "the one you mentioned", "which one", "the first half": a word that names, not counts."""
        if not (token.kind == "unit" and token.value == 1 or token.kind == "fraction"):
            return False
        before = re.findall(r"[a-z]+", self.text[max(0, token.start - 20) : token.start].lower())
        return bool(before) and before[-1] in load("numbers")["not_numbers_after"]


def three_figures(value: float) -> float:
    """A share or rate a figure gives as a division ("1 in 6,000", "1/470,000", "two thirds", "70 seconds" in
    minutes), to three significant figures unless it is whole, as the contract writes it ("1 in 6,000" is
    0.000167): the claim then equals the same share written out ("0.0167%"). Numbers themselves stay exact."""
    exact = tidy(value)
    if float(exact).is_integer():
        return exact
    written = Decimal(repr(exact))  # half up, as a reader rounds: 11.25 is 11.3, not binary float's 11.2
    return tidy(float(written.quantize(Decimal(1).scaleb(written.adjusted() - 2), rounding=ROUND_HALF_UP)))


def tidy(value: float) -> float:
    """Whole numbers as int (exactly: "one trillion one" is 1000000000001), the rest rounded off float noise;
    the one rounding of numbers.py and figures.py (durations, frequencies, computed levels)."""
    if math.isfinite(value) and float(value).is_integer():
        return int(value)
    value = float(f"{value:.12g}")  # twelve significant digits: "a trillionth" stays 1e-12
    return int(value) if value.is_integer() else value
