"""The data files in nlp/data, loaded once. Word lists live there, not in code.

CLAIMWATCH_NLP_DATA names another folder of the same files, for trying an edited vocabulary without touching
the installed one.
"""

import functools
import os
import pathlib
import re

import jsonschema
import yaml

from claimwatch import topics

DATA = pathlib.Path(os.environ.get("CLAIMWATCH_NLP_DATA") or pathlib.Path(__file__).parent / "data")
SCHEMAS = pathlib.Path(__file__).parent / "schemas" / "data.yml"


class DataError(ValueError):
    """A data file in nlp/data that cannot be used; str() is one line naming the file and the problem."""


class DataFile(dict):
    """A data file's top-level mapping; a missing section is a DataError naming the file, not a KeyError."""

    def __init__(self, path: pathlib.Path, content: dict):
        super().__init__(content)
        self.path = path

    def __missing__(self, key):
        raise DataError(f"{self.path}: no '{key}' section")


@functools.cache
def _schemas() -> dict:
    return yaml.safe_load(SCHEMAS.read_text(encoding="utf-8"))


def check_shape(path: pathlib.Path, name: str, content) -> None:
    """DataError naming the file and the first wrong key, from the file's JSON Schema in nlp/schemas/data.yml."""
    schemas = _schemas()
    if name not in schemas:
        known = ", ".join(sorted(set(schemas) - {"$defs"}))
        raise DataError(f"{path}: not a claimwatch NLP data file (known: {known})")
    validator = jsonschema.Draft202012Validator({**schemas[name], "$defs": schemas["$defs"]})
    error = jsonschema.exceptions.best_match(validator.iter_errors(content))
    if error is not None:
        where = ".".join(str(part) for part in error.absolute_path) or "top level"
        raise DataError(f"{path}: {where}: {' '.join(error.message.split())}")


@functools.cache
def load(name: str):
    """Parsed YAML of nlp/data/<name>.yml, checked against its schema; a broken file is reported by name."""
    path = DATA / f"{name}.yml"
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        problem = " ".join(str(error).split())
        raise DataError(f"{path}: cannot load claimwatch NLP data ({problem})") from None
    check_shape(path, name, content)
    return DataFile(path, content) if isinstance(content, dict) else content


def check_data() -> None:
    """Load every data file now, so a broken one stops a run before it starts rather than halfway through."""
    for path in sorted(DATA.glob("*.yml")):
        load(path.stem)
    try:
        topics.vocabulary()
    except topics.VocabularyError as error:
        raise DataError(str(error)) from None


def alternation(words, flags_words_boundary: bool = True) -> str:
    """A regex alternation of `words`, longest first so that "more than" wins over "more"."""
    return _alternation(tuple(words), flags_words_boundary)


@functools.cache  # figures.py asks for the same alternations for every figure: escaping them again cost ~8 %
def _alternation(words: tuple, flags_words_boundary: bool) -> str:
    escaped = sorted({re.escape(str(word)) for word in words}, key=len, reverse=True)
    body = "|".join(escaped)
    return rf"(?<![\w-])(?:{body})(?![\w])" if flags_words_boundary else f"(?:{body})"
