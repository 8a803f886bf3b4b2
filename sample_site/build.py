"""Build the sample site's pages, sitemaps and feed from source/, and check planted.yml against them.

The articles are written once, as YAML in source/articles/<outlet slug>/<kebab title>.yml, and each outlet
has its own page template in source/templates/, as real sites differ (.jinja, so that importing the
folder as HTML skips them). Everything the crawler reads (HTML, sitemaps, feed, robots.txt) is generated,
so a new article is one YAML file and one `python build.py`.
Absolute URLs are written as {{base_url}}, which serve.py fills in with the server's own address.

    python sample_site/build.py           # regenerate the site
    python sample_site/build.py --check   # exit 1 if the built files are stale or planted.yml disagrees
"""

import argparse
import datetime
import email.utils
import json
import pathlib
import re
import shutil
import sys
import zoneinfo

import jinja2
import markupsafe
import yaml

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE / "source"
PLANTED = HERE / "planted.yml"
BASE_URL = "{{base_url}}"  # kept literally in the output; serve.py replaces it
LONDON = zoneinfo.ZoneInfo("Europe/London")


def figure_pattern():
    """A figure in the text: digits (with separators, a score, a percentage) or a number word."""
    lines = (SOURCE / "number_words.txt").read_text(encoding="utf-8").splitlines()
    words = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return re.compile(rf"\d[\d,.:\-]*\d%?|\d%?|\b(?:{'|'.join(words)})\b", re.IGNORECASE)


def load_outlets():
    outlets = yaml.safe_load((SOURCE / "outlets.yml").read_text(encoding="utf-8"))
    for slug, outlet in outlets.items():
        outlet["slug"] = slug
        outlet.setdefault("declares_charset", True)
    return outlets


def local_time(text, where):
    try:
        return datetime.datetime.fromisoformat(text).replace(tzinfo=LONDON)
    except (TypeError, ValueError):
        sys.exit(f"{where}: not an ISO date-time: {text!r}")


def load_articles(outlets):
    articles = []
    for source in sorted(SOURCE.glob("articles/*/*.yml")):
        slug = source.parent.name
        if slug not in outlets:
            sys.exit(f"{source}: no outlet {slug!r} in source/outlets.yml")
        article = yaml.safe_load(source.read_text(encoding="utf-8"))
        outlet = outlets[slug]
        published = local_time(article["published"], source)
        updated = local_time(article["updated"], source) if article.get("updated") else None
        path = f"{slug}/{published:%Y}/{published:%m}/{source.stem}.html"
        article.update(
            key=f"{slug}/{source.stem}",
            outlet=outlet,
            path=path,
            url=f"{BASE_URL}/{path}",
            published_dt=published,
            published_iso=published.isoformat(),
            published_display=published.strftime(outlet["date_format"]),
            published_rfc822=email.utils.format_datetime(published),
            updated_iso=updated.isoformat() if updated else None,
            updated_display=updated.strftime(outlet["date_format"]) if updated else None,
            lastmod_iso=(updated or published).isoformat(),
            bio=outlet["authors"][article["author"]],
            on_topic=article.get("on_topic", True),
            first_appeared=article.get("first_appeared"),
            blocks=[
                {"heading": block.startswith("## "), "text": block.removeprefix("## ").strip()}
                for block in article["body"].strip().split("\n\n")
            ],
        )
        article["text"] = "\n\n".join(block["text"] for block in article["blocks"])
        articles.append(article)
    by_key = {article["key"]: article for article in articles}
    for article in articles:
        if article.get("first_appeared"):
            original = by_key[article["first_appeared"]]
            article["first_appeared"] = {"outlet": original["outlet"]["name"], "url": original["url"]}
        article["related"] = [
            {"title": other["title"], "url": other["url"]}
            for other in sorted(articles, key=lambda other: other["published_dt"], reverse=True)
            if other["outlet"] is article["outlet"]
            and other is not article
            and other["on_topic"] == article["on_topic"]
        ][:3]
        article["json_ld"] = json_ld(article)
    return sorted(articles, key=lambda article: article["published_dt"], reverse=True)


def json_ld(article):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article["title"],
        "description": article["description"],
        "url": article["url"],
        "mainEntityOfPage": article["url"],
        "inLanguage": "en-GB",
        "datePublished": article["published_iso"],
        "author": {"@type": "Person", "name": article["author"]},
        "publisher": {
            "@type": article["outlet"]["publisher_type"],
            "name": article["outlet"]["name"],
            "url": f"{BASE_URL}/{article['outlet']['slug']}/",
        },
        "keywords": article["keywords"],
    }
    if article["updated_iso"]:
        data["dateModified"] = article["updated_iso"]
    if article.get("first_appeared"):
        data["isBasedOn"] = article["first_appeared"]["url"]
    # "</" would end the <script> element early
    return markupsafe.Markup(json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/"))


def render_site(outlets, articles):
    """Every generated file: relative path -> text."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SOURCE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    common = {"base_url": BASE_URL}
    newest = max(article["published_dt"] for article in articles)
    files = {}
    for article in articles:
        template = env.get_template(f"article-{article['outlet']['slug']}.html.jinja")
        files[article["path"]] = template.render(a=article, o=article["outlet"], **common)
    for slug, outlet in outlets.items():
        own = [article for article in articles if article["outlet"] is outlet]
        outlet_index = env.get_template("outlet-index.html.jinja")
        files[f"{slug}/index.html"] = outlet_index.render(o=outlet, articles=own, **common)
    files["index.html"] = env.get_template("site-index.html.jinja").render(outlets=outlets.values(), **common)
    for name in ("robots.txt", "sitemap.xml", "sitemap-articles.xml", "news-sitemap.xml", "feed.xml"):
        files[name] = env.get_template(f"{name}.jinja").render(
            articles=articles,
            lastmod=newest.isoformat(),
            last_build_rfc822=email.utils.format_datetime(newest),
            **common,
        )
    return files


def write_site(outlets, files):
    for slug in outlets:
        shutil.rmtree(HERE / slug, ignore_errors=True)  # drop pages of renamed or removed articles
    for name, text in files.items():
        target = HERE / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def stale_files(files):
    def current(name):
        return (HERE / name).read_text(encoding="utf-8") if (HERE / name).is_file() else None

    return [name for name, text in files.items() if current(name) != text]


def occurrences(span, text):
    """Where span stands in text as whole words ("ten" in "potentially ten", not in "often")."""
    return [match.start() for match in re.finditer(rf"(?<!\w){re.escape(span)}(?!\w)", text)]


def planted_problems(articles):
    """What planted.yml gets wrong about the built articles, one line each."""
    planted = yaml.safe_load(PLANTED.read_text(encoding="utf-8"))
    by_path = {article["path"]: article for article in articles}
    listed = {entry["path"]: entry for entry in planted["articles"]}
    problems = [f"{path}: article missing from planted.yml" for path in sorted(set(by_path) - set(listed))]
    for path, entry in listed.items():
        if path not in by_path:
            problems.append(f"{path}: listed in planted.yml but not in the site")
        else:
            problems += [f"{path}: {problem}" for problem in entry_problems(entry, by_path[path])]
    for item in planted["expected"]:
        for side in item["pair"]:
            claims = listed[side["path"]]["claims"] if side["path"] in listed else []
            if side["figure_text"] not in [claim["figure_text"] for claim in claims]:
                problems.append(f"expected {item['id']}: {side['path']} has no claim {side['figure_text']!r}")
    return problems


def entry_problems(entry, article):
    text, published = article["text"], article["published_dt"].date().isoformat()
    if entry["outlet"] != article["outlet"]["name"]:
        yield f"outlet {entry['outlet']!r} is not {article['outlet']['name']!r}"
    if entry["published"] != published:
        yield f"published {entry['published']} is not {published}"
    claims = entry["claims"]
    spans = [claim["figure_text"] for claim in claims] + entry["not_claims"]
    spans += [claim["time_scope"]["text"] for claim in claims if claim["time_scope"]["text"]]
    covered = set()
    for span in spans:
        starts = occurrences(span, text)
        if not starts:
            yield f"{span!r} is not in the article text"
        for start in starts:
            covered.update(range(start, start + len(span)))
    for claim in claims:
        if len(occurrences(claim["figure_text"], text)) > 1:
            yield f"claim figure {claim['figure_text']!r} occurs more than once"
    for match in figure_pattern().finditer(text):
        if not covered.issuperset(range(match.start(), match.end())):
            yield f"figure {match.group()!r} is neither a claim nor a not_claim"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 on stale files or planted.yml errors"
    )
    args = parser.parse_args()
    outlets = load_outlets()
    articles = load_articles(outlets)
    files = render_site(outlets, articles)
    if args.check:
        problems = [f"{name}: stale, run sample_site/build.py" for name in stale_files(files)]
        problems += planted_problems(articles)
        print("\n".join(problems) or f"ok: {len(articles)} articles, planted.yml agrees with them")
        sys.exit(1 if problems else 0)
    write_site(outlets, files)
    print(f"built {len(files)} files ({len(articles)} articles) in {HERE}")


if __name__ == "__main__":
    main()
