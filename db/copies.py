"""Copies of one text under different URLs, and the copy clusters they form (docs/detection.md, section 3).

The crawler gives each article a MinHash signature of its text's word shingles. Its LSH bands go in minhash_bands,
so the articles that may copy a text are found by key: those sharing a bucket in some band. A candidate is a copy
when the whole signatures agree on at least COPY_JACCARD of their values. A copy cluster is everything joined by
copies, named by its smallest article id: detection counts the claims of one cluster as one source.

ArticleStore regroups the one article it saves (regroup_article): the clusters it copies become one, and the
articles it leaves keep their cluster. A merge regroups every article of the clusters it touches (regroup), so
there a cluster splits when an article's new text is no longer a copy."""

import hashlib
import json

import sqlite_utils

# Estimated Jaccard similarity (of the crawler's word shingles) from which two articles are copies of one text.
# A republished story gains its own lead, crossheads and sign-off: the sample site's copy scores 0.66, so 0.8
# would miss it, while unrelated stories on one topic stay far below 0.5.
COPY_JACCARD = 0.5
# 128 MinHash permutations cut into 32 bands of 4: texts with Jaccard similarity 0.5 share a band with
# probability 1 - (1 - 0.5**4)**32 ≈ 0.87 (0.66: 0.99); candidates are then confirmed on the whole signature.
LSH_BANDS = 32
LSH_ROWS = 4
SIGNATURE_LENGTH = LSH_BANDS * LSH_ROWS
# The articles sharing a band with a signature, by one primary-key search per band. (A row-value
# `(band, bucket) IN (VALUES ...)` scans every band of every article, for each article saved.)
CANDIDATES_SQL = f"""SELECT id, minhash, cluster_id FROM articles WHERE id IN (
    SELECT minhash_bands.article_id FROM (VALUES {", ".join(["(?, ?)"] * LSH_BANDS)}) AS probe
    JOIN minhash_bands ON minhash_bands.band = probe.column1 AND minhash_bands.bucket = probe.column2)"""


def band_buckets(signature: list[int]) -> list[tuple[int, int]]:
    """(band, bucket) for each LSH band of a MinHash signature; equal bands give equal buckets."""
    buckets = []
    for band in range(LSH_BANDS):
        rows = signature[band * LSH_ROWS : (band + 1) * LSH_ROWS]
        digest = hashlib.blake2b(json.dumps(rows).encode(), digest_size=8).digest()
        buckets.append((band, int.from_bytes(digest, "big", signed=True)))
    return buckets


def are_copies(signature: list[int], other: list[int]) -> bool:
    """Whether the texts are copies: their signatures agree on COPY_JACCARD of their values (an estimate of the
    Jaccard similarity of their shingles)."""
    return sum(x == y for x, y in zip(signature, other, strict=True)) / len(signature) >= COPY_JACCARD


def regroup_article(database: sqlite_utils.Database, article_id: int, signature: list[int] | None) -> None:
    """Index the article's LSH bands (none without a signature) and put it in the cluster of the articles whose
    text it copies, or that copy it; a text that copies two clusters joins them, since all their articles are
    one source."""
    database.execute("DELETE FROM minhash_bands WHERE article_id = ?", [article_id])
    signatures, cluster_of = {article_id: signature}, {}
    if signature:
        buckets = band_buckets(signature)
        probe = [value for bucket in buckets for value in bucket]
        for other, minhash, cluster in database.execute(CANDIDATES_SQL, probe):
            signatures[other], cluster_of[other] = json.loads(minhash), cluster
        database.conn.executemany("INSERT INTO minhash_bands (band, bucket, article_id) VALUES (?, ?, ?)",
                                  [(band, bucket, article_id) for band, bucket in buckets])
    clusters, renamed = regroup({article_id}, [(article_id, other) for other in cluster_of], signatures, cluster_of)
    write_clusters(database, clusters, renamed)


def candidate_pairs(database: sqlite_utils.Database, articles: str, scan: bool) -> list[tuple[int, int]]:
    """(article listed in the table `articles`, another article) sharing an LSH bucket, all at once: by probing
    the index with each band of the listed articles, or with `scan`, by one ordered scan of the index for the
    buckets shared, which costs less once the listed articles hold a large share of it."""
    if scan:
        shared = """(SELECT band, bucket FROM main.minhash_bands GROUP BY band, bucket HAVING count(*) > 1) AS shared
                    JOIN main.minhash_bands AS mine ON mine.band = shared.band AND mine.bucket = shared.bucket"""
    else:
        shared = f"""{articles} AS r JOIN main.minhash_bands AS mine ON mine.article_id = r.id"""
    return database.execute(f"""
        SELECT DISTINCT mine.article_id, other.article_id FROM {shared}
        JOIN main.minhash_bands AS other ON other.band = mine.band AND other.bucket = mine.bucket
        WHERE other.article_id != mine.article_id
        AND mine.article_id IN (SELECT id FROM {articles})""").fetchall()


def regroup(articles: set[int], pairs, signatures: dict[int, list[int]], cluster_of: dict[int, int]):
    """The copy clusters of `articles`, from `pairs` (one of the articles, another article) that share an LSH
    bucket: a pair whose `signatures` are copies is joined. Another article outside `articles` stands for its
    whole cluster, `cluster_of[other]`, which stays intact.

    Returns (the cluster of each of the articles, {cluster: the cluster it became} for the clusters outside that
    a copy joined to a smaller one)."""
    parent = {id_: id_ for id_ in articles}

    def root(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    joined = set()
    for mine, other in pairs:
        if are_copies(signatures[mine], signatures[other]):
            if other not in articles:
                other = cluster_of[other]
                joined.add(other)
            # The smaller id becomes the root, so that a cluster is named by its smallest id.
            first, second = sorted((root(mine), root(other)))
            parent[second] = first
    clusters = {id_: root(id_) for id_ in articles}
    return clusters, {cluster: root(cluster) for cluster in sorted(joined) if root(cluster) != cluster}


def write_clusters(database: sqlite_utils.Database, clusters: dict[int, int], renamed: dict[int, int]) -> None:
    """Store what regroup() decided: each article's cluster, and the articles of each renamed cluster."""
    database.conn.executemany("UPDATE main.articles SET cluster_id = ? WHERE id = ? AND cluster_id IS NOT ?",
                              [(cluster, id_, cluster) for id_, cluster in sorted(clusters.items())])
    for cluster, new_cluster in renamed.items():
        database.execute("UPDATE main.articles SET cluster_id = ? WHERE cluster_id = ?", [new_cluster, cluster])
