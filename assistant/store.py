"""Chunk and article records of one index build, in SQLite, read on demand."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from assistant.records import Article, Chunk, SentenceVector, SourceSpan

SCHEMA = """
CREATE TABLE articles (
    path TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL, content_hash TEXT NOT NULL,
    publisher TEXT, published TEXT, byline TEXT, standfirst TEXT, source_spans TEXT NOT NULL
);
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL REFERENCES articles(path),
    start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX chunks_by_path ON chunks(path);
CREATE TABLE sentences (
    path TEXT NOT NULL REFERENCES articles(path), start INTEGER NOT NULL, end INTEGER NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX sentences_by_path ON sentences(path);
"""
ARTICLE_CACHE = 512  # articles kept parsed in memory, most recently used
ARTICLE_COLUMNS = (
    "path, title, text, content_hash, publisher, published, byline, standfirst, source_spans"
)


def write_store(
    path: Path,
    articles: Iterable[Article],
    chunks: Iterable[Chunk],
    sentences: Iterable[SentenceVector] = (),
) -> None:
    """Create a new store file holding these articles, chunks and sentence vectors."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript(SCHEMA)
        connection.executemany(
            f"INSERT INTO articles ({ARTICLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_article_row(article) for article in articles),
        )
        connection.executemany(
            "INSERT INTO chunks (id, path, start, end, text) VALUES (?, ?, ?, ?, ?)",
            ((chunk.id, chunk.path, chunk.start, chunk.end, chunk.text) for chunk in chunks),
        )
        connection.executemany(
            "INSERT INTO sentences (path, start, end, vector) VALUES (?, ?, ?, ?)",
            ((item.path, item.start, item.end, _vector_bytes(item.vector)) for item in sentences),
        )
        connection.commit()
    finally:
        connection.close()


class Store:
    """Read access to a store file; safe to share between the threads of a server."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()
        # Recently used articles only: a large corpus is read on demand, never held whole.
        self._articles: OrderedDict[str, Article] = OrderedDict()

    def close(self) -> None:
        self._connection.close()

    def chunks(self, ids: list[int]) -> dict[int, Chunk]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._query(
            f"SELECT id, path, start, end, text FROM chunks WHERE id IN ({marks})", ids
        )
        return {row[0]: Chunk(*row) for row in rows}

    def chunks_of(self, path: str) -> list[Chunk]:
        rows = self._query(
            "SELECT id, path, start, end, text FROM chunks WHERE path = ? ORDER BY id", [path]
        )
        return [Chunk(*row) for row in rows]

    def sentences_of(self, path: str) -> list[SentenceVector]:
        """The article's sentences with their (unit-length) embedding vectors, in text order."""
        rows = self._query(
            "SELECT start, end, vector FROM sentences WHERE path = ? ORDER BY start", [path]
        )
        return [
            SentenceVector(path, start, end, np.frombuffer(blob, dtype=np.float16))
            for start, end, blob in rows
        ]

    def sentence_count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM sentences", [])[0][0])

    def article(self, path: str) -> Article:
        with self._lock:
            if path in self._articles:
                self._articles.move_to_end(path)
                return self._articles[path]
        rows = self._query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE path = ?", [path])
        if not rows:
            raise KeyError(path)
        article = _article_from_row(rows[0])
        with self._lock:
            self._articles[path] = article
            while len(self._articles) > ARTICLE_CACHE:
                self._articles.popitem(last=False)
        return article

    def articles(self) -> list[Article]:
        rows = self._query(f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY path", [])
        return [_article_from_row(row) for row in rows]

    def chunk_ids_where(
        self,
        outlet: str | None,
        since: str | None,
        until: str | None,
        only: Sequence[str] = (),
    ) -> list[int]:
        """Ids of the chunks of articles matching the filters; an undated article never matches
        a date filter (nothing says it is of that time). `only`: article paths, or folders
        ending in "/", one of which the article must be or be in."""
        conditions: list[str] = []
        parameters: list[object] = []
        if only:
            conditions.append(
                "EXISTS (SELECT 1 FROM json_each(?) f WHERE a.path = f.value OR "
                "(substr(f.value, -1) = '/' AND substr(a.path, 1, length(f.value)) = f.value))"
            )
            parameters.append(json.dumps(list(only)))
        if outlet:
            conditions.append("instr(lower(a.publisher), lower(?)) > 0")
            parameters.append(outlet)
        if since:
            conditions.append("a.published >= ?")
            parameters.append(since)
        if until:
            conditions.append("a.published <= ?")
            parameters.append(until)
        where = " AND ".join(conditions) or "1"
        sql = f"SELECT c.id FROM chunks c JOIN articles a ON a.path = c.path WHERE {where}"
        return [int(row[0]) for row in self._query(sql + " ORDER BY c.id", parameters)]

    def titles(self) -> list[tuple[str, str]]:
        """(path, title) of every article, by path."""
        return [(row[0], row[1] or "") for row in self._query(
            "SELECT path, title FROM articles ORDER BY path", []
        )]  # fmt: skip

    def outlets(self) -> list[str]:
        rows = self._query(
            "SELECT DISTINCT publisher FROM articles WHERE publisher IS NOT NULL ORDER BY 1", []
        )
        return [row[0] for row in rows]

    def chunk_counts(self) -> dict[str, int]:
        """Chunks per article path."""
        rows = self._query("SELECT path, COUNT(*) FROM chunks GROUP BY path", [])
        return {path: int(count) for path, count in rows}

    def chunk_keys(self) -> list[str]:
        """The stable key of every chunk (see vectorstore.point_key), in chunk id order."""
        from assistant.vectorstore import point_key

        rows = self._query(
            "SELECT a.content_hash, c.start, c.end FROM chunks c JOIN articles a "
            "ON a.path = c.path ORDER BY c.id",
            [],
        )
        return [point_key(digest, start, end) for digest, start, end in rows]

    def chunk_count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM chunks", [])[0][0])

    def _query(self, sql: str, parameters: list[object]) -> list[tuple]:
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()


def _vector_bytes(vector: np.ndarray) -> bytes:
    # float16 halves the store; cosine similarities move by < 0.001.
    return np.asarray(vector, dtype=np.float16).tobytes()


def _article_row(article: Article) -> tuple:
    spans = [[span.text_start, span.file_start, span.length] for span in article.source_spans]
    return (
        article.path,
        article.title,
        article.text,
        article.content_hash,
        article.publisher,
        article.published,
        article.byline,
        article.standfirst,
        json.dumps(spans),
    )


def _article_from_row(row: tuple) -> Article:
    path, title, text, content_hash, publisher, published, byline, standfirst, spans = row
    return Article(
        path=path,
        title=title,
        text=text,
        content_hash=content_hash,
        publisher=publisher,
        published=published,
        byline=byline,
        standfirst=standfirst,
        source_spans=tuple(SourceSpan(*span) for span in json.loads(spans)),
    )
