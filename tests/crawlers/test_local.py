"""`claimwatch import`: saved pages, folders of them and WARC files become the same article records."""

import io
import pathlib

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimwatch.crawlers.local import UnreadablePath, read_paths

SITE = pathlib.Path(__file__).with_name("sites")


def test_a_folder_of_saved_pages_is_read_recursively(tmp_path):
    for name in ("lfr-vans.html", "football.html", "nocanon.html"):
        (tmp_path / "deep" / "er").mkdir(parents=True, exist_ok=True)
        (tmp_path / "deep" / "er" / name).write_bytes((SITE / name).read_bytes())
    (tmp_path / "notes.txt").write_text("not a page")
    results = list(read_paths([tmp_path]))
    records = [record for record, _ in results if record]
    problems = [problem for _, problem in results if problem]
    assert {r["title"] for r in records} == {"Yard adds four facial recognition vans",
                                             "Assembly members question CCTV upgrade"}
    assert [(p["off_topic"], p["reason"]) for p in problems] == [(True, "no_topic_terms")]
    assert problems[0]["path"].endswith("football.html")
    nocanon = next(r for r in records if "CCTV" in r["title"])
    assert nocanon["url"] == (tmp_path / "deep" / "er" / "nocanon.html").resolve().as_uri()  # no canonical link
    assert nocanon["via"] == "file" and nocanon["http_status"] is None
    vans = next(r for r in records if "vans" in r["title"])
    assert vans["url"] == "{{base_url}}/news/lfr-vans" or vans["url"].endswith("/news/lfr-vans")


def test_a_saved_page_is_known_by_its_canonical_url(tmp_path):
    page = tmp_path / "saved.html"
    page.write_bytes((SITE / "lfr-vans.html").read_bytes().replace(b"{{base_url}}", b"https://wire.example"))
    [(record, _)] = read_paths([page])
    assert record["url"] == "https://wire.example/news/lfr-vans"
    assert record["requested_url"] == record["final_url"] == page.resolve().as_uri()


def test_any_topic_keeps_an_off_topic_page(tmp_path):
    page = tmp_path / "football.html"
    page.write_bytes((SITE / "football.html").read_bytes())
    [(record, problem)] = read_paths([page], any_topic=True)
    assert problem is None
    assert record["topic_terms"] == [] and "Riverside Rovers" in record["text"]


def _warc(path, pages):
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for url, status, headers, body in pages:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=http))


def test_a_warc_file_gives_its_responses_with_their_provenance(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [
        ("https://wire.example/vans", "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("ETag", '"v1"')],
         (SITE / "lfr-vans.html").read_bytes().replace(b"{{base_url}}", b"https://wire.example")),
        ("https://wire.example/gone", "404 Not Found", [("Content-Type", "text/html")], b"gone"),
        ("https://wire.example/old", "301 Moved", [("Location", "https://wire.example/vans")], b""),
        ("https://wire.example/cafe", "200 OK", [("Content-Type", "text/html")], (SITE / "latin1.html").read_bytes()),
        ("https://wire.example/report.pdf", "200 OK", [("Content-Type", "application/pdf")], b"%PDF-1.4"),
    ])
    results = list(read_paths([path]))
    records = [record for record, _ in results if record]
    assert [r["url"] for r in records] == ["https://wire.example/news/lfr-vans", "https://wire.example/cafe"]
    vans = records[0]
    assert (vans["via"], vans["http_status"], vans["etag"], vans["requested_url"]) == (
        "warc", 200, '"v1"', "https://wire.example/vans")
    assert vans["fetched_at"].endswith("Z") and vans["outlet"] == "Thames Wire"
    assert "caf\u00e9" in records[1]["text"]
    problems = {(p["off_topic"], p["reason"]) for _, p in results if p}
    assert problems == {(False, "http_404"), (True, "not_html")}


def test_a_damaged_warc_is_reported_not_raised(tmp_path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not a WARC file at all\r\n\r\n")
    [(record, problem)] = read_paths([path])
    assert record is None and not problem["off_topic"] and problem["reason"] == "unreadable_warc"
    assert problem["path"] == str(path)


@pytest.mark.parametrize("name, message", [("missing.html", "no such file"), ("notes.txt", "not an .html")])
def test_a_path_that_cannot_be_imported_is_an_error_naming_it(tmp_path, name, message):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(UnreadablePath, match=message) as error:
        list(read_paths([tmp_path / name]))
    assert name in str(error.value)
