"""The real-coverage corpus (issue #16, tests/fixtures/real/README.md): format, split rule, sources, originality.

No spaCy here: these check the files themselves, not the extractor (that is `make eval`).
"""

import datetime
import hashlib
import itertools
import pathlib
import re
import warnings

import pytest
import yaml

from evaluation.gold import (
    KINDS,
    METRICS,
    OUTLET_KINDS,
    QUALIFIERS,
    REAL,
    REAL_CORPORA,
    STATUSES,
    UNITS,
    load_real_file,
    real_files,
)

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FILES = [(corpus, path) for corpus in REAL_CORPORA for path in real_files(corpus)]
CONTRACT_UNIT = {"drone_response_time": "minutes", "lfr_deployments_per_week": "per_week", "contract_value": "GBP",
                 "budget_gap": "GBP", "additional_funding": "GBP", "public_support_percent": "percent",
                 "accuracy_percent": "percent", "false_positive_rate": "ratio"}
OTHER_UNITS_ALLOWED = {"false_positive_rate": {"percent"}}  # "a false match rate of 0.1%" keeps its percent

# Where the corpus stands: floors that only go up (raise them as files are added, never lower them), beside
# the issue's Done-when targets. The final numbers are in docs/accuracy.md.
# Raised to the committed corpus when dev part A was finished (docs/accuracy.md), then with dev part C
# (25 articles: other forces, national figures, Met workforce, drones, Palantir and foreign hard negatives), then with
# dev part D (29 articles: other forces' vans and counts, officer numbers by force, CCTV counts, hard negatives), and
# with dev part P (15 articles: the Met's LFR, Uplift, funding gap and drone flights, other forces' drones and
# workforce, 4 hard negatives; 12 new outlets), and with dev part Q (15 articles: the Met's Uplift shortfall, RFR
# contract and funding, detectives, Palantir pilot and LFR; Police Scotland drones, officer numbers; 12 new outlets),
# and with dev part R (15 articles: the Met's officer losses, budget gap and funding, IT and Palantir contracts, LFR
# arrests; Essex and Surrey LFR, West Midlands drones; 3 hard negatives; 5 new outlets),
# and with dev part S (15 articles: the Met's officer numbers, funding gaps, LFR evidence to peers and Palantir
# staff scan; Police Scotland's finances and LFR support, Hampshire and North Wales drones, South Wales' budget gap,
# the 2026-27 settlement; 3 hard negatives; 5 new outlets),
# and with dev part T (15 articles: the Met's LFR trials, arrests, handheld pilot, West End fixed cameras, RFR and drone
# contracts; BTP drones at Notting Hill, Lincolnshire drones; 3 hard negatives; 11 new outlets),
# and with dev part U (15 articles: the Met's officer numbers, budget cuts, outsourcing and Mayor's precept, its
# Capgemini, CONNECT and 999-system contracts; Cheshire, West Midlands, Lincolnshire and Police Scotland budgets and
# contracts, HMIC's national workforce; 3 hard negatives; 9 new outlets),
# and with dev part V (12 articles: the Met's LFR arrest in Soho, plan to double LFR use, Uplift quota and allocations,
# Palantir pilot extension; Police Scotland officer numbers, Nottinghamshire drones, South Wales LFR at the derby;
# 2 hard negatives; 9 new outlets),
# and with dev part W (10 articles: the Met's 1,700 cut and workforce forecast, Oxford Circus LFR figures, LFR up to ten
# times a week, drones as first responders; Police Scotland's LFR business case, Thames Valley's settlement shortfall,
# South Yorkshire's drones; 2 hard negatives; two more files, written at the same time as part V's from the same two
# sources, were left out at merge, part V's being merged first).
FLOORS = {"articles": 534, "outlets": 384, "hard_negatives": 124, "real_dev": 476, "real_test": 58}
TARGETS = {"articles": 150, "outlets": 40, "hard_negatives": 30, "real_dev": 100, "real_test": 50}


class CorpusProgress(UserWarning):
    """How far the corpus is from the issue's targets (a report, not a failure)."""


def _id(item):
    return f"{item[0]}/{item[1].name}" if isinstance(item, tuple) else str(item)


def raw(path: pathlib.Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def iso_or_none(value) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


# Query parameters that say how a reader arrived, not which page it is ("?origin=internalSearch", "?utm_source=...").
TRACKING_PARAMETERS = re.compile(r"^(?:utm_\w+|origin|ref|ref_src|cmpid|cmp|ito|fbclid|gclid|at_\w+)$")


def normalise_url(url: str) -> str:
    """Scheme-less, no "www." or "m." prefix, no closing dot on the host, no trailing slash, no tracking parameters:
    two spellings of one page compare equal."""
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower())
    url = re.sub(r"^(www\.|m\.)", "", url)
    url = re.sub(r"^([^/?]+)\.(?=[/?]|$)", r"\1", url)  # "standard.co.uk./news": the host's closing dot
    address, _, query = url.partition("?")
    kept = [pair for pair in query.split("&") if pair and not TRACKING_PARAMETERS.match(pair.split("=", 1)[0])]
    return address.rstrip("/") + ("?" + "&".join(kept) if kept else "")


def test_two_spellings_of_one_page_compare_equal():
    page = "https://www.standard.co.uk/news/crime/met-police-story-b1234.html"
    assert normalise_url(page + "?origin=internalSearch") == normalise_url(page)
    assert normalise_url(page + "?utm_source=twitter&utm_medium=social") == normalise_url(page.replace("www.", ""))
    assert normalise_url("https://example.org/article?p=123") != normalise_url("https://example.org/article?p=124")
    assert normalise_url("https://www.standard.co.uk./news/story-b1.html") == normalise_url(page.replace(
        "crime/met-police-story-b1234", "story-b1"))


def words(text: str) -> list[str]:
    return re.sub(r"[^\w\s]", "", text.lower()).split()


def shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def test_the_url_normaliser_and_shingles():
    assert normalise_url("https://www.Example.co.uk/a/b/") == normalise_url("http://example.co.uk/a/b")
    assert normalise_url("https://m.example.com/x") == "example.com/x"
    assert ("it's", ) not in shingles("It's a test", 1) and ("its",) in shingles("It's a test", 1)


@pytest.mark.parametrize("item", FILES, ids=_id)
def test_every_file_fits_the_format(item):
    corpus, path = item
    try:
        article = load_real_file(path, corpus)  # required keys; find/figure_text resolve uniquely
    except SystemExit as error:
        pytest.fail(str(error))
    entry = raw(path)
    problems = []
    if entry["outlet_kind"] not in OUTLET_KINDS:
        problems.append(f"outlet_kind {entry['outlet_kind']!r} not in {OUTLET_KINDS}")
    if entry["kind"] not in KINDS:
        problems.append(f"kind {entry['kind']!r} not in {KINDS}")
    if not iso_or_none(entry["published"]):
        problems.append(f"published {entry['published']!r} is not an ISO date")
    if not str(entry["source_url"]).startswith(("http://", "https://")):
        problems.append("source_url is not an http(s) URL")
    if not isinstance(entry["outlet"], str) or not entry["outlet"].strip():
        problems.append("outlet is empty")
    named = re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*?-(?:(\d{4})-(\d{2})|undated)-[a-z0-9]+(?:-[a-z0-9]+)*\.yml",
                         path.name)
    if not named:
        problems.append("file name is not <outlet-slug>-<yyyy-mm or undated>-<short-slug>.yml")
    elif named[1] and entry["published"] and entry["published"][:7] != f"{named[1]}-{named[2]}":
        problems.append(f"file name month {named[1]}-{named[2]} is not the published month")
    flat = " ".join(article.text.split()).lower()  # "as written", whatever the line wrapping
    for not_claim in entry.get("not_claims") or []:
        if " ".join(str(not_claim).split()).lower() not in flat:
            problems.append(f"not_claim {not_claim!r} is not in the text as written")
    for number, claim in enumerate(article.claims, 1):
        label = f"claim {number} ({claim['figure_text']!r})"
        metric, unit = claim["metric"], claim["unit"]
        if metric not in METRICS:
            problems.append(f"{label}: metric {metric!r} is not one of the contract's 26")
        if claim["status"] not in STATUSES:
            problems.append(f"{label}: status {claim['status']!r} not in {STATUSES}")
        if claim["qualifier"] not in QUALIFIERS:
            problems.append(f"{label}: qualifier {claim['qualifier']!r} not in {QUALIFIERS}")
        money = CONTRACT_UNIT.get(metric) == "GBP"
        if money and re.fullmatch(r"[A-Z]{3}", str(unit)):
            pass  # the contract: GBP, "other currencies by ISO code"
        elif unit not in UNITS:
            problems.append(f"{label}: unit {unit!r} not in {UNITS}")
        elif unit != CONTRACT_UNIT.get(metric, "count") and unit not in OTHER_UNITS_ALLOWED.get(metric, ()):
            problems.append(f"{label}: unit {unit!r} is not the contract's unit for {metric}")
        if not isinstance(claim["value"], (int, float)) or isinstance(claim["value"], bool):
            problems.append(f"{label}: value {claim['value']!r} is not a number")
        if (claim["qualifier"] == "range") != (claim["value_high"] is not None):
            problems.append(f"{label}: value_high is set exactly when the qualifier is range")
        if not isinstance(claim["subject"], str) or not claim["subject"]:
            problems.append(f"{label}: subject is empty")
        scope = claim["time_scope"]
        if not (iso_or_none(scope.get("start")) and iso_or_none(scope.get("end"))):
            problems.append(f"{label}: time_scope start/end are not ISO dates or null")
        if scope.get("text") and " ".join(scope["text"].split()).lower() not in flat:
            problems.append(f"{label}: time_scope text {scope['text']!r} is not in the text as written")
    if entry["kind"] == "hard_negative" and article.claims and all(
        c["subject"] == "Metropolitan Police" for c in article.claims
    ):
        problems.append("a hard negative whose every claim is about the Met")
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("item", FILES, ids=_id)
def test_the_split_follows_the_sha1_of_the_source_url(item):
    corpus, path = item
    digit = hashlib.sha1(raw(path)["source_url"].encode("utf-8")).hexdigest()[0]
    expected = "real_test" if digit in "012345" else "real_dev"
    assert corpus == expected, f"{path.name}: sha1 of its source_url starts {digit}, so it belongs in {expected}"


def test_no_source_is_excluded_or_used_twice():
    exclusions_file = SHARED / "eval-exclusions.txt"
    excluded = set()
    if exclusions_file.exists():
        lines = exclusions_file.read_text(encoding="utf-8").splitlines()
        excluded = {normalise_url(line) for line in lines if line.strip() and not line.startswith("#")}
    seen: dict[str, str] = {}
    problems = []
    for _corpus, path in FILES:
        url = normalise_url(raw(path)["source_url"])
        if url in excluded:
            problems.append(f"{path.name}: its source is in ../shared/eval-exclusions.txt")
        if url in seen:
            problems.append(f"{path.name} and {seen[url]} share a source_url")
        seen[url] = path.name
    assert not problems, "\n".join(problems)


def test_no_run_of_eight_words_is_copied_from_a_seed():
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds is absent here: the corpus cannot be checked against the seeds")
    seed_shingles = {seed.name: shingles(seed.read_text(encoding="utf-8")) for seed in seeds}
    problems = []
    for _corpus, path in FILES:
        mine = shingles(raw(path)["text"])
        for name, theirs in seed_shingles.items():
            shared = mine & theirs
            if shared:
                problems.append(f"{path.name} shares {len(shared)} 8-word runs with seed {name}, e.g. "
                                f"{' '.join(next(iter(shared)))!r}")
    assert not problems, "\n".join(problems)


def test_no_run_of_eight_words_is_shared_between_two_corpus_files():
    texts = {path.name: shingles(raw(path)["text"]) for _corpus, path in FILES}
    problems = []
    for (a, mine), (b, theirs) in itertools.combinations(texts.items(), 2):
        shared = mine & theirs
        if shared:
            problems.append(f"{a} and {b} share {len(shared)} 8-word runs, e.g. {' '.join(next(iter(shared)))!r}")
    assert not problems, "\n".join(problems)


def test_the_corpus_only_grows_toward_the_issue_targets():
    entries = [(corpus, raw(path)) for corpus, path in FILES]
    counts = {
        "articles": len(entries),
        "outlets": len({entry["outlet"].strip().lower() for _, entry in entries}),
        "hard_negatives": sum(entry["kind"] == "hard_negative" for _, entry in entries),
        **{corpus: sum(c == corpus for c, _ in entries) for corpus in REAL_CORPORA},
    }
    report = ", ".join(f"{name} {counts[name]} (floor {FLOORS[name]}, issue target {TARGETS[name]})"
                       for name in FLOORS)
    print(f"real corpus: {report}")
    short = [name for name in TARGETS if counts[name] < TARGETS[name]]
    if short:
        message = f"real corpus short of the issue #16 targets on {', '.join(short)}: {report}"
        warnings.warn(CorpusProgress(message), stacklevel=1)
    below = [f"{name} {counts[name]} < floor {FLOORS[name]}" for name in FLOORS if counts[name] < FLOORS[name]]
    assert not below, f"the corpus shrank: {', '.join(below)}"


def test_the_readme_is_where_the_tests_say():
    assert (REAL / "README.md").exists()


GOOD = {
    "source_url": "https://news.example/a", "outlet": "Example", "outlet_kind": "press", "published": "2025-11-12",
    "kind": "article", "title": "t", "text": "The Met made more than 1,000 arrests. It has 1,000 officers.\n",
    "claims": [{"find": "more than 1,000 arrests", "figure_text": "more than 1,000", "metric": "lfr_arrests",
                "value": 1000, "value_high": None, "unit": "count", "qualifier": "at_least", "status": "cumulative",
                "subject": "Metropolitan Police", "denominator": None,
                "time_scope": {"text": None, "start": None, "end": "2025-11-12"}}],
}


def write(tmp_path, entry):
    path = tmp_path / "example-2025-11-a.yml"
    path.write_text(yaml.safe_dump(entry), encoding="utf-8")
    return path


def test_the_loader_computes_offsets_from_find(tmp_path):
    article = load_real_file(write(tmp_path, GOOD), "real_dev")
    claim = article.claims[0]
    assert article.text[claim["char_start"] : claim["char_end"]] == "more than 1,000"
    assert claim["time_scope"]["end"] == "2025-11-12" and article.meta["outlet"] == "Example"


@pytest.mark.parametrize("change, complaint", [
    ({"find": "1,000"}, "occurs 2 times in text"),
    ({"find": None, "figure_text": "1,000"}, "occurs 2 times in text"),
    ({"find": "more than 1,000 arrests", "figure_text": "2,000"}, "occurs 0 times inside find"),
    ({"metric": "x", "status": "y"}, None),
])
def test_the_loader_names_the_file_and_claim_of_a_problem(tmp_path, change, complaint):
    claim = {**GOOD["claims"][0], **change}
    if claim["find"] is None:
        del claim["find"]
    path = write(tmp_path, {**GOOD, "claims": [claim]})
    if complaint is None:  # vocabulary is the format test's business, not the loader's
        load_real_file(path, "real_dev")
        return
    with pytest.raises(SystemExit) as raised:
        load_real_file(path, "real_dev")
    assert str(path) in str(raised.value) and "claim 1" in str(raised.value) and complaint in str(raised.value)


def test_a_missing_key_is_named(tmp_path):
    with pytest.raises(SystemExit, match="missing published"):
        load_real_file(write(tmp_path, {k: v for k, v in GOOD.items() if k != "published"}), "real_dev")
