"""Small record builders shared by unit tests (no models involved)."""

from __future__ import annotations

from assistant.records import Article, Chunk, Hit


def make_hit(path: str, text: str, title: str = "Title", publisher: str | None = "Outlet",
             published: str | None = "2016-01-15") -> Hit:  # fmt: skip
    article = Article(path=path, title=title, text=text, content_hash="h", publisher=publisher,
                      published=published)  # fmt: skip
    return Hit(Chunk(0, path, 0, len(text), text), article, 1.0, 0.5, None)


def make_pdf(lines: list[str], title: str = "", author: str = "", date: str = "") -> bytes:
    """A small valid PDF with one page of text lines and an info dictionary."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({escape(line)}) '" for line in lines)
    stream += " ET"
    info = f"<< /Title ({escape(title)}) /Author ({escape(author)}) /CreationDate (D:{date}) >>"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        info,
    ]
    output, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output.encode("latin-1")))
        output += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(output.encode("latin-1"))
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    output += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
    output += f"startxref\n{xref}\n%%EOF\n"
    return output.encode("latin-1")


# An article no seed article resembles: a question about it is answered only once it is indexed.
MAROVO_QUESTION = "How many fishing boats were seized in Marovo harbour?"
MAROVO_ARTICLE = """---
title: Fishing fleet seized in Marovo harbour
outlet: Coastal Gazette
date: 2019-03-04
---
The harbour authority of Marovo seized 37 fishing boats on Monday after inspectors found nets
below the legal mesh size.
"""
