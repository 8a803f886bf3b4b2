"""Reviews of contradictions: `claimwatch review` on a database built by the real pipeline (import, extract with
spaCy, detect) from pages in our own words, and what happens to the verdicts when the claims are recomputed.

SAMPLE DATA: the outlets and articles below are fictional."""

import contextlib
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from claimwatch import db
from claimwatch.db import reviews

PAGES = {
    "ledger": ("The Fictional Ledger", "https://ledger.example/drones", "2025-10-01", "Drone fleet grows",
               "The Metropolitan Police now has 30 drones in service across London, a spokesperson told the "
               "Fictional Ledger."),
    "bugle": ("Borough Bugle", "https://bugle.example/fleet", "2025-10-03", "Only a handful of drones",
              "The Metropolitan Police currently has 9 drones in service, the Borough Bugle has learned."),
    "herald": ("Imaginary Herald", "https://herald.example/vans", "2025-10-02", "Facial recognition vans",
               "The Metropolitan Police currently operates 10 facial recognition vans, the Imaginary Herald reports."),
    "post": ("Sample Post", "https://post.example/vans", "2025-10-04", "Vans tally",
             "The Metropolitan Police currently operates 4 facial recognition vans, according to the Sample Post."),
}
# Published later, so a `detect` after it numbers every contradiction differently.
NEWCOMER = ("newcomer", ("Example Chronicle", "https://chronicle.example/drones", "2025-09-01", "Early fleet",
                         "The Metropolitan Police now has 50 drones in service, the Example Chronicle says."))


def write_page(folder: pathlib.Path, name: str, page) -> None:
    outlet, url, published, title, text = page
    (folder / f"{name}.html").write_text(
        f'<html><head><title>{title}</title><link rel="canonical" href="{url}">'
        f'<meta property="og:site_name" content="{outlet}">'
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><article><h1>{title}</h1><p>SAMPLE DATA. {text}</p>"
        "<p>Police technology such as live facial recognition and drones is debated.</p></article></body></html>")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A database built by `claimwatch import`, `extract` and `detect` from PAGES, once for the module."""
    folder = tmp_path_factory.mktemp("built")
    pages = folder / "pages"
    pages.mkdir()
    for name, page in PAGES.items():
        write_page(pages, name, page)
    claimwatch = pathlib.Path(sys.executable).with_name("claimwatch")
    for args in (["import", pages], ["extract"], ["detect"]):
        subprocess.run([claimwatch, args[0], "--db", folder / "claimwatch.db", *args[1:]], check=True,
                       capture_output=True)
    return folder


@pytest.fixture
def pipeline(built, tmp_path, claimwatch_cli):
    """A copy of the built database and its pages for one test; returns (run claimwatch, db path, pages)."""
    shutil.copytree(built / "pages", tmp_path / "pages")
    shutil.copy(built / "claimwatch.db", tmp_path / "claimwatch.db")
    return claimwatch_cli, tmp_path / "claimwatch.db", tmp_path / "pages"


def contradiction_of(path, url_a, url_b) -> int:
    """The id detection gives today to the contradiction between the claims of these two articles."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        ids = [row[0] for row in connection.execute(
            "SELECT id FROM contradictions_side_by_side WHERE (url_a = ? AND url_b = ?) OR (url_a = ? AND url_b = ?)",
            [url_a, url_b, url_b, url_a])]
    assert len(ids) == 1, ids
    return ids[0]


DRONES = (PAGES["ledger"][1], PAGES["bugle"][1])
VANS = (PAGES["herald"][1], PAGES["post"][1])


def test_review_lists_what_awaits_records_verdicts_and_shows_history(pipeline):
    run, path, _ = pipeline
    drones, vans = contradiction_of(path, *DRONES), contradiction_of(path, *VANS)
    listed = run("review", "--db", path).stdout.splitlines()
    # Both are conflicts; the vans pair's newest article (4 Oct) is newer than the drones pair's (3 Oct).
    assert [int(line.split("\t")[0]) for line in listed] == [vans, drones]
    assert "Borough Bugle" in listed[1] and "conflict" in listed[1]

    run("review", drones, "--db", path, "--verdict", "needs_evidence", "--by", "Ana", "--note", "Asked the Met")
    assert "[needs_evidence by Ana]" in run("review", "--db", path).stdout  # still awaits a verdict
    shown = run("review", drones, "--db", path, "--verdict", "confirmed", "--note", "The Met says 9",
                env={"CLAIMWATCH_REVIEWER": "Bo"}).stdout.splitlines()
    assert [line.split()[1:3] for line in shown] == [["needs_evidence", "Ana:"], ["confirmed", "Bo:"]]
    assert shown[1].endswith("Bo: The Met says 9")
    assert run("review", drones, "--db", path).stdout.splitlines() == shown
    assert [int(line.split("\t")[0]) for line in run("review", "--db", path).stdout.splitlines()] == [vans]
    assert (path.parent / "claimwatch.reviews.db").is_file()  # beside the database, which is not written


@pytest.mark.parametrize("args, message", [
    (["999", "--verdict", "confirmed", "--by", "Ana"], "no contradiction 999"),
    (["abc", "--verdict", "confirmed", "--by", "Ana"], "contradiction 'abc': expected a number"),
    (["{id}", "--verdict", "true", "--by", "Ana"], "verdict 'true': expected one of confirmed, dismissed"),
    (["{id}", "--verdict", "confirmed"], "needs a reviewer's name"),
    (["{id}", "--verdict", "confirmed", "--by", "  "], "needs a reviewer's name"),
    (["{id}", "--note", "no verdict", "--by", "Ana"], "--note goes with --verdict"),
    (["--verdict", "confirmed", "--by", "Ana"], "give its ID"),
])
def test_bad_review_is_one_line_exit_2_and_writes_nothing(pipeline, args, message):
    run, path, _ = pipeline
    drones = contradiction_of(path, *DRONES)
    run("review", drones, "--db", path, "--verdict", "dismissed", "--by", "Ana")
    result = run("review", "--db", path, *[arg.format(id=drones) for arg in args], check=False,
                 env={"CLAIMWATCH_REVIEWER": ""})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr, result.stderr
    with contextlib.closing(sqlite3.connect(path.parent / "claimwatch.reviews.db")) as connection:
        assert connection.execute("SELECT verdict, reviewer FROM reviews").fetchall() == [("dismissed", "Ana")]


def test_a_review_of_a_missing_database_is_refused(tmp_path, claimwatch_cli):
    result = claimwatch_cli("review", "--db", tmp_path / "typo.db", check=False)
    assert result.returncode == 2 and "no such database" in result.stderr
    assert not (tmp_path / "typo.reviews.db").exists()


def test_verdicts_stay_on_their_pairs_through_extract_all_and_detect(pipeline):
    run, path, pages = pipeline
    drones, vans = contradiction_of(path, *DRONES), contradiction_of(path, *VANS)
    run("review", drones, "--db", path, "--verdict", "confirmed", "--by", "Ana", "--note", "Checked")
    run("review", vans, "--db", path, "--verdict", "dismissed", "--by", "Bo", "--note", "Different vans")
    with contextlib.closing(sqlite3.connect(path)) as connection:
        claims_before = set(connection.execute("SELECT id FROM claims"))

    write_page(pages, *NEWCOMER)  # a new article whose contradictions come first in detection's order
    run("import", "--db", path, pages)
    run("extract", "--all", "--db", path)
    run("detect", "--db", path)

    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert not claims_before & set(connection.execute("SELECT id FROM claims")), "extract --all renumbers"
    drones_now, vans_now = contradiction_of(path, *DRONES), contradiction_of(path, *VANS)
    assert (drones_now, vans_now) != (drones, vans)
    assert run("review", drones_now, "--db", path).stdout.split()[1:4] == ["confirmed", "Ana:", "Checked"]
    assert run("review", vans_now, "--db", path).stdout.split()[1:4] == ["dismissed", "Bo:", "Different"]
    awaiting = run("review", "--db", path).stdout
    assert str(drones_now) + "\t" not in awaiting and "Example Chronicle" in awaiting
    assert run("review", "--orphaned", "--db", path).stdout == ""


def test_a_review_whose_article_changed_its_figure_is_kept_as_orphaned(pipeline):
    run, path, pages = pipeline
    run("review", contradiction_of(path, *DRONES), "--db", path, "--verdict", "confirmed", "--by", "Ana")
    outlet, url, published, title, text = PAGES["bugle"]
    write_page(pages, "bugle", (outlet, url, published, title, text.replace("9 drones", "31 drones")))
    run("import", "--db", path, pages)
    run("extract", "--db", path)
    run("detect", "--db", path)

    orphaned = run("review", "--orphaned", "--db", path).stdout.splitlines()
    assert len(orphaned) == 1
    assert "confirmed by Ana" in orphaned[0] and "'9'" in orphaned[0] and url in orphaned[0]
    assert "the article changed its figure" in orphaned[0]
    database = db.open_database(path)
    [row] = reviews.orphaned(database, path.parent / "claimwatch.reviews.db")
    side = "a" if row["a_url"] == url else "b"
    assert row[f"{side}_claim_now"] is None and row[f"{side}_figure_text"] == "9"
    assert "9 drones" in row[f"{side}_sentence"]
    newest = database.execute("SELECT max(v.id) FROM article_versions v JOIN articles a ON a.id = v.article_id"
                              " WHERE a.url = ?", [url]).fetchone()[0]
    assert row[f"{side}_version_now"] == newest  # the revision that changed the figure
    database.close()


WRITER = textwrap.dedent("""
    import pathlib, sqlite3, sys, time
    from claimwatch.db import reviews
    db_path, reviews_file, contradiction_id, name, count, go = sys.argv[1:]
    pair = reviews.pair_of(sqlite3.connect(db_path), int(contradiction_id))
    pathlib.Path(f"{go}.{name}").touch()  # ready
    while not pathlib.Path(go).exists():
        time.sleep(0.001)
    started = time.monotonic()
    for number in range(int(count)):
        reviews.record(reviews_file, pair, "needs_evidence", by=name, note=str(number))
    print(started, time.monotonic())
""")


def test_two_processes_reviewing_at_once_lose_no_review(pipeline, tmp_path):
    _, path, _ = pipeline
    reviews_file = tmp_path / "claimwatch.reviews.db"
    reviews.connect(reviews_file).close()
    go = tmp_path / "go"
    count = 150
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, path, reviews_file,
                                 str(contradiction_of(path, *pair)), name, str(count), go], stdout=subprocess.PIPE,
                                text=True)
               for name, pair in (("Ana", DRONES), ("Bo", VANS))]
    while not all(pathlib.Path(f"{go}.{name}").exists() for name in ("Ana", "Bo")):  # both loaded and waiting
        assert all(writer.poll() is None for writer in writers)
        time.sleep(0.01)
    go.touch()
    spans = [tuple(map(float, writer.communicate(timeout=120)[0].split())) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0]
    # Both were writing at once (the system-wide monotonic clock): each began before the other finished.
    assert max(start for start, _ in spans) < min(end for _, end in spans), spans
    with contextlib.closing(sqlite3.connect(reviews_file)) as connection:
        by_reviewer = dict(connection.execute("SELECT reviewer, count(*) FROM reviews GROUP BY reviewer"))
        notes = {reviewer: sorted(int(note) for (note,) in connection.execute(
            "SELECT note FROM reviews WHERE reviewer = ?", [reviewer])) for reviewer in ("Ana", "Bo")}
    assert by_reviewer == {"Ana": count, "Bo": count}
    assert notes == {"Ana": list(range(count)), "Bo": list(range(count))}
