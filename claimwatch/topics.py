"""The topic vocabulary (claimwatch/data/topics.yml): what makes a page coverage of the project's topic, for the
crawler, and which technology a sentence is about, for the extractor. One file, so the two never disagree.

    >>> from claimwatch import topics
    >>> topics.terms_in("Two drones and a facial-recognition van")
    ['facial recognition', 'drone']
    >>> sorted(topics.technologies_in("Two drones and a facial-recognition van"))
    ['drones', 'lfr']
    >>> topics.terms_in("The Metropolitan Police must close a budget gap")
    ['Metropolitan Police', 'budget']

Any part of claimwatch may import this module; it imports none of them.
"""

import functools
import pathlib
import re

import yaml

VOCABULARY = pathlib.Path(__file__).with_name("data") / "topics.yml"
SECTIONS = {"technologies", "on_topic", "force_resources"}
FORCE_RESOURCES = {"force", "resources"}
SPACE_OR_HYPHEN = r"[\s-]+"


class VocabularyError(ValueError):
    """topics.yml cannot be used; str() is one line naming the file and the key."""


def term_pattern(term: str) -> re.Pattern:
    """How a term matches: whole words; spaces and hyphens alike; trailing * any ending; capitals only as written."""
    words = SPACE_OR_HYPHEN.join(re.escape(word) for word in re.split(SPACE_OR_HYPHEN, term.rstrip("*").strip()))
    ending = r"\w*" if term.endswith("*") else ""
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){words}{ending}(?![\w])", flags)


def _terms(path: pathlib.Path, key: str, value) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(term, str) and term.strip() for term in value):
        raise VocabularyError(f"{path}: '{key}' must be a non-empty list of terms")
    return value


@functools.cache
def vocabulary(path: pathlib.Path = VOCABULARY) -> dict:
    """{"technologies": {name: [term, ...]}, "on_topic": [term, ...]}, checked; VocabularyError names the problem."""
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise VocabularyError(f"{path}: cannot load the topic vocabulary ({' '.join(str(error).split())})") from None
    if not isinstance(content, dict):
        raise VocabularyError(f"{path}: expected the sections {', '.join(sorted(SECTIONS))}")
    for key in content.keys() - SECTIONS:
        raise VocabularyError(f"{path}: unknown key '{key}' (known: {', '.join(sorted(SECTIONS))})")
    if missing := sorted(SECTIONS - content.keys()):
        raise VocabularyError(f"{path}: no {', '.join(repr(key) for key in missing)} section")
    technologies = content["technologies"]
    if not isinstance(technologies, dict) or not technologies:
        raise VocabularyError(f"{path}: 'technologies' must map each technology to its terms")
    force_resources = content["force_resources"]
    if not isinstance(force_resources, dict) or force_resources.keys() != FORCE_RESOURCES:
        raise VocabularyError(f"{path}: 'force_resources' must have exactly the keys force and resources")
    return {"technologies": {name: _terms(path, f"technologies.{name}", terms) for name, terms in technologies.items()},
            "on_topic": _terms(path, "on_topic", content["on_topic"]),
            "force_resources": {key: _terms(path, f"force_resources.{key}", terms)
                                for key, terms in force_resources.items()}}


@functools.cache
def _patterns() -> tuple[dict[str, list[re.Pattern]], dict[str, re.Pattern], dict[str, dict[str, re.Pattern]]]:
    """(technology -> its term patterns, every term -> its pattern, force_resources key -> term -> pattern), terms
    named without their *."""
    content = vocabulary()
    by_technology = {name: [term_pattern(term) for term in terms] for name, terms in content["technologies"].items()}
    every_term = [term for terms in content["technologies"].values() for term in terms] + content["on_topic"]
    force_resources = {key: {term.rstrip("*"): term_pattern(term) for term in terms}
                       for key, terms in content["force_resources"].items()}
    return by_technology, {term.rstrip("*"): term_pattern(term) for term in every_term}, force_resources


def technologies_in(text: str) -> set[str]:
    """The technologies `text` names."""
    return {name for name, patterns in _patterns()[0].items() if any(pattern.search(text) for pattern in patterns)}


def terms_in(text: str) -> list[str]:
    """Every topic term `text` names, in the vocabulary's order, then the force and the first of its resources it
    names when it names both; empty for a page off the project's topic."""
    _, every_term, force_resources = _patterns()
    found = [term for term, pattern in every_term.items() if pattern.search(text)]
    paired = [next((term for term, pattern in force_resources[key].items() if pattern.search(text)), None)
              for key in ("force", "resources")]
    return found + paired if all(paired) else found


def technologies() -> set[str]:
    return set(vocabulary()["technologies"])
