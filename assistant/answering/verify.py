"""Verification: nothing the model writes reaches the reader unless the evidence says it.

The model's part of an answer is a short span (a figure, a name, a date, a phrase). It is kept
only when it is, word for word, a span of the evidence it will be cited with, when it is of the
kind asked, and when it is not something the question already says (an echo of the question is
never an answer). A span found in other evidence than the model's is cited with that evidence.
"""

from __future__ import annotations

import re

from assistant.answering.question import echoes, names_in
from assistant.answering.spans import typed_spans
from assistant.lexical import terms

MAX_SPAN_WORDS = 14


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()


def locate(span: str, sources: list[str]) -> int | None:
    """Index of the first source that holds `span` word for word (case and spacing aside)."""
    wanted = normalise(span).strip(" .,;:\"'")
    if not wanted:
        return None
    pattern = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)")
    for number, source in enumerate(sources):
        if pattern.search(normalise(source)):
            return number
    return None


def acceptable_span(span: str, kind: str, question: str) -> bool:
    """A short span of the asked kind that is not the question's own words."""
    words = span.split()
    if not words or len(words) > MAX_SPAN_WORDS or echoes(span, question):
        return False
    if kind in ("figure", "date", "name", "place"):
        return bool(typed_spans(span, kind, question))
    # "How did Konashenkov describe them?" is not answered by "Major-General Igor Konashenkov":
    # a phrase naming whom the question names is its subject, not what it asks.
    asked_names = set(terms(" ".join(names_in(question))))
    return not set(terms(span)) & asked_names
