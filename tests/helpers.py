"""Small record builders shared by unit tests (no models involved)."""

from __future__ import annotations

from assistant.evidence import Evidence
from assistant.records import Article, Chunk, Hit


def make_hit(path: str, text: str, title: str = "Title", publisher: str | None = "Outlet",
             published: str | None = "2016-01-15") -> Hit:  # fmt: skip
    article = Article(path=path, title=title, text=text, content_hash="h", publisher=publisher,
                      published=published)  # fmt: skip
    return Hit(Chunk(0, path, 0, len(text), text), article, 1.0, 0.5, None)


def make_evidence(text: str, path: str = "a.txt", coverage: float = 1.0, score: float = 1.0,
                  **article: str | None) -> Evidence:  # fmt: skip
    hit = make_hit(path, text, **article)
    return Evidence(text, hit, 0, len(text), coverage, 0.5, score)
