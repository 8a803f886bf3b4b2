"""The `claimwatch` command line: thin click glue over crawlers, nlp, db and publish.

This is the only module that imports all of them (docs/architecture.md); each command opens the database,
calls the library, records the run and prints a summary. Data goes to stdout, progress and summaries to stderr.
Exit codes: 0 success, 1 finished with errors it reports, 2 bad usage or bad input.
"""

import collections
import contextlib
import difflib
import json
import sqlite3
import sys

import click

from claimwatch import __version__
from claimwatch.clock import utc_now
from claimwatch.db.detect import CAUSES
from claimwatch.db.official import OFFICIAL_CAUSES
from claimwatch.db.reviews import VERDICTS

# `claimwatch import` saves the pages it reads this many at a time, in one transaction.
IMPORT_BATCH = 100
# A crawl's summary names this many of its failures, one a line; the rest are in the runs table and the log.
CRAWL_FAILURES_SHOWN = 10


class BadInput(click.ClickException):
    """Bad input (unreadable file, invalid config, incompatible database): one line, exit code 2."""

    exit_code = 2



def db_option(command):
    return click.option(
        "--db",
        "db_path",
        envvar="CLAIMWATCH_DB",
        default="claimwatch.db",
        show_default=True,
        type=click.Path(dir_okay=False),
        help="SQLite database file (or set CLAIMWATCH_DB).",
    )(command)


def crawl_options(command):
    for option in reversed(
        [
            click.option("--sources", type=click.Path(dir_okay=False),
                         help="Sources file (YAML). Default: the project's list of real outlets."),
            click.option("--start-url", "start_urls", multiple=True, metavar="URL",
                         help="Crawl from this page, following article links inside its domain."),
            click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
                         help="Crawl a sitemap, sitemap index or Google News sitemap."),
            click.option("--feed", "feeds", multiple=True, metavar="URL", help="Crawl an RSS or Atom feed."),
            click.option("--any-topic", is_flag=True,
                         help="Store pages even when the topic filter would leave them out."),
            click.option("--resume", is_flag=True,
                         help="Keep the crawl's queue in a job folder beside the database, so a killed crawl "
                              "resumes where it stopped."),
            click.option("--frontier", metavar="redis://HOST:PORT/N", envvar="CLAIMWATCH_FRONTIER",
                         help="Be one of several crawler processes sharing this Redis queue and seen-URL set; "
                              "each writes its own --db shard (see `claimwatch merge`). The queue outlives a "
                              "killed worker, so --resume is not needed."),
            click.option("--log-file", type=click.Path(dir_okay=False),
                         help="Write Scrapy's full log here, replacing the last crawl's. Default: the database's "
                              "path with .crawl.log added."),
            click.option("-v", "--verbose", is_flag=True,
                         help="Print Scrapy's full log on standard error too, rather than a line of progress."),
        ]
    ):
        command = option(command)
    return command


def open_db(db_path, must_exist=False):
    """The migrated database; a command that only reads stored data refuses a path with no database rather
    than create an empty one for a mistyped --db."""
    import pathlib

    from claimwatch import db

    if must_exist and not pathlib.Path(db_path).is_file():
        raise BadInput(f"{db_path}: no such database; run `claimwatch run` (or crawl / import) first")
    try:
        return db.open_database(db_path)
    except db.DatabaseError as error:
        raise BadInput(str(error)) from None


def load_extractor():
    """The NLP, loaded once per run; a broken data file or a missing model is bad input (exit 2)."""
    from claimwatch import nlp

    try:
        return nlp.Extractor()
    except (nlp.DataError, RuntimeError) as error:
        raise BadInput(str(error)) from None


def current_extractor_version() -> str:
    """The version an extraction now would record, without loading spaCy; bad data or model: exit 2."""
    from claimwatch import nlp

    try:
        return nlp.extractor_version()
    except (nlp.DataError, RuntimeError) as error:
        raise BadInput(str(error)) from None


def explain_pending(database, version: str, all_articles: bool) -> None:
    """One line per reason the articles about to be extracted need it: new, or which part of the version moved."""
    from claimwatch.db.store import extracted_versions
    from claimwatch.nlp import why_stale

    reasons = collections.Counter()
    for stored, count in extracted_versions(database, version, all=all_articles).items():
        reasons[why_stale(stored, version)] += count
    click.echo(f"extract: version {version}", err=True)
    for reason, count in reasons.most_common():
        click.echo(f"  {count} article{'s' if count != 1 else ''}: {reason}", err=True)


def refuse_unknown(noun: str, values, known, *, ignore_case: bool = False) -> None:
    """Exit 2 on the first of `values` that is not `known`, naming the known values closest to it: a filter that
    matches nothing because of a typo would otherwise print an empty export and exit 0."""
    fold = str.casefold if ignore_case else str
    by_folded = {fold(name): name for name in known}
    for value in values:
        if fold(value) in by_folded:
            continue
        close = [repr(by_folded[match]) for match in difflib.get_close_matches(fold(value), by_folded, n=3)]
        if close:
            hint = f"did you mean {', '.join(close[:-1])}{' or ' if len(close) > 1 else ''}{close[-1]}?"
        elif not by_folded:
            hint = f"this database has no {noun}s yet"
        elif len(by_folded) <= 12:
            hint = f"known: {', '.join(sorted(by_folded.values()))}"
        else:
            hint = f"none of the {len(by_folded)} known is close"
        raise BadInput(f"unknown {noun} {value!r}; {hint}")


def refuse_unknown_filters(database, *, metrics=(), outlets=(), causes=(), subjects=()) -> None:
    """The filter options every command shares: metrics and causes are the vocabulary's, outlets and subjects
    this database's (as the export compares them: outlet names ignoring case)."""
    if metrics:
        from claimwatch.nlp.metrics import metric_vocabulary
        from claimwatch.nlp.resources import DataError

        try:
            vocabulary = metric_vocabulary()
        except DataError as error:
            raise BadInput(str(error)) from None
        refuse_unknown("metric", metrics, vocabulary)
    refuse_unknown("cause", causes, CAUSES + OFFICIAL_CAUSES)
    if outlets:
        refuse_unknown("outlet", outlets, [name for (name,) in database.execute("SELECT name FROM outlets")],
                       ignore_case=True)
    if subjects:
        refuse_unknown("subject", subjects, [subject for (subject,) in database.execute(
            "SELECT DISTINCT subject FROM claims")])


def print_summary(title: str, summary: dict) -> None:
    """Counts on one line, then every failure reason with its count."""
    counts = ", ".join(f"{key} {value}" for key, value in summary.items() if isinstance(value, int))
    click.echo(f"{title}: {counts}", err=True)
    for key, value in summary.items():
        if isinstance(value, dict) and value and key != "stats":
            for reason, count in sorted(value.items(), key=lambda item: -item[1]):
                click.echo(f"  {key}: {reason}: {count}", err=True)


def failed_count(summary: dict) -> int:
    failed = summary.get("failed", 0)
    return sum(failed.values()) if isinstance(failed, dict) else failed


class Commands(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except sqlite3.Error as error:  # e.g. "database is locked" while another process writes: one line, exit 1
            raise click.ClickException(f"database error: {error}") from None


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimwatch")
def cli():
    """Track what the press and officials claim about Met Police surveillance technology, and where the
    claims disagree.

    Typical use: `claimwatch run` (crawl, extract, detect), then `claimwatch serve` to browse.
    """


@cli.command()
@db_option
@crawl_options
def crawl(db_path, log_file, verbose, **options):
    """Crawl news coverage with Scrapy and store every relevant article with its provenance.

    With no URL options it crawls the sources file. Safe to run again: a re-crawl asks each page whether it
    changed (conditional GET) and keeps earlier versions of changed articles. The terminal gets a line of
    progress, then the summary with each failed page, feed or sitemap on one line; Scrapy's log goes to
    --log-file.
    """
    summary = _crawl(db_path, log_file, verbose, **options)
    if failed_count(summary):
        sys.exit(1)


def _crawl(db_path, log_file, verbose, *, sources, start_urls, sitemaps, feeds, any_topic, resume, frontier) -> dict:
    from claimwatch import crawlers
    from claimwatch.crawlers.frontier import FrontierError
    from claimwatch.crawlers.sources import SourcesError
    from claimwatch.crawlers.summary import failure_line
    from claimwatch.db.store import ArticleStore, record_run

    if resume and frontier:
        raise click.UsageError("--resume and --frontier: a frontier crawl keeps its queue in Redis already")
    log_file = log_file or f"{db_path}.crawl.log"
    database = open_db(db_path)
    started = utc_now()
    try:
        summary = crawlers.crawl(
            ArticleStore(database),
            sources=sources,
            start_urls=start_urls,
            sitemaps=sitemaps,
            feeds=feeds,
            any_topic=any_topic,
            jobdir=f"{db_path}.crawl-job" if resume else None,
            frontier=frontier,
            log_file=log_file,
            verbose=verbose,
            progress=None if verbose else sys.stderr,
        )
    except (SourcesError, FrontierError, RuntimeError) as error:
        raise BadInput(str(error)) from None
    record_run(database, "crawl", started, utc_now(), summary, summary.get("errors", []))
    print_summary("crawl", summary)
    errors = summary.get("errors", [])
    for error in errors[:CRAWL_FAILURES_SHOWN]:
        click.echo(f"  {failure_line(error)}", err=True)
    if errors:
        more = f"{len(errors) - CRAWL_FAILURES_SHOWN} more failures and " if len(errors) > CRAWL_FAILURES_SHOWN else ""
        click.echo(f"  ({more}Scrapy's log: {log_file})", err=True)
    return summary


@cli.command("import")
@db_option
@click.argument("paths", nargs=-1, required=True, type=click.Path())  # read_paths names a missing one
@click.option("--any-topic", is_flag=True, help="Store pages even when the topic filter would leave them out.")
def import_(db_path, paths, any_topic):
    """Store articles from local files: .html/.htm files, folders of them (recursively), .warc/.warc.gz.

    An article's URL is its <link rel="canonical">, else og:url, else the file's URI.
    """
    import queue

    from sqlite_utils.utils import chunks

    from claimwatch.crawlers.local import UnreadablePath, read_paths
    from claimwatch.crawlers.writer import Writer, save_group
    from claimwatch.db.store import ArticleStore, record_run

    try:  # refuse a path we cannot read before anything is stored
        pages = read_paths(paths, any_topic=any_topic)
    except UnreadablePath as error:
        raise BadInput(str(error)) from None
    database = open_db(db_path)
    store = ArticleStore(database)
    started = utc_now()
    summary = {"read": 0, "stored": 0, "updated": 0, "unchanged": 0, "duplicate": 0, "off_topic": {}, "failed": {}}
    errors = []

    def count(outcomes):
        for outcome, error in outcomes:
            if error is not None:
                raise error
            summary[outcome] += 1

    # Pages are read (extracted) IMPORT_BATCH at a time, and each batch saved in one transaction by a thread of its
    # own (crawlers/writer.py) while this one reads the next: SQLite and zlib release the GIL. At most two batches
    # wait to be saved, so memory stays bounded however many pages there are.
    writer = Writer.acquire(store)
    saved, waiting = queue.SimpleQueue(), 0
    try:
        for batch in map(list, chunks(pages, IMPORT_BATCH)):
            records = []
            for record, problem in batch:
                summary["read"] += 1
                if problem:
                    bucket = "off_topic" if problem.get("off_topic") else "failed"
                    summary[bucket][problem["reason"]] = summary[bucket].get(problem["reason"], 0) + 1
                    if bucket == "failed":
                        errors.append(problem)
                        click.echo(f"{problem['path']}: {problem['reason']}", err=True)
                    continue
                records.append(record)
            if writer is None:  # an in-memory database: saved here
                count(save_group(store, records))
                continue
            writer.jobs.put((records, saved.put))
            waiting += 1
            while waiting > 2 or not saved.empty():
                count(saved.get())
                waiting -= 1
    finally:
        if writer is not None:
            writer.release()  # once the batches given to it are saved
    while waiting:
        count(saved.get())
        waiting -= 1
    record_run(database, "import", started, utc_now(), summary, errors)
    print_summary("import", summary)
    if errors:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--all", "all_articles", is_flag=True, help="Re-extract every article, not only new ones.")
@click.option("--queue", metavar="redis://HOST:PORT/N", envvar="CLAIMWATCH_QUEUE",
              help="Be one of several extraction workers: lease articles in this Redis so that no two workers "
                   "extract the same one, read them from --db without writing it, and append the claims to "
                   "--shard (fold shards in with `claimwatch merge`).")
@click.option("--shard", type=click.Path(dir_okay=False), help="JSON Lines file this worker appends claims to.")
@click.option("--lease-seconds", default=600, show_default=True, type=click.IntRange(1),
              help="With --queue: how long a killed worker's articles stay leased before another takes them.")
def extract(db_path, all_articles, queue, shard, lease_seconds):
    """Extract claims from articles not yet extracted by the current extractor version."""
    if bool(queue) != bool(shard):
        raise click.UsageError("--queue and --shard go together: a worker leases from one, writes to the other")
    summary = _extract_worker(db_path, all_articles, queue, shard, lease_seconds) if queue else \
        _extract(db_path, all_articles)
    if summary["failed"]:
        sys.exit(1)


def _extract(db_path, all_articles) -> dict:
    from tqdm import tqdm

    from claimwatch.db.store import articles_to_extract, record_run, replace_claims

    database = open_db(db_path, must_exist=True)
    started = utc_now()
    version = current_extractor_version()
    pending = articles_to_extract(database, version, all=all_articles)
    summary = {"articles": len(pending), "claims": 0, "failed": 0}
    errors = []
    if pending:
        explain_pending(database, version, all_articles)
        extractor = load_extractor()
        batches = extractor.extract_many((row["text"] or "", row["published"], row["id"]) for row in pending)
        for article_id, claims, skipped in tqdm(
            batches, total=len(pending), unit="article", desc="extract", file=sys.stderr
        ):
            try:
                replace_claims(database, article_id, version, claims, skipped)
            except (ValueError, OverflowError) as error:
                # A claim the database cannot hold (a 30-digit "figure"): report the article and go on, rather
                # than stop every later run at the same article. It stays unextracted, so a fixed NLP retries it.
                summary["failed"] += 1
                errors.append({"article_id": article_id, "reason": f"claims not stored: {error}"})
                click.echo(f"article {article_id}: claims not stored: {error}", err=True)
                continue
            summary["claims"] += len(claims)
    record_run(database, "extract", started, utc_now(), summary, errors)
    print_summary("extract", summary)
    return summary


def _extract_worker(db_path, all_articles, queue, shard, lease_seconds) -> dict:
    """One worker of a shared extraction: --db is only read; its claims go to the shard."""
    from sqlite_utils.utils import chunks
    from tqdm import tqdm

    from claimwatch.crawlers.frontier import FrontierError, connect
    from claimwatch.db.shards import ClaimShardWriter
    from claimwatch.db.store import articles_to_extract
    from claimwatch.leases import ArticleLeases, LeaseError

    database = open_db(db_path, must_exist=True)
    version = current_extractor_version()
    pending = articles_to_extract(database, version, all=all_articles)
    try:
        leases = ArticleLeases(connect(queue, role="extraction queue"), version, lease_seconds)
    except FrontierError as error:
        raise BadInput(str(error)) from None
    summary = {"articles": len(pending), "extracted": 0, "leased_elsewhere": 0, "claims": 0, "failed": 0}
    extractor = load_extractor() if pending else None
    progress = tqdm(total=len(pending), unit="article", desc="extract", file=sys.stderr)
    with ClaimShardWriter(shard) as writer, _lost_queue(LeaseError):
        for batch in map(list, chunks(pending, 64)):
            mine = leases.won(batch)
            summary["leased_elsewhere"] += len(batch) - len(mine)
            by_id = {article["id"]: article for article in mine}
            for article_id, claims, skipped in extractor.extract_many(
                    (article["text"] or "", article["published"], article["id"]) for article in mine):
                article = by_id[article_id]
                try:
                    writer.write(url=article["url"], text_sha256=article["text_sha256"],
                                 published=article["published"], extractor_version=version, claims=claims,
                                 skipped=skipped)
                except ValueError as error:  # as in _extract: report the article, go on, retry it next run
                    summary["failed"] += 1
                    click.echo(f"article {article_id}: claims not stored: {error}", err=True)
                    continue
                leases.done(article)
                summary["extracted"] += 1
                summary["claims"] += len(claims)
            progress.update(len(batch))
    progress.close()
    print_summary("extract", summary)
    return summary


@contextlib.contextmanager
def _lost_queue(error_class):
    """Redis gone mid-run: one line and exit 1; the shard keeps every line already written."""
    try:
        yield
    except error_class as error:
        raise click.ClickException(str(error)) from None


@cli.command()
@db_option
@click.argument("shards", nargs=-1, required=True, type=click.Path())  # merge names a missing one
def merge(db_path, shards):
    """Fold worker shards into the database: crawl shards (.db, written by `crawl --frontier`) and claim shards
    (.jsonl, written by `extract --queue`).

    Idempotent and order-free: merging the same shards again, or in another order, gives the same database.
    """
    import pathlib

    from claimwatch.db.merge import MAX_DATABASE_SHARDS
    from claimwatch.db.merge import merge as merge_shards
    from claimwatch.db.schema import DatabaseError
    from claimwatch.db.shards import CLAIM_SHARD_SUFFIX
    from claimwatch.db.store import record_run

    database = open_db(db_path)
    started = utc_now()
    paths = [pathlib.Path(shard) for shard in shards]
    databases = [path for path in paths if path.suffix != CLAIM_SHARD_SUFFIX]
    claim_shards = [path for path in paths if path.suffix == CLAIM_SHARD_SUFFIX]
    # SQLite attaches a few databases at a time; the result does not depend on grouping. Claim shards go last,
    # once the articles they name are in.
    calls = [databases[start : start + MAX_DATABASE_SHARDS] for start in range(0, len(databases), MAX_DATABASE_SHARDS)]
    calls = calls[:-1] + [calls[-1] + claim_shards] if calls else [claim_shards]
    summary = {}
    try:
        for call in calls:
            for key, count in merge_shards(database, call).items():
                summary[key] = summary.get(key, 0) + count
    except (ValueError, DatabaseError) as error:
        raise BadInput(str(error)) from None
    record_run(database, "merge", started, utc_now(), {**summary, "shards": list(shards)}, [])
    print_summary("merge", summary)


@cli.command()
@db_option
def detect(db_path):
    """Recompute contradictions and agreements from the stored claims."""
    _detect(db_path)


def _detect(db_path) -> dict:
    from claimwatch.db.detect import detect as detect_all
    from claimwatch.db.labels import store_metrics
    from claimwatch.db.store import record_run
    from claimwatch.nlp.metrics import metric_vocabulary

    database = open_db(db_path, must_exist=True)
    started = utc_now()
    store_metrics(database, metric_vocabulary())  # the site's labels for each metric (#18)
    summary = detect_all(database)
    record_run(database, "detect", started, utc_now(), summary, [])
    print_summary("detect", summary)
    return summary


def reviews_option(command):
    return click.option(
        "--reviews", "reviews_file", type=click.Path(dir_okay=False),
        help="Reviews file (default: <db stem>.reviews.db beside --db).",
    )(command)


def reviews_file_of(db_path, reviews_file):
    from claimwatch.db.reviews import reviews_path

    return reviews_file or reviews_path(db_path)


@cli.command()
@db_option
@reviews_option
@click.argument("contradiction_id", required=False, metavar="[ID]")
@click.option("--verdict", metavar="|".join(VERDICTS),
              help="Record this verdict on contradiction ID.")
@click.option("--note", default="", help="Why: what was checked, with whom.")
@click.option("--by", "by", envvar="CLAIMWATCH_REVIEWER", help="Who reviews (or set CLAIMWATCH_REVIEWER).")
@click.option("--orphaned", is_flag=True, help="List reviews whose claims no contradiction pairs any more.")
def review(db_path, reviews_file, contradiction_id, verdict, note, by, orphaned):
    """Review contradictions: a person's verdict, kept apart from what `detect` recomputes.

    \b
    claimwatch review                     what awaits a verdict, conflicts and undated pairs first
    claimwatch review ID                  contradiction ID's reviews, oldest first
    claimwatch review ID --verdict confirmed --note TEXT --by NAME
    claimwatch review --orphaned          reviews whose article changed its figure

    A review names the two claims by article URL, figure text, offsets and value, so it stays on the same pair
    after `extract --all` and `detect` renumber them.
    """
    from claimwatch.db import reviews

    path = reviews_file_of(db_path, reviews_file)
    database = open_db(db_path, must_exist=True)
    if contradiction_id is None:
        if verdict or note:
            raise BadInput("--verdict, --note and --by review one contradiction: give its ID")
        if orphaned:
            for row in reviews.orphaned(database, path):
                click.echo(_orphan_line(row))
        else:
            for row in reviews.awaiting(database, path):
                click.echo(_awaiting_line(row))
        return
    if not contradiction_id.isdigit():
        raise BadInput(f"contradiction {contradiction_id!r}: expected a number (see `claimwatch review`)")
    pair = reviews.pair_of(database, int(contradiction_id))
    if pair is None:
        raise BadInput(f"no contradiction {contradiction_id} in {db_path} (ids change with each `detect`; "
                       "see `claimwatch review`)")
    try:
        if verdict is not None:
            reviews.record(path, pair, verdict, by=by, note=note)
        elif note:
            raise reviews.ReviewError("--note goes with --verdict")
        for row in reviews.history(path, pair):
            click.echo(f"{row['reviewed_at']}  {row['verdict']:<14}  {row['reviewer']}"
                       + (f": {row['note']}" if row["note"] else ""))
    except reviews.ReviewError as error:
        raise BadInput(str(error)) from None


def _awaiting_line(row) -> str:
    pending = f"  [{row['verdict']} by {row['reviewer']}]" if row["verdict"] else ""
    return (f"{row['id']}\t{row['cause']}\t{row['metric']} ({row['subject']}): {row['figure_a']!r} "
            f"({row['outlet_a']}, {row['published_a'] or 'undated'}) vs {row['figure_b']!r} "
            f"({row['outlet_b']}, {row['published_b'] or 'undated'}){pending}")


def _orphan_line(row) -> str:
    gone = [side for side in ("a", "b") if row[f"{side}_claim_now"] is None]
    why = "claims gone: the article changed its figure" if gone else "no longer detected as a difference"
    return (f"{row['verdict']} by {row['reviewer']} ({row['reviewed_at']}), was contradiction "
            f"{row['contradiction_id']}, {row['a_metric']}: {row['a_figure_text']!r} ({row['a_url']}) vs "
            f"{row['b_figure_text']!r} ({row['b_url']}); {why}")


@cli.group()
def reference():
    """Official records beside the press: the Met's own figures, to check press claims against."""


@reference.command("import")
@db_option
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--source-url", metavar="URL", help="Where the files were published (kept with every row).")
def reference_import(db_path, files, source_url):
    """Store official records: the Met's LFR deployment record (its PDF, or CSV with the same columns) and CSVs
    of official totals (metric, subject, value, qualifier, period_start, period_end, published, source_url,
    source_title).

    Each row keeps its file's sha256, page and row. A bad row is reported with its file, page and row, and the
    rest are stored (exit 1); each file is stored whole or not at all. Run `claimwatch detect` after.
    """
    import hashlib
    import pathlib

    from claimwatch.db.reference import store_file
    from claimwatch.db.store import record_run
    from claimwatch.official_records import RecordError, read_file

    read = []
    for name in files:  # read every file before storing any, so a bad file stores nothing
        try:
            digest = hashlib.sha256(pathlib.Path(name).read_bytes()).hexdigest()
            read.append((name, digest, *read_file(name)))
        except OSError as error:
            raise BadInput(f"{name}: cannot read ({error.strerror or error})") from None
        except RecordError as error:
            raise BadInput(str(error)) from None
    database = open_db(db_path)
    started = utc_now()
    summary, errors = {"files": 0, "stored": 0, "unchanged": 0, "rows": 0, "bad_rows": 0}, []
    for name, digest, kind, rows, problems in read:
        outcome = store_file(database, name=pathlib.Path(name).name, sha256=digest, kind=kind, rows=rows,
                             source_url=source_url)
        summary["files"] += 1
        summary[outcome] += 1
        summary["rows"] += len(rows) if outcome == "stored" else 0
        summary["bad_rows"] += len(problems)
        errors += problems
        for problem in problems:
            click.echo(problem, err=True)
    record_run(database, "reference import", started, utc_now(), summary, errors)
    print_summary("reference import", summary)
    if errors:
        sys.exit(1)


@cli.command()
@db_option
@crawl_options
def run(db_path, log_file, verbose, **options):
    """Crawl, extract and detect, in that order (takes the crawl options)."""
    crawl_summary = _crawl(db_path, log_file, verbose, **options)
    extract_summary = _extract(db_path, False)
    _detect(db_path)
    if failed_count(crawl_summary) or extract_summary["failed"]:
        sys.exit(1)


@cli.command()
@click.argument("text", required=False)
@click.option("--explain", is_flag=True, help="Show, for each figure, the metric candidates scored and why a "
              "figure is no claim (its skip reason).")
@click.option("--published", help="Publication date (YYYY-MM-DD) to resolve time scopes against, with --explain.")
def figures(text, explain, published):
    """Print every figure the NLP finds in TEXT (or standard input), one JSON object a line.

    Whatever the figure is about: text, value, value_high, unit, qualifier, change, start, end, and metric
    where one applies. change is up or down when the figure is the size of a change ("rose by 20%", "a 30%
    rise", "more than doubled": at least 100 percent, up), else null. With --explain: each figure that reached
    metric scoring, its metric (null when skipped), the reason it was skipped ("tie between lfr_arrests and
    arrests_total", "no counted noun", "off-topic: ...") and every candidate metric with its score and evidence.
    For checking and debugging the extraction.
    """
    if text is None:
        text = sys.stdin.read()
    extractor = load_extractor()
    for figure in extractor.explain(text, published) if explain else extractor.figures(text):
        click.echo(json.dumps(figure, ensure_ascii=False))


@cli.command()
@db_option
@click.option("-p", "--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Host to bind to.")
@reviews_option
@click.option("--reviewers", "reviewers_file", type=click.Path(dir_okay=False), envvar="CLAIMWATCH_REVIEWERS",
              help="YAML file of who may sign in and record verdicts: `reviewers:` mapping each name to a hash "
                   "from `datasette hash-password` (or set CLAIMWATCH_REVIEWERS). Without it nobody signs in.")
def serve(db_path, port, host, reviews_file, reviewers_file):
    """Browse the database in Datasette with the project's metadata.yml (read-only).

    Reviews are read from the reviews file, and written to it only by a signed-in reviewer's form.
    """
    import pathlib
    import tempfile

    from datasette.cli import cli as datasette_cli

    from claimwatch import publish
    from claimwatch.publish.reviews import ReviewersError, serving_metadata

    database = open_db(db_path, must_exist=True)  # refuses a missing, newer or corrupted database in one line
    # Datasette opens the file immutable, which never reads the WAL: fold into the file what the last writer left
    # there, or the site would show the data as it was before the last `detect`.
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    try:
        metadata = serving_metadata(reviews_file_of(db_path, reviews_file), reviewers_file)
    except ReviewersError as error:
        raise BadInput(str(error)) from None
    # Datasette takes one metadata file: the project's, with the reviews file and the reviewers' accounts added.
    with tempfile.TemporaryDirectory(prefix="claimwatch-serve-") as folder:
        served = pathlib.Path(folder) / "metadata.json"
        served.write_text(json.dumps(metadata))
        datasette_cli.main(args=publish.datasette_argv(db_path, host=host, port=port, metadata=served),
                           prog_name="claimwatch serve")


@cli.command()
@db_option
@click.option("--what", type=click.Choice(["claims", "contradictions", "official_checks"]), default="claims",
              show_default=True, help="Claims, pairs of claims that differ, or press figures checked against the "
                                      "official record.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "claimreview"]), default="json",
              show_default=True)
@click.option("--metric", "metrics", multiple=True, help="Only this metric (repeatable).")
@click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY); "
                              "a contradiction passes if either article does.")
@click.option("--outlet", "outlets", multiple=True, help="Only this outlet (repeatable).")
@click.option("--cause", "causes", multiple=True,
              help=f"Only differences of this cause (repeatable): {', '.join(CAUSES)}. With --what claims: claims "
                   "that are one side of such a difference. With --what official_checks: "
                   f"{', '.join(OFFICIAL_CAUSES[:-1])} or {OFFICIAL_CAUSES[-1]}.")
@click.option("--subject", "subjects", multiple=True,
              help="Only figures about this force or body (repeatable), e.g. 'Metropolitan Police'.")
@click.option("--site-url", default="http://127.0.0.1:8001", show_default=True,
              help="Where the claimwatch Datasette is published; ClaimReview urls point at its pages.")
@click.option("-o", "--output", type=click.File("w"), default="-", help="Write to FILE instead of stdout.")
@click.option("--all", "all_records", is_flag=True,
              help="ClaimReview of every contradiction (or with --what claims, every claim), not only the "
                   "contradictions a reviewer confirmed.")
@reviews_option
def export(db_path, what, fmt, metrics, since, outlets, causes, subjects, site_url, output, all_records,
           reviews_file):
    """Export claims, contradictions or official checks as JSON, JSON Lines, CSV or ClaimReview JSON-LD.

    Streams: memory stays flat however many rows go out. Filters combine.
    """
    from claimwatch.db.export import ExportError
    from claimwatch.db.export import export as export_records

    database = open_db(db_path, must_exist=True)
    refuse_unknown_filters(database, metrics=metrics, outlets=outlets, causes=causes, subjects=subjects)
    try:
        export_records(database, output, what=what, fmt=fmt, metrics=metrics, since=since, outlets=outlets,
                       causes=causes, subjects=subjects, site_url=site_url,
                       reviews=reviews_file_of(db_path, reviews_file), all=all_records)
    except ExportError as error:
        raise BadInput(str(error)) from None
    except BrokenPipeError:  # `claimwatch export | head`: the reader has what it wanted
        sys.stderr.close()
