"""What a figure counts, read from the dependency parse: the noun the number modifies, that noun's modifiers,
and the words that govern it (the noun it is "of", the verbs above it and their subjects and objects).
The vocabulary and the conditions of each metric are in nlp/data/metrics.yml; the first entry that fits wins.
"""

import functools
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from nlp.resources import load

NOUNS = {"NOUN", "PROPN"}
MODIFIERS = {"amod", "compound", "nmod", "poss", "npadvmod"}
ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "attr", "acomp"}


@dataclass
class Evidence:
    noun: str | None  # lemma of the noun the figure counts, None when elided ("up from the current 30")
    lemmas: set[str] = field(default_factory=set)  # lowercase lemmas and words around it in the parse
    verb: str | None = None  # lemma of the verb governing the figure, to match parallel clauses


def metric_vocabulary() -> dict:
    return load("metrics")["metrics"]


def counted_noun(span: Span) -> Token | None:
    """The noun a figure counts: "2,000 arrests", "£50 million contract", "the current count of about 30",
    "1,700 police staff posts" (staff), "arrests pass 1,500" (arrests)."""
    noun = _direct_noun(span)
    generic = load("context")["generic_nouns"]
    if noun is not None and _lemma(noun) in generic:
        modifiers = [c for c in noun.children if c.dep_ == "compound" and c.pos_ in NOUNS]
        return modifiers[-1] if modifiers else (None if _lemma(noun) not in _vocabulary_nouns() else noun)
    if noun is None:
        noun = _noun_of_clause(span)
    return noun


@functools.cache
def _vocabulary_nouns() -> frozenset:
    return frozenset(noun for metric in metric_vocabulary().values() for noun in metric.get("nouns", []))


def _noun_of_clause(span: Span) -> Token | None:
    """A bare figure whose clause names what it counts: "arrests pass 1,500", "the number of officers fell
    to 32,800", "12 were false alerts"."""
    root = span.root
    verb = None
    if root.dep_ in ("dobj", "attr"):
        verb = root.head
    elif root.dep_ == "pobj" and root.head.dep_ in ("prep", "dative"):
        verb = root.head.head
    if verb is not None and _lemma(verb) in load("context")["level_verbs"]:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in NOUNS]
        if subjects:
            return _specific(subjects[0])
    if root.dep_ == "nsubj" and _lemma(root.head) == "be":
        attributes = [c for c in root.head.children if c.dep_ == "attr" and c.pos_ in NOUNS]
        return attributes[0] if attributes else None
    return None


def _specific(noun: Token) -> Token | None:
    """ "the number of officers" counts officers; a generic noun with nothing after it counts nothing."""
    if _lemma(noun) not in load("context")["generic_nouns"]:
        return noun
    for preposition in noun.children:
        if preposition.dep_ == "prep" and preposition.lower_ == "of":
            objects = [c for c in preposition.children if c.dep_ == "pobj" and c.pos_ in NOUNS]
            if objects:
                return objects[0]
    return None


def _direct_noun(span: Span) -> Token | None:
    anchor = _anchor(span)
    head = anchor.head
    if anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos") and head.pos_ in NOUNS:
        if head.i >= span.end or head.i < span.start:
            return head
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in NOUNS:
        return root.head.head
    return None


def evidence(span: Span) -> Evidence:
    """The words the parse ties to a figure: what it counts and what is said of that."""
    noun = counted_noun(span)
    start = noun if noun is not None else span.root
    lemmas: set[str] = set()
    if noun is not None:
        lemmas |= _phrase(noun)
        for child in noun.children:
            if child.dep_ == "conj":
                continue
            if child.dep_ == "prep":
                lemmas |= {_lemma(t) for t in child.subtree if t.pos_ in NOUNS | {"ADJ", "VERB"}}
    # "fell to 32,800" states the new level: the verb of change says nothing of what is counted.
    target_of = span.root.head.head if span.root.dep_ == "pobj" and span.root.head.lower_ == "to" else None
    for ancestor in start.ancestors:
        if target_of is None or ancestor.i != target_of.i:
            lemmas.add(_lemma(ancestor))
            lemmas.add(ancestor.lower_)
        if ancestor.pos_ in ("VERB", "AUX"):
            for child in ancestor.children:
                if child.dep_ in ARGUMENTS:
                    lemmas |= _phrase(child)
                elif child.dep_ in ("xcomp", "advcl") and child.pos_ == "VERB":  # "take four minutes to arrive"
                    lemmas.add(_lemma(child))
                elif child.dep_ == "prep":  # "agreed £3 million for the drone unit"
                    lemmas |= {_lemma(t) for t in child.children if t.dep_ == "pobj"}
                    lemmas |= {_lemma(t) for p in child.children if p.dep_ == "pobj" for t in p.children}
        if ancestor.pos_ in NOUNS:
            lemmas |= _phrase(ancestor)
    for child in span.root.children:  # "0.0003% of faces", "1 in 6,000 scans"
        if child.dep_ == "prep":
            lemmas |= {_lemma(t) for t in child.subtree}
    verb = next((t for t in start.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return Evidence(_lemma(noun) if noun is not None else None, lemmas, _lemma(verb) if verb is not None else None)


def choose_metric(figure_kind: str, found: Evidence, topics: set[str], planned: bool) -> str | None:
    """The first metric in the vocabulary whose conditions all hold, or None: not a claim."""
    for name, metric in metric_vocabulary().items():
        if figure_kind not in metric["figure_units"]:
            continue
        nouns = metric.get("nouns")
        if nouns and found.noun not in nouns:
            continue
        cues = metric.get("cues")
        if cues and not (found.lemmas & set(cues)):
            continue
        if metric.get("topic") and metric["topic"] not in topics:
            continue
        wanted = metric.get("status")
        if wanted == "planned" and not planned or wanted == "not_planned" and planned:
            continue
        return name
    return None


def _anchor(span: Span) -> Token:
    """The number word itself (the last numeric token of the figure)."""
    numbers = [t for t in span if t.like_num or t.tag_ == "CD"]
    return numbers[-1] if numbers else span.root


def _phrase(noun: Token) -> set[str]:
    """A noun with its modifiers: "false alerts", "support staff", "LFR usage", "response times"."""
    words = {_lemma(noun), noun.lower_}
    for child in noun.children:
        if child.dep_ in MODIFIERS:
            words |= {_lemma(t) for t in child.subtree} | {t.lower_ for t in child.subtree}
    return words


def _lemma(token: Token) -> str:
    return token.lemma_.lower()
