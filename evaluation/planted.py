"""Convert sample_site/planted.yml (read-only, owned by the sample site) into tests/fixtures/gold/sample_site.yml:
the same claims, located by character offsets in each article's text.

    python -m evaluation.planted
"""

import re
import sys

import yaml

from evaluation.gold import GOLD, ROOT, SLOTS, sample_article_text

PLANTED = ROOT / "sample_site" / "planted.yml"
ARTICLES = ROOT / "sample_site" / "source" / "articles"


def convert() -> list[dict]:
    planted = yaml.safe_load(PLANTED.read_text(encoding="utf-8"))
    entries = []
    for article in planted["articles"]:
        outlet, *_, page = article["path"].split("/")
        source = f"{outlet}/{page.removesuffix('.html')}.yml"
        text = sample_article_text(yaml.safe_load((ARTICLES / source).read_text(encoding="utf-8"))["body"])
        claims = []
        for claim in article.get("claims", []):
            start = _locate(text, claim["figure_text"], source)
            scope = claim["time_scope"]
            gold = {
                "char_start": start,
                "char_end": start + len(claim["figure_text"]),
                "figure_text": claim["figure_text"],
            }
            gold.update({slot: claim[slot] for slot in SLOTS if slot != "time_scope"})
            gold["time_scope"] = {"start": scope["start"], "end": scope["end"]}
            claims.append(gold)
        entries.append(
            {
                "file": source,
                "published": str(article["published"]),
                "claims": claims,
                "not_claims": article.get("not_claims", []),
            }
        )
    return entries


def _locate(text: str, figure: str, source: str) -> int:
    found = [m.start() for m in re.finditer(rf"(?<![\w,.]){re.escape(figure)}(?![\w]|,\d)", text)]
    if len(found) != 1:
        raise SystemExit(f"{PLANTED}: {figure!r} occurs {len(found)} times in {source}, expected once")
    return found[0]


def main() -> None:
    header = (
        "# Gold claims of the sample site, converted from sample_site/planted.yml by"
        " `python -m evaluation.planted`\n# (do not edit: rerun the conversion)."
        " Offsets index the article body as a reader sees it.\n"
    )
    target = GOLD / "sample_site.yml"
    body = yaml.safe_dump(convert(), sort_keys=False, allow_unicode=True, width=120)
    target.write_text(header + body, encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
