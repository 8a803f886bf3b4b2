"""Who a figure is about: the bodies named in a text (nlp/data/subjects.yml), found without spaCy.

A body is named by one of its aliases ("Essex Police", "NYPD", "the government"), by its place with a word
for police ("police in Essex", "South Wales police", "the county force in Essex"), or, for another country's
police, by a place of `context.yml: foreign_police_places` with such a word ("police in Delhi", "Victoria
Police"): that body is "<Place> Police". A force's town named where the figure's events happen ("12 arrests in
Luton") names it too (`places_at_home`). claims.py picks the mention nearest the figure in the parse; the
Extractor gives each sentence the bodies its article is about, most named first (`article_subjects`), which a
figure whose clause names no body is about: the first that can hold it (`runs_operations`).
"""

import functools
import re
from collections import Counter
from typing import NamedTuple

from claimwatch.nlp.resources import alternation, load


class Mention(NamedTuple):
    start: int
    end: int
    name: str
    listed: bool = True  # a body of subjects.yml (or a place's police), not one named only by its own words


@functools.cache
def _patterns() -> tuple[re.Pattern, dict[str, str], re.Pattern, dict[str, str]]:
    aliases = {alias: entry["name"] for entry in load("subjects") for alias in entry["aliases"]}
    places = {place: entry["name"] for entry in load("subjects") for place in entry.get("places", ())}
    for entry in load("subjects"):  # "Essex Police" polices Essex
        for suffix in (" Police", " Constabulary"):
            if entry["name"].endswith(suffix):
                places.setdefault(entry["name"][: -len(suffix)], entry["name"])
    context = load("context")["subject_words"]
    for place in context["foreign_police_places"]:
        places.setdefault(place, f"{place} Police")
    police = alternation(context["police_words"], flags_words_boundary=False)
    before = alternation(context["police_before_place"], flags_words_boundary=False)
    place = alternation(places, flags_words_boundary=False)
    # "police in Essex", "the county force in Essex"; "South Wales police", "Delhi's police"
    by_place = re.compile(
        rf"(?<![\w-])(?:(?i:{before})\s+(?:in|of)\s+(?P<after>{place})|(?=[A-Z])(?P<before>{place})(?:'s)?\s+(?i:{police}))(?![\w])"
    )
    return re.compile(alternation(aliases)), aliases, by_place, places


def mentions(text: str) -> list[Mention]:
    """Every body named in `text`, in order; a longer name wins where two overlap."""
    pattern, aliases, by_place, places = _patterns()
    found = [Mention(m.start(), m.end(), aliases[m.group(0)]) for m in pattern.finditer(text)]
    named = list(found)
    for match in by_place.finditer(text):
        place = match.group("after") or match.group("before")
        if match.group("after") and _qualified_by_elsewhere(text, match.end()):
            continue  # "police in Birmingham, Alabama"
        if any(m.start < match.end() < m.end for m in named):
            continue  # "officers in Scotland Yard": the place is the start of a longer name
        found.append(Mention(match.start(), match.end(), places[place]))
    known = list(found)
    for body in _unlisted_bodies(text):  # a police body the data does not list, unless it contains one it does
        if not any(m.start < body.end and body.start < m.end for m in known):
            found.append(body)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


@functools.cache
def _foreign_place_pattern() -> re.Pattern:
    return _named_alone(load("context")["subject_words"]["foreign_police_places"])


def places_abroad(text: str) -> list[Mention]:
    """Places abroad named on their own ("Beijing has about 1.15 million cameras"), each with its police."""
    return [Mention(m.start(), m.end(), _places()[m.group(0)]) for m in _foreign_place_pattern().finditer(text)]


def places_at_home(text: str) -> list[Mention]:
    """Places a UK force polices named on their own ("12 arrests in Essex"), each with that force; not a part
    of a place abroad ("South Wales" in "New South Wales")."""
    abroad = places_abroad(text)
    return [Mention(m.start(), m.end(), _places()[m.group(0)]) for m in _place_pattern().finditer(text)
            if not any(place.start < m.end() and m.start() < place.end for place in abroad)
            and not _qualified_by_elsewhere(text, m.end())]


def _qualified_by_elsewhere(text: str, end: int) -> bool:
    """ "Birmingham, Alabama", "Cambridge, Massachusetts": a place another name qualifies is that other
    region's, unless the qualifier names a place at home too ("Luton, Bedfordshire", "Croydon, South London")."""
    qualifier = re.match(r",\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)", text[end:])
    return bool(qualifier) and not _place_pattern().search(qualifier.group(1))


def _unlisted_bodies(text: str) -> list[Mention]:
    """ "The 40 officers of the Derry Township Police Department": a police body by its own name."""
    not_names = frozenset(load("context")["subject_words"]["not_name_words"])
    found = []
    for match in _body_pattern().finditer(text):
        words = match.group("name").split()
        while words and words[0] in not_names:
            words.pop(0)
        if words and not _listed_stem().match(" ".join(words)):  # "Metropolitan Special Constabulary": the Met's
            name = " ".join(words + [match.group("suffix")])
            found.append(Mention(match.end() - len(name), match.end(), name, listed=False))
    return found


@functools.cache
def _listed_stem() -> re.Pattern:
    """A listed force's name before its word for police: a body named with it ("Metropolitan Special
    Constabulary") is a part of that force, not another."""
    suffixes = load("context")["subject_words"]["body_suffixes"]
    stems = {re.sub(rf"\s+{alternation(suffixes, flags_words_boundary=False)}$", "", name) for name in forces()}
    return re.compile(rf"{alternation(sorted(stems), flags_words_boundary=False)}(?:\s|$)")


@functools.cache
def _body_pattern() -> re.Pattern:
    suffix = alternation(load("context")["subject_words"]["body_suffixes"], flags_words_boundary=False)
    # capitalised words on one line, none ending a sentence ("outside Wembley Stadium. Police made ...") nor
    # possessive; an initial ("J. Edgar") may keep its full stop
    name = r"(?:(?:[A-Z]\.|[A-Z][\w&-]*(?<!'s))[ \t]+){1,4}"
    # not the start of a longer name ("National Police Chiefs' Council") nor the end of one joined by "of" or
    # "and" ("Hampshire and Isle of Wight Constabulary")
    return re.compile(rf"(?<![\w-])(?<!\bof )(?<!\band )(?P<name>{name})(?P<suffix>{suffix})(?![\w-])(?!\s+[A-Z])")


def _places() -> dict[str, str]:
    """Place -> the force that polices it ("Essex" -> Essex Police)."""
    return _patterns()[3]


@functools.cache
def _place_pattern() -> re.Pattern:
    """A place a UK force polices, named on its own: it says where the story is. Not one another place name
    qualifies ("Birmingham, Alabama", "Cambridge, Massachusetts"), nor a "New" one ("New Hampshire")."""
    foreign = load("context")["subject_words"]["foreign_police_places"]
    alone = _named_alone([place for place in _places() if place not in foreign]).pattern
    return re.compile(rf"(?<!\bNew ){alone}")


def _named_alone(places: list[str]) -> re.Pattern:
    # not a place that names something else: "the New York Times"; a place starts with a capital, which spares
    # the long alternation every other position of an article
    return re.compile(rf"(?=[A-Z])(?<![\w-]){alternation(places, flags_words_boundary=False)}(?![\w-])(?!\s+[A-Z])")


@functools.cache
def forces() -> frozenset[str]:
    """Names of police forces: bodies with a place they police (a ministry or a supplier has none)."""
    return frozenset(_places().values())


def runs_operations(name: str) -> bool:
    """False for a ministry, regulator or council (subjects.yml `operational: false`): it makes no arrests and
    flies no drones, so an operational metric's figure is never its own."""
    return name not in _not_operational()


@functools.cache
def _not_operational() -> frozenset[str]:
    return frozenset(entry["name"] for entry in load("subjects") if entry.get("operational") is False)


@functools.cache
def suppliers() -> frozenset[str]:
    return frozenset(entry["name"] for entry in load("subjects") if entry.get("supplier"))


def supplier_story(text: str, named: list[Mention]) -> str | None:
    """The company an article is about when it names no other body ("Palantir's revenue rose ... It employs 4,100
    staff"): its figures are the company's, never the default force's. `named`: the article's `mentions`."""
    named = Counter(mention.name for mention in named)
    if not named or any(name not in suppliers() for name in named) or _police_words().search(text):
        return None  # "a deal with police. Britain's biggest force has 34,000 officers": a force, unnamed
    return named.most_common(1)[0][0]


@functools.cache
def _police_words() -> re.Pattern:
    """Words that name one police body without its name ("Britain's biggest force", "the capital's police",
    "officers there", "the Yard"); not police in general ("sells to police around the world")."""
    one = r"(?:the|its|this|that|a|[A-Za-z]+'s|the\s+capital's)\s+(?:[A-Za-z]+\s+)?(?:force|police|constabulary)\b"
    acting = r"police\s+(?:in|made|make|have|has|had|arrested|used|use|flew|scanned)\b"
    return re.compile(rf"\b(?i:{one}|{acting}|officers|detectives|constables)|\b(?:Met|Yard)\b")


@functools.cache
def _not_about() -> tuple[re.Pattern, re.Pattern]:
    givers = alternation(load("context")["giver_nouns"] + load("context")["source_nouns"])
    return re.compile(rf"(?:'s)?\s+{givers}", re.IGNORECASE), re.compile(r"according\s+to\s+(?:the\s+)?$", re.I)


def article_subjects(text: str, default: str, named: list[Mention]) -> list[str]:
    """The bodies an article is about rather than the default one, most named first: each named more often than
    the default (a force, a ministry, a council, the NHS), its headline (the first line) counting twice. Empty
    when the article is about the default force or names no other. The first is the article's subject; the next
    take the figures it cannot hold (`runs_operations`). Suppliers are named in stories about their customers,
    so only a figure's own clause makes one of them its subject. `named`: the article's `mentions`."""
    headline_end = text.find("\n") if "\n" in text else len(text)
    counts: Counter[str] = Counter()
    giver, source = _not_about()
    if any(mention.listed for mention in named):  # "Southend Police" in a story about Essex Police
        named = [mention for mention in named if mention.listed]
    for mention in named:
        if mention.name in suppliers() or giver.match(text, mention.end):
            continue  # "a £4m Home Office grant", "Home Office statistics": who gives or counts is not the topic
        if source.search(text[max(0, mention.start - 20) : mention.start]):
            continue  # "according to the Home Office": a source
        counts[mention.name] += 2 if mention.start < headline_end else 1
    # a force's own statement names itself by "we" and "our" and its towns ("Southend: seven arrests ... our LFR
    # vans"): with no body named, its places name it
    own_statement = not counts and bool(re.search(r"\b(?:we|our)\b", text, re.IGNORECASE))
    for place in places_at_home(text):  # "cameras were put to use in Northamptonshire"
        force = place.name
        within = any(m.start <= place.start < m.end for m in named)  # "South Wales" of "South Wales Police"
        # a place adds weight to a force the article names, never introduces one ("a trial in Essex" in a Met
        # story), unless the article is a force's own statement; a London paper names London whatever its story
        # is about
        if (force in counts or own_statement) and force != default and not within:
            counts[force] += 2 if own_statement and place.start < headline_end else 1
    return [name for name, count in counts.most_common() if name != default and count > counts.get(default, 0)]
