"""What a figure counts, read from the dependency parse: the noun the number modifies, that noun's modifiers,
and the words that govern it (the noun it is "of", the verbs above it and their subjects and objects).
The vocabulary and the conditions of each metric are in nlp/data/metrics.yml; every metric whose conditions hold
is scored on that evidence, and a figure whose best candidates tie is no claim (see `score_metrics`).
"""

import functools
import re
from dataclasses import dataclass, field, replace

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from claimwatch.nlp import subjects
from claimwatch.nlp.resources import DataError, load
from claimwatch.topics import VOCABULARY, technologies

NOUNS = {"NOUN", "PROPN"}
MODIFIERS = {"amod", "compound", "nmod", "poss", "npadvmod", "advmod"}  # advmod: "7 in 10 Londoners back" misparsed
ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "attr", "acomp"}


@dataclass
class Evidence:
    noun: str | None  # lemma of the noun the figure counts, None when elided ("up from the current 30")
    lemmas: set[str] = field(default_factory=set)  # lowercase lemmas and words around it in the parse
    verb: str | None = None  # lemma of the verb governing the figure, to match parallel clauses
    governors: set[str] = field(default_factory=set)  # lemmas from the figure up to its verb: what it hangs on
    borrowed: bool = False  # the noun is another figure's or the sentence before's ("buy 20 more")
    modifiers: set[str] = field(default_factory=set)  # lemmas modifying the counted noun: "special constables"
    agents: set[str] = field(default_factory=set)  # lemmas of the subject of the figure's own verb: "the cameras"


@functools.cache  # load() is cached too: the data files are read once per process
def metric_vocabulary() -> dict:
    """The metric entries of metrics.yml (their shape checked on load); a topic must be a known technology."""
    vocabulary = load("metrics")["metrics"]
    for name, entry in vocabulary.items():
        if entry.get("topic") and entry["topic"] not in technologies():
            raise DataError(f"{load('metrics').path}: metrics.{name}.topic: '{entry['topic']}' is not a technology"
                            f" of {VOCABULARY} ({', '.join(sorted(technologies()))})")
    return vocabulary


def counted_noun(span: Span) -> Token | None:
    """The noun a figure counts: "2,000 arrests", "£50 million contract", "the current count of about 30",
    "1,700 police staff posts" (staff), "arrests pass 1,500" (arrests)."""
    noun = _direct_noun(span)
    if noun is not None and _is_a_change_restated(noun):
        return _what_changed(_verb_above(noun))
    generic = load("context")["generic_nouns"]
    if noun is not None and _lemma(noun) in generic:
        # "1,700 police staff posts" counts staff; "700 frontline posts" posts; "11,178 members of staff" staff
        modifiers = [c for c in noun.children if c.dep_ == "compound" and c.pos_ in NOUNS]
        known = [c for c in modifiers if _lemma(c) in _vocabulary_nouns()] or _of_objects(noun)
        if known:
            return known[-1]
        if modifiers and _lemma(noun) not in _vocabulary_nouns():
            return modifiers[-1]
        if _lemma(noun) in _vocabulary_nouns():
            return noun
        return _noun_of_clause(span)  # "arrests have reached a total of 1,400": what reached it
    if noun is None:
        noun = _noun_of_clause(span)
    return _past_abbreviation(noun)


def _past_abbreviation(noun: Token | None) -> Token | None:
    """ "two live facial recognition (LFR) vans" counts vans: the bracketed short name throws the parse, which
    hangs the figure on "recognition" with "vans" as an aside, so the noun right after the brackets is the head."""
    if noun is None:
        return None
    doc = noun.doc
    close = noun.i + 3
    if close + 1 < len(doc) and doc[noun.i + 1].text == "(" and doc[close].text == ")" \
            and doc[noun.i + 2].is_upper and doc[close + 1].pos_ == "NOUN":
        return doc[close + 1]
    return noun


def _is_a_change_restated(noun: Token) -> bool:
    """ "staff numbers fell by 11.3%, a drop of almost 9,000", "rose by 3%, an increase of 3,000": the drop
    restates what its clause's verb says."""
    return _lemma(noun) in load("context")["change_nouns"] and noun.dep_ in ("npadvmod", "appos") \
        and _verb_above(noun) is not None


def _verb_above(token: Token) -> Token | None:
    return next((t for t in token.ancestors if t.pos_ == "VERB"), None)


def _what_changed(verb: Token) -> Token | None:
    """What a verb of change changes: its object ("lost officers") or else its subject ("officer numbers fell")."""
    for roles in (("dobj",), ("nsubj", "nsubjpass")):
        nouns = [c for c in verb.children if c.dep_ in roles and c.pos_ in NOUNS]
        if nouns:
            return _specific(nouns[0])
    return None


@functools.cache
def _vocabulary_nouns() -> frozenset:
    return frozenset(noun for metric in metric_vocabulary().values() for noun in metric.get("nouns", []))


def nouns_mentioned(text: str) -> list[str]:
    """Lemmas of the vocabulary's nouns in plain text, those counted by a number first ("412 arrests"): what
    a later "90 more" may leave out. A person ("540 people") comes after what happened to them ("helped arrest
    540 people"): the people are what the words count, not what was counted."""
    counted, named = [], []
    for match in _noun_pattern().finditer(text):
        noun = vocabulary_forms()[match.group("noun").lower()]
        (counted if match.group("count") else named).append(noun)
    mentioned = list(dict.fromkeys(counted + named))
    if mentioned and mentioned[0] in load("context")["placeholder_nouns"]:
        done_to_them = [n for n in mentioned if n in load("context")["counted_by_verb"].values()]
        return done_to_them + [n for n in mentioned if n not in done_to_them]
    return mentioned


@functools.cache
def vocabulary_forms() -> dict[str, str]:
    forms = {}
    for noun in _vocabulary_nouns():
        for form in (noun, noun + "s", noun + "es"):
            forms.setdefault(form, noun)
    return forms


@functools.cache
def _noun_pattern() -> re.Pattern:
    nouns = "|".join(sorted(map(re.escape, vocabulary_forms()), key=len, reverse=True))
    return re.compile(rf"(?P<count>\d\s+(?:[a-z-]+\s+){{0,2}}?)?\b(?P<noun>{nouns})\b", re.IGNORECASE)


def _noun_of_clause(span: Span) -> Token | None:
    """A bare figure whose clause names what it counts: "arrests pass 1,500", "the number of officers fell
    to 32,800", "12 were false alerts"."""
    root = span.root
    if root.dep_ == "prep" and root.i < anchor(span).i:
        root = anchor(span)  # "dipping below 30,000": the qualifier heads the figure, the number is its object
    if _is_misread_period(root):
        root = root.head  # "halved its fleet to 8 last year": read as "to [8 last year]"
    verb = None
    if root.dep_ in ("dobj", "attr"):
        verb = root.head
    elif root.dep_ == "pobj" and root.head.dep_ in ("prep", "dative"):
        verb = root.head.head
        if _lemma(verb) in load("context")["generic_nouns"] and verb.dep_ in ("dobj", "attr"):
            verb = verb.head  # "arrests have reached a total of 1,400": what reached it
    elif root.dep_ == "quantmod":  # "cut by 300 to 10,700", "a drop of 9,000 to 69,407": the parser hangs 300 on 10,700
        return counted_noun(span.doc[root.head.i : root.head.i + 1])
    if root.dep_ == "pobj" and root.head.lower_ == "at" and verb is not None \
            and _lemma(verb) in load("context")["measuring_verbs"]:
        # "puts the value of the contracts at £250m", "its yearly cost is estimated at £245,000", "a hole in next
        # year's budget that it puts at £450mn": what is measured
        measured = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in NOUNS]
        if not measured and verb.dep_ == "relcl" and verb.head.pos_ in NOUNS:
            measured = [verb.head]
        if measured:
            return _specific(measured[0])
    if verb is not None and _lemma(verb) in load("context")["level_verbs"]:
        # "the fleet rose to 30"; a figure after a preposition may also measure the object ("double the
        # drone fleet to 60")
        roles = ("dobj", "nsubj", "nsubjpass") if root.dep_ == "pobj" else ("nsubj", "nsubjpass")
        holder = verb
        while holder.dep_ in ("xcomp", "conj") and not any(c.dep_ in roles for c in holder.children):
            # "numbers are expected to drop by 900"; "the gap stands at £200m and rises to £450m": a verb with no
            # subject of its own shares the one before it
            holder = holder.head
        own = set(t.i for t in root.ancestors)  # "reached a total of 1,400": the total is the figure's own noun
        subjects = sorted(
            (c for c in holder.children if c.dep_ in roles and c.pos_ in NOUNS and c.i not in own),
            key=lambda c: roles.index(c.dep_),
        )
        if subjects:
            return _specific(subjects[0])
    if root.dep_ == "dobj" and verb.dep_ == "conj" and _lemma(root) not in load("numbers")["durations"]:
        # "has trebled its drone numbers since 2021 and now has 24" (or "a dozen"): the object the first verb
        # named; a figure told in a unit of time names no such thing ("helped 2,100 times and clocked up 500 hours")
        objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.pos_ in NOUNS]
        if objects:
            return _specific(objects[0])
    if root.dep_ in ("nsubj", "nsubjpass"):
        # "Of all the arrests, 52 came from LFR": a fronted "of" names the whole the figure is part of
        wholes = [o for c in root.head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < root.i
                  for o in c.children if o.dep_ == "pobj" and o.pos_ in NOUNS]
        if wholes:
            return _specific(wholes[0])
    if root.dep_ == "nsubj" and _lemma(root.head) == "be":
        attributes = [c for c in root.head.children if c.dep_ == "attr" and c.pos_ in NOUNS]
        return attributes[0] if attributes else None
    return None


def _is_misread_period(number: Token) -> bool:
    """ "to 8 last year", "up from four two years ago": the small model makes the number count the period."""
    head = number.head
    if number.dep_ != "nummod" or _lemma(head) not in load("context")["period_nouns"]:
        return False
    return any(
        number.i < c.i < head.i and (c.dep_ == "nummod" or c.dep_ == "amod" and c.lower_ in ("last", "next", "this"))
        for c in head.children
    )


def _specific(noun: Token) -> Token | None:
    """ "the number of officers" and "staff numbers" count officers and staff; a generic noun with nothing
    before or after it counts nothing."""
    if _lemma(noun) not in load("context")["generic_nouns"]:
        return noun
    # "police community support officer (PCSO) numbers": the parser may call the counted noun nmod
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "nmod") and c.pos_ in NOUNS]
    if modifiers:
        return modifiers[-1]
    objects = _of_objects(noun)
    return objects[0] if objects else None


def _of_objects(noun: Token) -> list[Token]:
    """The nouns a noun is "of": "the number of officers", "members of staff"."""
    return [
        c
        for preposition in noun.children
        if preposition.dep_ == "prep" and preposition.lower_ == "of"
        for c in preposition.children
        if c.dep_ == "pobj" and c.pos_ in NOUNS
    ]


def _direct_noun(span: Span) -> Token | None:
    number = anchor(span)
    head = number.head
    if number.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos") and head.pos_ in NOUNS:
        if (head.i >= span.end or head.i < span.start) and not _is_misread_period(number):
            return head
    if number.dep_ == "npadvmod" and head.dep_ == "amod" and head.head.pos_ in NOUNS:
        return head.head  # "400 fewer staff", "2,000 more officers"
    root = span.root
    modified = root.head if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in NOUNS else None
    if modified is not None and not span.start <= modified.i < span.end and not _is_a_change_word(modified):
        return modified  # "an 88% response rate": the percent sign heads the figure, the rate is what it measures
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in NOUNS:
        return root.head.head
    generic = load("context")["generic_nouns"]
    for preposition in root.children:  # "200 of those staff"; "800 of those roles" counts what the roles are
        if preposition.dep_ == "prep" and preposition.lower_ == "of":
            nouns = [c for c in preposition.children if c.dep_ == "pobj" and c.pos_ in NOUNS]
            if nouns and _lemma(nouns[0]) not in generic:
                return nouns[0]
    return None


def _is_a_change_word(noun: Token) -> bool:
    """ "a 3.7% reduction", "a 30% rise": a noun that names a change, not what is counted."""
    context = load("context")
    return _lemma(noun) in context["change_nouns"] or noun.lower_ in {*context["rise_words"], *context["fall_words"]}


def evidence(span: Span) -> Evidence:
    """The words the parse ties to a figure: what it counts and what is said of that."""
    noun = counted_noun(span)
    own_verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    # "lost 1,000 officers and now has 33,000": a noun named in a conjoined clause says what the figure
    # counts, but what that clause says of it (the loss) is not said of the figure
    elsewhere = noun is not None and own_verb is not None and noun not in own_verb.subtree
    start = noun if noun is not None and not elsewhere else span.root
    lemmas: set[str] = set()
    phrase = _phrase(noun) if noun is not None else set()
    if noun is not None:
        lemmas |= phrase
        for child in noun.children:
            if child.dep_ == "conj":
                continue
            if child.dep_ == "prep":
                lemmas |= {_lemma(t) for t in child.subtree if t.pos_ in NOUNS | {"ADJ", "VERB"}}
            if child.dep_ in ("relcl", "acl"):  # "seven forces that will get it", "the forces chosen to host it"
                lemmas |= {_lemma(t) for t in child.subtree if t.pos_ == "VERB"}
    # "fell to 32,800" states the new level: the verb of change says nothing of what is counted.
    target_of = span.root.head.head if span.root.dep_ == "pobj" and span.root.head.lower_ == "to" else None
    now = load("context")["status"]["current_words"]
    verb = next((t for t in start.ancestors if t.pos_ in ("VERB", "AUX")), None)
    for ancestor in start.ancestors:
        if target_of is None or ancestor.i != target_of.i:
            lemmas.add(_lemma(ancestor))
            lemmas.add(ancestor.lower_)
        if ancestor.pos_ in ("VERB", "AUX"):
            for child in ancestor.children:
                if child.dep_ in ARGUMENTS:
                    lemmas |= _phrase(child)
                    if child.dep_ == "acomp":  # "will be able to use the vans", "are due to get them"
                        lemmas |= {_lemma(t) for t in child.children if t.dep_ == "xcomp" and t.pos_ == "VERB"}
                elif child.dep_ in ("xcomp", "advcl") and child.pos_ == "VERB":  # "take four minutes to arrive"
                    lemmas.add(_lemma(child))
                    # "secured £2.5m to buy body-worn video cameras": what the clause of purpose is about
                    lemmas |= {w for t in child.children if t.dep_ == "dobj" for w in _phrase(t)}
                elif child.dep_ == "ccomp" and start.dep_ == "nsubj" and start.head.i == ancestor.i:
                    # "54 per cent said they were comfortable": what the counted people said
                    lemmas.add(_lemma(child))
                    lemmas |= {_lemma(t) for t in child.children if t.dep_ in ARGUMENTS}
                elif child.dep_ == "advmod" and child.lower_ in now:
                    lemmas.add(child.lower_)  # "there are now 146,000 officers": a level, said as one
                elif child.dep_ == "advmod" and child.lower_.endswith("ly") and ancestor.i == verb.i:
                    # "one in 6,000 people would be wrongly matched": how the figure's own verb happened
                    lemmas.add(child.lower_)
                elif child.dep_ == "expl" and _is_within(start, ancestor):
                    # "there are 147,000 officers in England and Wales": what there is in a place or at a time, a
                    # level; "there were 500 officers at the match" is no force's strength
                    lemmas.add(child.lower_)
                elif child.dep_ == "prep":  # "agreed £3 million for the drone unit"
                    lemmas |= {_lemma(t) for t in child.children if t.dep_ == "pobj"}
                    lemmas |= {_lemma(t) for p in child.children if p.dep_ == "pobj" for t in p.children}
                    # "will go on buying the aircraft": what the money goes on doing, and to what
                    lemmas |= {_lemma(t) for p in child.children if p.dep_ == "pcomp"
                               for t in (p, *p.children) if t.dep_ in ("pcomp", "dobj")}
        if ancestor.pos_ in NOUNS:
            lemmas |= _phrase(ancestor)
        if ancestor.dep_ == "conj" and any(c.dep_.startswith("nsubj") for c in ancestor.children):
            break  # "... is worth £9.8m, and the Mayor has pledged £3m": the first clause is about something else
        if ancestor.dep_ == "conj" and any(c.dep_ == "advmod" and c.lower_ in now for c in ancestor.children):
            break  # "must cut 1,900 officers, and now has 32,900 officers": the level now is no cut
    for child in span.root.children:  # "0.0003% of faces", "1 in 6,000 scans"
        if child.dep_ == "prep":
            lemmas |= {_lemma(t) for t in child.subtree}
    counted = _lemma(noun) if noun is not None else None
    context = load("context")
    if verb is not None and (counted is None or counted in context["placeholder_nouns"]):
        # "1,610 were arrested", "deployed 1,040 times", "flagged 1,900 people"; "400 suspects were found and
        # arrested": a verb conjoined with no subject of its own does to the same people
        shared = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                  and not any(t.dep_.startswith("nsubj") for t in c.children)]
        by_verb = context["counted_by_verb"]
        counted = next((by_verb[_lemma(v)] for v in (verb, *shared) if _lemma(v) in by_verb), counted)
        if counted:
            lemmas.add(counted)
    modifiers = phrase - {_lemma(noun), noun.lower_} if noun is not None else set()
    agents = {_lemma(c) for c in verb.children if c.dep_ == "nsubj"} if verb is not None else set()
    if verb is not None and noun is not None and noun.dep_ == "nsubj" and noun.head.i == verb.i:
        # "1.3 million faces went through the force's cameras", "three million faces passed the cameras": what the
        # counted things passed did it to them
        passing = context["passing"]
        agents |= {_lemma(o) for c in verb.children if c.dep_ == "prep" and c.lower_ in passing["prepositions"]
                   for o in c.children if o.dep_ == "pobj"}
        if _lemma(verb) in passing["verbs"]:
            agents |= {_lemma(c) for c in verb.children if c.dep_ == "dobj"}
    return Evidence(counted, lemmas, _lemma(verb) if verb is not None else None, _governors(span),
                    modifiers=modifiers, agents=agents)


def _is_within(noun: Token, verb: Token) -> bool:
    """ "there are 147,000 officers in England and Wales", "in the Met", "in March 2020", "as of September": in a
    force or the body of forces subjects.yml names, or at a time; not "in the operation", "in Croydon" or "in
    Parliament Square" (a place may hold officers for a day), nor "on duty in Notting Hill"."""
    prepositions = [c for c in (*noun.children, *verb.children) if c.dep_ == "prep"]
    dated = [p for p in prepositions if _names_a_date(p)]
    in_a_body = [p for p in prepositions if _names_a_body(p)]
    return bool(dated or in_a_body) and all(p in dated or p in in_a_body for p in prepositions)


def _names_a_body(preposition: Token) -> bool:
    """ "in the Met", "across England and Wales", "in Essex Police"; not "in the Met's drone unit" (a unit's
    strength), nor "in the Met on duty at the carnival"."""
    phrase = preposition.doc[preposition.left_edge.i : preposition.right_edge.i + 1]
    found = subjects.mentions(phrase.text)
    return any(o.dep_ == "pobj" and o.pos_ == "PROPN" and not any(c.dep_ == "prep" for c in o.children)
               and any(m.start <= o.idx - phrase.start_char < m.end for m in found) for o in preposition.children)


def _names_a_date(preposition: Token) -> bool:
    """ "in March 2020", "as of 30 September 2011", "at the end of March"; not "at the demonstration on 4 July"."""
    months = load("context")["months"]
    words, reached = [preposition], []
    while words:
        word = words.pop()
        reached.append(word)
        words += [c for c in word.children if c.dep_ in ("pobj", "nummod", "compound")
                  or c.dep_ == "prep" and c.lower_ == "of"]
    return any(t.lower_ in months or re.fullmatch(r"(?:19|20)\d\d", t.text) for t in reached)


def _governors(span: Span) -> set[str]:
    """The words a figure hangs on, up to its verb: "a £140m shortfall", "the loss of 1,400 officers", "drop
    by about 900", "now has 32,900 officers"."""
    found = set()
    for token in [span.root, *span.root.ancestors]:
        if span.start <= token.i < span.end:
            continue
        found.add(_lemma(token))
        if token.pos_ in ("VERB", "AUX"):
            break
    return found


@dataclass(frozen=True)
class Candidate:
    metric: str
    score: int
    because: tuple[str, ...]  # the evidence that scored: "noun arrest", "verb lose", "topic lfr"


@dataclass
class Choice:
    """The metric a figure is given, every candidate that was scored, and why there is none when there is none."""

    metric: str | None
    candidates: list[Candidate]
    reason: str | None = None


def score_metrics(figure_kind: str, found: Evidence, topics: set[str], planned: bool, level: bool = False,
                  changes_only: bool = False) -> Choice:
    """Score every metric the figure could be (metrics.yml, weights in its `scoring`): its counted noun, the
    verb that governs it, the cue words the parse ties to it, the technology of its sentence, paragraph or
    article, and the status a metric needs. A metric whose stated conditions fail is no candidate; the best
    candidate wins only when no other scores as high and it scores at least `min_score`. A `level` (an end of
    a change: "fell by 600 to 10,400") never counts the change itself."""
    weights = load("metrics")["scoring"]
    candidates, off_topic, off_purpose = [], [], []
    for name, metric in metric_vocabulary().items():
        if figure_kind not in metric["figure_units"]:
            continue
        if level and metric.get("counts_change") and found.noun not in metric.get("cues", ()):
            continue  # "fell to 32,800 officers" is no cut, but "the gap rises to £450m" is the gap
        if changes_only and not metric.get("counts_change"):
            continue
        if found.verb in metric.get("not_verbs", ()) and found.noun not in metric.get("cues", ()) and not (
                found.governors & set(metric.get("cues", ()))):
            # "£5m given to buy cars" is no deal, but "awarded Palantir a £50m contract" is one, and "oppose it in
            # schools, but 70% back it" backs it
            continue
        if found.noun in metric.get("not_nouns", ()):
            continue
        if found.governors & set(metric.get("not_cues", ())):
            continue  # "short of 1,000 officers", "a lack of 4,491 officers": a gap against a target, not a level
        if found.modifiers & set(metric.get("not_modifiers", ())):
            continue  # "1,400 special constables" are volunteers, not officers
        wanted = metric.get("status")
        if wanted == "planned" and not planned or wanted == "not_planned" and planned:
            continue
        score, because = 0, []
        if figure_kind in weights["telling_units"]:  # "ten a week", "60 seconds": few metrics take such a figure
            score += weights["unit"]
            because.append(f"unit {figure_kind}")
        nouns = metric.get("nouns")
        if nouns:
            if found.noun not in nouns:
                continue
            score += weights["noun"]
            because.append(f"noun {found.noun}")
        cues = set(metric.get("cues", ()))
        if cues:
            agent_cues = metric.get("agent_cues", {})
            by_agent = found.agents & set(agent_cues["agents"]) if found.noun in agent_cues.get("nouns", ()) else set()
            matched = sorted(found.lemmas & cues | by_agent)
            if not matched:
                continue
            score += weights["cue"]
            because.append(f"cue {matched[0]}")
            # the counted noun is a cue it hangs on only when it is not one of the metric's own nouns: "cut 2,300
            # police" counts police, and the verb says what happened to them
            hung_on = found.governors | {found.noun, found.verb}
            if found.noun in (nouns or ()):
                hung_on = hung_on - {found.noun}
            head = min(hung_on & cues - {None}, default=None)
            if head is not None:  # "a shortfall of £260m", "lose 2,000 officers": a cue the figure hangs on
                score += weights["head"]
                because.append(f"head {head}")
            if found.noun in cues:  # "gave Palantir a $178m contract": what is counted outweighs the verb
                score += weights["noun_cue"]
                because.append(f"counts {found.noun}")
        purposes = metric.get("purpose_words")
        if purposes and not topics and not found.lemmas & set(purposes):
            off_purpose.append(name)  # "the Met's budget of £2.7bn", "an extra £49m from council tax": no new
            continue  # money for a technology or unit
        if metric.get("topic"):
            if metric["topic"] not in topics:
                off_topic.append(name)
                continue
            score += weights["topic"]
            because.append(f"topic {metric['topic']}")
        if wanted:
            score += weights["status"]
            because.append(f"status {'planned' if planned else 'not planned'}")
        candidates.append(Candidate(name, score, tuple(because)))
    candidates.sort(key=lambda c: -c.score)  # stable: equal scores keep the vocabulary's order
    if not candidates:
        return Choice(None, [], _why_none(found, off_topic, off_purpose))
    best = candidates[0]
    if len(candidates) > 1 and candidates[1].score == best.score:
        return Choice(None, candidates, f"tie between {best.metric} and {candidates[1].metric}")
    if best.score < weights["min_score"]:
        return Choice(None, candidates, f"weak evidence for {best.metric} ({', '.join(best.because)})")
    return Choice(best.metric, candidates)


def _why_none(found: Evidence, off_topic: list[str], off_purpose: list[str]) -> str:
    if off_purpose:
        return f"{off_purpose[0]} needs a technology or unit the money is for"
    if off_topic:
        needs = sorted({metric_vocabulary()[name]["topic"] for name in off_topic})
        return f"off-topic: {off_topic[0]} needs a sentence about {' or '.join(needs)}"
    if found.noun is None:
        return "no counted noun"
    return f"no metric counts '{found.noun}'"


def as_a_fall(found: Evidence) -> Evidence:
    """The evidence of a figure that is the size of a fall ("shrink by 2,300 officers"), read as a loss."""
    return replace(found, lemmas=found.lemmas | {"fall"})


def anchor(span: Span) -> Token:
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


@functools.cache
def _count_matcher(vocab: Vocab) -> tuple[Matcher, list[str]]:
    """The Matcher of `context.yml: count_patterns`, one per vocabulary; each pattern's `counts` must be a noun
    of the vocabulary."""
    entries = load("context")["count_patterns"]
    matcher = Matcher(vocab)
    for index, entry in enumerate(entries):
        if entry["counts"] not in _vocabulary_nouns():
            raise DataError(f"{load('context').path}: count_patterns.{index}.counts: '{entry['counts']}' is no noun"
                            " of metrics.yml")
        try:
            matcher.add(str(index), [entry["pattern"]])
        except (ValueError, KeyError) as error:
            raise DataError(f"{load('context').path}: count_patterns.{index}.pattern: {error}") from None
    return matcher, [entry["counts"] for entry in entries]


def counted_by_pattern(doc: Doc) -> dict[int, str]:
    """Token index of a number -> what it counts, where a count pattern says so ("officers arrested more than
    60 wanted people": 60 counts arrests, however the parse reads "60 wanted")."""
    needed = _lemmas_every_pattern_needs()
    if needed is not None and not any(token.lemma_.lower() in needed for token in doc):
        return {}  # no pattern can match: each needs one of these lemmas (most sentences have none)
    matcher, counts = _count_matcher(doc.vocab)
    found: dict[int, str] = {}
    for match_id, start, end in matcher(doc):
        what = counts[int(doc.vocab.strings[match_id])]
        for token in doc[start:end]:
            if token.like_num:
                found.setdefault(token.i, what)
    return found


@functools.cache
def _lemmas_every_pattern_needs() -> frozenset[str] | None:
    """The lemmas of the tokens the count patterns require (no OP): a doc with none of them matches no pattern.
    None when some pattern requires no lemma at all."""
    needed = set()
    for entry in load("context")["count_patterns"]:
        required = [t["LEMMA"]["IN"] for t in entry["pattern"] if "OP" not in t and isinstance(t.get("LEMMA"), dict)
                    and "IN" in t["LEMMA"]]
        if not required:
            return None
        needed.update(lemma.lower() for lemmas in required for lemma in lemmas)
    return frozenset(needed)


def apply_count_patterns(span: Span, found: Evidence, by_pattern: dict[int, str]) -> None:
    """A figure a count pattern matched counts what the pattern says, unless the parse gave it a noun of its
    own that is neither a person nor a time ("made 60 arrests" keeps arrests)."""
    what = by_pattern.get(anchor(span).i)
    if what is None or found.noun is not None and found.noun not in load("context")["placeholder_nouns"]:
        return
    found.noun = what
    found.lemmas.add(what)
