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

The real-coverage corpus (issue #16, tests/fixtures/real/README.md) is apart from these: real articles rewritten in
our own words, one YAML file each with its text and gold, annotated blind. `real_dev` (tests/fixtures/real/dev) and
`real_test` (tests/fixtures/real/test, the frozen test split) are loaded by `load_real`, never by `load_all`, so
they stay out of the floors of tests/nlp/test_accuracy.py. `real_dev_a` and `real_dev_b` are real_dev's two halves
(`dev_half`): one to read mistakes on, the other to check totals on.
"""

import hashlib
import pathlib
import re
from dataclasses import dataclass, field, replace

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
    meta: dict = field(default_factory=dict)  # real corpus only: source_url, outlet, outlet_kind, kind, title


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


# --- the real-coverage corpus -------------------------------------------------------------------------------

REAL = ROOT / "tests" / "fixtures" / "real"
REAL_CORPORA = {"real_dev": REAL / "dev", "real_test": REAL / "test"}
TEST_SPLIT = "real_test"
# real_dev in two halves by the second hex digit of sha1(source_url) (the first decides dev/test): tune while
# reading real_dev_a's mistakes, and keep a change only if real_dev_b's totals do not get worse.
DEV_HALVES = {"real_dev_a": "01234567", "real_dev_b": "89abcdef"}

# The contract's vocabulary (../shared/spec/contract.md), which the real corpus is checked against.
METRICS = (
    "drones_fleet", "drones_planned", "drone_response_time", "drone_sites", "lfr_deployments",
    "lfr_deployments_per_week", "lfr_arrests", "lfr_faces_scanned", "lfr_alerts", "lfr_false_alerts",
    "lfr_watchlist_size", "lfr_vans", "lfr_fixed_cameras", "cctv_cameras", "officers_total", "staff_total",
    "officers_lost", "staff_lost", "arrests_total", "contract_value", "budget_gap", "additional_funding",
    "forces_using_lfr", "public_support_percent", "accuracy_percent", "false_positive_rate",
)
STATUSES = ("current", "planned", "cumulative", "past")
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
UNITS = ("count", "GBP", "minutes", "per_week", "percent", "ratio")
OUTLET_KINDS = ("press", "trade", "official", "politics", "campaign", "other_force", "blog")
KINDS = ("article", "hard_negative")
FILE_KEYS = ("source_url", "outlet", "outlet_kind", "published", "kind", "title", "text", "claims")
CLAIM_KEYS = ("figure_text", "metric", "value", "value_high", "unit", "qualifier", "status", "subject",
              "denominator", "time_scope")


def real_files(corpus: str) -> list[pathlib.Path]:
    return sorted(REAL_CORPORA[corpus].glob("*.yml"))


def _claim_offsets(text: str, claim: dict) -> tuple[int, int] | str:
    """Where the claim's figure_text stands in text, or what is wrong with its find/figure_text."""
    figure = claim.get("figure_text")
    if not isinstance(figure, str) or not figure:
        return "figure_text is missing or not a string"
    find = claim.get("find")
    if find is None:
        count = text.count(figure)
        if count != 1:
            return f"figure_text {figure!r} occurs {count} times in text (give a `find` that occurs once)"
        start = text.index(figure)
        return start, start + len(figure)
    if not isinstance(find, str):
        return "find is not a string"
    count = text.count(find)
    if count != 1:
        return f"find {find!r} occurs {count} times in text, not once"
    inside = find.count(figure)
    if inside != 1:
        return f"figure_text {figure!r} occurs {inside} times inside find {find!r}, not once"
    start = text.index(find) + find.index(figure)
    return start, start + len(figure)


def load_real_file(path: pathlib.Path, corpus: str = "") -> Article:
    """One real-corpus file as an Article; any problem is a SystemExit naming the file (and the claim)."""
    try:
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SystemExit(f"{path}: cannot read ({error})") from error
    if not isinstance(entry, dict):
        raise SystemExit(f"{path}: not a mapping of the README's keys")
    missing = [key for key in FILE_KEYS if key not in entry]
    if missing:
        raise SystemExit(f"{path}: missing {', '.join(missing)}")
    text = entry["text"]
    if not isinstance(text, str) or not text.strip():
        raise SystemExit(f"{path}: text is empty")
    published = entry["published"]
    if published is not None and not isinstance(published, str):
        raise SystemExit(f"{path}: published must be a quoted ISO date or null, not {published!r}")
    claims = []
    for number, claim in enumerate(entry["claims"] or [], 1):
        label = f"{path}: claim {number}"
        if isinstance(claim, dict):
            label += f" ({claim.get('figure_text')!r})"
        if not isinstance(claim, dict):
            raise SystemExit(f"{label}: not a mapping")
        missing = [key for key in CLAIM_KEYS if key not in claim]
        if missing:
            raise SystemExit(f"{label}: missing {', '.join(missing)}")
        where = _claim_offsets(text, claim)
        if isinstance(where, str):
            raise SystemExit(f"{label}: {where}")
        scope = claim["time_scope"]
        if scope is None:
            scope = {"text": None, "start": None, "end": None}
        if not isinstance(scope, dict) or not {"start", "end"} <= set(scope):
            raise SystemExit(f"{label}: time_scope needs text, start and end")
        gold = {key: claim[key] for key in CLAIM_KEYS}
        gold.update(char_start=where[0], char_end=where[1], time_scope=dict(scope))
        claims.append(gold)
    not_claims = entry.get("not_claims") or []
    meta = {key: entry.get(key) for key in ("source_url", "outlet", "outlet_kind", "kind", "title", "notes")}
    return Article(corpus, path.name, text, published, claims, [str(item) for item in not_claims], meta)


def load_real(corpus: str) -> list[Article]:
    """`real_dev` or `real_test`: every file of that split (an empty list while the split has none)."""
    if corpus not in REAL_CORPORA:
        raise SystemExit(f"unknown real corpus {corpus!r}: one of {', '.join(REAL_CORPORA)}")
    return [load_real_file(path, corpus) for path in real_files(corpus)]


def dev_half(article: Article) -> str:
    """`real_dev_a` or `real_dev_b`, from the second hex digit of sha1 of the article's source URL."""
    digit = hashlib.sha1(article.meta["source_url"].encode("utf-8")).hexdigest()[1]
    return next(half for half, digits in DEV_HALVES.items() if digit in digits)


def load_named(corpus: str) -> list[Article]:
    """Any corpus by name: the gold-file corpora above, real_dev / real_test, or a half of real_dev."""
    if corpus in REAL_CORPORA:
        return load_real(corpus)
    if corpus in DEV_HALVES:
        return [replace(article, corpus=corpus) for article in load_real("real_dev") if dev_half(article) == corpus]
    if corpus not in CORPORA:
        raise SystemExit(f"unknown corpus {corpus!r}: one of {', '.join((*CORPORA, *REAL_CORPORA, *DEV_HALVES))}")
    return load_corpus(corpus)
