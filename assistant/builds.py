"""A build on disk: writing one (files, Qdrant points, then the manifest switch) and opening the
live one for search.

Layout of `index/`:
    manifest.json        the commit point: names the live build and records how it was made
    build-<id>/          faiss.index (FAISS only), lexical/ (bm25s), store.sqlite
A build is written into a new `build-<id>/` folder; only when it is complete is `manifest.json`
replaced (an atomic rename) to point at it. A crash at any moment therefore leaves the previous
manifest pointing at the previous, intact build. Superseded builds are deleted afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from assistant import __version__
from assistant.chunking import embedding_text
from assistant.config import Settings
from assistant.errors import AssistantError, IndexIncompatibleError, IndexMissingError
from assistant.lexical import LexicalIndex
from assistant.records import Article, Chunk, SentenceVector, SkippedFile
from assistant.store import Store, write_store
from assistant.vectorstore import (
    DenseSearch,
    FaissDense,
    QdrantCollection,
    QdrantDense,
    point_key,
    qdrant_location,
    write_faiss,
)

INDEX_FORMAT = 2  # 2: sentence vectors in the store
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Build:
    """What a build writes: its articles and chunks, vectors (all, or the new chunks' ones for
    Qdrant: the last chunks), and the files skipped."""

    articles: list[Article]
    chunks: list[Chunk]
    vectors: np.ndarray
    skipped: list[SkippedFile]
    stats: dict[str, list[int]]  # size and modification time of every file seen
    sentences: list[SentenceVector] = field(default_factory=list)


def write_build(
    target: Path,
    recipe: dict[str, Any],
    build: Build,
    settings: Settings,
    previous: LoadedIndex | None,
) -> None:
    build_name = f"build-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    build_dir = target / build_name
    build_dir.mkdir()
    old_store = _manifest_entry(target, "vector_store")
    vector_store = _vector_store_entry(target, previous, settings)
    try:
        dense_kind = _write_build_files(build_dir, recipe, build, settings, vector_store)
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    manifest = {
        **recipe,
        "vector_store": vector_store,
        "build": build_name,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "package_version": __version__,
        "chunks": len(build.chunks),
        "dense_index": dense_kind,
        "articles": {article.path: article.content_hash for article in build.articles},
        "skipped": [{"path": item.path, "reason": item.reason} for item in build.skipped],
        "files": build.stats,
        "build_files": build_fingerprint(build_dir),
    }
    write_manifest(target, manifest)  # the commit point
    _remove_stale_builds(target, keep=build_name)
    _forget_old_points(old_store, vector_store, previous, build)


def build_fingerprint(build_dir: Path) -> dict[str, list[Any]]:
    """Relative path -> [size, sha256] of every file of a build: what a refresh checks the live
    build against, so that a deleted, truncated or overwritten file is found."""
    found: dict[str, list[Any]] = {}
    for file in sorted(path for path in build_dir.rglob("*") if path.is_file()):
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        found[file.relative_to(build_dir).as_posix()] = [file.stat().st_size, digest]
    return found


def build_damage(index_dir: Path, manifest: dict[str, Any]) -> str | None:
    """What is wrong with the live build's files, or None when they are as written. Hashing
    them costs little (the 1,200-story Reuters build: 14 MB, 0.02 s). An index from before
    fingerprints were kept has none to compare: None."""
    expected: dict[str, list[Any]] = manifest.get("build_files") or {}
    build_dir = index_dir / manifest["build"]
    for relative, (size, digest) in expected.items():
        file = build_dir / relative
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            return f"{manifest['build']}/{relative} is missing"
        except OSError as error:
            return f"{manifest['build']}/{relative} cannot be read ({error.strerror or error})"
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            return f"{manifest['build']}/{relative} was changed after it was written"
    return None


def write_manifest(target: Path, manifest: dict[str, Any]) -> None:
    """Replace manifest.json atomically: readers see the old one or the new one, never half."""
    temporary = target / f"{MANIFEST}.{uuid.uuid4().hex[:8]}.tmp"
    temporary.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    _fsync_file(temporary)
    os.replace(temporary, target / MANIFEST)


def _vector_store_entry(
    target: Path, previous: LoadedIndex | None, settings: Settings
) -> dict[str, Any]:
    """Where this build's vectors go: FAISS files, or a Qdrant collection (the previous build's
    one when refreshing, a new one for a full build)."""
    if settings.vector_store == "faiss":
        return {"kind": "faiss"}
    location = qdrant_location(settings, target)
    before = previous.manifest.get("vector_store", {}) if previous else {}
    if before.get("kind") == "qdrant" and before.get("url") == location["url"]:
        return before
    collection = f"{settings.vector_collection}-{uuid.uuid4().hex[:12]}"
    return {"kind": "qdrant", "collection": collection, **location}


def _forget_old_points(
    old_store: dict[str, Any] | None,
    vector_store: dict[str, Any],
    previous: LoadedIndex | None,
    build: Build,
) -> None:
    """After the commit: drop the points no build uses any more (Qdrant only)."""
    if not old_store or old_store.get("kind") != "qdrant":
        return
    old = QdrantCollection(old_store, old_store["collection"])
    if old_store.get("collection") != vector_store.get("collection"):
        old.drop()  # a full rebuild wrote a new collection
        return
    if previous is not None and isinstance(previous.dense, QdrantDense):
        keys = set(_point_keys(build, build.chunks))
        old.delete([key for key in previous.dense.keys if key not in keys])


def _point_keys(build: Build, chunks: list[Chunk]) -> list[str]:
    hashes = {article.path: article.content_hash for article in build.articles}
    return [point_key(hashes[chunk.path], chunk.start, chunk.end) for chunk in chunks]


def _manifest_entry(target: Path, key: str) -> Any:
    try:
        return json.loads((target / MANIFEST).read_text(encoding="utf-8")).get(key)
    except (OSError, ValueError, AttributeError):
        return None


def _write_build_files(
    build_dir: Path,
    recipe: dict[str, Any],
    build: Build,
    settings: Settings,
    vector_store: dict[str, Any],
) -> str:
    """Write the build's files (and its new Qdrant points); returns the kind of dense index."""
    dimension = int(recipe["embedding"]["dimension"])
    if vector_store["kind"] == "qdrant":
        _upsert_new_points(vector_store, build, dimension)
        dense_kind = "qdrant"
    else:
        dense_kind = write_faiss(build_dir / "faiss.index", build.vectors, dimension, settings)
    titles = {article.path: article.title for article in build.articles}
    LexicalIndex.build(
        [embedding_text(titles[chunk.path], chunk.text) for chunk in build.chunks]
    ).save(build_dir / "lexical")
    write_store(build_dir / "store.sqlite", build.articles, build.chunks, build.sentences)
    _fsync_tree(build_dir)
    return dense_kind


def _upsert_new_points(vector_store: dict[str, Any], build: Build, dimension: int) -> None:
    """The new chunks (the last ones of the build) into Qdrant, before the commit."""
    collection = QdrantCollection(vector_store, vector_store["collection"])
    collection.ensure(dimension)
    new_chunks = build.chunks[len(build.chunks) - len(build.vectors) :]
    articles = {article.path: article for article in build.articles}
    keys = _point_keys(build, new_chunks)
    payloads = [
        {"path": c.path, "outlet": articles[c.path].publisher,
         "published": articles[c.path].published}
        for c in new_chunks
    ]  # fmt: skip
    collection.upsert(keys, build.vectors, payloads)


def _remove_stale_builds(target: Path, keep: str) -> None:
    for child in target.glob("build-*"):
        if child.name != keep and child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
    for child in target.glob(f"{MANIFEST}.*.tmp"):
        child.unlink(missing_ok=True)


def _fsync_tree(folder: Path) -> None:
    for file in folder.rglob("*"):
        if file.is_file():
            _fsync_file(file)


def _fsync_file(file: Path) -> None:
    with file.open("rb") as handle:
        os.fsync(handle.fileno())


class LoadedIndex:
    """One build opened for search: dense vectors (FAISS or Qdrant), BM25 and the record store."""

    def __init__(self, index_dir: Path, manifest: dict[str, Any]) -> None:
        self.index_dir = index_dir
        self.manifest = manifest
        build_dir = index_dir / manifest["build"]
        try:
            self.lexical = LexicalIndex.load(build_dir / "lexical")
            self.store = Store(build_dir / "store.sqlite")
            stored_chunks = self.store.chunk_count()  # reads the file: a damaged one fails here
            self.dense = _open_dense(build_dir, manifest, self.store)
        except AssistantError:  # a missing Qdrant collection, a locked embedded Qdrant: as said
            raise
        except Exception as error:  # FAISS and bm25s raise plain RuntimeError/OSError/ValueError
            raise IndexIncompatibleError(
                f"The index in {index_dir} is damaged ({type(error).__name__}: {error}). "
                "Rebuild it with `assistant index --full`."
            ) from error
        if not self.dense.size == stored_chunks == manifest["chunks"] == self.lexical.size:
            raise IndexIncompatibleError(
                f"The index in {index_dir} is inconsistent ({self.dense.size} vectors, "
                f"{stored_chunks} stored and {self.lexical.size} BM25 chunks for "
                f"{manifest['chunks']} in the manifest). Rebuild it with `assistant index --full`."
            )

    @property
    def size(self) -> int:
        return int(self.dense.size)

    def vectors(self, ids: list[int]) -> np.ndarray:
        return self.dense.vectors(ids)


def _open_dense(build_dir: Path, manifest: dict[str, Any], store: Store) -> DenseSearch:
    vector_store = manifest.get("vector_store") or {"kind": "faiss"}
    if vector_store["kind"] == "qdrant":
        collection = QdrantCollection(vector_store, vector_store["collection"])
        return QdrantDense(collection, store.chunk_keys())
    return FaissDense(build_dir / "faiss.index")


def read_manifest(index_dir: Path) -> dict[str, Any]:
    path = index_dir / MANIFEST
    if not path.exists():
        raise IndexMissingError(
            f"There is no index in {index_dir}. Build it with `assistant index`."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["build"], manifest["chunks"], manifest["embedding"]  # noqa: B018 - required keys
    except (ValueError, KeyError, TypeError) as error:
        raise IndexIncompatibleError(
            f"{path} is damaged ({error}). Rebuild the index with `assistant index --full`."
        ) from error
    if manifest.get("format") != INDEX_FORMAT:
        raise IndexIncompatibleError(
            f"The index in {index_dir} has format {manifest.get('format')}, this version reads "
            f"format {INDEX_FORMAT}. Rebuild it with `assistant index --full`."
        )
    return manifest


_open_indexes: dict[Path, tuple[float, LoadedIndex]] = {}


def open_index(index_dir: Path | str) -> LoadedIndex:
    """The live build of `index_dir`, opened once and reopened when a new build is committed."""
    index_dir = Path(index_dir).resolve()
    manifest_path = index_dir / MANIFEST
    stamp = manifest_path.stat().st_mtime_ns if manifest_path.exists() else -1.0
    cached = _open_indexes.get(index_dir)
    if cached and cached[0] == stamp:
        return cached[1]
    manifest = read_manifest(index_dir)
    try:
        loaded = LoadedIndex(index_dir, manifest)
    except IndexIncompatibleError:
        # Another process may have committed a new build and removed this one between reading
        # the manifest and opening the files: then the new manifest names an intact build.
        if read_manifest(index_dir)["build"] == manifest["build"]:
            raise
        stamp = manifest_path.stat().st_mtime_ns
        loaded = LoadedIndex(index_dir, read_manifest(index_dir))
    _open_indexes[index_dir] = (stamp, loaded)
    return loaded
