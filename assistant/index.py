"""Build, refresh and open the index: FAISS vectors, a BM25 index and the record store.

Layout of `index/`:
    manifest.json        the commit point: names the live build and records how it was made
    build-<id>/          faiss.index, lexical/ (bm25s), store.sqlite
A build is written into a new `build-<id>/` folder; only when it is complete is `manifest.json`
replaced (an atomic rename) to point at it. A crash at any moment therefore leaves the previous
manifest pointing at the previous, intact build. Superseded builds are deleted afterwards.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from assistant import __version__
from assistant.chunking import chunk_article, embedding_text
from assistant.config import Settings, get_settings
from assistant.corpus import content_hash as hash_text
from assistant.corpus import discover_files, parse_file_text, read_text
from assistant.embedding import Embedder, get_embedder
from assistant.errors import ArticleError, AssistantError, IndexIncompatibleError, IndexMissingError
from assistant.lexical import TOKENIZER_VERSION, LexicalIndex
from assistant.records import Article, Chunk, IndexReport, SkippedFile
from assistant.store import Store, write_store

INDEX_FORMAT = 1
MANIFEST = "manifest.json"
LOCK = ".build.lock"
SENTENCE_SPLITTER = "sentencex"


def build_index(
    corpus_dir: Path | str | None = None,
    index_dir: Path | str | None = None,
    full: bool = False,
    progress: bool = False,
    settings: Settings | None = None,
    on_progress: ProgressCallback | None = None,
) -> IndexReport:
    """Build the index, or refresh it: only new and changed articles are embedded again.

    A full rebuild happens when `full` is set, when there is no index, or when the index was made
    with another embedding model or other chunk settings (never a mixed index). `progress` shows
    a progress bar on the terminal; `on_progress(fraction, message)` reports to a caller (the UI).
    """
    settings = settings or get_settings()
    corpus = Path(corpus_dir or settings.corpus_dir)
    target = Path(index_dir or settings.index_dir)
    if not corpus.is_dir():
        raise AssistantError(f"Corpus folder {corpus} does not exist. Create it and add articles.")
    target.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with _build_lock(target):
        embedder = get_embedder(settings.embedding_model)
        recipe = _recipe(embedder, settings)
        previous = _previous_build(target, recipe, full)
        tracker = Tracker(progress, on_progress)
        report = _refresh(corpus, target, previous, recipe, embedder, settings, tracker)
    tracker.report(1.0, "Index ready")
    return _with_seconds(report, time.perf_counter() - started)


ProgressCallback = Callable[[float, str], None]


@dataclass(frozen=True)
class Tracker:
    """Where progress goes: a terminal bar (`bar`) and/or a caller's callback."""

    bar: bool = False
    callback: ProgressCallback | None = None

    def report(self, fraction: float, message: str) -> None:
        if self.callback is not None:
            self.callback(fraction, message)

    def embedding(self, done: int, total: int) -> None:
        # Embedding is most of a build's time: it spans 10%..90% of the bar.
        self.report(0.1 + 0.8 * done / max(total, 1), f"Embedding passages {done}/{total}")


@dataclass(frozen=True)
class Scan:
    """The corpus as found now: articles to keep as they are, and files to parse and embed."""

    unchanged: dict[str, str]  # path -> content hash, identical to the previous build
    changed: list[Article]  # new or changed, parsed
    skipped: list[SkippedFile]


def _refresh(
    corpus: Path,
    target: Path,
    previous: LoadedIndex | None,
    recipe: dict[str, Any],
    embedder: Embedder,
    settings: Settings,
    tracker: Tracker,
) -> IndexReport:
    old_hashes: dict[str, str] = previous.manifest["articles"] if previous else {}
    tracker.report(0.0, "Reading the articles")
    scan = _scan(corpus, old_hashes, settings.max_file_bytes)
    current = set(scan.unchanged) | {article.path for article in scan.changed}
    removed = [path for path in old_hashes if path not in current]
    added = sum(1 for article in scan.changed if article.path not in old_hashes)
    counts = {"added": added, "updated": len(scan.changed) - added, "removed": len(removed)}
    if previous is not None and not scan.changed and not removed:
        return IndexReport(
            **counts, unchanged=len(scan.unchanged), skipped=tuple(scan.skipped),
            articles=len(old_hashes), chunks=previous.size, seconds=0.0,
        )  # fmt: skip
    articles, chunks, vectors, embedded = _assemble(scan, previous, embedder, settings, tracker)
    tracker.report(0.9, "Writing the index")
    _write_build(target, recipe, articles, chunks, vectors, scan.skipped, settings)
    return IndexReport(
        **counts, unchanged=len(scan.unchanged), skipped=tuple(scan.skipped),
        articles=len(articles), chunks=len(chunks), seconds=0.0, embedded_chunks=embedded,
    )  # fmt: skip


def _scan(corpus: Path, old_hashes: dict[str, str], max_bytes: int) -> Scan:
    unchanged: dict[str, str] = {}
    changed: list[Article] = []
    skipped: list[SkippedFile] = []
    first_path_of_hash: dict[str, str] = {}
    for file in discover_files(corpus):
        relative = file.relative_to(corpus).as_posix()
        try:
            text = read_text(file, max_bytes)
            digest = hash_text(text)
            if digest in first_path_of_hash:
                raise ArticleError(f"same text as {first_path_of_hash[digest]}, indexed once")
            first_path_of_hash[digest] = relative
            if old_hashes.get(relative) == digest:
                unchanged[relative] = digest
            else:
                changed.append(parse_file_text(text, relative))  # read once, parsed once
        except ArticleError as error:
            skipped.append(SkippedFile(relative, str(error)))
    return Scan(unchanged, changed, skipped)


def _assemble(
    scan: Scan,
    previous: LoadedIndex | None,
    embedder: Embedder,
    settings: Settings,
    tracker: Tracker,
) -> tuple[list[Article], list[Chunk], np.ndarray, int]:
    """All articles, chunks (ids renumbered from 0) and vectors of the new build, and how many
    chunks had to be embedded."""
    articles: list[Article] = []
    chunks: list[Chunk] = []
    kept_vectors: list[np.ndarray] = []
    for path in sorted(scan.unchanged):
        articles.append(previous.store.article(path))
        old_chunks = previous.store.chunks_of(path)
        kept_vectors.append(previous.vectors([chunk.id for chunk in old_chunks]))
        chunks.extend(_renumber(old_chunks, len(chunks)))
    new_chunks: list[Chunk] = []
    titles: list[str] = []
    for article in scan.changed:
        pieces = chunk_article(
            article, embedder.count_tokens, settings.chunk_tokens,
            settings.chunk_overlap_sentences, first_id=len(chunks) + len(new_chunks),
        )  # fmt: skip
        articles.append(article)
        new_chunks.extend(pieces)
        titles.extend([article.title] * len(pieces))
    texts = [
        embedding_text(title, chunk.text) for title, chunk in zip(titles, new_chunks, strict=True)
    ]
    tracker.report(0.1, f"Embedding {len(texts)} passages")
    on_progress = tracker.embedding if tracker.callback is not None else None
    new_vectors = embedder.embed(
        texts, settings.embedding_batch_size, progress=tracker.bar, on_progress=on_progress
    )
    vectors = np.vstack([*kept_vectors, new_vectors]) if kept_vectors else new_vectors
    return articles, chunks + new_chunks, vectors, len(new_chunks)


def _renumber(chunks: list[Chunk], first_id: int) -> list[Chunk]:
    return [
        Chunk(first_id + offset, chunk.path, chunk.start, chunk.end, chunk.text)
        for offset, chunk in enumerate(chunks)
    ]


def _write_build(
    target: Path,
    recipe: dict[str, Any],
    articles: list[Article],
    chunks: list[Chunk],
    vectors: np.ndarray,
    skipped: list[SkippedFile],
    settings: Settings,
) -> None:
    build_name = f"build-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    build_dir = target / build_name
    build_dir.mkdir()
    try:
        dense_kind = _write_build_files(build_dir, recipe, articles, chunks, vectors, settings)
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    manifest = {
        **recipe,
        "build": build_name,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "package_version": __version__,
        "chunks": len(chunks),
        "dense_index": dense_kind,
        "articles": {article.path: article.content_hash for article in articles},
        "skipped": [{"path": item.path, "reason": item.reason} for item in skipped],
    }
    temporary = target / f"{MANIFEST}.{uuid.uuid4().hex[:8]}.tmp"
    temporary.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    _fsync_file(temporary)
    os.replace(temporary, target / MANIFEST)  # the commit point
    _remove_stale_builds(target, keep=build_name)


def _write_build_files(
    build_dir: Path,
    recipe: dict[str, Any],
    articles: list[Article],
    chunks: list[Chunk],
    vectors: np.ndarray,
    settings: Settings,
) -> str:
    """Write the build's files; returns the kind of FAISS index written."""
    import faiss

    dense = new_dense_index(int(recipe["embedding"]["dimension"]), len(vectors), settings)
    if len(vectors):
        dense.add(vectors)
    faiss.write_index(dense, str(build_dir / "faiss.index"))
    titles = {article.path: article.title for article in articles}
    LexicalIndex.build([embedding_text(titles[chunk.path], chunk.text) for chunk in chunks]).save(
        build_dir / "lexical"
    )
    write_store(build_dir / "store.sqlite", articles, chunks)
    _fsync_tree(build_dir)
    return type(dense).__name__


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


def _recipe(embedder: Embedder, settings: Settings) -> dict[str, Any]:
    """How chunks and vectors are made; an index made another way cannot be refreshed."""
    return {
        "format": INDEX_FORMAT,
        "embedding": embedder.fingerprint(),
        "chunking": {
            "max_tokens": settings.chunk_tokens,
            "overlap_sentences": settings.chunk_overlap_sentences,
            "splitter": SENTENCE_SPLITTER,
            "title_in_embedding": True,
        },
        "lexical": {"tokenizer": TOKENIZER_VERSION, "library": "bm25s"},
    }


def _previous_build(target: Path, recipe: dict[str, Any], full: bool) -> LoadedIndex | None:
    if full or not (target / MANIFEST).exists():
        return None
    try:
        previous = open_index(target)
    except AssistantError as error:
        _warn(f"The existing index cannot be reused ({error}); rebuilding it from scratch.")
        return None
    for key in ("format", "embedding", "chunking", "lexical"):
        if previous.manifest.get(key) != recipe[key]:
            _warn(
                f"The index was built with other {key} settings "
                f"({previous.manifest.get(key)} -> {recipe[key]}); rebuilding it from scratch."
            )
            return None
    return previous


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


@contextmanager
def _build_lock(target: Path) -> Iterator[None]:
    """One build at a time per index folder; a second one fails at once with a clear message."""
    with (target / LOCK).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AssistantError(
                f"Another index build is running on {target}. Wait for it to finish."
            ) from None
        yield


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


def _with_seconds(report: IndexReport, seconds: float) -> IndexReport:
    return replace(report, seconds=seconds)


class LoadedIndex:
    """One build opened for search: FAISS vectors, BM25 and the record store."""

    def __init__(self, index_dir: Path, manifest: dict[str, Any]) -> None:
        import faiss

        self.index_dir = index_dir
        self.manifest = manifest
        build_dir = index_dir / manifest["build"]
        try:
            self.dense = faiss.read_index(str(build_dir / "faiss.index"))
            self.lexical = LexicalIndex.load(build_dir / "lexical")
            self.store = Store(build_dir / "store.sqlite")
            stored_chunks = self.store.chunk_count()  # reads the file: a damaged one fails here
        except Exception as error:  # FAISS and bm25s raise plain RuntimeError/OSError/ValueError
            raise IndexIncompatibleError(
                f"The index in {index_dir} is damaged ({type(error).__name__}: {error}). "
                "Rebuild it with `assistant index --full`."
            ) from error
        if not self.dense.ntotal == stored_chunks == manifest["chunks"] == self.lexical.size:
            raise IndexIncompatibleError(
                f"The index in {index_dir} is inconsistent ({self.dense.ntotal} vectors, "
                f"{stored_chunks} stored and {self.lexical.size} BM25 chunks for "
                f"{manifest['chunks']} in the manifest). Rebuild it with `assistant index --full`."
            )

    @property
    def size(self) -> int:
        return int(self.dense.ntotal)

    def vectors(self, ids: list[int]) -> np.ndarray:
        if not ids:
            return np.zeros((0, self.dense.d), dtype=np.float32)
        return np.vstack([self.dense.reconstruct(int(chunk_id)) for chunk_id in ids])


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
