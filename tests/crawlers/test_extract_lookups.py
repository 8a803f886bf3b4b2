"""How extraction reads a page's declarations, pinned where it was made faster: <meta> tags read in one walk of
the page, parsel's Selector rather than Scrapy's, Scrapy's charset reading only for pages that are not UTF-8, one
set of MinHash permutations for every page, and trafilatura's own (unread) date search narrowed to markup."""

import hashlib
import re

from datasketch import MinHash

from claimwatch.crawlers.extract import decode_body, extract_article

BODY = """<article><h1>Drone flights over the borough</h1>
<p>Police drones flew 41 times over the borough last month, according to figures the force published on Monday.</p>
<p>Councillors asked for the surveillance budget to be published line by line before the next meeting.</p>
</article>"""


def extract(head: str, body: str = BODY, encoding: str = "utf-8", prefix: bytes = b"", **kwargs) -> dict:
    page = prefix + f"<html><head><title>Drones</title>{head}</head><body>{body}</body></html>".encode(encoding)
    return extract_article(page, final_url="https://ledger.example/drones", fetched_at="2026-01-01T00:00:00Z",
                           via="sitemap", **kwargs)


def test_the_first_meta_with_a_content_of_a_property_or_name_is_the_one_read():
    record = extract('<meta property="og:site_name"><meta name="og:site_name" content=" Ledger ">'
                     '<meta property="og:site_name" content="Other">'
                     '<meta name="keywords" content="drones, CCTV"><meta property="keywords" content="ignored">'
                     '<meta property="article:published_time" content="2025-03-04T10:00:00Z">')
    assert record["site_name"] == "Ledger" and record["outlet"] == "Ledger"
    assert record["keywords"] == ["drones", "CCTV"]
    assert record["published"] == "2025-03-04T10:00:00+00:00"


def test_a_blank_first_meta_hides_a_later_one():
    record = extract('<meta property="og:site_name" content=" "><meta name="og:site_name" content="Later">')
    assert record["site_name"] == record["outlet"] == "ledger.example"  # trafilatura's reading, not "Later"


def test_metas_in_the_body_count_and_og_url_is_the_canonical_without_a_link():
    record = extract("", body=BODY + '<meta property="og:url" content="/news/drones">')
    assert record["url"] == "https://ledger.example/news/drones"


def test_a_page_with_a_byte_order_mark_reads_as_the_same_page_without_it():
    head = '<meta property="og:site_name" content="Ledger"><link rel="canonical" href="/news/drones">'
    plain, marked = extract(head), extract(head, prefix=b"\xef\xbb\xbf")
    differ = {key for key in plain if plain[key] != marked[key]}
    assert differ == {"body", "content_sha256"}


def test_a_page_that_is_not_utf8_is_read_in_its_declared_charset():
    body = BODY.replace("borough", "borough’s café")
    record = extract('<meta charset="windows-1252">', body=body, encoding="cp1252")
    assert record["encoding"] == "cp1252" and "borough’s café" in record["text"]
    assert decode_body("café".encode("latin-1"), "text/html; charset=iso-8859-1") == ("café", "cp1252")
    assert decode_body("café".encode()) == ("café", "utf-8")


def test_the_signature_is_datasketch_minhash_of_the_five_word_shingles():
    record = extract("")
    words = re.findall(r"\w+", record["text"].lower())
    expected = MinHash(num_perm=128)
    expected.update_batch([" ".join(words[start:start + 5]).encode() for start in range(len(words) - 4)])
    assert record["minhash"] == [int(value) for value in expected.hashvalues]
    assert record["content_sha256"] == hashlib.sha256(record["body"]).hexdigest()


def test_trafilaturas_date_search_narrowed_to_markup_changes_nothing_read_from_it():
    import trafilatura

    from claimwatch.crawlers.extract import TRAFILATURA_DATE_SEARCH
    from tests.support import SAMPLE_SITE

    options = dict(with_metadata=True, include_comments=False, include_tables=False, favor_precision=True)
    for path in sorted(SAMPLE_SITE.glob("*/20*/*/*.html")):
        page, url = path.read_text(encoding="utf-8"), f"https://sample.example/{path.name}"
        default = trafilatura.bare_extraction(page, url=url, **options)
        narrowed = trafilatura.bare_extraction(page, url=url, date_extraction_params=TRAFILATURA_DATE_SEARCH, **options)
        for field in ("title", "author", "description", "sitename", "language", "text"):
            assert getattr(narrowed, field) == getattr(default, field), (path.name, field)
