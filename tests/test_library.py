"""Adding article files to the corpus (what the UI's upload does) and describing the index."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import get_settings
from assistant.errors import ArticleError
from assistant.library import add_article_file, index_status, list_articles, safe_file_name

ARTICLE = "Harbour seized\n\nThe harbour authority of Marovo seized 37 fishing boats on Monday.\n"


@pytest.fixture
def settings(tmp_path: Path):
    return get_settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")


def upload(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def corpus_files(settings) -> list[str]:
    if not settings.corpus_dir.exists():
        return []
    return sorted(p.name for p in settings.corpus_dir.iterdir())


def test_a_good_article_is_saved_under_its_name(tmp_path, settings):
    article = add_article_file(upload(tmp_path, "harbour.txt", ARTICLE.encode()), "harbour.txt",
                               settings)  # fmt: skip
    assert article.path == "harbour.txt" and article.title == "Harbour seized"
    assert (settings.corpus_dir / "harbour.txt").read_text() == ARTICLE
    assert corpus_files(settings) == ["harbour.txt"]  # no temporary file left behind


def test_an_upload_never_overwrites_an_existing_file(tmp_path, settings):
    settings.corpus_dir.mkdir()
    (settings.corpus_dir / "harbour.txt").write_text("Another article\n\nIts own text here.\n")
    article = add_article_file(upload(tmp_path, "harbour.txt", ARTICLE.encode()), "harbour.txt",
                               settings)  # fmt: skip
    assert article.path == "harbour-2.txt"
    assert (settings.corpus_dir / "harbour.txt").read_text().startswith("Another article")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"  \n", "file is empty"),
        ("photo.txt", bytes(range(256)) * 8, "file looks binary"),
        ("report.docx", b"PK", ".docx files are not supported; use .htm, .html, .md, .pdf, .txt"),
        ("scan.pdf", b"%PDF-1.4 no pages", "not a readable PDF"),
        ("notes", b"text", "no extension files are not supported"),
        ("big.txt", b"word " * 300_000, "over the 1,000-byte limit"),
        ("title-only.md", b"Just a title\n", "file has a title but no article text"),
        ("page.html", b"<html><body><nav>Home</nav></body></html>", "no article text found"),
    ],
)
def test_bad_files_are_refused_with_the_reason_and_nothing_is_written(
    tmp_path, settings, name, data, reason
):
    if name == "big.txt":
        settings = settings.model_copy(update={"max_file_bytes": 1000})
    with pytest.raises(ArticleError, match=reason.replace("(", r"\(").replace(".", r"\.")):
        add_article_file(upload(tmp_path, name, data), name, settings)
    assert corpus_files(settings) == []


def test_an_article_already_in_the_index_is_refused(tmp_path, settings, corpus_copy):
    from assistant.index import build_index

    settings = settings.model_copy(update={"corpus_dir": corpus_copy})
    build_index(corpus_copy, settings.index_dir)
    existing = sorted(corpus_copy.glob("*.txt"))[0]
    before = corpus_files(settings)
    with pytest.raises(ArticleError, match=f"same text as {existing.name}"):
        add_article_file(existing, "copy.txt", settings)
    assert corpus_files(settings) == before


def test_file_names_lose_folders_and_odd_characters():
    assert safe_file_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_file_name("C:\\Users\\x\\My Article (1).HTML") == "My-Article-1.html"
    assert safe_file_name(".hidden.md") == "hidden.md"
    assert safe_file_name("???.txt") == "article.txt"


def test_library_lists_articles_newest_first_with_chunks_and_status(seed_index):
    rows = list_articles(seed_index)
    assert len(rows) == 5 and all(row.chunks > 0 for row in rows)
    assert rows[0].published == "2016-01-15" and rows[0].outlet == "Independent"
    status = index_status(seed_index)
    assert status.articles == 5 and status.chunks == sum(row.chunks for row in rows)
    assert status.embedding_model == "all-MiniLM-L6-v2" and status.dimension == 384
