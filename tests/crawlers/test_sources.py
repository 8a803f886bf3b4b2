"""The sources file: the project's own list loads, and a broken one fails with the file and entry named."""

import pytest

from claimwatch.crawlers.sources import DEFAULT_SOURCES, SourcesError, load_sources, source_for

GOOD = """
sources:
  - name: Example Gazette
    kind: press
    homepage: https://www.gazette.example/
    allowed_domains: [gazette.example]
    sitemaps: [https://www.gazette.example/news-sitemap.xml]
"""


def test_the_projects_sources_cover_every_kind_of_voice():
    sources = load_sources(DEFAULT_SOURCES)
    assert {"official", "press", "campaign"} <= {source.kind for source in sources}
    names = {source.name for source in sources}
    assert {"Metropolitan Police", "Information Commissioner's Office", "Big Brother Watch", "Liberty"} <= names
    assert all(source.sitemaps or source.feeds for source in sources)


def test_an_url_belongs_to_the_source_with_the_most_specific_domain(tmp_path):
    path = tmp_path / "sources.yml"
    path.write_text(GOOD + """
  - name: Example Gazette Opinion
    kind: blog
    homepage: https://opinion.gazette.example/
    allowed_domains: [opinion.gazette.example]
""")
    sources = load_sources(path)
    assert source_for("https://www.gazette.example/news/1", sources).name == "Example Gazette"
    assert source_for("https://opinion.gazette.example/a", sources).kind == "blog"
    assert source_for("https://elsewhere.example/", sources) is None


@pytest.mark.parametrize("text, message", [
    ("sources: [", "not valid YAML at line 1"),
    ("outlets: []", "expected a mapping with a 'sources' list"),
    (GOOD.replace("kind: press", "kind: tabloid"), "source 1 (Example Gazette): kind 'tabloid' is not one of"),
    (GOOD.replace("    homepage: https://www.gazette.example/\n", ""),
     "source 1 (Example Gazette): missing 'homepage'"),
    (GOOD.replace("sitemaps: [https://www.", "sitemaps: [ftp://www."), "is not an http(s) URL"),
    (GOOD.replace("allowed_domains: [gazette.example]", "allowed_domains: [other.example]"),
     "is outside allowed_domains"),
    (GOOD + "    feeds: https://www.gazette.example/rss\n    colour: blue\n", "unknown key 'colour'"),
    (GOOD + GOOD.replace("sources:\n", ""), "source 2 (Example Gazette): the name is used by an earlier source"),
    (GOOD + "    follow: ['(unclosed']\n", "follow pattern '(unclosed' is not a regular expression"),
])
def test_a_broken_sources_file_fails_with_one_line_naming_file_and_entry(tmp_path, text, message):
    path = tmp_path / "sources.yml"
    path.write_text(text)
    with pytest.raises(SourcesError) as error:
        load_sources(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value) and "\n" not in str(error.value)


def test_a_missing_sources_file_is_named(tmp_path):
    with pytest.raises(SourcesError, match="missing.yml: cannot read"):
        load_sources(tmp_path / "missing.yml")


def test_follow_patterns_keep_a_large_sitemap_to_the_sections_that_matter(tmp_path):
    path = tmp_path / "sources.yml"
    path.write_text(GOOD + "    follow: ['/news/', '/crime/']\n")
    [source] = load_sources(path)
    assert source.wants("https://www.gazette.example/news/2025/cameras")
    assert not source.wants("https://www.gazette.example/sport/2025/derby")


@pytest.mark.parametrize("option, value", [("start_urls", "news.example/story"), ("feeds", "ftp://news.example/rss")])
def test_a_url_option_that_is_not_http_is_refused_before_anything_is_fetched(option, value):
    from claimwatch import crawlers

    with pytest.raises(SourcesError, match="not an http\\(s\\) URL") as error:
        crawlers.crawl(**{option: [value]})
    assert value in str(error.value)
