"""From figures to claims: metric, status, subject, denominator and time scope of each figure of a doc.

The `claimwatch_claims` component reads doc._.figures (figures.py) and two facts the Extractor sets on each
doc before the pipeline runs: doc._.topics (what the sentence, or the one before it, is about) and
doc._.published (the article's publication date). It sets doc._.claims, offsets relative to the doc.
"""

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp import dates, metrics
from nlp.figures import Figure
from nlp.resources import alternation, load

for _name in ("claims", "topics", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("claimwatch_claims", default_config={"default_subject": "Metropolitan Police"})
def make_claims(nlp: Language, name: str, default_subject: str):
    return ClaimMaker(default_subject)


class ClaimMaker:
    def __init__(self, default_subject: str):
        self.default_subject = default_subject

    def __call__(self, doc: Doc) -> Doc:
        figures = [Figure(**figure) for figure in doc._.figures or []]
        spans = [doc.char_span(f.start, f.end, alignment_mode="expand") for f in figures]
        found = [metrics.evidence(span) for span in spans]
        _borrow_elided_nouns(figures, found)
        scopes = dates.find_time_expressions(doc.text)
        doc._.claims = []
        for figure, span, evidence in zip(figures, spans, found, strict=True):
            scope = _scope_of(doc, span, scopes)
            if figure.role == "from" and scope is not None and scope.kind == "by":
                scope = None  # "from 2 to 10 a week by 2026": the date belongs to the target
            status = _status(doc, figure, span, scope)
            topics = set(doc._.topics or ())
            figure.metric = metrics.choose_metric(figure.kind, evidence, topics, status == "planned")
            if figure.metric is not None and _is_increment(doc, figure):
                figure.metric = None
            if figure.metric is None:
                continue
            doc._.claims.append(self._claim(doc, figure, span, scope, status))
        doc._.figures = [figure.as_dict() for figure in figures]
        return doc

    def _claim(self, doc: Doc, figure: Figure, span: Span, scope, status: str) -> dict:
        metric = metrics.metric_vocabulary()[figure.metric]
        value, value_high, unit = _in_metric_unit(figure, metric["unit"])
        verb = _lemma(span.root.head) if span.root.dep_ in ("dobj", "attr") else None
        context = load("context")
        running = verb in context["running_total_verbs"]
        running = running or status == "current" and _is_perfect(span)  # "has led to 700 arrests"
        if metric["kind"] == "flow" and status in ("current", "past") and (running or _is_running_total(doc, scope)):
            status = "cumulative"
        if figure.qualifier == "exact" and verb in context["at_least_verbs"]:
            figure.qualifier = "at_least"  # "arrests pass 1,500"
        if metric["kind"] == "amount" and status == "past" and scope is None:
            status = "current"  # "Khan blocked a £50 million contract": the contract's value has not changed
        start, end = dates.resolve(scope, doc._.published) if scope else (None, None)
        return {
            "metric": figure.metric,
            "subject": _subject(doc, span) or self.default_subject,
            "value": value,
            "value_high": value_high,
            "unit": unit,
            "qualifier": figure.qualifier,
            "status": status,
            "denominator": _denominator(doc, figure, span),
            "time_scope": {"text": scope.text if scope else None, "start": start, "end": end},
            "figure_text": figure.text,
            "sentence": doc.text.strip(),
            "char_start": figure.start,
            "char_end": figure.end,
        }


def _is_increment(doc: Doc, figure: Figure) -> bool:
    """ "10 more vans" changes a level; it is not the level (flows such as "a further 600" stay claims)."""
    context = load("context")
    after = doc.text[figure.end :]
    difference = re.match(r"\s+(?:\w+\s+)?(\w+)\s+(?:than|on)\b", after)
    if difference and difference.group(1).lower() in context["difference_words"]:
        return True  # "2,000 fewer than in 2023", "up 15% on last year"
    if metrics.metric_vocabulary()[figure.metric]["kind"] != "stock":
        return False
    following = re.match(r"\s+(\w+)", after)
    return bool(following and following.group(1).lower() in context["increment_words"])


def _borrow_elided_nouns(figures: list[Figure], found: list[metrics.Evidence]) -> None:
    """ "500 new drones, up from the current 30": the 30 counts drones too. A figure with no noun of its own
    takes one when it is an end of a change, a generic total, or the object of a parallel clause ("Essex
    flies 40 drones, while the Met flies 18"); the donor is the sentence's leading figure of the same kind."""
    with_noun = [index for index, evidence in enumerate(found) if evidence.noun is not None]
    for figure, evidence in zip(figures, found, strict=True):
        if evidence.noun is not None or not with_noun:
            continue
        same_kind = [other for other in with_noun if figures[other].kind == figure.kind]
        parallel = [other for other in same_kind if evidence.verb and found[other].verb == evidence.verb]
        if figure.role is None and not _is_generic_total(evidence) and not parallel:
            continue
        donor = found[(parallel or same_kind or with_noun)[0]]
        evidence.noun = donor.noun
        evidence.lemmas |= donor.lemmas


def _is_generic_total(evidence: metrics.Evidence) -> bool:
    """ "bringing the total to 20": a total of whatever the sentence counts."""
    return bool(evidence.lemmas & set(load("context")["generic_nouns"]))


# --- status -------------------------------------------------------------------------------------------


def _status(doc: Doc, figure: Figure, span: Span, scope) -> str:
    cues = load("context")["status"]
    own = {t.lower_ for t in _own_words(span)}
    if own & set(cues["current_words"]):
        return "current"
    if own & set(cues["planned_words"]):
        return "planned"
    governing = _governing_status(span)
    if figure.role == "from":
        return "current" if governing == "planned" else "past"
    if scope is not None and scope.kind == "by" and doc._.published:
        _, end = dates.resolve(scope, doc._.published)
        if end and end > doc._.published[:10]:
            return "planned"
    return governing


def _own_words(span: Span) -> list[Token]:
    """Words of the figure's own noun phrase: "the current 30", "to potentially ten", "the current count of
    approximately 30"."""
    anchor = metrics._anchor(span)
    words = list(anchor.children) + list(span.root.children) + list(span)
    noun = metrics.counted_noun(span)
    if noun is not None:
        words += list(noun.children)
    if span.root.dep_ == "pobj" and span.root.head.lower_ in ("from", "to"):
        words += [t for t in span.root.head.children if t.i < span.start]
    return words


def _governing_status(span: Span) -> str:
    """planned when a plan or a modal governs the figure's clause; past for a simple past tense; else
    current. Reporting verbs ("said", "reported") do not set the tense of what they report."""
    cues = load("context")["status"]
    verb = _clause_verb(span)
    if verb is None:
        return "current"
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "conj", "ccomp") and chain[-1].head.i != chain[-1].i:
        if chain[-1].dep_ == "ccomp" and _lemma(chain[-1].head) in cues["reporting_verbs"]:
            break
        chain.append(chain[-1].head)
    top = chain[-1]
    if top.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in top.children) and top.dep_ == "ROOT":
        return "planned"  # headline style: "Met to install cameras"
    for token in chain:
        if _lemma(token) in cues["planned_heads"]:
            return "planned"
        if _lemma(token) in cues["planned_with_to"] and any(c.dep_ == "xcomp" for c in token.children):
            return "planned"
        if any(child.lower_ in cues["modal_words"] for child in token.children if child.dep_ in ("aux", "auxpass")):
            return "planned"
    for ancestor in span.root.ancestors:  # "the Met's plans for 500 drones", "a target of 20 vans"
        if ancestor.pos_ == "NOUN" and _lemma(ancestor) in cues["planned_heads"]:
            return "planned"
        if ancestor.i == verb.i:
            break
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if verb.dep_ == "ccomp" and _lemma(verb.head) in cues["reporting_verbs"] and verb.head.tag_ == "VBD":
        return "current"  # "said the rate was ...": the tense follows the reporting verb
    if verb.tag_ == "VBD" and not auxiliaries or any(a.lower_ == "had" for a in auxiliaries):
        return "past"
    if any(a.tag_ == "VBD" for a in auxiliaries) and not any(a.lower_ == "have" for a in auxiliaries):
        return "past"
    return "current"


def _is_perfect(span: Span) -> bool:
    verb = _clause_verb(span)
    return verb is not None and verb.tag_ == "VBN" and any(c.lower_ in ("has", "have") for c in verb.children)


def _clause_verb(span: Span) -> Token | None:
    for token in [span.root, *span.root.ancestors]:
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            return token
    return None


@functools.cache
def _running_total() -> re.Pattern:
    return re.compile(alternation(load("context")["status"]["cumulative_words"]), re.IGNORECASE)


def _is_running_total(doc: Doc, scope) -> bool:
    """A flow counted over a stated period ("since early 2024", "in the 12 months to ...", "so far")."""
    return scope is not None and scope.kind != "by" or bool(_running_total().search(doc.text))


# --- time scope, subject, denominator ------------------------------------------------------------------


def _scope_of(doc: Doc, span: Span, scopes: list):
    """The time expression attached, in the parse, to the figure's own clause ("last month, the Met said it
    now has 34 drones": "last month" belongs to "said", not to the 34)."""
    path = {t.i for t in _clause_path(span)}
    attached = []
    for scope in scopes:
        scope_span = doc.char_span(scope.start, scope.end, alignment_mode="expand")
        if scope_span is not None and scope_span.root.head.i in path:
            attached.append(scope)
    return min(attached, key=lambda s: abs(s.start - span.start_char)) if attached else None


def _clause_path(span: Span) -> list[Token]:
    """The figure, the words above it up to its verb, and the verbs that verb completes ("aims to buy")."""
    path = [span.root]
    for token in span.root.ancestors:
        path.append(token)
        if token.pos_ in ("VERB", "AUX"):
            break
    while path[-1].dep_ in ("xcomp", "conj") and path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


@functools.cache
def _subject_pattern() -> tuple[re.Pattern, dict]:
    names = {alias: entry["name"] for entry in load("subjects") for alias in entry["aliases"]}
    return re.compile(alternation(names)), names


def _subject(doc: Doc, span: Span) -> str | None:
    """The body nearest the figure in the parse tree ("South Wales Police has scanned 500,000 faces")."""
    pattern, names = _subject_pattern()
    best = None
    clause = _subject_clause(span)
    for match in pattern.finditer(doc.text):
        mention = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if mention is None or _is_source(mention) or not (clause.left_edge.i <= mention.root.i <= clause.right_edge.i):
            continue
        distance = _tree_distance(mention.root, span.root)
        if best is None or distance < best[0]:
            best = (distance, names[match.group(0)])
    return best[1] if best else None


def _subject_clause(span: Span) -> Token:
    """The clause a figure belongs to: its verb, or the verb it shares a subject with ("X has used ... and
    made 58 arrests")."""
    verb = _clause_verb(span)
    if verb is None:
        return span.root.sent.root
    while verb.head.i != verb.i and (
        verb.dep_ == "conj"
        and not any(c.dep_.startswith("nsubj") for c in verb.children)
        or verb.dep_ in ("ccomp", "conj")
        and _has_pronoun_subject(verb)
    ):
        verb = verb.head  # "West Midlands Police said it had scanned ...": "it" is the force
    return verb


def _has_pronoun_subject(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_.startswith("nsubj"):
            return child.tag_ == "PRP" or any(c.tag_ == "PRP$" for c in child.children)
    return False


def _is_source(mention: Span) -> bool:
    """ "according to the Home Office": who says it, not whom it is about."""
    return any(t.lower_ == "according" for t in mention.root.ancestors)


def _tree_distance(a: Token, b: Token) -> int:
    a_path = [a, *a.ancestors]
    b_path = [b, *b.ancestors]
    b_index = {t.i: depth for depth, t in enumerate(b_path)}
    for depth, token in enumerate(a_path):
        if token.i in b_index:
            return depth + b_index[token.i]
    return len(a_path) + len(b_path)


def _denominator(doc: Doc, figure: Figure, span: Span) -> str | None:
    """What a rate or share is per: "0.0003% of faces scanned" -> faces_scanned, "per week" -> week."""
    if figure.kind == "per_week":
        return "week"
    if figure.kind not in ("percent", "ratio"):
        return None
    names = load("metrics")["denominators"]
    for token in doc[span.end : span.end + 5]:
        if token.pos_ in metrics.NOUNS and token.lower_ not in ("%", "cent"):
            return names.get(_lemma(token))
        if token.is_punct or token.pos_ == "VERB":
            break
    return None


def _in_metric_unit(figure: Figure, unit: str) -> tuple[float, float | None, str]:
    """Values in the metric's unit: a percent of a ratio metric is divided by 100; other currencies keep
    their code."""
    value, high = figure.value, figure.value_high
    if unit == "ratio" and figure.unit == "percent":
        value, high = value / 100, high / 100 if high is not None else None
        return round(value, 12), round(high, 12) if high is not None else None, "ratio"
    if unit == "GBP":
        return value, high, figure.unit
    return value, high, unit


def _lemma(token: Token) -> str:
    return token.lemma_.lower()
