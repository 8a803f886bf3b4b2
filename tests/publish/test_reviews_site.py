"""Reviews on a real `claimwatch serve` with datasette-auth-passwords: anonymous visitors see verdicts and no form,
a signed-in reviewer records one through the CSRF-protected form, the home page counts and filters by verdict,
and an orphaned review is listed with its old figures and the article's revision.

SAMPLE DATA: the fictional outlets of tests/publish/conftest.py."""

import contextlib
import hashlib
import html
import http.cookiejar
import json
import pathlib
import re
import shutil
import sqlite3
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from datasette_auth_passwords.utils import hash_password

from bench.servers import free_port, start
from claimwatch import db
from claimwatch.db import reviews
from tests.publish.conftest import ARTICLES, BUGLE_TEXT, _claim, build_database

PASSWORD = "correct horse battery staple"


class Served:
    """`claimwatch serve` on a free loopback port, until stop()."""

    def __init__(self, *args):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        executable = pathlib.Path(sys.executable).with_name("claimwatch")
        self.process = start([executable, "serve", "--port", str(port), *map(str, args)], port)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Visitor:
    """A browser-like HTTP client: keeps cookies, does not follow redirects, reads the page's CSRF token."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  self._NoRedirect)

    def open(self, path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            response = self.opener.open(self.base + path, data=data, timeout=10)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers
        return response.status, response.read().decode(), response.headers

    def token(self, path) -> str:
        return re.search(r'name="csrftoken" value="([^"]+)"', self.open(path)[1]).group(1)

    def sign_in(self, name, password=PASSWORD):
        status, _, headers = self.open("/-/login", {"username": name, "password": password,
                                                    "csrftoken": self.token("/-/login")})
        return status


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A copy of the publish test database, served with two reviewers from a reviewers file."""
    folder = tmp_path_factory.mktemp("reviews-site")
    shutil.copy(build_database(folder / "built.db"), folder / "claimwatch.db")
    hashed = hash_password(PASSWORD)
    (folder / "reviewers.yml").write_text(f"reviewers:\n  ana: '{hashed}'\n  bo: '{hashed}'\n")
    served = Served("--db", folder / "claimwatch.db", "--reviewers", folder / "reviewers.yml")
    with contextlib.closing(sqlite3.connect(folder / "claimwatch.db")) as connection:
        conflict = connection.execute("select id from contradictions where cause = 'conflict'").fetchone()[0]
    yield served.url, folder, conflict
    served.stop()


def stored_reviews(folder):
    path = folder / "claimwatch.reviews.db"
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute("select verdict, reviewer, note from reviews order by id").fetchall()


def test_an_anonymous_visitor_sees_verdicts_but_no_form_and_cannot_post(site):
    url, folder, conflict = site
    visitor = Visitor(url)
    status, page, _ = visitor.open(f"/-/contradiction/{conflict}")
    assert status == 200 and 'id="reviews"' in page
    assert "review-form" not in page and 'href="/-/login"' in page
    before = stored_reviews(folder)
    status, _, _ = visitor.open(f"/-/contradiction/{conflict}/review", {"verdict": "confirmed"})
    assert status == 403
    assert stored_reviews(folder) == before


def test_a_wrong_password_signs_nobody_in(site):
    url, _, conflict = site
    visitor = Visitor(url)
    assert visitor.sign_in("ana", "guess") == 200  # the login form again, with its error
    assert "review-form" not in visitor.open(f"/-/contradiction/{conflict}")[1]


def test_a_signed_in_reviewer_records_a_verdict_with_the_form(site):
    url, folder, conflict = site
    visitor = Visitor(url)
    assert visitor.sign_in("ana") == 302
    page = visitor.open(f"/-/contradiction/{conflict}")[1]
    assert "review-form" in page and "as ana" in page
    form = {"verdict": "confirmed", "note": "Matched against the <b>press office</b> reply",
            "csrftoken": visitor.token(f"/-/contradiction/{conflict}")}
    status, _, headers = visitor.open(f"/-/contradiction/{conflict}/review", form)
    assert status == 302 and headers["Location"].endswith(f"/-/contradiction/{conflict}#reviews")
    assert stored_reviews(folder)[-1] == ("confirmed", "ana", "Matched against the <b>press office</b> reply")

    # Everyone sees it, the note as text.
    page = Visitor(url).open(f"/-/contradiction/{conflict}")[1]
    assert "Verdict: <strong>confirmed</strong>" in page and "by ana" in page
    assert re.search(r"by ana on \d{1,2} [A-Z][a-z]{2} \d{4}", page), "the day as a reader writes it, not ISO"
    assert "&lt;b&gt;press office&lt;/b&gt;" in page
    home = Visitor(url).open("/?verdict=confirmed")[1]
    assert re.search(r"<strong>1</strong> of these contradictions confirmed", home)
    assert f'href="/-/contradiction/{conflict}"' in home.split('id="by-verdict"')[1]
    as_json = json.loads(Visitor(url).open(f"/-/contradiction/{conflict}/reviews.json")[1])
    assert as_json["review"]["verdict"] == "confirmed" and as_json["review"]["by"] == "ana"
    assert as_json["history"][-1] == as_json["review"]
    assert Visitor(url).open("/-/contradiction/9999/reviews.json")[0] == 404
    listed = Visitor(url).open("/-/reviews.json?verdict=confirmed")[1]
    assert f'"id": {conflict}' in listed and '"reviewer": "ana"' in listed


def test_the_form_is_refused_without_its_csrf_token_or_with_a_bad_verdict(site):
    url, folder, conflict = site
    visitor = Visitor(url)
    assert visitor.sign_in("bo") == 302
    before = stored_reviews(folder)
    status, body, _ = visitor.open(f"/-/contradiction/{conflict}/review", {"verdict": "dismissed"})
    assert status == 403 and "POST field did not match cookie" in body
    token = visitor.token(f"/-/contradiction/{conflict}")
    status, body, _ = visitor.open(f"/-/contradiction/{conflict}/review", {"verdict": "wrong", "csrftoken": token})
    assert status == 400 and "verdict 'wrong'" in html.unescape(body)
    status, _, _ = visitor.open("/-/contradiction/9999/review", {"verdict": "dismissed", "csrftoken": token})
    assert status == 404
    assert stored_reviews(folder) == before


@pytest.mark.parametrize("content, message", [
    ("reviewers:\n  ana: plain-password\n", "never a password"),
    ("reviewers: []\n", "expected `reviewers:`"),
    ("reviewers: {ana: [unclosed\n", "cannot read the reviewers file"),
])
def test_a_bad_reviewers_file_is_one_line_and_exit_2(site, tmp_path, claimwatch_cli, content, message):
    _, folder, _ = site
    (tmp_path / "reviewers.yml").write_text(content)
    result = claimwatch_cli("serve", "--db", folder / "claimwatch.db", "--reviewers", tmp_path / "reviewers.yml",
                            "--port", free_port(), check=False, timeout=60)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr, result.stderr


def test_an_orphaned_review_is_listed_with_its_old_figures_and_the_articles_revision(tmp_path):
    path = build_database(tmp_path / "claimwatch.db")
    database = db.open_database(path)
    conflict = database.execute("select id from contradictions where cause = 'conflict'").fetchone()[0]
    reviews.record(reviews.reviews_path(path), reviews.pair_of(database, conflict), "confirmed", by="ana",
                   note="Both checked")
    # The Bugle's article changes its figure: a new version is fetched, its claims extracted again.
    record, _ = ARTICLES[1]
    revised = BUGLE_TEXT.replace("Only 9 drones", "Only 31 drones")
    body = f"<html><body><p>{revised}</p></body></html>".encode()
    db.store.ArticleStore(database).save_article({**record, "text": revised, "body": body,
                                                  "content_sha256": hashlib.sha256(body).hexdigest(),
                                                  "fetched_at": "2026-02-01T10:00:00Z"})
    article_id = database.execute("select id from articles where url = ?", [record["url"]]).fetchone()[0]
    db.store.replace_claims(database, article_id, "test", [_claim(revised, "31", 31)])
    db.detect.detect(database)
    newest = database.execute("select max(id) from article_versions where article_id = ?", [article_id]).fetchone()[0]
    database.close()

    served = Served("--db", path)
    try:
        page = Visitor(served.url).open("/-/reviews?verdict=orphaned")[1]
        home = Visitor(served.url).open("/")[1]
    finally:
        served.stop()
    assert "Only 9 drones are in service today" in page and "<mark>9</mark>" in page
    assert "no longer in the article" in page and "Both checked" in page
    assert f'href="/-/fetched/{newest}"' in page
    assert re.search(r'>1 orphaned</a>', home)


def test_serve_shows_what_the_last_writer_left_in_the_wal(tmp_path):
    """A writer that is not the database's last connection (someone's sqlite3 shell is open) leaves its pages in the
    WAL, which Datasette's immutable open never reads: serve must fold them in first."""
    path = build_database(tmp_path / "claimwatch.db")
    onlooker = sqlite3.connect(path)
    onlooker.execute("select count(*) from claims").fetchone()
    with contextlib.closing(sqlite3.connect(path)) as writer:
        writer.execute("update contradictions set reason = 'Rewritten by the latest detect.'")
        writer.commit()
    assert (tmp_path / "claimwatch.db-wal").stat().st_size > 0
    served = Served("--db", path)
    try:
        status, body, _ = Visitor(served.url).open("/-/contradiction/1.json")
    finally:
        served.stop()
        onlooker.close()
    assert status == 200 and "Rewritten by the latest detect." in body


def test_a_review_recorded_at_the_command_line_while_the_site_serves_shows_on_the_next_page(tmp_path):
    """The site keeps where each review stands between pages; a review added by another process, even one that only
    changes a pair's verdict, is on the very next page."""
    path = build_database(tmp_path / "claimwatch.db")
    with contextlib.closing(sqlite3.connect(path)) as connection:
        conflict = connection.execute("select id from contradictions where cause = 'conflict'").fetchone()[0]
        pair = reviews.pair_of(connection, conflict)
    served = Served("--db", path)

    def by_verdict(verdict):
        listed = json.loads(Visitor(served.url).open(f"/-/reviews.json?verdict={verdict}")[1])
        return listed["counts"], [row["id"] for row in listed["contradictions"]]

    try:
        before, _ = by_verdict("confirmed")
        reviews.record(reviews.reviews_path(path), pair, "confirmed", by="ana")
        confirmed, confirmed_ids = by_verdict("confirmed")
        reviews.record(reviews.reviews_path(path), pair, "dismissed", by="bo")
        dismissed, dismissed_ids = by_verdict("dismissed")
        home = Visitor(served.url).open("/")[1]
    finally:
        served.stop()
    assert before["confirmed"] == 0 and before["unreviewed"] == confirmed["unreviewed"] + 1
    assert confirmed["confirmed"] == 1 and confirmed_ids == [conflict]
    assert dismissed["confirmed"] == 0 and dismissed["dismissed"] == 1 and dismissed_ids == [conflict]
    assert not re.search(r"<strong>1</strong> of these contradictions confirmed", home)
