"""Hybrid retrieval: dense (FAISS) and lexical (BM25) rankings fused, spread across articles."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from assistant.config import Settings
from assistant.embedding import Embedder
from assistant.index import LoadedIndex
from assistant.language import MONTHS
from assistant.records import Article, Chunk, Hit


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]], k: int = 60
) -> list[tuple[int, float]]:
    """Fuse rankings of ids: score(id) = sum over rankings of 1 / (k + rank), rank from 1.

    RRF needs no score calibration between BM25 and cosine similarity, which live on unrelated
    scales; an id found by both searches rises above ids found by one.
    """
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def diversify(
    scored: Sequence[tuple[int, str, float]], limit: int, decay: float
) -> list[tuple[int, float]]:
    """Pick `limit` (id, group, score) items greedily, each further pick from a group it already
    has counting `decay` times less, so that several relevant articles beat five chunks of one."""
    remaining = list(scored)
    taken: Counter[str] = Counter()
    chosen: list[tuple[int, float]] = []
    while remaining and len(chosen) < limit:
        best = max(remaining, key=lambda item: item[2] * decay ** taken[item[1]])
        remaining.remove(best)
        chosen.append((best[0], best[2] * decay ** taken[best[1]]))
        taken[best[1]] += 1
    return chosen


def retrieve(
    query: str, index: LoadedIndex, embedder: Embedder, settings: Settings, top_k: int | None = None
) -> list[Hit]:
    """The `top_k` best passages for `query`, best first, within the outlet/date filters."""
    limit = top_k or settings.top_k
    allowed = allowed_chunks(index, settings)
    if index.size == 0 or not query.strip() or (allowed is not None and not allowed):
        return []
    vector = embedder.embed_query(query)
    dense = _dense_search(index, vector, settings, allowed)
    lexical = dict(index.lexical.search(query, settings.candidates, allowed))
    fused = reciprocal_rank_fusion([list(dense), list(lexical)], settings.rrf_k)
    chunks = index.store.chunks([chunk_id for chunk_id, _ in fused])
    period = question_period(query)
    if period is not None and settings.time_preference:
        articles = {chunk.path: index.store.article(chunk.path) for chunk in chunks.values()}
        fused = prefer_period(fused, chunks, articles, period, settings.time_preference)
    groups = duplicate_groups([chunks[chunk_id] for chunk_id, _ in fused])
    spread = diversify(
        [(chunk_id, groups[chunk_id], score) for chunk_id, score in fused],
        limit,
        settings.same_article_decay,
    )
    missing = [chunk_id for chunk_id, _ in spread if chunk_id not in dense]
    if missing:  # a lexical-only hit still gets its cosine similarity, for abstention
        vectors = index.vectors(missing)
        dense.update({c: float(v @ vector[0]) for c, v in zip(missing, vectors, strict=True)})
    return [
        Hit(
            chunk=chunks[chunk_id],
            article=index.store.article(chunks[chunk_id].path),
            score=score,
            dense_score=dense.get(chunk_id),
            lexical_score=lexical.get(chunk_id),
        )
        for chunk_id, score in spread
    ]


def has_filters(settings: Settings) -> bool:
    return bool(settings.outlet or settings.since or settings.until or settings.only)


def allowed_chunks(index: LoadedIndex, settings: Settings) -> list[int] | None:
    """Chunk ids within the outlet/date/article filters; None when no filter is set."""
    if not has_filters(settings):
        return None
    since = settings.since.isoformat() if settings.since else None
    until = settings.until.isoformat() if settings.until else None
    return index.store.chunk_ids_where(settings.outlet, since, until, settings.only)


def _dense_search(
    index: LoadedIndex, vector: np.ndarray, settings: Settings, allowed: list[int] | None
) -> dict[int, float]:
    k = min(settings.candidates, index.size if allowed is None else len(allowed))
    return index.dense.search(vector, k, allowed, settings.hnsw_ef_search)


PERIOD = re.compile(
    rf"\b(?:(?P<month>{'|'.join(MONTHS)})\.?\s+)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)


def question_period(question: str) -> tuple[str, str] | None:
    """The time a question asks about, as an ISO date range: "in 2017" -> the year,
    "in January 2016" -> the month. None when it names no year."""
    match = PERIOD.search(question)
    if match is None:
        return None
    year = int(match["year"])
    if not match["month"]:
        return f"{year}-01-01", f"{year}-12-31"
    month = MONTHS[match["month"].lower()]
    last_day = calendar.monthrange(year, month)[1]
    return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last_day:02d}"


def prefer_period(
    fused: list[tuple[int, float]],
    chunks: dict[int, Chunk],
    articles: dict[str, Article],
    period: tuple[str, str],
    preference: float,
) -> list[tuple[int, float]]:
    """Passages of that time score more, dated passages of other times less, undated ones stay.

    A passage is of that time when its article was published then, or when it or its title names
    the year: "2016 results" are published in 2017, yet they answer a question about 2016.
    """
    year = period[0][:4]
    rescored = []
    for chunk_id, score in fused:
        chunk = chunks[chunk_id]
        article = articles[chunk.path]
        published = article.published
        if (published and period[0] <= published <= period[1]) or year in (
            f"{article.title} {chunk.text}"
        ):
            score *= 1 + preference
        elif published:
            score *= 1 - preference / 2
        rescored.append((chunk_id, score))
    return sorted(rescored, key=lambda pair: (-pair[1], pair[0]))


def duplicate_groups(chunks: Sequence[Chunk], threshold: float = 0.5) -> dict[int, str]:
    """Chunk id -> group: its article, or the first-ranked article it copies.

    The same agency story runs in several outlets with other headlines and furniture; chunks that
    share at least `threshold` of their word 5-grams (of the smaller one) count as one source, so
    that diversification spreads over stories rather than over copies of one.
    """
    groups: dict[int, str] = {}
    kept: list[tuple[str, set[int]]] = []  # (group, shingles) of each chunk seen so far
    for chunk in chunks:
        shingles = _shingles(chunk.text)
        group = chunk.path
        for other_group, other in kept:
            if other_group == chunk.path or not shingles or not other:
                continue
            if len(shingles & other) >= threshold * min(len(shingles), len(other)):
                group = other_group
                break
        groups[chunk.id] = group
        kept.append((group, shingles))
    return groups


def _shingles(text: str, size: int = 5) -> set[int]:
    words = re.findall(r"\w+", text.lower())
    return {hash(tuple(words[i : i + size])) for i in range(max(0, len(words) - size + 1))}
