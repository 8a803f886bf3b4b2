"""Article extraction on its own: decoding, topic terms, dates, metadata precedence, furniture."""

import pytest

from claimwatch.crawlers.extract import Rejected, decode_body, extract_article, iso_date

PAGE = """<html lang="{lang}"><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>
<p>The borough's new camera network was switched on this week after months of delay, officials said on Monday.</p>
<p>{sentence}</p>
<p>Council leaders said they would publish a report on how the network had been used by the end of the year.</p>
</article></body></html>"""


def page(sentence="The network includes CCTV cameras at six junctions.", title="Cameras switched on", head="",
         lang="en"):
    return PAGE.format(sentence=sentence, title=title, head=head, lang=lang).encode()


def extract(body, **kwargs):
    return extract_article(body, final_url="https://ledger.example/cameras", fetched_at="2026-01-01T00:00:00Z",
                           via="start_url", **kwargs)


def test_an_off_topic_page_is_rejected_unless_any_topic():
    off_topic = page(sentence="The network includes bus lanes at six junctions.", title="Roadworks finish")
    with pytest.raises(Rejected) as rejected:
        extract(off_topic)
    assert rejected.value.reason == "no_topic_terms"
    assert extract(off_topic, any_topic=True)["topic_terms"] == []


def test_a_page_reached_by_a_link_must_look_like_an_article():
    with pytest.raises(Rejected) as rejected:
        extract(page(), require_article=True)
    assert rejected.value.reason == "not_an_article"
    article = extract(page(head='<meta property="og:type" content="article">'), require_article=True)
    assert article["title"] == "Cameras switched on"


def test_metadata_prefers_what_the_page_declares_then_the_sitemap_hints():
    hints = {"title": "Sitemap title", "published": "2025-03-01T09:00:00Z", "keywords": "CCTV, borough"}
    record = extract(page(), hints=hints)
    assert record["published"] == "2025-03-01T09:00:00+00:00" and record["keywords"] == ["CCTV", "borough"]
    declared = page(head='<script type="application/ld+json">{"@type": "NewsArticle", '
                         '"datePublished": "2025-02-27", "author": [{"name": "A. Writer"}, {"name": "B. Writer"}], '
                         '"keywords": ["cameras", "cctv"]}</script>')
    record = extract(declared, hints=hints)
    assert record["published"] == "2025-02-27"
    assert record["author"] == "A. Writer, B. Writer"
    assert record["keywords"] == ["CCTV", "borough", "cameras"]


def test_outlet_falls_back_from_sources_to_site_name_to_host():
    assert extract(page())["outlet"] == "ledger.example"
    assert extract(page(head='<meta property="og:site_name" content="Ledger">'))["outlet"] == "Ledger"


@pytest.mark.parametrize("value, expected", [
    ("2025-11-12", "2025-11-12"),
    ("2025-11-12T10:00:00Z", "2025-11-12T10:00:00+00:00"),
    ("Tue, 07 Oct 2025 09:00:00 GMT", "2025-10-07T09:00:00+00:00"),
    ("next Tuesday", None),
    (None, None),
])
def test_dates_from_sitemaps_feeds_and_json_ld_become_iso(value, expected):
    assert iso_date(value) == expected


QUOTED = "caf\u00e9 \u201cquoted\u201d"


@pytest.mark.parametrize("body, content_type, expected", [
    (QUOTED.encode(), "text/html; charset=iso-8859-1", (QUOTED, "utf-8")),
    (QUOTED.encode("cp1252"), "text/html; charset=utf-8", (QUOTED, "cp1252")),
    ('<meta charset="koi8-r">\u043f\u0440\u0438\u0432\u0435\u0442'.encode("koi8-r"), None,
     ('<meta charset="koi8-r">\u043f\u0440\u0438\u0432\u0435\u0442', "koi8-r")),
])
def test_a_declared_charset_is_believed_only_when_the_body_decodes_in_it(body, content_type, expected):
    assert decode_body(body, content_type) == expected


@pytest.mark.parametrize("canonical, expected", [
    ('<link rel="canonical" href="/cameras-switched-on">', "https://ledger.example/cameras-switched-on"),
    ('<meta property="og:url" content="https://www.ledger.example/c">', "https://www.ledger.example/c"),
    # a syndicated copy naming the original as canonical stays the copy's own article
    ('<link rel="canonical" href="https://wire.example/original">', "https://ledger.example/cameras"),
    ("", "https://ledger.example/cameras"),
])
def test_the_article_url_is_the_canonical_one_on_the_same_site(canonical, expected):
    record = extract(page(head=canonical))
    assert record["url"] == expected and record["final_url"] == "https://ledger.example/cameras"


FURNISHED = """<html lang="en"><head><title>Council to review drone flights</title>
<meta property="og:type" content="article"></head><body><div class="content"><article>
<p>Facebook</p><p>The Capital's Daily Paper</p><p>Day And Night</p><p>BREAKING</p><p>Loading latest headlines…</p>
<h1>Council to review drone flights</h1>
<p>The council will review how often police drones fly over the estate after residents complained about the
noise at night and asked who could see the footage.</p>
<p>Officers said the drones were only launched when a call justified it and that footage was deleted after a
month unless needed.</p>
<ul><li>YOU MAY ALSO LIKE TO WATCH THIS CLIP ON OUR CHANNEL. Ten Spooky Houses</li></ul>
<p>A report on the flights will go to the next meeting of the scrutiny committee, which meets in July.</p>
<p>ADVERTISEMENT</p>
<h4>Jordan Pike</h4>
<p>I'm Jordan Pike and as a reporter I care about getting every fact right. My work is driven by a love of
local news and a belief in open records.</p>
</article></div></body></html>"""


def test_furniture_inside_the_article_area_is_dropped_and_the_story_kept():
    text = extract(FURNISHED.encode())["text"]
    lines = text.splitlines()
    assert lines[0] == "Council to review drone flights"  # slogans and "Loading…" above the headline gone
    assert lines[-1].startswith("A report on the flights will go to the next meeting")  # bio and name gone
    assert len(lines) == 4
    for furniture in ("Facebook", "BREAKING", "YOU MAY ALSO LIKE", "ADVERTISEMENT", "Daily Paper", "Jordan Pike"):
        assert furniture not in text
