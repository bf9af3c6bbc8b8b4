"""Article files in, `Article` records out: decoding, metadata and web boilerplate removal.

News articles pasted from web pages carry a recognisable header (title, standfirst, byline, date)
and debris (comment-forum prompts, photo credits, captions shown twice, "Related News:"). The
parser keeps every paragraph it does not recognise as debris, and remembers where each kept
paragraph sits in the file so that a cited passage can be found there again.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, replace
from pathlib import Path

from dateutil import parser as date_parser

from assistant.errors import ArticleError
from assistant.files import read_text
from assistant.records import Article, SourceSpan
from assistant.webpage import HTML_SUFFIXES, page_to_text

# Whole lines that are page furniture, never article text (matched case-insensitively).
BOILERPLATE_LINES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"comments?",
        r"join our commenting forum",
        r"join thought-provoking conversations.*",
        r"thank you for registering",
        r"please refresh the (page|browser).*",
        r"related (news|articles?|stories|content|coverage)\s*:?",
        r"(read more|see also|more on this story|advertisement|share this( article)?)\s*:?",
        r"(sign up|subscribe|log in|register) (to|for|now).{0,60}",
        r"(photo|image|picture)s?( by| credit| source)?\s*:.{0,60}",
        r"(?-i:\([A-Z][\w .&/-]{0,30}\))",  # a photo or agency credit alone on a line: "(Reuters)"
        r"(?-i:[A-Z]{2,5}(/[A-Z]{2,5})?)",  # an agency's initials alone on a line: "AFP", "AP/EPA"
    )
)
# A trailing credit such as "(Reuters)" that makes a repeated caption look different.
TRAILING_CREDIT = re.compile(r"\s*\([A-Z][\w .&/-]{0,30}\)\s*$")
# Lines that name the outlet, e.g. "TRTWorld and agencies" or a forum prompt naming its readers.
PUBLISHER_SIGNATURES = (
    re.compile(r"^(?P<name>[\w .&'-]{2,40}?) and agencies\.?$", re.IGNORECASE),
    re.compile(r"follow other (?P<name>[\w .&'-]{2,40}?) readers", re.IGNORECASE),
)
# A wire story's closing signature: the agency's name alone on the last line ("Reuter").
WIRE_SIGNATURE = re.compile(r"^[A-Z][A-Za-z]{1,15}$")
MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_PATTERN = re.compile(
    rf"(\b\d{{1,2}}\s+{MONTH}\s+\d{{4}}\b|\b{MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b)",
    re.IGNORECASE,
)
# A dateline opening a wire story: "SALVADOR, Feb 26 - ..." (the year comes from elsewhere).
DATELINE = re.compile(
    rf"^[A-Z][A-Z .,'’()-]{{1,60}}?,?\s+(?P<date>{MONTH}\s+\d{{1,2}})\s*[-—–]", re.IGNORECASE
)
ISO_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(\b|T)")
FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.DOTALL)
FRONT_MATTER_KEYS = {
    "title": "title",
    "publisher": "publisher",
    "outlet": "publisher",
    "source": "publisher",
    "author": "byline",
    "byline": "byline",
    "date": "published",
    "published": "published",
}
SIGNATURE_MAX_WORDS = 30
HEADER_LINES = 8  # byline and date are looked for only this close to the title
SENTENCE_END = re.compile(r"[.!?\"'”’:)]$")
WRAPPED_LINE = 50  # characters: a line this long without a full stop is wrapped text, not a heading
PARSER_VERSION = 2  # 2: hard-wrapped lines joined; recorded in the index recipe


@dataclass(frozen=True)
class Line:
    text: str  # stripped
    file_start: int  # offset of the stripped text in the decoded file


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_article(path: Path, corpus_dir: Path, max_bytes: int) -> Article:
    """Read and parse one file; its `path` is relative to the corpus folder."""
    text = read_text(path, max_bytes)
    relative = path.relative_to(corpus_dir).as_posix()
    return parse_file_text(text, relative)


def parse_file_text(text: str, path: str) -> Article:
    """Parse a decoded file by its type: web pages are extracted first, text is read as is."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":  # `text` is already extracted (see document_text)
        return replace(parse_article(text, path), source_spans=())
    if suffix not in HTML_SUFFIXES:
        return parse_article(text, path)
    article = parse_article(page_to_text(text), path)
    # Offsets would point into the extracted text, not into the HTML file: keep none.
    return replace(article, content_hash=content_hash(text), source_spans=())


def parse_article(text: str, path: str) -> Article:
    """Parse decoded article text into an Article (see the module docstring)."""
    metadata, lines = _split_front_matter(text)
    lines = [line for line in lines if line.text]
    if not lines:
        raise ArticleError("file has no text")
    # "&#163;1.8m" in a title copied from a page's source is "£1.8m" to a reader.
    title = html.unescape(metadata.get("title") or lines[0].text)
    body = lines if "title" in metadata else lines[1:]
    if not body and _is_text(lines[0].text):
        # One paragraph and nothing else: it is the article; its first words make the title.
        title, body = _title_from(lines[0].text), lines
    header = _read_header(body[:HEADER_LINES])
    publisher = metadata.get("publisher") or _find_publisher(body) or _wire_signature(body)
    kept = _drop_debris([line for line in body if line not in header.consumed])
    if not kept and _is_text(title) and "title" not in metadata:
        title, kept = _title_from(title), lines[:1]
    if not kept:
        raise ArticleError("file has a title but no article text")
    article_text, spans = _join_paragraphs(kept, text)
    return Article(
        path=path,
        title=title,
        text=article_text,
        content_hash=content_hash(text),
        publisher=publisher,
        published=_iso_date(metadata.get("published"))
        or header.published
        or _dateline_date(kept, header.published),
        byline=_byline(metadata.get("byline") or header.byline),
        standfirst=header.standfirst,
        source_spans=spans,
    )


def _byline(value: str | None) -> str | None:
    """The author's name alone: "By Jane Roe" and "Jane Roe" are both kept as "Jane Roe"."""
    if not value:
        return None
    return re.sub(r"^by\s+", "", value.strip(), flags=re.IGNORECASE) or None


def _is_text(line: str) -> bool:
    """A sentence or paragraph of text rather than a heading: it ends like a sentence, or it
    is too long for a title."""
    return bool(SENTENCE_END.search(line)) and len(line.split()) >= 6 or len(line.split()) > 25


def _title_from(text: str, words: int = 12) -> str:
    """A title for a text that has none: its first sentence, cut to `words` words."""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    cut = first.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")


def _wire_signature(lines: list[Line]) -> str | None:
    """The agency that signs a wire story on its last line ("Reuter", "REUTER"), as written."""
    if len(lines) < 2 or not WIRE_SIGNATURE.match(lines[-1].text):
        return None
    word = lines[-1].text
    return word if not word.isupper() else word.capitalize()


def _dateline_date(lines: list[Line], known: str | None) -> str | None:
    """The date a dateline gives ("SALVADOR, Feb 26 -"), when a year can be had: from a year
    named in the text. A dateline alone has no year, so none is guessed."""
    if known or not lines:
        return None
    match = DATELINE.match(lines[0].text)
    year = re.search(r"\b(19|20)\d\d\b", " ".join(line.text for line in lines))
    if not match or not year:
        return None
    return _iso_date(f"{match.group('date')} {year.group(0)}")


def _split_front_matter(text: str) -> tuple[dict[str, str], list[Line]]:
    """An optional `---` block of `key: value` lines, then the article's lines with offsets."""
    metadata: dict[str, str] = {}
    offset = 0
    match = FRONT_MATTER.match(text)
    if match:
        for raw_line in match.group("body").splitlines():
            key, _, value = raw_line.partition(":")
            field = FRONT_MATTER_KEYS.get(key.strip().lower())
            if field and value.strip():
                metadata[field] = value.strip().strip("\"'")
        offset = match.end()
    lines = []
    for raw_line in text[offset:].split("\n"):
        stripped = raw_line.strip()
        lead = len(raw_line) - len(raw_line.lstrip())
        lines.append(Line(stripped, offset + lead))
        offset += len(raw_line) + 1
    return metadata, lines


@dataclass(frozen=True)
class Header:
    standfirst: str | None
    byline: str | None
    published: str | None
    consumed: tuple[Line, ...]  # byline and date lines, which are metadata rather than text


def _read_header(lines: list[Line]) -> Header:
    byline = published = None
    consumed: list[Line] = []
    for index, line in enumerate(lines):
        if published is None and _is_date_line(line.text):
            published = _iso_date(DATE_PATTERN.search(line.text).group(0))
            consumed.append(line)
            previous = lines[index - 1] if index else None
            if previous is not None and _looks_like_name(previous.text):
                byline = previous.text
                consumed.append(previous)
        elif (
            byline is None
            and line.text.lower().startswith("by ")
            and _looks_like_name(line.text[3:])
        ):
            byline = line.text[3:].strip()
            consumed.append(line)
    first = lines[0] if lines else None
    standfirst = None
    if first is not None and first not in consumed and not _is_boilerplate(first.text):
        standfirst = first.text
    return Header(standfirst, byline, published, tuple(consumed))


def _is_date_line(text: str) -> bool:
    return len(text) <= 60 and DATE_PATTERN.search(text) is not None


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        1 < len(words) <= 5
        and all(word[:1].isupper() for word in words)
        and not SENTENCE_END.search(text)
    )


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    if ISO_DATE.match(value):  # "2016-02-03" or "2016-02-03T10:00:00Z": never day-first
        return value[:10]
    try:
        return date_parser.parse(value, fuzzy=True, dayfirst=True).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _find_publisher(lines: list[Line]) -> str | None:
    for line in reversed(lines):
        for signature in PUBLISHER_SIGNATURES:
            match = signature.search(line.text)
            if match:
                return _outlet_name(match.group("name"))
    return None


def _outlet_name(raw: str) -> str:
    # "TRTWorld" -> "TRT World": split a run of capitals from the capitalised word after it.
    return re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", raw.strip())


def _is_boilerplate(text: str) -> bool:
    if any(pattern.fullmatch(text) for pattern in BOILERPLATE_LINES):
        return True
    # A signature names the outlet in a short line of its own; inside a long paragraph (an
    # article pasted as one line) it must not take the paragraph's text with it.
    return len(text.split()) <= SIGNATURE_MAX_WORDS and any(
        signature.search(text) for signature in PUBLISHER_SIGNATURES
    )


def _drop_debris(lines: list[Line]) -> list[Line]:
    """Remove page furniture, repeated captions, and short label lines trailing the article."""
    kept: list[Line] = []
    seen: set[str] = set()
    for line in lines:
        if _is_boilerplate(line.text):
            continue
        key = " ".join(TRAILING_CREDIT.sub("", line.text).lower().split())
        if key in seen:
            continue
        seen.add(key)
        kept.append(line)
    while kept and len(kept[-1].text.split()) <= 4 and not SENTENCE_END.search(kept[-1].text):
        kept.pop()
    return kept


def _join_paragraphs(lines: list[Line], source: str) -> tuple[str, tuple[SourceSpan, ...]]:
    """The article text: a paragraph a line, except that a hard-wrapped line goes on with the
    line after it ("… the bank would open" / "14 new branches in 2016."), joined by a space."""
    text = ""
    spans: list[SourceSpan] = []
    previous: Line | None = None
    for line in lines:
        if text:
            text += " " if previous is not None and _wrapped(previous, line, source) else "\n\n"
        spans.append(SourceSpan(len(text), line.file_start, len(line.text)))
        text += line.text
        previous = line
    return text, tuple(spans)


def _wrapped(line: Line, following: Line, source: str) -> bool:
    """Does `following` continue `line` in a hard-wrapped paragraph? Only when it is the very
    next line of the file (`source`, no blank line between), `line` does not end a sentence, and
    `following` starts in lower case or with a digit, or `line` is too long for a heading."""
    between = source[line.file_start + len(line.text) : following.file_start]
    adjacent = between.count("\n") == 1 and not between.strip()
    starts_inside = following.text[:1].islower() or following.text[:1].isdigit()
    return (
        adjacent
        and not SENTENCE_END.search(line.text)
        and (starts_inside or len(line.text) >= WRAPPED_LINE)
    )
