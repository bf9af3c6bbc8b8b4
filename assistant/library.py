"""The article library as the UI shows it: adding files to the corpus, listing what is indexed.

Adding is all-or-nothing per file: a file is checked (type, size, text, parseable, not already in
the library) before it is written, and it is written under a hidden temporary name and renamed,
so a bad or interrupted upload never leaves anything in the corpus.
"""

from __future__ import annotations

import functools
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.corpus import content_hash, parse_file_text
from assistant.errors import ArticleError, AssistantError
from assistant.files import SUPPORTED_SUFFIXES, document_text
from assistant.index import open_index, read_manifest
from assistant.records import Article

SAFE_NAME = re.compile(r"[^\w.-]+")


def add_article_file(source: Path, name: str, settings: Settings) -> Article:
    """Copy the article file `source` into the corpus as `name` (made safe and unique).

    Raises `ArticleError` saying why the file was not added; nothing is written then.
    Returns the parsed article, its `path` being where it was saved, relative to the corpus.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise ArticleError(f"{suffix or 'no extension'} files are not supported; use {kinds}")
    size = source.stat().st_size
    if size > settings.max_file_bytes:
        limit = settings.max_file_bytes
        raise ArticleError(f"file is {size:,} bytes, over the {limit:,}-byte limit")
    data = source.read_bytes()
    text = document_text(name, data)
    duplicate = indexed_hashes(settings.index_dir).get(content_hash(text))
    if duplicate:
        raise ArticleError(f"same text as {duplicate}, which is already in the library")
    corpus = Path(settings.corpus_dir)
    corpus.mkdir(parents=True, exist_ok=True)
    target = unique_path(corpus, safe_file_name(name))
    relative = target.relative_to(corpus).as_posix()
    article = parse_file_text(text, relative)  # raises before anything is written
    temporary = corpus / f".{target.name}.{uuid.uuid4().hex[:8]}.part"  # hidden: never indexed
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return article


def safe_file_name(name: str) -> str:
    """A plain file name: no folders, no leading dot, only letters, digits, '.', '-' and '_'."""
    stem, suffix = os.path.splitext(os.path.basename(name.replace("\\", "/")))
    stem = SAFE_NAME.sub("-", stem).strip(".-_")[:100] or "article"
    return stem + suffix.lower()


def unique_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `folder/name-2`, `-3`... when taken: an upload never overwrites."""
    candidate = folder / name
    stem, suffix = os.path.splitext(name)
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def indexed_hashes(index_dir: Path) -> dict[str, str]:
    """Content hash -> path of every indexed article (empty when there is no index yet)."""
    try:
        manifest = read_manifest(Path(index_dir))
    except AssistantError:
        return {}
    return {digest: path for path, digest in manifest.get("articles", {}).items()}


@dataclass(frozen=True)
class ArticleRow:
    title: str
    outlet: str
    published: str
    chunks: int
    path: str


def list_articles(index_dir: Path) -> list[ArticleRow]:
    """The indexed articles, newest first (undated last), with their chunk counts. Read once per
    build: the library table is searched and paged keystroke by keystroke."""
    index = open_index(index_dir)
    return list(_rows_of_build(index.index_dir, index.manifest["build"]))


@functools.lru_cache(maxsize=4)
def _rows_of_build(index_dir: Path, build: str) -> tuple[ArticleRow, ...]:
    index = open_index(index_dir)
    counts = index.store.chunk_counts()
    rows = [
        ArticleRow(
            article.title,
            article.publisher or "",
            article.published or "",
            counts.get(article.path, 0),
            article.path,
        )
        for article in index.store.articles()
    ]
    rows.sort(key=lambda row: row.title.lower())
    rows.sort(key=lambda row: row.published or "0000", reverse=True)
    return tuple(rows)


@dataclass(frozen=True)
class IndexStatus:
    built_at: str
    embedding_model: str
    dimension: int
    articles: int
    chunks: int
    skipped: list[dict[str, Any]]
    vector_search: str  # "exact" or "approximate (HNSW)"


def index_status(index_dir: Path) -> IndexStatus:
    """What the manifest of the live build says about it."""
    manifest = read_manifest(Path(index_dir))
    return IndexStatus(
        built_at=manifest.get("built_at", "unknown"),
        embedding_model=manifest["embedding"]["name"],
        dimension=int(manifest["embedding"]["dimension"]),
        articles=len(manifest.get("articles", {})),
        chunks=int(manifest["chunks"]),
        skipped=list(manifest.get("skipped", [])),
        vector_search={"IndexHNSWFlat": "approximate (FAISS HNSW)", "qdrant": "Qdrant"}.get(
            manifest.get("dense_index", ""), "exact (FAISS)"
        ),
    )


@dataclass(frozen=True)
class Overview:
    """What the library holds, as the chat tab shows it, and questions it can answer."""

    articles: int
    first: str | None  # earliest publication date, ISO
    last: str | None
    outlets: list[tuple[str, int]]  # most articles first
    folders: list[tuple[str, int]]  # top-level sub-folders of the corpus, most articles first
    examples: list[str]


def library_overview(index_dir: Path, examples: int = 3) -> Overview:
    """Counts, dates, outlets and folders of the indexed articles, and example questions made
    from them (never from a fixed list: a library of sports news gets questions about sport).
    Made once per build."""
    index = open_index(index_dir)
    return _overview_of_build(index.index_dir, index.manifest["build"], examples)


@functools.lru_cache(maxsize=4)
def _overview_of_build(index_dir: Path, build: str, examples: int) -> Overview:
    articles = open_index(index_dir).store.articles()
    dates = sorted(article.published for article in articles if article.published)
    return Overview(
        articles=len(articles),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        outlets=_counted(article.publisher for article in articles if article.publisher),
        folders=_counted(article.path.split("/")[0] for article in articles if "/" in article.path),
        examples=example_questions(articles, examples),
    )


# A capitalised run inside a sentence (after a lower-case word or a comma): a name, not a word
# capitalised by its place at the start of a headline or sentence.
INNER_NAME = re.compile(r"(?<=[a-z,] )[A-Z][\w&'’.-]*(?: (?:of |de |and )?[A-Z][\w&'’.-]*)*")


def example_questions(articles: list[Article], wanted: int = 3) -> list[str]:
    """Questions about the names the library's headlines and leads mention most often ("What
    do the articles say about Yukos?"), then about its newest article by its headline."""
    from assistant.answering.spans import DATELINE
    from assistant.language import DEMONYM_ENDINGS, MONTHS, ORGANISATION_WORDS, WEEKDAYS

    outlets = {article.publisher.lower() for article in articles if article.publisher}

    def usable(name: str) -> bool:
        word = name.lower()
        one_word = " " not in name
        return not (
            len(name) < 4
            or any(word.startswith(outlet) or outlet.startswith(word) for outlet in outlets)
            or word in MONTHS
            or word in WEEKDAYS
            or word in ORGANISATION_WORDS
            or (one_word and word.endswith(DEMONYM_ENDINGS))
        )

    named: dict[str, set[str]] = {}
    for article in articles:
        lead = article.text[:400]
        dateline = DATELINE.match(lead)
        lead = lead[dateline.end() :] if dateline else lead
        sample = f"{'' if article.title.isupper() else article.title}. {lead}"
        for match in INNER_NAME.finditer(sample):
            name = re.sub(r"['’]s$", "", match.group(0).rstrip(".,'’"))
            if usable(name):
                named.setdefault(name, set()).add(article.path)
    common = sorted((name for name in named if len(named[name]) > 1),
                    key=lambda name: (-len(named[name]), name))  # fmt: skip
    questions = [f"What do the articles say about {name}?" for name in common[: wanted - 1]]
    newest = sorted(articles, key=lambda article: article.published or "", reverse=True)
    for article in newest:
        if len(questions) >= wanted:
            break
        title = article.title.capitalize() if article.title.isupper() else article.title
        if len(title.split()) >= 4 and not re.search(r"[<>]", title):
            questions.append(f"What does “{title.rstrip('.')}” report?")
    return questions


def _counted(values: Any) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))


ALL_FOLDERS = ""
SORTS = {
    # key: (what the rows are sorted by, newest/largest first)
    "date": (lambda row: (row.published or "", row.title.lower()), True),
    "title": (lambda row: row.title.lower(), False),
    "outlet": (lambda row: (row.outlet.lower() or "\uffff", row.title.lower()), False),
    "passages": (lambda row: (row.chunks, row.title.lower()), True),
    "file": (lambda row: row.path.lower(), False),
}


@dataclass(frozen=True)
class Browse:
    """One page of the library table, after search, folder and sort."""

    rows: list[ArticleRow]
    page: int  # 1-based, within 1..pages
    pages: int
    matched: int  # rows that match the search and folder
    total: int  # rows in the library
    sort: str  # "<column>" or "-<column>" (reversed)
    scope: tuple[str, ...]  # what "ask only these" asks about: a folder, or the matched paths


def browse(
    rows: list[ArticleRow],
    query: str = "",
    folder: str = ALL_FOLDERS,
    sort: str = "date",
    page: int = 1,
    per_page: int = 25,
) -> Browse:
    """Search (every word in the title, outlet, date or file), a folder, a sort by a column
    (a leading "-" reverses it) and a page of the library's rows."""
    words = query.casefold().split()
    prefix = folder.rstrip("/") + "/" if folder else ""
    matched = [
        row for row in rows
        if row.path.startswith(prefix)
        and all(word in f"{row.title} {row.outlet} {row.published} {row.path}".casefold()
                for word in words)
    ]  # fmt: skip
    column = sort.lstrip("-")
    key, descending = SORTS.get(column, SORTS["date"])
    matched.sort(key=key, reverse=descending != sort.startswith("-"))
    pages = max(1, -(-len(matched) // per_page))
    page = min(max(1, page), pages)
    scope = (prefix,) if prefix and not words else tuple(row.path for row in matched)
    return Browse(
        matched[(page - 1) * per_page : page * per_page], page, pages, len(matched), len(rows),
        sort if column in SORTS else "date", scope if len(matched) < len(rows) else (),
    )  # fmt: skip
