"""The findings a reader comes for, read a page at a time: contradictions, explained differences and agreements,
each pair with both figures, outlets and dates; the labels of every metric; one claim with everything it is part of.

Each function takes a sqlite3 connection (Datasette's read thread) and runs a few small indexed queries: lists go
newest first by primary key, through the (subject, metric) indexes when narrowed to a metric.
"""

EXPLAINED_CAUSES = ("rounding", "revised", "different_period", "different_denominator", "different_status")
# The three lists a reader can open; `undated` pairs are listed on each metric's page, as needing a date.
KINDS = {
    "contradictions": ("contradictions", ("conflict",)),
    "explained": ("contradictions", EXPLAINED_CAUSES),
    "agreements": ("agreements", None),
}

# What a list shows of each claim: its figure, outlet and date, and where it was read.
CLAIM_COLUMNS = """id, metric, subject, value, value_high, unit, qualifier, status, denominator, time_text, time_start,
time_end, figure_text, sentence, article_id, url, title, outlet, outlet_kind, published, cluster_id"""
CLAIMS_BY_ID_SQL = f"select {CLAIM_COLUMNS} from claims_with_provenance where id in ({{ids}})"
METRIC_LABELS_SQL = """
select metric_summary.metric as name, coalesce(metrics.title, metric_summary.metric) as title,
       coalesce(metrics.unit, max(metric_summary.unit)) as unit, metrics.description, metrics.kind
from metric_summary left join metrics on metrics.name = metric_summary.metric
group by metric_summary.metric
"""
SUBJECTS_SQL = "select subject from metric_summary where metric = :metric"


def rows(connection, sql, params=()) -> list[dict]:
    cursor = connection.execute(sql, params)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def has_table(connection, name) -> bool:
    return connection.execute("select 1 from sqlite_master where name = ?", [name]).fetchone() is not None


def metric_labels(connection) -> dict:
    """{metric: {name, title, unit, description, kind}} for every metric with claims; a database written before
    the `metrics` table (schema 7) labels each metric by its name."""
    if not has_table(connection, "metrics"):
        sql = "select metric as name, metric as title, max(unit) as unit, null as description, null as kind " \
              "from metric_summary group by metric"
        return {row["name"]: row for row in rows(connection, sql)}
    return {row["name"]: row for row in rows(connection, METRIC_LABELS_SQL)}


def claims_by_id(connection, ids) -> dict:
    ids = sorted({int(i) for i in ids if i is not None})
    if not ids:
        return {}
    found = rows(connection, CLAIMS_BY_ID_SQL.format(ids=", ".join("?" * len(ids))), ids)
    return {claim["id"]: claim for claim in found}


def _pair_rows(connection, kind, metric, cause, before, limit) -> list[dict]:
    table, causes = KINDS[kind]
    if cause is not None:
        causes = tuple(c for c in causes or () if c == cause)
    cause_column = "cause" if table == "contradictions" else "'agreement' as cause"
    where, params = [], {"limit": limit, "before": before}
    if causes is not None:
        where.append(f"cause in ({', '.join(repr(cause) for cause in causes)})")
    if before is not None:
        where.append("id < :before")
    sql = (f"select id, metric, subject, {cause_column}, reason, claim_a, claim_b from {table} "
           f"where {{where}} order by id desc limit :limit")
    if metric is None:
        return rows(connection, sql.format(where=" and ".join(where) or "1"), params)
    # Narrowed to a metric: subject by subject, so the (subject, metric) index serves each query.
    found = []
    for (subject,) in connection.execute(SUBJECTS_SQL, {"metric": metric}).fetchall():
        narrowed = " and ".join(["subject = :subject", "metric = :metric", *where])
        found += rows(connection, sql.format(where=narrowed), {**params, "subject": subject, "metric": metric})
    return sorted(found, key=lambda pair: -pair["id"])[:limit]


def pairs(connection, kind, *, metric=None, cause=None, before=None, limit=20) -> list[dict]:
    """The newest `limit` pairs of `kind` (contradictions, explained or agreements), each with its two claims
    (`a`, `b`); `metric`, `cause` and `before` (an id) narrow them."""
    found = _pair_rows(connection, kind, metric, cause, before, limit)
    claims = claims_by_id(connection, [pair[key] for pair in found for key in ("claim_a", "claim_b")])
    for pair in found:
        pair["a"], pair["b"] = claims.get(pair["claim_a"]), claims.get(pair["claim_b"])
    return [pair for pair in found if pair["a"] and pair["b"]]
