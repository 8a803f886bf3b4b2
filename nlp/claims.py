"""From figures to claims: metric, status, subject, denominator and time scope of each figure of a doc.

The `claimwatch_claims` component reads doc._.figures (figures.py) and what the Extractor sets on each doc
before the pipeline runs: doc._.topics (what the sentence, or the one before it, is about) and
doc._.published (the article's publication date), doc._.previous, the text of the sentence before it, for what
the sentence leaves out ("buy 40 more", "in that period"), doc._.before, the article up to it, for a day named
further back ("the same day"), and doc._.article_subjects, the bodies the article is about. It sets
doc._.claims, offsets relative to the doc.
"""

import functools
import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimwatch.nlp import dates, metrics, numbers, status, subjects
from claimwatch.nlp.figures import Figure
from claimwatch.nlp.resources import alternation, load
from claimwatch.topics import technologies_in

# Dependencies that make a word a noun or modifier, however the tagger read it.
NOUN_ROLES = ("amod", "dobj", "nsubj", "nsubjpass", "pobj", "attr", "compound")

for _name in ("claims", "skipped", "scored", "topics", "topics_from_article", "published", "previous", "before",
              "article_subjects", "supplier_story", "headline_end"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def text_of(doc: Doc) -> str:
    """The sentence's text, joined from its tokens once: the rules below read it for every figure."""
    text = doc.user_data.get("claimwatch_text")
    if text is None:
        text = doc.user_data["claimwatch_text"] = doc.text
    return text


def _mentions_of(doc: Doc) -> list:
    """The bodies the sentence names, read once: each of its figures asks for them."""
    found = doc.user_data.get("claimwatch_mentions")
    if found is None:
        found = doc.user_data["claimwatch_mentions"] = subjects.mentions(text_of(doc))
    return found


def _places_of(doc: Doc) -> list:
    """The places at home the sentence names, read once like its bodies."""
    found = doc.user_data.get("claimwatch_places")
    if found is None:
        found = doc.user_data["claimwatch_places"] = subjects.places_at_home(text_of(doc))
    return found


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
        by_pattern = metrics.counted_by_pattern(doc)
        for span, evidence in zip(spans, found, strict=True):
            metrics.apply_count_patterns(span, evidence, by_pattern)
        _borrow_elided_nouns(doc, figures, spans, found)
        _share_conjoined_changes(figures, spans)
        scopes = dates.find_time_expressions(text_of(doc))
        earlier = _scope_referred_to(doc)
        doc._.claims, doc._.skipped, doc._.scored = [], [], []
        wholes = _wholes_of_credited_parts(doc, figures, spans)
        for figure, span, evidence in zip(figures, spans, found, strict=True):
            scope = _scope_of(doc, span, scopes, figure, figures) or earlier
            read = status.decide(doc, figure, span, scope)
            reading = read[0]
            # "200 arrests over the weekend, eight of them after facial recognition alerts": the part is the
            # technology's, so the whole is not; "arrested four more people", "three more in unrelated incidents":
            # arrests beside the technology's
            beside = not evidence.borrowed and _is_beside_the_technology(doc, figure, span)  # "70 more" goes on
            beside = beside or evidence.noun == "arrest" and _is_an_events_count(doc)
            topics = set() if span.start in wholes or beside else set(doc._.topics or ())
            level = figure.role in ("from", "to")  # the ends of a change are levels, never the change itself
            choice = metrics.score_metrics(figure.kind, evidence, topics, reading == "planned", level)
            figure.metric, reason = choice.metric, choice.reason
            whole = None
            if figure.metric is None and (among := _arrests_counted_before(figures, figure, span, evidence.noun)):
                # "580 arrests; 52 registered sex offenders were among them": a part of that count, told as it is
                figure.metric, reason = among, None
                whole = next((c for c in reversed(doc._.claims) if c["metric"] == among), None)
            standing_for = evidence.borrowed or _is_pronoun(doc, figure)
            if figure.metric is not None and figure.text.lower() == "one" and standing_for:
                # "three arrests, among them one linked to an assault": one of them, no count
                figure.metric, reason = None, "'one' stands for one of the things counted, not a count"
            if figure.metric is not None and _is_later_outcome(doc, figure, span):
                figure.metric, reason = None, f"what happened next to some of the {figure.metric}, not a count of them"
            if figure.metric is not None and figure.vague:
                figure.metric, reason = None, "a vague size ('thousands of', 'several thousand'): no figure to check"
            if figure.metric is not None and _is_a_fraction_of_one(figure):
                figure.metric, reason = None, "a fraction of one is no count ('a setting of 0.6')"
            if figure.metric is not None and _is_a_period(doc, figure):
                figure.metric, reason = None, "the length of a period ('over the past 12 months'), not a time taken"
            if figure.metric is not None and _is_negation(doc, figure):
                figure.metric, reason = None, "a negation ('no', 'none', 'not one'), not a count"
            if figure.metric is not None and figure.text.lower() == "one" and not _one_is_a_count(span, figure.metric):
                figure.metric, reason = None, "'one' picks out a single thing ('one drone tracked a car'), not a count"
            if figure.metric is not None and not _asks_people(doc, figure.metric, evidence.verb):
                figure.metric, reason = None, "a share with no one said to be asked ('supporting functions, 22%')"
            if figure.metric is not None and _is_distributive(doc, figure, span):
                # "12K cameras, eight per carriage", "two per command", "£20 per year": a share, not a total
                figure.metric, reason = None, f"a count for each of something, not a total of {figure.metric}"
            if figure.metric is not None and _is_a_measure(span, evidence):
                figure.metric, reason = None, f"a sum told in {evidence.noun}s ('the cost of'), not a count"
            if figure.metric is not None and _is_increment(doc, figure, span, metrics.counted_noun(span)):
                figure.metric, reason = None, f"a change to {figure.metric}, not its level"
            if figure.change and not metrics.metric_vocabulary().get(figure.metric, {}).get("counts_change"):
                if figure.change == "down":
                    # "planned to shrink by 2,300 officers": a fall of a level by a count is a loss of that count
                    loss = metrics.score_metrics(figure.kind, metrics.as_a_fall(evidence), topics,
                                                 reading == "planned", changes_only=True)
                    if loss.metric is not None:
                        lost = {candidate.metric for candidate in loss.candidates}
                        rest = [candidate for candidate in choice.candidates if candidate.metric not in lost]
                        choice = replace(loss, candidates=loss.candidates + rest)
                        figure.metric, reason = loss.metric, None
                if not metrics.metric_vocabulary().get(figure.metric, {}).get("counts_change"):
                    # "rose by 20%", "a 30% rise": the size of a change is no level
                    figure.metric, reason = None, (f"the size of a change, not {figure.metric}" if figure.metric
                                                   else "the size of a change in nothing the vocabulary counts")
            record = _scored(figure, reason, choice.candidates)
            doc._.scored.append(record)
            if figure.metric is None:
                doc._.skipped.append(record)
                continue
            decided = status.decide(doc, figure, span, scope, figure.metric, reading=read)
            claim = self._claim(doc, figure, span, evidence.noun, *decided)
            if claim is None:
                record.update(metric=None, reason=f"a figure of {doc._.supplier_story}'s own, a company's, in a story "
                                                  "about it: no police body's")
                figure.metric = None
                doc._.skipped.append(record)
                continue
            if whole is not None:
                claim.update(status=whole["status"], subject=whole["subject"], time_scope=dict(whole["time_scope"]))
            doc._.claims.append(claim)
        _drop_shares_told_exactly_after(doc, figures)
        doc._.figures = [figure.as_dict() for figure in figures]
        return doc

    def _whose(self, doc: Doc, span: Span, counted: str | None, metric: dict) -> str | None:
        """The body nearest the figure in its clause, else the article's, else a place abroad the clause names,
        else the default force. An operational figure is never given to a body that runs no operations only
        because the article is about it or reports it ("Home Office to widen facial recognition ... officers
        made 31 arrests"); a body whose own clause holds it keeps it ("NHS England employs 15,000 staff"). In a story
        about a company alone, an operational figure is no one's (None: no claim)."""
        operational = bool(metric.get("operational"))
        own = _subject(doc, span, counted, operational, not metric.get("place_owned"))
        if own:
            return own
        if doc._.supplier_story:  # "Palantir ... It employs 4,100 staff": no force's officers, staff or arrests
            return None if operational else doc._.supplier_story
        for name in doc._.article_subjects or ():
            if not operational or subjects.runs_operations(name):
                return name
        return _abroad(doc, span) or self.default_subject

    def _claim(self, doc: Doc, figure: Figure, span: Span, counted: str | None, status: str, scope) -> dict | None:
        metric = metrics.metric_vocabulary()[figure.metric]
        value, value_high, unit = _in_metric_unit(figure, metric["unit"])
        if figure.divided:  # "1 in 6,000" is 0.000167, as the contract writes it
            value, value_high = (numbers.three_figures(v) if v is not None else None for v in (value, value_high))
        verb = _lemma(span.root.head) if span.root.dep_ in ("dobj", "attr") else None
        if figure.qualifier == "exact" and verb in load("context")["at_least_verbs"]:
            figure.qualifier = "at_least"  # "arrests pass 1,500"
        start, end = dates.resolve(scope, doc._.published) if scope else (None, None)
        subject = self._whose(doc, span, counted, metric)
        if subject is None:
            return None
        if metric.get("collective_subject") and subject in subjects.forces():
            subject = metric["collective_subject"]  # "13 forces now use it": no one force's figure
        return {
            "metric": figure.metric,
            "subject": subject,
            "value": value,
            "value_high": value_high,
            "unit": unit,
            "qualifier": figure.qualifier,
            "status": status,
            "denominator": _denominator(doc, figure, span, metric),
            "time_scope": {"text": scope.text if scope else None, "start": start, "end": end},
            "figure_text": figure.text,
            "sentence": text_of(doc).strip(),
            "char_start": figure.start,
            "char_end": figure.end,
        }


def _scored(figure: Figure, reason: str | None, candidates: list) -> dict:
    """A figure with the metric candidates scored for it and, when it is no claim, why (`reason`): what
    `claimwatch figures --explain` prints, and for skipped figures what the database keeps."""
    return {
        "figure_text": figure.text,
        "value": figure.value,
        "unit": figure.unit,
        "metric": figure.metric,
        "reason": reason,
        "candidates": [{"metric": c.metric, "score": c.score, "because": list(c.because)} for c in candidates],
        "char_start": figure.start,
        "char_end": figure.end,
    }


def _share_conjoined_changes(figures: list[Figure], spans: list[Span]) -> None:
    """ "shrink by 2,300 officers and 400 staff": a figure conjoined to the size of a change is one too."""
    nouns = [metrics.anchor(span).head for span in spans]
    for figure, noun in zip(figures, nouns, strict=True):
        if figure.change is None and figure.role is None and noun.dep_ == "conj" and noun.pos_ in metrics.NOUNS:
            for other, other_noun in zip(figures, nouns, strict=True):
                if other.change is not None and other_noun.i == noun.head.i:
                    figure.change, figure.role = other.change, other.role


def _is_beside_the_technology(doc: Doc, figure: Figure, span: Span) -> bool:
    """ "Officers backing up the operation arrested four more people", "three more were detained in unrelated
    incidents": a count its own clause sets beside another (more, further, other) or apart from it (unrelated),
    with no technology named in that clause."""
    verb = status.clause_verb(span)
    if verb is None:
        return False
    conjoined = {t.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    clause = [t for t in verb.subtree if t.i not in conjoined]
    words = load("context")["beside_words"]
    set_beside = _word_after(doc, figure) in words["after_figure"]
    set_apart = any(t.lower_ in words["in_clause"] for t in clause)
    return (set_beside or set_apart) and not technologies_in(" ".join(t.text for t in clause))


def _is_an_events_count(doc: Doc) -> bool:
    """ "Officers made 313 arrests over the two carnival days", in an article about facial recognition whose
    paragraph names no technology: an event is policed with every tool, so its arrests are all arrests."""
    return bool(doc._.topics_from_article) and bool(re.search(
        rf"{alternation(load('context')['policed_events'])}", text_of(doc), re.IGNORECASE))


def _wholes_of_credited_parts(doc: Doc, figures: list[Figure], spans: list[Span]) -> set[int]:
    """Starts of figures whose part ("200 arrests at the weekend, eight of them after facial recognition
    alerts") alone names a technology, the words before the part naming none. The whole is the nearest count
    before the part in its sentence."""
    wholes = set()
    for index, (figure, part) in enumerate(zip(figures, spans, strict=True)):
        if not _is_partitive(doc, figure):
            continue
        counted = _nearest_whole([i for i, whole in enumerate(spans[:index]) if metrics.counted_noun(whole)], spans)
        if not counted:
            continue
        end = spans[index + 1].start if index + 1 < len(spans) else len(doc)
        if technologies_in(doc[part.start : end].text) and not technologies_in(doc[: part.start].text):
            wholes.add(spans[counted[0]].start)
    return wholes


def _nearest_whole(earlier: list[int], spans: list[Span]) -> list[int]:
    """Of the counts before a figure, the nearest that is an argument of its clause rather than a detail after a
    preposition: in "500 arrests at 20 events, 40 of them ...", the arrests (as a list of at most one index)."""
    arguments = [i for i in earlier if (metrics.counted_noun(spans[i]) or spans[i].root).dep_ != "pobj"]
    return (arguments or earlier)[-1:]


@functools.cache
def _member_of() -> re.Pattern:
    return re.compile(rf"\s*(?:,|of\s+(?:the\s+)?(?:\d|{numbers.count_pattern()}\b))", re.IGNORECASE)


def _is_pronoun(doc: Doc, figure: Figure) -> bool:
    """ "One, a man of 73, was arrested", "one of seven forces": "one" standing for one of the people or things
    counted, or a member of a group ("one of the arrests", a part the gold counts, is not)."""
    return bool(_member_of().match(text_of(doc), figure.end))


def _arrests_counted_before(figures: list[Figure], figure: Figure, span: Span, noun: str | None) -> str | None:
    """The metric of the arrest count nearest before `figure` in the sentence, when the figure counts people its
    clause puts among those arrested ("52 registered sex offenders were among them", "were among those held") or
    that the count takes in ("a total that takes in 50 sex offenders", "they include"); not "2,000 people were among
    the crowd", "among its targets were 300", "90 were among those flagged"."""
    among = load("context")["people_among_arrests"]
    if figure.kind != "count" or noun not in among["people"]:
        return None
    verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or not _puts_among_arrests(verb, span, among):
        return None
    if any(t.pos_ == "VERB" and _lemma(t) in load("context")["later_outcomes"] for t in verb.subtree):
        return None  # not "among those charged were 58 sex offenders": a part of what happened next
    before = [other for other in figures if other.end <= figure.start and other.kind == "count"]
    # the count the part is of is the one just before it ("officers stopped 200 people, a total that includes 30
    # women" is a part of the stops, not of the arrests before them)
    return before[-1].metric if before and before[-1].metric in among["metrics"] else None


def _puts_among_arrests(verb: Token, span: Span, among: dict) -> bool:
    arrests = set(among["arrest_words"])
    pronouns = {"them", "those", "these", "they", "which", "that"}
    for preposition in verb.children:
        if preposition.dep_ == "prep" and preposition.lower_ == "among" and not (
                preposition.left_edge.i <= span.root.i <= preposition.right_edge.i):
            for whom in preposition.children:
                said = {_lemma(t) for t in whom.subtree if not any(c.dep_ == "prt" for c in t.children)} \
                    if whom.lower_ in ("those", "these") else {_lemma(whom)}  # not "held up at the cordons"
                if whom.lower_ == "them" or said & arrests:
                    return True  # "among them", "among those held", "among the arrests"
    if _lemma(verb) in among["words"] and _lemma(verb) != "among":
        doers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ == "relcl":
            doers.append(verb.head)  # "a total that takes in 50 sex offenders"
        return any(_lemma(d) in arrests or d.lower_ in pronouns for d in doers)
    return False


def _asks_people(doc: Doc, metric: str, verb: str | None) -> bool:
    """ "46 percent were in support" after "a Pew survey asked 5,000 adults": a share is a poll's where the share
    itself backs something ("49% support its use") or where the sentence, or the one before it, says who was asked
    or how (metrics.yml `asked`); not "supporting functions, 22%"."""
    entry = metrics.metric_vocabulary()[metric]
    words = entry.get("asked")
    if not words or verb in entry.get("cues", ()):
        return True
    return bool(_asked_pattern(tuple(words)).search(f"{doc._.previous or ''} {text_of(doc)}"))


@functools.cache
def _asked_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"\b{alternation(words)}\b", re.IGNORECASE)


def _one_is_a_count(span: Span, metric: str) -> bool:
    """ "led to one arrest", "just one van", "the Met has one drone", "will buy one more": a count of one. Not "one
    drone tracked down a driver", "raise an alert when one matches", "two drones, one a £1,500 Inspire": "one" that
    picks out a single thing as the doer of its clause, or as an aside. Outcomes (metrics.yml `counts_one`) and
    words that stress how few count whatever the parse."""
    if metrics.metric_vocabulary()[metric].get("counts_one"):
        return True
    if any(child.lower_ in set(load("context")["stressing_words"]) for token in span for child in token.children):
        return True
    number = metrics.anchor(span)
    noun = number.head if number.dep_ in ("nummod", "quantmod") else number
    return noun.dep_ not in ("nsubj", "nsubjpass", "appos") and number.dep_ != "appos"


def _is_a_fraction_of_one(figure: Figure) -> bool:
    return figure.kind == "count" and figure.value is not None and 0 < figure.value < 1


def _is_a_period(doc: Doc, figure: Figure) -> bool:
    """ "over the past 12 months", "in the last 24 hours", "a 6 month trial": a stretch of time named, not a time
    something took; "crept past 3 minutes", "within the first two minutes of a call" are times taken."""
    if figure.kind != "minutes":
        return False
    if re.search(r"\b(?:days?|weeks?|months?|years?)\b", figure.text, re.IGNORECASE):
        return True
    return bool(re.search(r"\bthe\s+(?:past|last|previous)\s+$", text_of(doc)[: figure.start], re.IGNORECASE))


def _is_negation(doc: Doc, figure: Figure) -> bool:
    words = load("context")["negation"]
    before = text_of(doc)[: figure.start].lower().split()[-2:]
    if before and before[-1] in words["softeners"]:
        before = before[:-1]
    return figure.text.lower() in words["figures"] or bool(before) and before[-1] in words["before"]


def _is_distributive(doc: Doc, figure: Figure, span: Span) -> bool:
    if figure.kind not in ("count", "currency"):
        return False
    context = load("context")
    if _is_held_by_each(span, figure.metric):
        return True
    after = text_of(doc)[figure.end :]
    if re.match(rf"\s+(?:[\w-]+\s+){{0,2}}?{alternation(context['distributive_words'])}", after, re.IGNORECASE):
        return True
    before = text_of(doc)[max(0, figure.start - 12) : figure.start]
    if re.search(rf"{alternation(context['distributive_words'])}\s+$", before, re.IGNORECASE):
        return True  # "1 camera per 10 people": what a rate is per, no count
    # "four of them in every borough": a part in each place, but "1,200 arrests in every borough" is a total
    each = alternation(context["each_words"])
    return _is_partitive(doc, figure) and bool(re.match(rf"\s+of\s+\w+\s+(?:in|at|for)\s+{each}", after,
                                                             re.IGNORECASE))


def _is_held_by_each(span: Span, metric: str | None) -> bool:
    """ "Every van carries two cameras", "each force will be able to call on three drones": what each one holds or
    may use, not a total; but a figure inside that subject is one ("every one of the Met's 30 drones carries a
    camera"), and a size each one has by nature stays a claim ("every deployment has a watchlist of 16,000").
    "Two drones are kept at each site" is left a claim: "1,200 arrests in every borough" may be a total."""
    context = load("context")
    verb = status.clause_verb(span)
    if verb is None or _is_per_unit(metric):
        return False
    each = context["each_words"]
    holding = _lemma(verb) in context["holding_verbs"]
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "acomp") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)  # "each force will be able to call on three drones": the subject of "be"
    for child in (c for v in chain for c in v.children):
        if child.dep_.startswith("nsubj") and (child.lower_ in each or any(d.lower_ in each for d in child.children)):
            outside = not child.left_edge.i <= span.root.i <= child.right_edge.i
            # "each force will be able to call on three drones"; but "the Met's 30 drones", "the £50 million fund"
            # are totals each may draw on
            return outside and (holding or len(chain) > 1 and not _is_definite(span))
    return False


def _is_definite(span: Span) -> bool:
    """ "the Met's 30 drones", "the £50 million fund": a total; "its three drones", "these 4 drones" are each one's."""
    noun = metrics.counted_noun(span) or span.root
    return any(c.dep_ == "det" and c.lower_ == "the" or c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")
               for c in noun.children)


def _is_per_unit(metric: str | None) -> bool:
    return bool(metric) and bool(metrics.metric_vocabulary()[metric].get("per_unit"))


def _is_a_measure(span: Span, evidence) -> bool:
    """ "the cost of 800 police officers": the counted noun is what a sum is told in."""
    noun = metrics.counted_noun(span)
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    return _lemma(noun.head.head) in load("context")["measure_nouns"]


def _is_increment(doc: Doc, figure: Figure, span: Span, noun: Token | None) -> bool:
    """ "10 more vans" changes a level; it is not the level (flows such as "a further 600" stay claims)."""
    context = load("context")
    after = text_of(doc)[figure.end :]
    difference = re.match(r"\s+(?:\w+\s+)?(\w+)\s+(?:than|on)\b", after)
    if difference and difference.group(1).lower() in context["difference_words"]:
        return True  # "2,000 fewer than in 2023", "up 15% on last year"
    multiple = re.match(r"\s+times\s+(\w+)", after)
    if multiple and multiple.group(1).lower() in [*context["difference_words"], "as"]:
        return True  # "three times more", "four times as many": a ratio between two levels
    if metrics.metric_vocabulary()[figure.metric]["kind"] != "stock":
        return False
    if _word_after(doc, figure) in context["increment_words"]:
        return True  # "10 more vans"
    if _word_before(doc, figure) in context["increment_before"]:
        return True  # "an extra 20,000 officers"
    intake = set(metrics.metric_vocabulary()[figure.metric].get("intake_words", ()))
    if noun is not None and any(c.dep_ == "amod" and c.i < noun.i and _lemma(c) in intake for c in noun.children):
        return True  # "1,000 new police officers"
    # "the plan was to add 20,000 officers", "5,000 constables being hired", "2,794 officers recruited under the
    # pledge" (not "add 10 vans to its fleet of 10")
    added = noun if noun is not None else metrics.anchor(span)
    adding = context["adding_verbs"]
    return added.dep_ in ("dobj", "nsubjpass") and _lemma(added.head) in adding or any(
        child.dep_ == "acl" and _lemma(child) in adding and _says_when_or_how(child) for child in added.children)


def _says_when_or_how(participle: Token) -> bool:
    """ "officers hired under the pledge", "recruited since 2019": an intake of a scheme or a period; not "33,000
    officers, recruited from across the UK", which describes the whole force."""
    return any(c.dep_ == "prep" and c.lower_ in ("under", "since", "through", "during") for c in participle.children)


def _word_after(doc: Doc, figure: Figure) -> str | None:
    """The word right after the figure, lowercase ("10 more vans": "more")."""
    found = re.match(r"\s+(\w+)", text_of(doc)[figure.end :])
    return found.group(1).lower() if found else None


def _word_before(doc: Doc, figure: Figure) -> str | None:
    """The word right before the figure, lowercase ("an extra 20,000": "extra")."""
    found = re.search(r"(\w+)\s+$", text_of(doc)[: figure.start])
    return found.group(1).lower() if found else None


def _borrow_elided_nouns(doc: Doc, figures: list[Figure], spans: list[Span], found: list[metrics.Evidence]) -> None:
    """ "500 new drones, up from the current 30": the 30 counts drones too. A figure with no noun of its own
    takes one when it is an end of a change, a generic total, the object of a parallel clause ("Essex flies
    40 drones, while the Met flies 18") or an elided one ("will buy 20 more", "roughly 800 in total", "16 of
    them", "there had been 147,745"); the donor is the nearest figure of the same kind before it in the
    sentence, else what the sentence before counted."""
    with_noun = [index for index, evidence in enumerate(found) if evidence.noun is not None]
    for figure, span, evidence in zip(figures, spans, found, strict=True):
        if evidence.noun is not None:
            continue
        same_kind = [other for other in with_noun if figures[other].kind == figure.kind]
        parallel = [other for other in same_kind if evidence.verb and found[other].verb == evidence.verb]
        elided = _is_elided(doc, figure) or _is_bare(figure, span)
        if figure.role is None and not _is_generic_total(evidence) and not parallel and not elided:
            continue
        generic = _is_generic_total(evidence) and not with_noun  # "numbers could drop to 26,800"
        earlier = [other for other in same_kind if figures[other].start < figure.start]
        if elided or generic:  # the noun comes from what the reader has just read: an earlier figure, or the
            same_kind = earlier  # sentence before
            if not same_kind:  # "made 70 more": what the sentence before counted; "Officer numbers would drop
                # under 29,500": a total of what its own words name
                mentioned = []
                if figure.kind == "count":
                    own = metrics.nouns_mentioned(text_of(doc)[: figure.start]) if generic and not elided else []
                    mentioned = own or metrics.nouns_mentioned(doc._.previous or "")
                if mentioned:
                    evidence.noun, evidence.borrowed = mentioned[0], True
                    evidence.lemmas.add(mentioned[0])
                continue
        if with_noun:
            # "the 43 forces had 135,838 officers: over 6,000 fewer than a year before": the nearest parallel count
            # before the figure; "11 forces now use it, up from four two years ago": not the years after it
            parallel_before = _nearest_whole([other for other in parallel if figures[other].start < figure.start],
                                             spans)
            donor = found[(parallel_before or parallel or _nearest_whole(earlier, spans) or same_kind or with_noun)[0]]
            evidence.noun, evidence.borrowed, evidence.modifiers = donor.noun, True, donor.modifiers
            # what the donor's own verb says is no evidence for a figure with a verb of its own: "lost 1,000
            # officers and now has 33,000" borrows the officers, not the loss ("there had been 147,745" has none)
            own_verb = evidence.verb not in (None, donor.verb, "be")
            evidence.lemmas |= {donor.noun} if own_verb else donor.lemmas
        elif figure.role is not None and figure.kind == "count":
            # "the biggest fall in officers came at the Met, down 1,022 from 34,315 to 33,293": a change and its
            # ends count what the sentence, or the one before it, says is changing
            mentioned = metrics.nouns_mentioned(text_of(doc)) or metrics.nouns_mentioned(doc._.previous or "")
            if mentioned:
                evidence.noun, evidence.borrowed = mentioned[0], True
                evidence.lemmas.add(mentioned[0])


@functools.cache
def _elision() -> re.Pattern:
    words = load("context")["elided_after"]
    # not "20 more than in 2023" (a difference) nor "20 more drones" (the noun is there)
    return re.compile(rf"\s*{alternation(words)}(?!\s+(?:[a-z]+\s+)?(?:than|on)\b)(?!\s+[a-z]+s\b)", re.IGNORECASE)


def _is_elided(doc: Doc, figure: Figure) -> bool:
    """ "buy 20 more", "roughly 800 in total", "16 of them", "of which 12": a count whose noun the reader
    supplies."""
    return bool(_elision().match(text_of(doc), figure.end)) or _is_partitive(doc, figure)


@functools.cache
def _partition() -> tuple[re.Pattern, re.Pattern]:
    context = load("context")
    after = re.compile(rf"\s*{alternation(context['partitive_after'])}", re.IGNORECASE)
    before = re.compile(rf"{alternation(context['partitive_before'])}\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE)
    return after, before


def _is_partitive(doc: Doc, figure: Figure) -> bool:
    """ "eight of them", "406 of those arrested", "of which 12 were false": a part of what was counted just
    before."""
    after, before = _partition()
    return bool(after.match(text_of(doc), figure.end) or before.search(text_of(doc)[: figure.start]))


def _is_bare(figure: Figure, span: Span) -> bool:
    """A count standing for what was just counted, said to exist ("there had been 147,745 a year earlier") or
    set against it ("against 450 the year before", "compared with 35,000"): the reader supplies the noun."""
    if figure.kind != "count" or figure.role is not None:
        return False
    root = span.root
    if root.dep_ == "attr" and any(c.dep_ == "expl" for c in root.head.children):
        return True
    compared = load("context")["comparison_words"]
    return root.dep_ == "pobj" and (root.head.lower_ in compared or f"{root.head.head.lower_} {root.head.lower_}"
                                    in compared)


def _drop_shares_told_exactly_after(doc: Doc, figures: list[Figure]) -> None:
    """ "nearly half (49%) support its use", "seven in 10 Londoners (70%)": one share told twice (the two within
    five points); the per cent in the parentheses after the words is the exact one, and the claim."""
    text = text_of(doc)
    between = re.compile(r"\s*(?:[A-Za-z'’-]+\s+){0,3}\(\s*")  # "seven in 10 Londoners (70%)"
    kept = []
    for claim in doc._.claims:
        exact = next((other for other in doc._.claims if other["metric"] == claim["metric"]
                      and other["char_start"] > claim["char_end"] and other["unit"] == claim["unit"] == "percent"
                      and abs(other["value"] - claim["value"]) <= 5
                      and between.fullmatch(text[claim["char_end"] : other["char_start"]])
                      and re.match(r"\s*\)", text[other["char_end"] :])), None)  # not "(49% of women, 55% of men)"
        if exact is not None and not re.search(r"%|per\s*cent", claim["figure_text"], re.IGNORECASE):
            record = next(r for r in doc._.scored if r["char_start"] == claim["char_start"])
            record.update(metric=None, reason="a share in words, told exactly in the parentheses after it")
            next(f for f in figures if f.start == claim["char_start"]).metric = None
            doc._.skipped.append(record)
            continue
        kept.append(claim)
    doc._.claims = kept


def _is_later_outcome(doc: Doc, figure: Figure, span: Span) -> bool:
    """ "406 of those arrested have been charged": the part counts what happened next to some of those counted,
    which is no count of the first thing."""
    if not _is_partitive(doc, figure):
        return False
    verb = status.clause_verb(span)
    return verb is not None and _lemma(verb) in load("context")["later_outcomes"]


@functools.cache
def _anaphora() -> re.Pattern:
    """ "in that period", "the same day", or "those deployments" (a determiner pointing back at something
    counted)."""
    periods = alternation(load("dates")["anaphora"] + load("dates")["day_anaphora"])
    nouns = "|".join(sorted(map(re.escape, metrics.vocabulary_forms()), key=len, reverse=True))
    return re.compile(rf"{periods}|\b(?:those|these)\s+(?:[a-z]+\s+)?(?:{nouns})\b", re.IGNORECASE)


def _scope_referred_to(doc: Doc):
    """The period "in that period" or "those deployments" points back at: the last one stated before it in
    the sentence, else the last one of the sentence before. "The same day" or "that day" points at a single day
    only, and may find it further back in the article ("officers made 12 arrests on Tuesday (9 April). Early
    that morning, ... Later the same day, ..."); "since that day" opens a period and takes none."""
    anaphor = _anaphora().search(text_of(doc))
    if anaphor is None or any(s.start >= anaphor.end() for s in dates.find_time_expressions(text_of(doc))):
        return None  # "those roles by April 2027": the sentence states its own period
    day = " ".join(anaphor.group(0).lower().split()) in load("dates")["day_anaphora"]
    opening = alternation(opener for opener, kind in load("dates")["openers"].items() if kind == "since")
    if day and re.search(rf"{opening}\s+$", text_of(doc)[: anaphor.start()], re.IGNORECASE):
        return None  # "since that day": a period that opens then

    def points_at(scope) -> bool:
        return scope.kind != "by" and (not day or _is_one_day(scope, doc._.published))

    here = [s for s in dates.find_time_expressions(text_of(doc)[: anaphor.start()]) if points_at(s)]
    earlier = here or [s for s in dates.find_time_expressions(doc._.previous or "") if points_at(s)]
    if not earlier and day:
        earlier = [s for s in dates.find_time_expressions(doc._.before or "") if points_at(s)]
    return earlier[-1] if earlier else None


def _is_one_day(scope, published: str | None) -> bool:
    start, end = dates.resolve(scope, published)
    return start is not None and start == end


def _is_generic_total(evidence: metrics.Evidence) -> bool:
    """ "bringing the total to 20": a total of whatever the sentence counts."""
    return bool(evidence.lemmas & set(load("context")["generic_nouns"]))


# --- time scope, subject, denominator ------------------------------------------------------------------


def _owns(doc: Doc, figure: Figure, scope) -> bool:
    """ "slipped to 32,400 from 34,100 in 2023": a date right after the old level is the old level's ("from 5
    to 10 during 2024" dates both)."""
    return figure.role == "from" and figure.end <= scope.start and not text_of(doc)[figure.end : scope.start].strip()


def _scope_of(doc: Doc, span: Span, scopes: list, figure: Figure, others: list[Figure]):
    """The time expression attached, in the parse, to the figure's own clause ("last month, the Met said it
    now has 34 drones": "last month" belongs to "said", not to the 34)."""
    path = {t.i for t in _clause_path(span)}
    phrase = {t.i for t in span.root.subtree}  # the figure's own noun phrase
    attached = []
    for scope in scopes:
        scope_span = doc.char_span(scope.start, scope.end, alignment_mode="expand")
        if scope_span is None or any(_owns(doc, other, scope) for other in others if other is not figure):
            continue
        head = scope_span.root.head
        if head.i in path or head.dep_ in ("acl", "relcl") and head.head.i in path:  # "20 forces using it by 2027"
            attached.append(scope)
        elif head.dep_ == "acl" and head.head.i in phrase:  # "£600m of savings made since 2010"
            attached.append(scope)
        elif figure.kind == "currency" and head.dep_ == "acl" and head.head.dep_ in ("nsubj", "nsubjpass") \
                and _lemma(head.head) in load("context")["status"]["deal_nouns"] \
                and head.head.head.i in path and not _is_ahead_or_now(head.head.head) \
                and not any(c.dep_ == "conj" and c.tag_ == "VBN" for c in head.children):
            # "the contract, awarded in late 2023, is worth up to £330m": a sum dated by when its deal was struck;
            # not "Palantir, founded in 2003, won a £330m contract", "will be worth £80m", "worth £330m today", nor
            # a deal "struck in 2019 and extended in 2023"
            attached.append(scope)
        elif scope_span.root.dep_ == "poss" and _owned_by_clause(head, phrase, path):
            attached.append(scope)  # "last year's 962 arrests", "Sunday's total is 200", "at last year's Carnival"
        elif _is_how_it_was_done(head, path, others, figure):
            attached.append(scope)  # "arrested 12 people using facial recognition on Saturday"
        elif _is_on_an_event_of_the_clause(head, path, others, figure):
            attached.append(scope)  # "made six arrests during a deployment in Luton last week"
        elif (since := _since_clause(head, path)) is not None and not _holds_other_figure(since, others, figure):
            # "has arrested 1,035 since it began using the cameras in January 2024": a period from that date
            mark = next(c for c in since.children if c.dep_ == "mark")
            attached.append(replace(scope, kind="since", start=mark.idx, text=text_of(doc)[mark.idx : scope.end]))
    # "since then" gives no date of its own: a period the clause states is the figure's ("Since then, the force made
    # 40 arrests last year"; "By 2019 it had made 50 arrests since then")
    attached = [s for s in attached if not dates.is_since_anaphora(s)] or attached
    return min(attached, key=lambda s: abs(s.start - span.start_char)) if attached else None


def _is_ahead_or_now(verb: Token) -> bool:
    """A verb that says what will be ("will be worth"), or what is now ("is now", "is still")."""
    now = {*load("context")["status"]["current_words"], "still"}
    return any(status.is_modal(c) for c in verb.children if c.dep_ in ("aux", "auxpass")) or any(
        c.dep_ in ("advmod", "npadvmod") and c.lower_ in now or c.dep_ == "xcomp" for c in verb.children) or any(
        t.dep_ in ("advmod", "npadvmod") and t.lower_ in now for c in verb.children if c.dep_ == "acomp"
        for t in c.subtree)


def _is_how_it_was_done(head: Token, path: set[int], others: list[Figure], figure: Figure) -> bool:
    """A manner participle ("using", `context.yml event_dating.manner_participles`) with no subject of its own on
    the figure's simple-past verb, holding no other figure: it says how the figure's events happened, so its date
    is theirs ("arrested 12 people using facial recognition on Saturday"); not "made 12 arrests, bringing the total
    since 2024 to 500", "has made 1,000 arrests, revealing the figure on Tuesday", "has 30 drones, using them at
    protests last summer"."""
    if head.dep_ != "advcl" or head.lower_ not in load("context")["event_dating"]["manner_participles"]:
        return False
    if head.head.i not in path or not _is_past_event(head.head):
        return False
    if any(c.dep_.startswith("nsubj") for c in head.children):
        return False
    return not _holds_other_figure(head, others, figure)


def _is_on_an_event_of_the_clause(head: Token, path: set[int], others: list[Figure], figure: Figure) -> bool:
    """A noun after an event's preposition ("during a deployment", "at the match": `event_dating.prepositions`)
    on the figure's simple-past verb, dated by the time expression: the figure's events happened then, unless the
    phrase holds a figure of its own; not "now has 34,000 officers, after a recruitment drive in 2023"."""
    preposition = head.head
    if head.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.head.i not in path:
        return False
    if preposition.lower_ not in load("context")["event_dating"]["prepositions"] or not _is_past_event(
            preposition.head):
        return False
    return not _holds_other_figure(head, others, figure)


def _is_past_event(verb: Token) -> bool:
    """ "arrested", "had arrested": told as done, not as a state now ("has", "has made")."""
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(c.lower_ == "had" for c in verb.children)


def _since_clause(head: Token, path: set[int]) -> Token | None:
    """ "since it began using the cameras in January 2024": a since-clause on the figure's verb whose own verb,
    or a verb it completes, the date is on; not a date inside a clause of its own below it ("since it started
    using the vans, which it bought in 2019")."""
    for token in [head, *head.ancestors]:
        if token.dep_ in ("relcl", "acl", "ccomp", "conj"):
            return None
        if token.head.i in path and token.dep_ == "advcl":
            return token if any(c.dep_ == "mark" and c.lower_ == "since" for c in token.children) else None
    return None


def _holds_other_figure(token: Token, others: list[Figure], figure: Figure) -> bool:
    phrase = range(token.left_edge.idx, token.right_edge.idx + len(token.right_edge))
    return any(other is not figure and other.start in phrase for other in others)


def _owned_by_clause(owned: Token, phrase: set[int], path: set[int]) -> bool:
    """A noun a time expression possesses that is the figure's phrase, its clause's subject, or the object of a
    preposition on its clause."""
    if owned.i in phrase or owned.dep_.startswith("nsubj") and owned.head.i in path:
        return True
    return owned.dep_ == "pobj" and owned.head.head.i in path


def _clause_path(span: Span) -> list[Token]:
    """The figure, the words above it up to its verb, and the verbs that verb completes ("aims to buy")."""
    path = [span.root]
    for token in span.root.ancestors:
        path.append(token)
        if token.pos_ in ("VERB", "AUX"):
            break
    while _shares_time(path[-1]) and path[-1].head.i != path[-1].i:
        if path[-1].dep_ == "conj" and _starts_anew(path[-1]):
            break  # "grew over the past year, and the unit now flies from 11 bases": a clause of its own
        if path[-1].dep_ == "pcomp" and path[-1].head.dep_ == "prep":  # "led to one man being arrested"
            cues = load("context")["status"]
            if _lemma(path[-1].head.head) in {*cues["reporting_verbs"], *cues["planned_with_gerund_of"]}:
                break  # "last week he spoke of 1,400 officers being lost": the speaking's time, not the loss's
            path += [path[-1].head, path[-1].head.head]
            continue
        if path[-1].dep_ == "relcl":  # "flagged 1,900 people last year, of whom 1,610 were arrested"
            for token in path[-1].ancestors:
                path.append(token)
                if token.pos_ in ("VERB", "AUX"):
                    break
            continue
        path.append(path[-1].head)
    return path


def _shares_time(clause: Token) -> bool:
    """Clauses that take the period of the one above: "aims to buy", "and made 58 arrests", "people, of whom
    1,610 were arrested", "led to one man being arrested"."""
    return clause.dep_ in ("xcomp", "conj", "relcl") or clause.dep_ in ("advcl", "pcomp") and clause.tag_ in (
        "VBN", "VBG")


def _starts_anew(conj: Token) -> bool:
    """A conjoined clause with its own subject and another tense, or one that says "now", does not share the
    first one's period ("scanned 1.2m faces since 2023, and its system produced 4 false alerts" shares it;
    "has trebled since 2021 and now has 24" does not)."""
    current = load("context")["status"]["current_words"]
    if any(c.dep_ == "advmod" and c.lower_ in current for c in conj.children):
        return True
    return any(c.dep_.startswith("nsubj") for c in conj.children) and _tense(conj) != _tense(conj.head)


def _tense(verb: Token) -> str:
    if any(status.is_modal(c) for c in verb.children if c.dep_ in ("aux", "auxpass")):
        return "modal"
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VBD" or auxiliaries & {"had", "was", "were", "did"}:
        return "past"
    return "present"


def _subject(doc: Doc, span: Span, counted: str | None = None, operational: bool = False,
             force_of_place: bool = True) -> str | None:
    """The body nearest the figure in the parse tree ("South Wales Police has scanned 500,000 faces"); for a
    clause that names none, the body that reports it ("The government has said forces will be given ten vans"),
    unless an operational figure would go to a body that runs none ("The ICO said officers made 40 arrests"). A
    body that runs no operations holds an operational figure only as the subject of its clause ("NHS England
    employs 15,000 staff"), never when named in passing ("unless the government stops cutting, officer numbers
    will drop under 30,000")."""
    clause = _subject_clause(span)
    found = _subject_in(doc, span, clause, counted, operational)
    reporting = load("context")["status"]["reporting_verbs"]
    if found is None and clause.dep_ == "ccomp" and _lemma(clause.head) in reporting:
        found = _subject_in(doc, span, clause.head, counted)
        if found and operational and not subjects.runs_operations(found):
            found = None
    return found or _place_of(doc, span, force_of_place)


def _place_of(doc: Doc, span: Span, force_of_place: bool = True) -> str | None:
    """A place a UK force polices where the figure's events happen: "in Essex" on its noun or on a word that
    governs it up to its clause's verb ("12 arrests in Essex", "one officer in Bedfordshire", "led to 12 arrests
    in Essex"), or the place the clause is about ("Essex has 3,700 officers"). That force's figure."""
    noun = span.root.head if span.root.dep_ in ("nummod", "quantmod") else span.root
    clause = _subject_clause(span)
    governing = {noun.i}
    for ancestor in noun.ancestors:
        governing.add(ancestor.i)
        if ancestor.i == clause.i:
            break
    subjects_of_clause = {c.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")}
    for place in _places_of(doc):
        named = doc.char_span(place.start, place.end, alignment_mode="expand")
        if named is None:
            continue
        preposition = named.root.head
        if preposition.dep_ == "prep" and preposition.head.i in governing \
                and preposition.lower_ in load("context")["subject_words"]["place_prepositions"]:
            return place.name
        if named.root.dep_ == "poss" and (named.root.head.i in governing or named.root.head.i in subjects_of_clause):
            return place.name  # "Essex's facial recognition vans have been deployed 45 times": Essex's vans
        joint = any(c.dep_ == "conj" and not named.start <= c.i < named.end for c in named.root.children)
        if named.root.i in subjects_of_clause and force_of_place and not joint:
            # "Essex has 3,700 officers", "Surrey plans to buy 10 drones": the force's own; not "York has 30 CCTV
            # cameras" (metrics.yml place_owned), nor "Kent and Essex have 7,000 officers between them"
            return place.name
    return None


def _subject_in(doc: Doc, span: Span, clause: Token, counted: str | None, operational: bool = False) -> str | None:
    best = None
    for found in _mentions_of(doc):
        mention = doc.char_span(found.start, found.end, alignment_mode="expand")
        if mention is None or _is_source(mention, found.name) or _is_giver(mention, found.name) \
                or _is_counted(mention, span, counted) or _is_partner(mention, clause):
            continue
        if operational and not subjects.runs_operations(found.name) and not (
                mention.root.dep_ in ("nsubj", "nsubjpass") and mention.root.head.i == clause.i):
            continue
        if not clause.left_edge.i <= mention.root.i <= clause.right_edge.i:
            continue
        distance = _tree_distance(mention.root, span.root) + (1000 if found.name in subjects.suppliers() else 0)
        if best is None or distance < best[0]:
            best = (distance, found.name)
    return best[1] if best else None


def _abroad(doc: Doc, span: Span) -> str | None:
    """A place abroad named on its own in the figure's clause ("Beijing has about 1.15 million cameras"), in an
    article about no other body: the figure is that place's, never the default force's."""
    clause = _subject_clause(span)
    inside = []
    for place in subjects.places_abroad(text_of(doc)):
        named = doc.char_span(place.start, place.end, alignment_mode="expand")
        if named is not None and _in_clause_itself(named.root, clause):
            inside.append((_tree_distance(named.root, span.root), place.name))
    return min(inside)[1] if inside else None


def _in_clause_itself(token: Token, clause: Token) -> bool:
    """The token hangs on the clause's verb, not inside a clause of its own within it ("cameras, bought from a
    firm in Beijing, scanned ..."): the place says where the figure is, not where something else was."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.i == clause.i:
            return True
        if ancestor.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return False
    return False


def _subject_clause(span: Span) -> Token:
    """The clause a figure belongs to: its verb, or the verb it shares a subject with ("X has used ... and
    made 58 arrests")."""
    verb = status.clause_verb(span)
    if verb is None:
        return span.root.sent.root
    while verb.head.i != verb.i and (
        verb.dep_ == "conj"
        and not any(c.dep_.startswith("nsubj") for c in verb.children)
        or verb.dep_ in ("ccomp", "conj")
        and _has_pronoun_subject(verb)
        or verb.dep_ in ("relcl", "xcomp")  # "Thames Valley Police, which flies 15 drones", "X plans to double"
    ):
        verb = verb.head  # "West Midlands Police said it had scanned ...": "it" is the force
    return verb


def _has_pronoun_subject(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_.startswith("nsubj"):
            return child.tag_ == "PRP" or any(c.tag_ == "PRP$" for c in child.children)
    return False


def _is_source(mention: Span, name: str) -> bool:
    """ "according to the Home Office", "Home Office statistics show": who says it, not whom it is about."""
    root = mention.root
    if root.dep_ in ("compound", "poss") and _lemma(root.head) in load("context")["source_nouns"]:
        return True
    if root.head.i == mention.end and root.head.lower_ in load("context")["source_nouns"] \
            and not subjects.runs_operations(name):
        # "Home Office figures just out count 136,261 officers": the small model makes "figures" a verb; but
        # "Essex Police report 300 arrests" is Essex's own
        return True
    return any(t.lower_ == "according" for t in root.ancestors)


def _is_giver(mention: Span, name: str) -> bool:
    """ "a £4m Home Office grant", "the Home Office has handed the force £8m": who gives the money, not whom it
    is about."""
    root = mention.root
    context = load("context")
    if root.dep_ == "nsubj" and _lemma(root.head) in context["giving_verbs"]:
        return any(c.dep_ in ("dative", "dobj") for c in root.head.children)
    if root.dep_ == "pobj" and root.head.lower_ == "by":
        # "the force has been given two vans by the Home Office" (the parse may hang "by" on the vans), "two vans
        # funded by the Home Office"
        verb = next((t for t in root.ancestors if t.pos_ == "VERB"), None)
        if verb is not None and _lemma(verb) in context["giving_verbs"] and (verb.dep_ == "acl" or any(
                c.dep_ == "auxpass" for c in verb.children)):
            # not "drones funded by Kent Police": a force that pays for its own kit gives it to no one
            return name not in subjects.forces()
    return root.dep_ in ("compound", "poss") and _lemma(root.head) in context["giver_nouns"]


def _is_partner(mention: Span, clause: Token) -> bool:
    """ "Together with Surrey Police, the force won two vans": a body the clause's own subject worked with."""
    preposition = mention.root.head
    partners = load("context")["subject_words"]["partner_prepositions"]
    if mention.root.dep_ != "pobj" or preposition.lower_ not in partners:
        return False
    # not "a £50m contract with the Met": the other side of a deal is whose the deal is
    return preposition.head.pos_ not in metrics.NOUNS and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _is_counted(mention: Span, span: Span, counted: str | None) -> bool:
    """ "Eleven police forces in England and Wales now use it, up from four": the figure counts the bodies it
    names, by its own counted noun or by the one it borrows (`counted`, "four" forces)."""
    noun = metrics.counted_noun(span)
    if noun is not None:
        return mention.start <= noun.i < mention.end
    return counted is not None and any(_lemma(t) == counted for t in mention if t.pos_ in metrics.NOUNS)


def _tree_distance(a: Token, b: Token) -> int:
    a_path = [a, *a.ancestors]
    b_path = [b, *b.ancestors]
    b_index = {t.i: depth for depth, t in enumerate(b_path)}
    for depth, token in enumerate(a_path):
        if token.i in b_index:
            return depth + b_index[token.i]
    return len(a_path) + len(b_path)


def _denominator(doc: Doc, figure: Figure, span: Span, metric: dict) -> str | None:
    """What a rate is per: "0.0003% of faces scanned" -> faces_scanned, "per week" -> week. A share of the public
    or a claimed accuracy is a level of its own (`kind: stock`): "six out of every seven people" backing it is no
    rate per face."""
    if figure.kind == "per_week":
        return "week"
    if figure.kind not in ("percent", "ratio") or metric["kind"] != "rate":
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
    if unit == "percent" and figure.unit == "ratio":  # "7 in 10 back the cameras"
        return round(value * 100, 10), round(high * 100, 10) if high is not None else None, "percent"
    if unit == "GBP":
        return value, high, figure.unit
    return value, high, unit


def _lemma(token: Token) -> str:
    return token.lemma_.lower()
