"""Status and time scope of a figure, decided in one place (`decide`) by the contract's definitions:

- `current`: a level true at publication ("the Met has 30 drones", "currently 33,473 officers");
- `planned`: a target, plan, forecast or possibility ("will buy 500", "could lose 1,400"), or a figure for a
  period that has not begun ("a £140m shortfall next year");
- `cumulative`: a running total up to publication ("over 2,000 arrests since early 2024", "has led to 700
  arrests"): a count of events (a flow) that no completed period bounds;
- `past`: a figure for a completed period or an earlier moment ("962 arrests in the 12 months to September").

The reading comes from the figure's own words ("the current 30"), the tense and modality of the verbs that
govern it (token.tag_ and its auxiliaries: "will", "could", "has been", "aims to"), cue words (context.yml
`status`) and the period its time expression resolves to against the publication date. `decide` is called
once before the metric is known (a plan is evidence for drones_planned) and once after, when what the metric
counts (a level, events, an amount) settles the rest.
"""

import functools
import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from claimwatch.nlp import dates, metrics
from claimwatch.nlp.figures import Figure
from claimwatch.nlp.resources import alternation, load

# Dependencies that make a word a noun or modifier, however the tagger read it.
NOUN_ROLES = ("amod", "dobj", "nsubj", "nsubjpass", "pobj", "attr", "compound")


def decide(doc: Doc, figure: Figure, span: Span, scope, metric: str | None = None, reading=None):
    """(status, time scope) of a figure whose clause carries `scope` (a dates.TimeExpression or None). With no
    `metric`, the reading of the clause alone (what metric scoring needs: is it a plan?); `reading` is that
    first answer, given back with the metric so the clause is not read twice."""
    if reading is None:
        scope = _own_scope(figure, scope)
        status = _reading(doc, figure, span, scope)
        if status == "planned" and scope is not None and scope.kind == "since":
            # "will visit twice a week from June": a start ahead; "has spent £1.8m since 2023 and plans to buy
            # 800": a plan is not counted since then
            scope = replace(scope, kind="starting") if scope.text.lower().startswith("from") else None
    else:
        status, scope = reading
    if metric is None:
        return status, scope
    entry = metrics.metric_vocabulary()[metric]
    kind = "events" if entry["kind"] == "flow" and not entry.get("counts_change") else entry["kind"]
    if status != "planned" and _is_ahead(doc, scope):
        return "planned", scope  # "a £20m budget gap in 2026-27", "shortfall next year": not begun yet
    if entry["kind"] == "flow" and entry.get("counts_change") and status != "planned" and _is_set_against_earlier(
            doc, span, scope):
        # "1,318 fewer than a year before", "down 6,012 when compared with September 2010": a change between two
        # levels the statistics dated, a period that is over ("fallen by 3,062 since May 2010" runs to now)
        return "past", scope
    if kind in ("events", "flow") and status in ("current", "past"):
        verb = _lemma(span.root.head) if span.root.dep_ in ("dobj", "attr") else None
        running = verb in load("context")["running_total_verbs"] or _is_perfect(span)  # "has led to 700 arrests"
        if _is_completed(doc, scope, status):
            return "past", scope  # "962 arrests in the 12 months to September 2025"
        # "in total", "altogether" sum what has been counted so far, but in a simple past they sum a period that
        # is over ("13 suspects were detained altogether", "there were five alerts in total")
        summed = _is_running_total(doc, scope) if status != "past" or scope is not None else False
        if kind == "events" and status == "current" or running or summed:
            # events are no level: counted up to publication ("since early 2024", "so far", "LFR has led to")
            return "cumulative", scope
    if kind == "amount" and status in ("current", "past") and scope is not None and (
            _runs_to_publication(doc, scope) or scope.kind == "since") and not _is_a_deals_value(span):
        return "cumulative", scope  # "£600m of savings made since 2010" (on an undated page too)
    if kind == "stock" and status == "past" and scope is None and _is_acquired(span):
        return "current", scope  # "the force won two vans": in service now
    earlier = _is_earlier_moment(doc, scope) or _is_completed(doc, scope, status)
    if kind == "stock" and status == "current" and earlier:
        # "had 33,509 officers as of September 2024": a level at an earlier moment; "more than the 146,030
        # officers in post in 2010": a level in a period that is over
        return "past", scope
    if entry.get("forecast") and status == "current":
        # "faces a £450m gap": a shortfall is of a budget still to be spent, unless its period is over
        return ("past" if _is_completed(doc, scope, status) else "planned"), scope
    if kind == "amount" and status == "current" and _is_completed(doc, scope, "past"):
        return "past", scope  # "the contract, awarded in late 2023, is worth up to £330m": a sum of a moment now over
    if kind == "amount" and status == "past" and scope is None and _is_stated_value(span):
        return "current", scope  # "the contract was worth £22.5m": its value has not changed
    return status, scope


def _is_a_deals_value(span: Span) -> bool:
    """ "has had a £30m deal with Palantir since 2021": the value of a deal, not money spent up to now."""
    noun = metrics.counted_noun(span)
    return noun is not None and _lemma(noun) in load("context")["status"]["deal_nouns"]


def _ends_a_deal(verb: Token) -> bool:
    """ "scrapped the contract", "scraps £65m contract": a deal, the verb's object, ended; not "is set to scrap",
    "called on the Met to scrap", "has not scrapped", "could axe", "ditched plans for a contract"."""
    if verb.dep_ in ("xcomp", "ccomp", "advcl") or _is_to_infinitive(verb):
        return False
    if any(c.dep_ == "neg" or c.dep_ in ("aux", "auxpass") and is_modal(c) for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    deal_nouns = set(load("context")["status"]["deal_nouns"])
    return any(_lemma(o) in deal_nouns for o in objects)


def _is_acquired(span: Span) -> bool:
    """ "The force won two vans": got and still held; not "bought 20 drones but sold 10", "when the scheme began,
    Kent acquired three drones", "secured two drones on loan for six weeks": an event of its own time."""
    verb = clause_verb(span)
    if verb is None or _lemma(verb) not in load("context")["status"]["acquiring_verbs"]:
        return False
    return not any(c.dep_ == "advcl" or c.dep_ == "prep" and c.lower_ in ("on", "for", "during", "before", "after")
                   or c.dep_ == "conj" and c.pos_ == "VERB" and not any(t.dep_.startswith("nsubj") for t in c.children)
                   for c in verb.children)


def _is_set_against_earlier(doc: Doc, span: Span, scope) -> bool:
    """A change the figure's own words measure from an earlier moment: "1,318 fewer than a year before", "down
    6,012 when compared with September 2010", or a sentence that opens on one ("Set against a year earlier, the
    force is down 941"). Not a change told as running to now: "has lost 900 officers, compared with 2023", "now has
    2,000 fewer than a year earlier", "so far this year, against 900 the year before"."""
    if scope is not None and (scope.kind in ("since", "trailing") or doc._.published and not
                              _ended_before_publication(doc, scope)):
        return False  # "so far this year", "in 2025" while 2025 runs: a change still running
    sentence = span.sent
    if any(t.dep_ == "aux" and _lemma(t) == "have" for t in sentence) or {
            t.lower_ for t in sentence} & set(load("context")["status"]["current_words"]):
        return False  # "has lost 900, compared with 2023", "the Met's lost", "now has 2,000 fewer": running to now
    after = re.split(r"[;,]|\s(?:and|but|while|whereas)\s", doc.text[span.end_char : sentence.end_char])[0]
    opening = re.match(r"\W*(?:set\s+)?(?=\w)", doc.text[sentence.start_char : span.start_char], re.IGNORECASE)
    opening = doc.text[sentence.start_char + opening.end() : span.start_char] if opening else ""
    return _names_an_earlier_moment(doc, after) or _names_an_earlier_moment(doc, opening, at_start=True)


def _names_an_earlier_moment(doc: Doc, text: str, at_start: bool = False) -> bool:
    """ "a year earlier", "the year before", or a comparison with a moment before publication ("compared with
    September 2010"; not "against 2026 targets" written in 2025)."""
    if not at_start and any(e.kind in ("earlier", "previous") for e in dates.find_time_expressions(text)):
        return True
    published_year = int(doc._.published[:4]) if doc._.published else None
    for match in _against_earlier().finditer(text):
        if at_start and match.start() > 0:
            return False
        year = re.search(r"(?:19|20)\d\d", match.group(0))
        if year is None or published_year is None or int(year.group(0)) < published_year:
            return True
    return False


@functools.cache
def _against_earlier() -> re.Pattern:
    """ "compared with September 2010", "against a year earlier", "on a year before", "against last year"."""
    compared = alternation(load("context")["comparison_words"])
    months = alternation([m.capitalize() for m in load("context")["months"]], flags_words_boundary=False)
    moment = (rf"(?:(?:the|a|an)\s+)?(?:(?:previous|same|last)\s+)?(?:year|month|twelve\s+months|12\s+months)\b"
              rf"|(?-i:{months})\s+(?:19|20)\d\d\b|(?:19|20)\d\d\b(?![-/–]\d)")
    return re.compile(rf"{compared}\s+(?:{moment})", re.IGNORECASE)


def _is_a_deal(span: Span, verb: Token) -> bool:
    """What the money is, or what the verb stops, is a deal ("blocked a contract worth up to £50m")."""
    nouns = [metrics.counted_noun(span), *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))]
    return any(noun is not None and _lemma(noun) in load("context")["status"]["deal_nouns"] for noun in nouns)


def _is_stated_value(span: Span) -> bool:
    """ "was worth £22.5m", "the deal was £9m", "valued at £40m": what a deal is worth, which its past tense does not
    end; money given, paid or signed for at an earlier moment ("awarded £240.6m", "signed a £3m deal") is past."""
    verb = clause_verb(span)
    near = {_lemma(t) for t in (*span.root.ancestors, *span.root.head.children)}
    return verb is None or _lemma(verb) == "be" or bool(near & set(load("context")["status"]["value_words"]))


def _own_scope(figure: Figure, scope):
    if figure.role == "from" and scope is not None and scope.kind == "by":
        return None  # "from 2 to 10 a week by 2026": the date belongs to the target
    if figure.role == "to" and figure.text.lower() in load("context")["multiplier_words"] and scope:
        # "has doubled from 12 in January 2025": the date is the old level's; the new one is now
        return scope if scope.kind == "by" else None
    return scope


def _is_ahead(doc: Doc, scope) -> bool:
    """A stated period that begins after publication ("next year", "over the next three years")."""
    if scope is None or scope.kind == "by":
        return False
    if not doc._.published:  # "over the next four years", whatever the date
        return bool(re.search(r"\b(?:next|coming)\b", scope.text, re.IGNORECASE))
    start, end = dates.resolve(scope, doc._.published)
    published = doc._.published[:10]
    if not start:
        return False
    return start > published or start == published and bool(end) and end > published and scope.kind != "since"


def _reading(doc: Doc, figure: Figure, span: Span, scope) -> str:
    cues = load("context")["status"]
    own_words = _own_words(span)
    if {t.lower_ for t in own_words} & set(cues["current_words"]):
        return "current"
    if {t.lower_ for t in own_words if not _is_made(t)} & set(cues["planned_words"]):
        return "planned"
    governing = _governing_status(span)
    verb = clause_verb(span)
    if governing != "planned" and _is_faced(span, verb):
        # "was still facing a cut of 2,300 officers": what lies ahead, unless its period is over ("faced a gap of
        # £200m in 2023-24")
        governing = "past" if _is_completed(doc, scope, "current") else "planned"
    if governing != "planned" and _is_defined_by_a_plan(span):
        return "planned"
    if figure.kind == "currency" and verb is not None and _lemma(verb) in cues["money_plans"]:
        return "planned"  # "committed £230m to police forces"
    if figure.kind == "currency" and verb is not None and _lemma(verb) in cues["money_stopped"] and _is_a_deal(
            span, verb):
        return "planned"  # "blocked a £50m contract": a deal never signed; "rejected a £2m cut" is no deal
    if figure.kind == "currency" and verb is not None and _lemma(verb) in cues["money_ended"] and _ends_a_deal(verb):
        return "past"  # "scraps £65m 999 call handling contract after two years": a deal that ran and is over
    if governing == "planned" and _is_existing_stock(span):
        return "current"
    if figure.role == "from":
        return "current" if governing == "planned" else "past"
    if figure.role == "to" and governing == "past" and (scope is None or _runs_to_publication(doc, scope)):
        return "current"  # "fell to 32,800", "grew to 37 over the past year": the level it stands at now
    if scope is not None and scope.kind == "by":
        _, end = dates.resolve(scope, doc._.published) if doc._.published else (None, None)
        if end and end > doc._.published[:10] or re.search(r"\b(?:next|coming)\b", scope.text, re.IGNORECASE):
            return "planned"  # "32,000 by next spring", whatever the publication date
    if governing in ("current", "planned") and _is_past_period(doc, span, scope):
        return "past"  # "said the drones reached incidents ... during the summer", "a grant awarded in January"
    if governing == "past" and figure.kind == "percent" and _survey().search(doc.text):
        return "current"  # "in a survey of 600 households, 41% supported it": what people think
    return governing


@functools.cache
def _survey() -> re.Pattern:
    return re.compile(alternation(load("context")["status"]["survey_words"]), re.IGNORECASE)


def _is_past_period(doc: Doc, span: Span, scope) -> bool:
    """A simple past verb dated by a period that ended before publication."""
    verb = clause_verb(span)
    if scope is None or scope.kind not in ("in", "relative") or verb is None or verb.tag_ not in ("VBD", "VBN"):
        return False
    if verb.tag_ == "VBN" and any(c.lower_ in ("has", "have") for c in verb.children):
        return False  # a present perfect speaks of now
    return _ended_before_publication(doc, scope)


def _ended_before_publication(doc: Doc, scope) -> bool:
    end = dates.resolve(scope, doc._.published)[1] if doc._.published else None
    return bool(end) and end < doc._.published[:10]


def _is_completed(doc: Doc, scope, status: str) -> bool:
    """A stated period (not a "by" deadline) that ended before publication: "in the year to March", "between
    April and December 2025", "in 2025" published in 2026, "last year". With no publication date, a simple
    past dated by a bounded period speaks of it as over ("officers made 42 arrests in February")."""
    if scope is None or scope.kind == "by":
        return False
    if scope.kind == "recent" and (not doc._.published or dates.resolve(scope, doc._.published)[1] is None):
        return True  # "yesterday", "on Saturday", "last week": over at publication (unless it is today)
    if not doc._.published:  # "last year" is over whenever it was written
        over = scope.kind == "relative" and re.match(r"(?:(?:in|during|over)\s+)?last\b", scope.text, re.IGNORECASE)
        bounded = status == "past" and scope.kind in BOUNDED_SCOPES
        return bounded or scope.kind == "in" and _names_a_year(scope) or bool(over)
    return _ended_before_publication(doc, scope)


def _is_earlier_moment(doc: Doc, scope) -> bool:
    """ "as of September 2024", "at the end of March 2024": a moment before publication (with no publication
    date, one that names its year)."""
    if scope is None or scope.kind not in ("as_of", "end_of"):
        return False
    if not doc._.published:
        return bool(re.search(r"\b(?:19|20)\d\d\b", scope.text))
    return _ended_before_publication(doc, scope)


def _names_a_year(scope) -> bool:
    """ "in 2023": with no publication date, a year stated whole is taken as over (the coverage reports it)."""
    return bool(re.fullmatch(r"(?:in|during|throughout)\s+(?:19|20)\d\d", scope.text.strip(), re.IGNORECASE))


# Kinds of time expression (dates.py) that bound a period of their own, whatever the publication date: "in
# February", "between April and June", "the 12 months to September", "two years ago"; not "since", "so far
# this year", "the past two years", which run up to publication.
BOUNDED_SCOPES = ("in", "between", "rolling", "ago", "as_of", "end_of", "recent", "previous")


def _runs_to_publication(doc: Doc, scope) -> bool:
    return bool(doc._.published) and dates.resolve(scope, doc._.published)[1] == doc._.published[:10]


def _own_words(span: Span) -> list[Token]:
    """Words of the figure's own noun phrase: "the current 30", "to potentially ten", "the current count of
    approximately 30"."""
    anchor = metrics.anchor(span)
    words = list(anchor.children) + list(span.root.children) + list(span)
    if span.end < len(span.doc) and not _modifies_a_word_after(span.doc[span.end]):
        words.append(span.doc[span.end])  # "up from 30 now", but not "14 potentially dangerous people"
    noun = metrics.counted_noun(span)
    if noun is not None:
        words += list(noun.children)
    if span.root.dep_ == "pobj" and span.root.head.lower_ in ("from", "to"):
        words += [t for t in span.root.head.children if t.i < span.start]
    if span.root.dep_ == "pobj" and span.root.head.lower_ == "at":
        # "put its current response time at 60 seconds", "current strength stands at 33,000": what it measures
        measured = [c for c in span.root.head.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
        words += [t for noun in measured for t in noun.children]
    return words


def _is_faced(span: Span, verb: Token | None) -> bool:
    """ "faces a cut of 2,300 officers", "is facing a shortfall of £260m": a loss still ahead; not "have faced cuts
    of 20,000 officers since 2010" nor "now face 30 police drones"."""
    cues = load("context")["status"]
    if verb is None or _lemma(verb) not in cues["planned_with_object"] or verb.tag_ not in ("VBZ", "VBP", "VBG"):
        return False
    if any(c.dep_ == "aux" and _lemma(c) == "have" for c in verb.children):
        return False
    return any(c.dep_ == "dobj" and _lemma(c) in cues["faced_losses"] and c.left_edge.i <= span.root.i <= c.right_edge.i
               for c in verb.children)


def _is_made(token: Token) -> bool:
    """ "have made possible 103 arrests": what the verb made the arrests, not a possibility."""
    return token.i > 0 and _lemma(token.doc[token.i - 1]) == "make"


def _modifies_a_word_after(token: Token) -> bool:
    return token.dep_ == "advmod" and token.head.i > token.i and token.head.pos_ in ("ADJ", "VERB")


def _governing_status(span: Span) -> str:
    """planned when a plan or a modal governs the figure's clause; past for a simple past tense; else
    current. Reporting verbs ("said", "reported") do not set the tense of what they report."""
    cues = load("context")["status"]
    if _is_headline_plan(span.sent):
        return "planned"
    verb = clause_verb(span)
    if verb is None:
        return "current"
    chain = [verb]
    while _climbs(chain[-1]) and chain[-1].head.i != chain[-1].i:
        if chain[-1].dep_ == "ccomp" and _lemma(chain[-1].head) in cues["reporting_verbs"]:
            break
        if _is_purpose(chain[-1]) and not _is_object(span, chain[-1]):
            break  # "will use AI to analyse images from one million cameras": the cameras are there already
        chain.append(chain[-1].head)
    top = chain[-1]
    if top.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in top.children) and top.dep_ == "ROOT":
        return "planned"  # headline style: "Met to install cameras"
    if top.dep_ == "acl" and top.head.pos_ == "NOUN" and _lemma(top.head) in cues["planned_heads"]:
        return "planned"  # "his promise to keep the force at about 32,000", "a plan to buy 40 more"
    if _is_progressive(verb) and verb.dep_ not in ("ccomp",):
        return "planned"  # "is spending £3.2m on new cameras", "is paying for 10 new vans": under way, not done
    for token in chain:
        if _is_adjectival(token):
            continue  # "arrested more than 60 wanted people": "wanted" describes the people, it plans nothing
        if _lemma(token) in cues["planned_heads"] and not _is_passive_of_a_wish(token):
            return "planned"
        if _lemma(token) in cues["planned_with_to"] and any(_is_to_infinitive(c) for c in token.children):
            return "planned"
        if any(c.dep_ == "acomp" and _lemma(c) in cues["planned_with_to"] and any(map(_is_to_infinitive, c.children))
               for c in token.children):
            return "planned"  # "ten new vans are due to arrive"
        if token.i == verb.i and any(c.dep_ in ("nsubj", "nsubjpass") and _lemma(c) in cues["planned_heads"]
                                     and c.i != span.root.i for c in token.children):
            return "planned"  # "the proposals include 500 drones", "the target is 40 a week"
        if token.tag_ == "VBG" and token.dep_ in ("xcomp", "acl") and _lemma(token.head) in cues["planned_with_gerund"]:
            return "planned"  # "faces losing 1,400 officers", "risks losing" (even read as a noun, "risks")
        gerund = token.tag_ == "VBG" or any(c.dep_ == "auxpass" and c.lower_ == "being" for c in token.children)
        if gerund and token.dep_ == "pcomp" and token.head.lower_ == "of" \
                and _lemma(token.head.head) in cues["planned_with_gerund_of"]:
            return "planned"  # "warned of losing up to 2,300 officers", "warned of 1,400 officers being lost"
        if token.tag_ == "MD" and is_modal(token):
            return "planned"  # "says it ought to have 38,000 officers": the modal heads its clause
        if any(is_modal(child) for child in token.children if child.dep_ in ("aux", "auxpass")):
            return "planned"
    if any(t.pos_ == "NOUN" and _lemma(t) in cues["faced_losses"] and t.dep_ == "pobj" and t.head.lower_ == "of"
           and _lemma(t.head.head) in cues["planned_with_gerund_of"] for number in span for t in number.ancestors):
        return "planned"  # "warned of cuts of 1,000 to 1,500 officers"
    for ancestor in span.root.ancestors:  # "the Met's plans for 500 drones", "a target of 20 vans"
        if ancestor.pos_ == "NOUN" and _lemma(ancestor) in cues["planned_heads"]:
            return "planned"
        if ancestor.i == verb.i:
            break
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    pluperfect = any(a.lower_ == "had" for a in auxiliaries)
    # "said it had arrested 12": an event before the saying; "said it had kept 34,000 officers" is still a state
    earlier_event = pluperfect and _lemma(verb) in load("context")["event_dating"]["event_verbs"]
    if verb.dep_ == "ccomp" and _lemma(verb.head) in cues["reporting_verbs"] and verb.head.tag_ == "VBD" and (
            verb.tag_ != "VBD" or _lemma(verb) in cues["stative_verbs"]) and not earlier_event:
        return "current"  # "said the rate was ...": a state's tense follows the reporting verb; an event's is its own
    if _lemma(verb) in cues["reporting_verbs"] and span.root.dep_ == "nsubj" and span.root.head.i == verb.i:
        return "current"  # "54 per cent said they were comfortable": what respondents say holds now
    reported = any(c.dep_ == "mark" for c in span.root.head.subtree)
    if verb.dep_ == "ROOT" and _lemma(verb) in cues["reporting_verbs"] and reported:
        return "current"  # "found that 7 in 10 Londoners back ...", misparsed: what was found holds now
    instrument = verb.head
    if _is_to_infinitive(verb) and _lemma(instrument) in load("context")["event_dating"]["instrument_verbs"] and \
            not any(c.dep_ == "auxpass" for c in instrument.children):
        # "used facial recognition to scan 108,000 faces": the tense is the using's; not "was told to save £200m"
        verb, auxiliaries = instrument, [c for c in instrument.children if c.dep_ in ("aux", "auxpass")]
        pluperfect = any(a.lower_ == "had" for a in auxiliaries)
    if verb.tag_ == "VBD" and not auxiliaries or pluperfect:
        return "past"
    if any(a.tag_ == "VBD" for a in auxiliaries) and not any(a.lower_ == "have" for a in auxiliaries):
        return "past"
    return "current"


def _is_passive_of_a_wish(verb: Token) -> bool:
    """ "40 of those held are wanted for rape", "suspects sought on warrants": what the police want of someone,
    not a plan."""
    if _lemma(verb) not in load("context")["status"]["planned_only_active"]:
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    reduced = verb.tag_ == "VBN" and not any(c.dep_.startswith(("aux", "nsubj")) for c in verb.children)
    context = load("context")
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    # "wanted for rape", "wanted over a stabbing"; not "wanted for years", nor "seeks over £50 million" (no object)
    sought = after is not None and after.lower_ in context["status"]["sought_for"] and any(
        c.dep_ == "pobj" and not c.like_num and _lemma(c) not in context["period_nouns"] for c in after.children)
    return passive or reduced or sought and not any(c.dep_ == "aux" for c in verb.children)


def _is_purpose(verb: Token) -> bool:
    """A to-infinitive that says what its clause is for: "(so as) to cover ..."."""
    return verb.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)


def _is_object(span: Span, verb: Token) -> bool:
    """The figure, or the noun it counts, is the verb's object ("to cover a £450m black hole")."""
    noun = metrics.counted_noun(span)
    return any(t.dep_ == "dobj" and t.head.i == verb.i for t in (span.root, noun) if t is not None)


def _is_progressive(verb: Token) -> bool:
    """A present progressive ("is spending", "are paying"): what it counts is being bought or done, not had."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am") for c in verb.children)


def _is_adjectival(verb: Token) -> bool:
    """A participle with no subject or auxiliary right before the noun it governs: "60 wanted people"."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if verb.tag_ not in ("VBD", "VBN") or following is None or following.head.i != verb.i:
        return False
    return following.dep_ == "dobj" and not any(c.dep_.startswith(("nsubj", "aux")) for c in verb.children)


def _climbs(verb: Token) -> bool:
    """Clauses that take the status of the verb above them: "aims to buy", "plans ... and is set to", "said
    it had", and participles ("to add 10 vans, bringing the total to 20", "to have 20, backed by £12m"); not a
    conjoined clause that says "now" ("must cut 1,900 officers, and now has 32,900")."""
    current = load("context")["status"]["current_words"]
    if verb.dep_ == "conj" and any(c.dep_ == "advmod" and c.lower_ in current for c in verb.children):
        return False
    if _is_purpose(verb):
        return True  # "must shed 2,300 officers so as to cover a £450m black hole"
    return verb.dep_ in ("xcomp", "conj", "ccomp") or verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN")


def _is_headline_plan(sentence: Span) -> bool:
    """ "Met to use facial recognition up to ten times a week": a headline with an infinitive and no finite
    verb announces a plan, however the small model parses it."""
    if any(token.tag_ in ("VBD", "VBZ", "VBP", "MD") for token in sentence):
        return False
    return any(t.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children) for t in sentence)


def _is_defined_by_a_plan(span: Span) -> bool:
    """A relative clause with a modal or "set to" on the counted noun says what is counted is still to come: "a
    £50 million contract that the Met was set to sign", "the seven forces that will be able to use them"."""
    noun = metrics.counted_noun(span) or span.root
    return any(child.dep_ in ("relcl", "acl") and _plans(child) for child in noun.children)


def _plans(verb: Token) -> bool:
    cues = load("context")["status"]
    if any(c.dep_ in ("aux", "auxpass") and is_modal(c) for c in verb.children):
        return True
    return _lemma(verb) in cues["planned_with_to"] and any(_is_to_infinitive(c) for c in verb.children)


def _is_existing_stock(span: Span) -> bool:
    """ "add 10 vans to its fleet of 10", "its four drones would reach ...": under a plan, a figure in a
    possessed phrase the plan is about, or its subject, names what exists."""
    noun = metrics.counted_noun(span)
    if noun is None or not any(child.dep_ == "poss" for child in noun.children):
        return False
    if noun.dep_ in ("nsubj", "nsubjpass"):
        # "its four drones would reach most of the county" says what it has; "its 20 new drones will" does not
        added = {"new", *load("context")["increment_words"]}
        return not any(_lemma(child) in added for child in noun.children)
    # not "could lose 2,000 of its officers": the figure is a part of the stock, and the plan's
    return noun.dep_ == "pobj" and not span.start <= noun.head.head.i < span.end


def is_modal(auxiliary: Token) -> bool:
    """ "will", "could", "ought (to)": a modal that makes what it governs a plan or a possibility, not one of
    ability ("can")."""
    cues = load("context")["status"]
    if auxiliary.lower_ in cues["ability_modals"]:
        return False
    return auxiliary.tag_ == "MD" or auxiliary.lower_ in cues["modal_words"]


def _is_to_infinitive(token: Token) -> bool:
    return token.dep_ == "xcomp" and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)


def _is_perfect(span: Span) -> bool:
    verb = clause_verb(span)
    return verb is not None and verb.tag_ == "VBN" and any(c.lower_ in ("has", "have") for c in verb.children)


def clause_verb(span: Span) -> Token | None:
    for token in [span.root, *span.root.ancestors]:
        if span.start <= token.i < span.end and _is_number_part(token):
            continue  # "£3m": the small model may tag the "m" as a verb
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in NOUN_ROLES:
            if _is_misread_participle(token, span):
                return token.head
            return token  # "town centres" tagged VBZ, "faces scanned" as a subject: nouns, whatever their tag
    return None


def _is_misread_participle(verb: Token, span: Span) -> bool:
    """ "Essex Police made 40 arrests using facial recognition": the small model makes the arrests the subject of
    a clause "using ..." of their own; the participle only says how they were made, and the clause is "made"."""
    own = {span.root.i, *(t.i for t in span.root.ancestors)}
    return verb.dep_ == "ccomp" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "nsubj" and c.i in own for c in verb.children)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _is_number_part(token: Token) -> bool:
    return token.like_num or token.tag_ == "CD" or token.lower_ in load("numbers")["short_scales"]


@functools.cache
def _running_total() -> re.Pattern:
    return re.compile(alternation(load("context")["status"]["cumulative_words"]), re.IGNORECASE)


def _is_running_total(doc: Doc, scope) -> bool:
    """A flow counted over a stated period ("since early 2024", "in the 12 months to ...", "so far")."""
    return scope is not None and scope.kind != "by" or bool(_running_total().search(doc.text))
