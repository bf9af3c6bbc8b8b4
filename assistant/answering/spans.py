"""Spans of a sentence that can answer a question of some kind: figures, dates, names, reasons.

Found by the shape of English text (digits and units, month names, capitalised runs, words that
introduce a cause), never by a list of topic words. A span the question itself contains is not
an answer to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language import (
    CURRENCY_SIGNS,
    MONTHS,
    NUMBER_UNITS,
    NUMBER_WORDS,
    REASON_WORDS,
    WEEKDAYS,
)
from assistant.lexical import STOPWORDS, terms

_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_UNIT = rf"(?:\s?(?:{NUMBER_UNITS})(?!\w))"
FIGURE = re.compile(
    rf"(?:[{CURRENCY_SIGNS}]|\b[A-Z]{{1,3}}\$|\b)"  # "$", "A$" or a word start
    rf"(?:\d[\d,]*(?:\.\d+)?(?:-\d/\d|\s\d/\d)?|\b(?:{_NUMBER_WORD})\b)"
    rf"(?:{_UNIT}{{1,3}}|(?=\W|$))"
    rf"(?:\s(?:a|per)\s(?:share|barrel|tonne|ton|lb|pound|ounce|day|year|month|week)\b)?",
    re.IGNORECASE,
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = re.compile(
    rf"\b(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})\.?(?:,?\s+(?:19|20)\d\d)?|"
    rf"(?:early |mid-?|late |end of |end-)?(?:{_MONTH})\.?(?:\s+(?:19|20)\d\d)?|"
    rf"(?:19|20)\d\d(?:/\d\d)?|{'|'.join(WEEKDAYS)}|(?:next|last|this) (?:week|month|year))\b",
    re.IGNORECASE,
)
NAME_WORD = r"[A-Z][\w&'’.-]*"
NAME = re.compile(rf"{NAME_WORD}(?:\s+(?:(?:of|de|du|von|van|and|&|for)\s+)?{NAME_WORD})*")
REASON = re.compile(
    r"\b(?:" + "|".join(re.escape(word) for word in REASON_WORDS) + r")\b[^.;]*", re.IGNORECASE
)


# A wire dateline opening a story ("SALVADOR, Feb 26 -", "WASHINGTON (AP) —"): its date and
# place say where the story was filed, never what a question asks about.
DATELINE = re.compile(
    r"^[A-Z][A-Za-z .,'’()-]{1,60}?(?:,\s*\w+\.? \d{1,2})?\s*(?:\([\w ]+\)\s*)?[-—–]+\s"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def typed_spans(sentence: str, kind: str, question: str) -> list[Span]:
    """Spans of `sentence` of the kind asked that the question does not already contain."""
    if kind == "figure":
        found = _figures(sentence)
    elif kind == "date":
        found = _matches(DATE, sentence)
    elif kind in ("name", "place"):
        found = _names(sentence)
    elif kind == "reason":
        found = _matches(REASON, sentence)
    else:
        found = _figures(sentence) + _names(sentence) + _matches(DATE, sentence)
    dateline = DATELINE.match(sentence)
    skip = dateline.end() if dateline else 0
    return [span for span in found if span.start >= skip and not _in_question(span.text, question)]


def _figures(sentence: str) -> list[Span]:
    spans = []
    for match in FIGURE.finditer(sentence):
        text = match.group(0).strip().rstrip(".,")
        if not re.search(r"\d|[a-z]", text, re.I):
            continue
        digits = re.sub(r"\D", "", text)
        plain_year = re.fullmatch(r"(19|20)\d\d", text) is not None
        if plain_year or (not digits and not re.search(_UNIT, text, re.I)):
            continue  # a year is a date; "one" alone is rarely the figure asked
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
        spans.append(Span(start, start + len(text), text))
    return spans


def _names(sentence: str) -> list[Span]:
    spans = []
    for match in NAME.finditer(sentence):
        words = match.group(0).rstrip(".,'’").split()
        if all(word.lower().rstrip(".") in MONTHS or word.lower() in WEEKDAYS for word in words):
            continue
        if len(words) == 1 and (
            words[0].lower() in STOPWORDS or (match.start() == 0 and not _looks_like_name(words[0]))
        ):
            continue  # "The", "We", "Analysts": capitalised by their place, not names
        text = " ".join(words)
        spans.append(Span(match.start(), match.start() + len(text), text))
    return spans


def _looks_like_name(word: str) -> bool:
    return (
        sum(char.isupper() for char in word) > 1
        or not terms(word)
        or len(word) > 3
        and (
            word.lower() not in {"the", "this", "that", "these", "those", "there", "their", "they"}
            and not word.lower().endswith(("ing", "ed", "ly", "s"))
        )
    )


def _matches(pattern: re.Pattern[str], sentence: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group(0).strip()) for m in pattern.finditer(sentence)
            if m.group(0).strip()]  # fmt: skip


def _in_question(span: str, question: str) -> bool:
    """Is the span (by its words and numbers) already said by the question?"""
    span_terms = set(terms(span))
    if not span_terms:
        return span.lower() in question.lower()
    return span_terms <= set(terms(question))


def best_span(spans: list[Span], sentence: str, question: str) -> Span | None:
    """The span nearest to the words the sentence shares with the question: in "X rose 15% to
    £546m, while Y fell 2%", the figure next to what was asked."""
    if not spans:
        return None
    asked = set(terms(question))
    anchors = [m.start() for m in re.finditer(r"\w+", sentence) if set(terms(m.group(0))) & asked]
    if not anchors:
        return spans[0]

    # "rose 15% to £546m": the level reached ("to"), unless the question asks by how much.
    preferred = "by" if re.search(r"\bby (how much|what)\b", question, re.I) else "to"

    def distance(span: Span) -> tuple[int, int, int]:
        before = sentence[max(0, span.start - 4) : span.start].lower().split()
        marked = 0 if before and before[-1] == preferred else 1
        nearest = min(abs(anchor - span.start) for anchor in anchors)
        return marked, nearest, -len(span.text)

    return min(spans, key=distance)
