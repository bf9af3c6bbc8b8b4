"""Dense search at size: exact (IndexFlatIP) vs approximate (HNSW, as the index builds it).

    .venv/bin/python benchmarks/vector_search.py [--sizes 10000 50000 100000] [--queries 100]

Synthetic 384-dimension unit vectors, queries drawn the same way: "structured" ones shaped like
sentence embeddings (topic clusters in a low-dimension space), and "isotropic" ones, the worst
case (clusters drowned in full-rank noise). For each size: build
time of each index, search latency p50/p95 of one query at a time (as a question is answered),
and recall@10 of HNSW against exact search. Prints a table and writes
benchmarks/results/vector_search.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import faiss
import numpy as np

from assistant.config import get_settings
from assistant.vectorstore import new_dense_index, search_parameters

DIMENSION = 384
LATENT = 48
PROJECT = Path(__file__).resolve().parent.parent


def clustered_vectors(count: int, seed: int, topics: int) -> np.ndarray:
    """Sentence embeddings have a low intrinsic dimension (tens, not 384): points scattered
    around topic centres in a 48-dimension space, projected to 384 dimensions, a little noise.
    (Independent noise in all 384 dimensions would make every point nearly equidistant, which
    no real text corpus looks like.)"""
    shared = np.random.default_rng(0)  # the same topics and projection for data and queries
    centres = shared.standard_normal((topics, LATENT)).astype(np.float32)
    projection = shared.standard_normal((LATENT, DIMENSION)).astype(np.float32)
    generator = np.random.default_rng(seed)
    labels = generator.integers(0, topics, count)
    latent = centres[labels] + 0.6 * generator.standard_normal((count, LATENT), np.float32)
    vectors = latent @ projection
    vectors += (
        0.05
        * np.linalg.norm(vectors, axis=1, keepdims=True)
        / np.sqrt(DIMENSION)
        * (generator.standard_normal((count, DIMENSION), np.float32))
    )
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def isotropic_vectors(count: int, seed: int, topics: int) -> np.ndarray:
    """The worst case for any approximate index: topic centres drowned in full-rank noise."""
    centres = np.random.default_rng(0).standard_normal((topics, DIMENSION)).astype(np.float32)
    generator = np.random.default_rng(seed)
    labels = generator.integers(0, topics, count)
    vectors = centres[labels] + 0.9 * generator.standard_normal((count, DIMENSION), np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def timed_searches(index: faiss.Index, queries: np.ndarray, params: object) -> tuple[list, list]:
    latencies, results = [], []
    for query in queries:
        started = time.perf_counter()
        _, ids = index.search(query[None, :], 10, params=params)
        latencies.append((time.perf_counter() - started) * 1000)
        results.append(ids[0])
    return latencies, results


def percentile(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def measure(size: int, queries: int, data_kind: str, seed: int = 11) -> dict[str, float | str]:
    topics = max(50, size // 200)
    make = clustered_vectors if data_kind == "structured" else isotropic_vectors
    data = make(size, seed, topics)
    probe = make(queries, seed + 1, topics)
    settings = get_settings(approximate_from=0)
    row: dict[str, float | str] = {"data": data_kind, "chunks": size}
    exact = faiss.IndexFlatIP(DIMENSION)
    exact.add(data)
    latencies, truth = timed_searches(exact, probe, None)
    row["exact_p50_ms"] = round(percentile(latencies, 50), 3)
    row["exact_p95_ms"] = round(percentile(latencies, 95), 3)
    started = time.perf_counter()
    approximate = new_dense_index(DIMENSION, size, settings)
    approximate.add(data)
    row["hnsw_build_s"] = round(time.perf_counter() - started, 1)
    params = search_parameters(approximate, None, settings.hnsw_ef_search)
    latencies, found = timed_searches(approximate, probe, params)
    row["hnsw_p50_ms"] = round(percentile(latencies, 50), 3)
    row["hnsw_p95_ms"] = round(percentile(latencies, 95), 3)
    hits = sum(len(set(a) & set(b)) for a, b in zip(truth, found, strict=True))
    row["hnsw_recall_at_10"] = round(hits / (10 * queries), 4)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--queries", type=int, default=100)
    kinds = ["structured", "isotropic"]
    parser.add_argument("--data", nargs="+", default=kinds, choices=kinds)
    arguments = parser.parse_args()
    rows = []
    for data_kind in arguments.data:
        for size in arguments.sizes:
            rows.append(measure(size, arguments.queries, data_kind))
        print(json.dumps(rows[-1]), flush=True)
    columns = list(rows[0])
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row[column]) for column in columns))
    output = PROJECT / "benchmarks" / "results" / "vector_search.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
