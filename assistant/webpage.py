"""Saved web pages (`.html`, `.htm`): the article and its metadata, extracted with trafilatura.

The result is plain article text headed by a front-matter block (title, outlet, author, date),
the same shape a `.txt` article with front matter has, so one parser reads both.
"""

from __future__ import annotations

from assistant.errors import ArticleError, DependencyError

HTML_SUFFIXES = frozenset({".html", ".htm"})


def page_to_text(page: str) -> str:
    """The article of an HTML page as front matter plus paragraphs; `ArticleError` if none."""
    try:
        import trafilatura
    except ImportError as error:
        raise DependencyError("trafilatura is not installed: run `make setup`") from error
    document = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None or not (document.text or "").strip():
        raise ArticleError("no article text found in this web page")
    title = _one_line(document.title)
    paragraphs = [line.strip() for line in document.text.split("\n") if line.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # trafilatura repeats the headline as the first line
    if not paragraphs or (not title and len(paragraphs) < 2):  # a lone line is a menu, not news
        raise ArticleError("no article text found in this web page")
    fields = {
        "title": title,
        "outlet": _one_line(document.sitename),
        "author": _one_line(document.author),
        "date": _one_line(document.date),
    }
    header = [f"{key}: {value}" for key, value in fields.items() if value]
    front_matter = "---\n" + "\n".join(header) + "\n---\n" if header else ""
    return front_matter + "\n\n".join(paragraphs) + "\n"


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None
