"""The dev set: gold claims for five corpora, each article's text read from where it lives.

- fixtures: our own fictional articles, tests/fixtures/nlp/*.txt
- seeds: the real articles the project started from, ../shared/seeds/*.txt (gold holds offsets, never text)
- sample_site: the bundled sample site's article bodies (gold converted from sample_site/planted.yml by
  `python -m evaluation.planted`)
- holdout: fictional articles annotated before the extractor first ran on them; their first score was
  recorded (docs/extraction.md), then they were used for development like the rest
- unseen: a second such set, written and annotated last; its first score was recorded too, then only
  general bugs it revealed were fixed (none of its sentences was special-cased)
- unseen2 to unseen5: four more such rounds (changes, "in that period", dropped nouns, headline status), each
  scored on first contact before any fix it prompted
"""

import pathlib
import re
from dataclasses import dataclass

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SLOTS = ("metric", "value", "value_high", "unit", "qualifier", "status", "subject", "denominator", "time_scope")


@dataclass
class Article:
    corpus: str
    name: str
    text: str
    published: str | None
    claims: list[dict]  # gold claims: char_start, char_end and the slots
    not_claims: list[str]


def sample_article_text(body: str) -> str:
    """What a reader sees of a sample-site article body: crossheads without their markdown."""
    return re.sub(r"(?m)^## ", "", body)


def _folders() -> dict[str, pathlib.Path]:
    return {
        "fixtures": ROOT / "tests" / "fixtures" / "nlp",
        "holdout": ROOT / "tests" / "fixtures" / "nlp" / "holdout",
        "unseen": ROOT / "tests" / "fixtures" / "nlp" / "unseen",
        "unseen2": ROOT / "tests" / "fixtures" / "nlp" / "unseen2",
        "unseen3": ROOT / "tests" / "fixtures" / "nlp" / "unseen3",
        "unseen4": ROOT / "tests" / "fixtures" / "nlp" / "unseen4",
        "unseen5": ROOT / "tests" / "fixtures" / "nlp" / "unseen5",
        "seeds": ROOT.parent / "shared" / "seeds",
        "sample_site": ROOT / "sample_site" / "source" / "articles",
    }


def load_corpus(corpus: str) -> list[Article]:
    """Articles of one corpus with their gold; a gold offset that does not match the text is an error."""
    path = GOLD / f"{corpus}.yml"
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SystemExit(f"{path}: cannot read gold ({error})") from error
    folder = _folders()[corpus]
    articles = []
    for entry in entries:
        source = folder / entry["file"]
        try:
            text = source.read_text(encoding="utf-8")
        except OSError as error:
            raise SystemExit(f"{source}: cannot read article ({error})") from error
        if corpus == "sample_site":
            text = sample_article_text(yaml.safe_load(text)["body"])
        for claim in entry["claims"]:
            written = claim.get("figure_text")
            if written is not None and text[claim["char_start"] : claim["char_end"]] != written:
                raise SystemExit(f"{path}: {entry['file']} offset {claim['char_start']} is not {written!r}")
        articles.append(
            Article(corpus, entry["file"], text, entry.get("published"), entry["claims"], entry.get("not_claims", []))
        )
    return articles


CORPORA = ("fixtures", "seeds", "sample_site", "holdout", "unseen", "unseen2", "unseen3", "unseen4", "unseen5")


def corpora() -> list[str]:
    return [name for name in CORPORA if (GOLD / f"{name}.yml").exists()]


def load_all() -> list[Article]:
    return [article for corpus in corpora() for article in load_corpus(corpus)]
