"""The data files in nlp/data, loaded once. Word lists live there, not in code."""

import functools
import pathlib
import re

import yaml

DATA = pathlib.Path(__file__).parent / "data"


@functools.cache
def load(name: str):
    """Parsed YAML of nlp/data/<name>.yml; a broken file is reported by name."""
    path = DATA / f"{name}.yml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RuntimeError(f"{path}: cannot load claimwatch NLP data ({error})") from error


def alternation(words, flags_words_boundary: bool = True) -> str:
    """A regex alternation of `words`, longest first so that "more than" wins over "more"."""
    escaped = sorted({re.escape(str(word)) for word in words}, key=len, reverse=True)
    body = "|".join(escaped)
    return rf"(?<![\w-])(?:{body})(?![\w])" if flags_words_boundary else f"(?:{body})"
