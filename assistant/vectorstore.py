"""Where chunk vectors live and are searched: FAISS files inside each build (default), or Qdrant.

FAISS keeps everything on this machine: the build folder holds the vectors and a crash before
the manifest switch leaves the previous build untouched. Qdrant (`vector_store="qdrant"`) keeps
the vectors in a collection that a cluster can shard and replicate; `vector_url` names the
server, and without it Qdrant runs embedded in this process (a folder inside the index; one
process at a time), which the tests use. The lexical (BM25) index and the record store stay in
the build folder for both, so hybrid retrieval, filters and citations work the same.

Qdrant points are keyed by what a chunk *is* (its article's content hash and its span), not by
the chunk ids a build renumbers: a refresh upserts only new chunks' points before the manifest
switch and deletes the removed ones after it. Points that a crashed build left behind belong to
no build: searches ignore them and the next refresh of their article replaces them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.config import Settings
from assistant.errors import (
    ConfigurationError,
    DependencyError,
    IndexIncompatibleError,
    VectorStoreError,
)

KEY_NAMESPACE = uuid.UUID("6f1c1d3e-3c55-4bd4-9a51-1d6b0a3b2f10")
UPSERT_BATCH = 512


class DenseSearch(Protocol):
    """The vector half of retrieval, whichever engine holds the vectors."""

    kind: str

    @property
    def size(self) -> int: ...

    def search(
        self, vector: np.ndarray, k: int, allowed: Sequence[int] | None, ef_search: int
    ) -> dict[int, float]: ...

    def vectors(self, ids: list[int]) -> np.ndarray: ...


def point_key(content_hash: str, start: int, end: int) -> str:
    """A chunk's stable identity across builds: its article's text and its place in it."""
    return str(uuid.uuid5(KEY_NAMESPACE, f"{content_hash}:{start}:{end}"))


# FAISS -----------------------------------------------------------------------------------------


def new_dense_index(dimension: int, size: int, settings: Settings) -> Any:
    """Exact inner-product search for small indexes; HNSW from `approximate_from` chunks, where
    exact search gets slow (benchmarks/vector_search.py measures both and HNSW's recall)."""
    import faiss

    if size < settings.approximate_from:
        return faiss.IndexFlatIP(dimension)
    dense = faiss.IndexHNSWFlat(dimension, settings.hnsw_neighbors, faiss.METRIC_INNER_PRODUCT)
    dense.hnsw.efConstruction = 80
    return dense


def search_parameters(dense: Any, allowed: Sequence[int] | None, ef_search: int) -> Any:
    """FAISS search parameters: the HNSW breadth, and the chunks a filter allows (or None)."""
    import faiss

    selector = None
    if allowed is not None:
        selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype="int64"))
    if isinstance(dense, faiss.IndexHNSW):
        return faiss.SearchParametersHNSW(sel=selector, efSearch=ef_search)
    return faiss.SearchParameters(sel=selector) if selector is not None else None


class FaissDense:
    """A FAISS index read from a build folder; chunk ids are FAISS ids."""

    def __init__(self, path: Path) -> None:
        import faiss

        self.index = faiss.read_index(str(path))
        self.kind = type(self.index).__name__

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    def search(
        self, vector: np.ndarray, k: int, allowed: Sequence[int] | None, ef_search: int
    ) -> dict[int, float]:
        params = search_parameters(self.index, allowed, ef_search)
        similarities, ids = self.index.search(vector, k, params=params)
        return {int(i): float(s) for i, s in zip(ids[0], similarities[0], strict=True) if i >= 0}

    def vectors(self, ids: list[int]) -> np.ndarray:
        if not ids:
            return np.zeros((0, self.index.d), dtype=np.float32)
        return np.vstack([self.index.reconstruct(int(chunk_id)) for chunk_id in ids])


def write_faiss(path: Path, vectors: np.ndarray, dimension: int, settings: Settings) -> str:
    """Write all vectors of a build as a FAISS index; returns the index kind."""
    import faiss

    dense = new_dense_index(dimension, len(vectors), settings)
    if len(vectors):
        dense.add(vectors)
    faiss.write_index(dense, str(path))
    return type(dense).__name__


# Qdrant ----------------------------------------------------------------------------------------


@cache
def qdrant_client(url: str | None, local_path: str | None) -> Any:
    """One client per server (or embedded folder) and process."""
    try:
        from qdrant_client import QdrantClient
    except ImportError as error:
        raise DependencyError("Qdrant support needs qdrant-client: run `make setup`") from error
    if url:
        return QdrantClient(url=url, timeout=30)
    if local_path is None:
        raise ConfigurationError("Embedded Qdrant needs a folder.")
    try:
        return QdrantClient(path=local_path)
    except RuntimeError as error:  # the folder is locked by another process
        raise ConfigurationError(
            f"The embedded Qdrant folder {local_path} is in use by another process ({error}). "
            "Embedded Qdrant serves one process; run a Qdrant server and set "
            "ASSISTANT_VECTOR_URL for several."
        ) from error


def qdrant_location(settings: Settings, index_dir: Path) -> dict[str, str | None]:
    """Where this index's Qdrant lives, as recorded in its manifest."""
    if settings.vector_url:
        return {"url": settings.vector_url, "local_path": None}
    return {"url": None, "local_path": str(index_dir.resolve() / "qdrant")}


class QdrantCollection:
    """One index's points in Qdrant: upsert and delete for builds, search for answers."""

    def __init__(self, location: dict[str, str | None], collection: str) -> None:
        self.client = qdrant_client(location["url"], location["local_path"])
        self.remote = bool(location["url"])
        self.where = location["url"] or location["local_path"]
        self.collection = collection

    @contextmanager
    def answering(self) -> Iterator[None]:
        """Turn a server that is down or refuses a request into one clear error."""
        from qdrant_client.http.exceptions import ApiException

        try:
            yield
        except ApiException as error:
            raise VectorStoreError(
                f"Qdrant at {self.where} failed ({type(error).__name__}: {error}). Start it, "
                "or fix ASSISTANT_VECTOR_URL."
            ) from error

    def exists(self) -> bool:
        with self.answering():
            return bool(self.client.collection_exists(self.collection))

    def ensure(self, dimension: int) -> None:
        from qdrant_client import models

        if not self.exists():
            with self.answering():
                self.client.create_collection(
                    self.collection,
                    vectors_config=models.VectorParams(
                        size=dimension, distance=models.Distance.DOT
                    ),
                )

    def upsert(self, keys: list[str], vectors: np.ndarray, payloads: list[dict]) -> None:
        from qdrant_client import models

        for start in range(0, len(keys), UPSERT_BATCH):
            stop = start + UPSERT_BATCH
            batch = models.Batch(
                ids=keys[start:stop],
                vectors=vectors[start:stop].tolist(),
                payloads=payloads[start:stop],
            )
            with self.answering():
                self.client.upsert(self.collection, points=batch, wait=True)

    def delete(self, keys: list[str]) -> None:
        from qdrant_client import models

        for start in range(0, len(keys), UPSERT_BATCH):
            selector = models.PointIdsList(points=keys[start : start + UPSERT_BATCH])
            with self.answering():
                self.client.delete(self.collection, points_selector=selector, wait=True)

    def drop(self) -> None:
        if self.exists():
            with self.answering():
                self.client.delete_collection(self.collection)

    def count(self) -> int:
        with self.answering():
            return int(self.client.count(self.collection, exact=True).count)


class QdrantDense:
    """Search a Qdrant collection for a build's chunks; points of no chunk are ignored."""

    def __init__(self, collection: QdrantCollection, keys: list[str]) -> None:
        self.collection = collection
        self.kind = "qdrant"
        self.keys = keys  # chunk id -> point key
        self._ids = {key: chunk_id for chunk_id, key in enumerate(keys)}
        if not collection.exists():
            raise IndexIncompatibleError(
                f"The Qdrant collection {collection.collection} is missing. Rebuild the index "
                "with `assistant index --full`."
            )
        if keys and collection.count() < len(keys):
            raise IndexIncompatibleError(
                f"The Qdrant collection {collection.collection} holds fewer points than the "
                f"index's {len(keys)} chunks. Rebuild it with `assistant index --full`."
            )

    @property
    def size(self) -> int:
        return len(self.keys)

    def search(
        self, vector: np.ndarray, k: int, allowed: Sequence[int] | None, ef_search: int
    ) -> dict[int, float]:
        from qdrant_client import models

        query_filter, search_params = None, None
        if self.collection.remote:  # embedded Qdrant always searches exactly
            search_params = models.SearchParams(hnsw_ef=ef_search)
        if allowed is not None:
            keys = [self.keys[chunk_id] for chunk_id in allowed]
            query_filter = models.Filter(must=[models.HasIdCondition(has_id=keys)])
        with self.collection.answering():
            points = self.collection.client.query_points(
                self.collection.collection, query=vector[0].tolist(), limit=k,
                query_filter=query_filter, search_params=search_params,
            ).points  # fmt: skip
        found = {self._ids.get(str(point.id)): float(point.score) for point in points}
        found.pop(None, None)
        return found  # type: ignore[return-value]

    def vectors(self, ids: list[int]) -> np.ndarray:
        if not ids:
            return np.zeros((0, 0), dtype=np.float32)
        with self.collection.answering():
            records = self.collection.client.retrieve(
                self.collection.collection, [self.keys[i] for i in ids], with_vectors=True
            )
        by_key = {str(record.id): record.vector for record in records}
        return np.asarray([by_key[self.keys[i]] for i in ids], dtype=np.float32)
