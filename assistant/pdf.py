"""PDF articles: their text and metadata, extracted with pypdf (pure Python, maintained).

Like a web page, the result is article text headed by a front-matter block, so the text parser
reads it. Scanned PDFs (images without a text layer) have no text to extract and are refused.
"""

from __future__ import annotations

import io
import re

from assistant.errors import ArticleError, DependencyError

PDF_DATE = re.compile(r"D:(?P<year>\d{4})(?P<month>\d{2})?(?P<day>\d{2})?")


def pdf_to_text(raw: bytes) -> str:
    """The text of a PDF as front matter (title, author, date) plus its paragraphs."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as error:
        raise DependencyError("pypdf is not installed: run `make setup`") from error
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ArticleError(f"not a readable PDF ({error})") from error
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise ArticleError("the PDF has no text layer (a scan?): nothing to index")
    fields = {
        "title": _one_line(info.get("/Title")),
        "author": _one_line(info.get("/Author")),
        "date": _pdf_date(info.get("/CreationDate")),
    }
    header = [f"{key}: {value}" for key, value in fields.items() if value]
    return ("---\n" + "\n".join(header) + "\n---\n" if header else "") + text + "\n"


def _one_line(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _pdf_date(value: object) -> str | None:
    match = PDF_DATE.match(str(value or ""))
    if not match or not match["month"] or not match["day"]:
        return None
    return f"{match['year']}-{match['month']}-{match['day']}"
