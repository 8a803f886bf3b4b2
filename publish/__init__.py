"""Publishing with Datasette: how `claimwatch serve` runs it, and the same instance for tests and benchmarks.

The pages themselves live in `publish.plugin` (registered as the Datasette plugin `claimwatch`); the
configuration (descriptions, facets, canned queries, feeds) lives in the repository's `metadata.yml`.
"""

import pathlib

METADATA = pathlib.Path(__file__).resolve().parent.parent / "metadata.yml"

# Served read-only (immutable), so a slow query is cut off rather than left to hold a worker, and Datasette
# never tries suggested facets, which would group the whole claims table on every table page.
SETTINGS = {
    "sql_time_limit_ms": 1000,
    "facet_time_limit_ms": 200,
    "suggest_facets": False,
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "truncate_cells_html": 300,  # article text in table pages: the row page and .json keep it whole
    # Queries run on the event loop, not in a pool of SQL threads. Datasette's table page makes ~26 trips to its
    # SQL connection a request (schema look-ups, count, facets, rows); with a pool each trip queues behind every
    # other client's, so under 32 clients on 2 cores that page took 5-8x /-/versions.json at p95, and 2-3.5x
    # without the pool (BENCHMARKS.md, load). The price: a query runs alone while it runs, so the time limits
    # above bound how long one request can hold the others (see docs/publishing.md).
    "num_sql_threads": 0,
}


def _setting_text(value) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def datasette_argv(db_path, *, host="127.0.0.1", port=8001, metadata=None) -> list[str]:
    """The arguments after `datasette` that serve `db_path` read-only with the project's metadata."""
    argv = ["serve", "-i", str(db_path), "--metadata", str(metadata or METADATA), "--host", host,
            "--port", str(port)]
    for name, value in SETTINGS.items():
        argv += ["--setting", name, _setting_text(value)]
    return argv


def load_metadata(path=None) -> dict:
    """metadata.yml parsed as Datasette parses it; a broken file is a one-line error naming it."""
    from datasette.utils import BadMetadataError, parse_metadata

    path = pathlib.Path(path or METADATA)
    try:
        return parse_metadata(path.read_text())
    except (OSError, BadMetadataError) as error:
        raise ValueError(f"{path}: cannot read Datasette metadata: {error}") from None


def make_datasette(db_path, *, metadata=None):
    """A `Datasette` configured exactly as `claimwatch serve` configures it, for `datasette.client`."""
    from datasette.app import Datasette

    return Datasette(immutables=[str(db_path)], metadata=load_metadata(metadata), settings=dict(SETTINGS))
