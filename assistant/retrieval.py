"""Hybrid retrieval: dense (FAISS) and lexical (BM25) rankings fused, spread across articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from assistant.config import Settings
from assistant.embedding import Embedder
from assistant.index import LoadedIndex
from assistant.records import Hit


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
    """The `top_k` best passages for `query`, best first."""
    limit = top_k or settings.top_k
    if index.size == 0 or not query.strip():
        return []
    vector = embedder.embed([query])
    similarities, ids = index.dense.search(vector, min(settings.candidates, index.size))
    dense = {int(i): float(s) for i, s in zip(ids[0], similarities[0], strict=True) if i >= 0}
    lexical = dict(index.lexical.search(query, settings.candidates))
    fused = reciprocal_rank_fusion([list(dense), list(lexical)], settings.rrf_k)
    chunks = index.store.chunks([chunk_id for chunk_id, _ in fused])
    spread = diversify(
        [(chunk_id, chunks[chunk_id].path, score) for chunk_id, score in fused],
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
