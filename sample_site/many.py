"""Write a generated site of many short articles from one fictional outlet, for scale-out tests and benchmarks.

    python sample_site/many.py FOLDER [--pages 300]

Sample data: "The Loopback Ledger" does not exist and every figure is invented. Serve the folder with
sample_site/serve.py (it fills in {{base_url}}); the entry point is /sitemap.xml.
"""

import argparse
import pathlib
import random

OUTLET = "The Loopback Ledger"
PLACES = ["Croydon", "Stratford", "Camden", "Lewisham", "Brixton", "Ealing", "Barking", "Hounslow"]
PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title} | {outlet}</title>
<link rel="canonical" href="{{{{base_url}}}}/{path}">
<meta property="og:site_name" content="{outlet}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}T08:00:00+00:00">
</head>
<body>
<div class="sample-data-notice" role="note">
SAMPLE DATA — fictional outlet, invented figures, for testing claimwatch</div>
<nav><a href="{{{{base_url}}}}/">Home</a> <a href="{{{{base_url}}}}/">Local</a>
<a href="{{{{base_url}}}}/">Sport</a></nav>
<article>
<h1>{title}</h1>
<p class="byline">By a sample reporter, {published}</p>
{paragraphs}
</article>
<footer><p>{outlet} is sample data for testing claimwatch. Sign up to our newsletter.</p></footer>
</body>
</html>
"""


def _article(number: int, rng: random.Random) -> tuple[str, str, list[str]]:
    place = PLACES[number % len(PLACES)]
    deployments, arrests, drones = rng.randint(2, 40), rng.randint(5, 900), rng.randint(3, 60)
    title = f"Facial recognition vans return to {place} (report {number})"
    paragraphs = [
        f"Police in {place} used live facial recognition {deployments} times last month, according to figures in"
        f" sample report number {number} from the fictional borough panel.",
        f"The Metropolitan Police said the cameras had led to {arrests} arrests since the start of 2024, a figure"
        f" the panel's chair described as a matter for further scrutiny.",
        f"The force also said it now flies {drones} drones across London, and that the vans would stay in"
        f" {place} for another week before moving on.",
        "Campaigners said the public deserved clearer numbers, and the council asked for a written briefing"
        " before its next meeting.",
    ]
    return title, f"2025-{number % 12 + 1:02d}-{number % 28 + 1:02d}", paragraphs


def write(folder: pathlib.Path, pages: int = 300, seed: int = 9, base_url: str | None = None) -> list[str]:
    """Write `pages` articles and a sitemap listing them; returns the articles' paths (relative URLs).
    With `base_url`, absolute URLs use it (for `claimwatch import`); else serve.py fills them in."""
    rng = random.Random(seed)
    folder = pathlib.Path(folder)
    paths = []
    for number in range(1, pages + 1):
        title, published, paragraphs = _article(number, rng)
        path = f"loopback-ledger/{number // 100:02d}/report-{number}.html"
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        page = PAGE.format(title=title, outlet=OUTLET, path=path, published=published,
                           paragraphs="\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))
        (folder / path).write_text(page.replace("{{base_url}}", base_url) if base_url else page, encoding="utf-8")
        paths.append(path)
    entries = "\n".join(f"  <url><loc>{{{{base_url}}}}/{path}</loc></url>" for path in paths)
    (folder / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- sample data: a generated fictional outlet -->\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}\n</urlset>\n', encoding="utf-8")
    (folder / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=pathlib.Path)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    print(f"wrote {len(write(args.folder, args.pages))} articles to {args.folder}")
