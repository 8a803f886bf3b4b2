"""Full-text search of articles (title, text) and claims (sentence) for the /-/search page: a page of
matching articles, newest first, and the latest matching claims, each in a handful of indexed queries.

Counting stops at MATCHES_COUNTED, so a word found in every article costs no more to count than a rare one.
"""

from datasette.utils import escape_fts
from markupsafe import Markup, escape

PAGE_SIZE = 20  # articles a page
LAST_PAGE = 10_000  # beyond 200,000 articles in, Datasette's own table page (keyset paging) is the way
CLAIMS_SHOWN = 10
MATCHES_COUNTED = 1000
# FTS5 marks each match in a snippet with these; they are turned into <mark> only after escaping the text.
MATCH_START, MATCH_END = "\x02", "\x03"

ARTICLE_MATCHES_SQL = """
select count(*) from (select rowid from articles_fts where articles_fts match :query limit :cap)
"""
CLAIM_MATCHES_SQL = """
select count(*) from (select rowid from claims_fts where claims_fts match :query limit :cap)
"""
# Newest first. A few matches are sorted outright; when there are many, walking the publication-date index
# from the newest until the page is full beats sorting them all (100 ms for a word in every article of 100,000).
FEW_ARTICLES_SQL = """
select id from articles
where rowid in (select rowid from articles_fts where articles_fts match :query)
order by published desc, id desc limit :limit offset :offset
"""
MANY_ARTICLES_SQL = """
select id from articles indexed by articles_published
where rowid in (select rowid from articles_fts where articles_fts match :query)
order by published desc, id desc limit :limit offset :offset
"""
# One article at a time: FTS5 then builds the excerpt of that article only, not of every match.
ARTICLE_SQL = """
select articles.id, articles.title, articles.url, articles.published, outlets.name as outlet,
       snippet(articles_fts, -1, char(2), char(3), ' … ', 24) as excerpt
from articles_fts
join articles on articles.id = articles_fts.rowid
left join outlets on outlets.id = articles.outlet_id
where articles_fts match :query and articles_fts.rowid = :id
"""
# The latest matching claims: FTS5 walks its index newest first and stops at the limit.
CLAIMS_SQL = """
select claims_with_provenance.id, metric, subject, value, value_high, unit, figure_text, matches.sentence,
       article_id, title, url, outlet, published
from (select rowid, highlight(claims_fts, 0, char(2), char(3)) as sentence from claims_fts
      where claims_fts match :query order by rowid desc limit :limit) as matches
join claims_with_provenance on claims_with_provenance.id = matches.rowid
order by claims_with_provenance.id desc
"""


def fts_query(words: str) -> str:
    """The words as an FTS5 query that cannot be a syntax error: each word (or "quoted phrase") must appear,
    exactly as Datasette's own ?_search= treats them. Empty when there is nothing to search for."""
    return escape_fts(words.strip())


def marked(text) -> Markup:
    """FTS5's excerpt or highlighted sentence as HTML: the text escaped, each match in <mark>."""
    return Markup(str(escape(text or "")).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


def unmarked(text) -> str:
    return (text or "").replace(MATCH_START, "").replace(MATCH_END, "")


def _count(connection, sql, query) -> int:
    return connection.execute(sql, {"query": query, "cap": MATCHES_COUNTED + 1}).fetchone()[0]


def _dicts(cursor) -> list[dict]:
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def article_ids(connection, query, page, matches, *, many_from=MATCHES_COUNTED) -> list[int]:
    """Ids of one page of matching articles (plus one more, to tell whether a next page exists)."""
    sql = MANY_ARTICLES_SQL if matches >= many_from else FEW_ARTICLES_SQL
    params = {"query": query, "limit": PAGE_SIZE + 1, "offset": (page - 1) * PAGE_SIZE}
    return [row[0] for row in connection.execute(sql, params)]


def search(connection, words: str, page: int = 1) -> dict:
    """One page of articles and the latest claims matching `words`; see the module docstring."""
    # A match count above counted_to means "more than counted_to".
    found = {"q": words, "page": page, "counted_to": MATCHES_COUNTED, "articles": [], "article_matches": 0,
             "more_articles": False, "claims": [], "claim_matches": 0}
    query = fts_query(words)
    if not query:
        return found
    found["article_matches"] = _count(connection, ARTICLE_MATCHES_SQL, query)
    ids = article_ids(connection, query, page, found["article_matches"])
    found["articles"] = [_dicts(connection.execute(ARTICLE_SQL, {"query": query, "id": article_id}))[0]
                         for article_id in ids[:PAGE_SIZE]]
    found["more_articles"] = len(ids) > PAGE_SIZE
    found["claims"] = _dicts(connection.execute(CLAIMS_SQL, {"query": query, "limit": CLAIMS_SHOWN}))
    found["claim_matches"] = _count(connection, CLAIM_MATCHES_SQL, query)
    return found
