"""Citation markers: [n] parsed, normalised, and resolved to the passages they name.

A marker is kept only when it names a passage that was actually given to the model. Refusals
("NOT IN ARTICLES", "the passages do not say") are recognised here too. The grounded pipeline
writes its own markers (answering/compose.py); this module serves the baseline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.chunking import sentence_spans
from assistant.lexical import terms
from assistant.records import Citation, Hit

# "[1]", "[1, 2]", "[1][3]", "[Passage 2]" (small models vary the form).
MARKER = re.compile(r"\[\s*(?:passages?\s*)?(\d+(?:\s*(?:,|;|and|-)\s*\d+)*)\s*\]", re.IGNORECASE)
REFUSAL = re.compile(
    r"not in (the )?articles|(passages|articles|context|text|sources?) (do|does|did) not "
    r"(say|mention|contain|answer|provide|state|include)|(cannot|can't|can not|unable to) "
    r"(answer|find|determine|say)|no (relevant )?information|not (mentioned|provided|stated)|"
    r"i don't know|i do not know",
    re.IGNORECASE,
)

# An article's own reference marks ("…42 million euros.[3]", "[12]", "[a]", "[citation needed]"):
# quoted or shown to the model, they would read as our citation markers.
FOOTNOTE = re.compile(r"[ \t]?\[(?:\d{1,3}|[a-z]|citation needed|note \d{1,3})\]", re.IGNORECASE)


def without_footnotes(text: str) -> str:
    """Article text with its own reference marks removed: what is quoted or given to the model."""
    return FOOTNOTE.sub("", text)


@dataclass(frozen=True)
class CitedText:
    text: str
    citations: tuple[Citation, ...]


def is_refusal(text: str) -> bool:
    """Did the model say that the passages do not answer?"""
    return bool(REFUSAL.search(text)) or not MARKER.sub("", text).strip()


def normalise_markers(text: str, passage_count: int) -> str:
    """Rewrite every marker as [n][m]; drop numbers that name no passage, and empty markers."""

    def rewrite(match: re.Match[str]) -> str:
        numbers = [int(number) for number in re.findall(r"\d+", match.group(1))]
        valid = [number for number in dict.fromkeys(numbers) if 1 <= number <= passage_count]
        return "".join(f"[{number}]" for number in valid)

    cleaned = MARKER.sub(rewrite, text)
    return re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip()


def cited_numbers(text: str) -> list[int]:
    return list(dict.fromkeys(int(number) for number in re.findall(r"\[(\d+)\]", text)))


def best_quote(passage: str, claims: list[str]) -> str:
    """The sentence of the passage that best supports the claims citing it; the whole passage
    when no sentence shares a content word with them."""
    claim_terms = set(terms(" ".join(claims)))
    best_shared, best = 0, passage
    for span in sentence_spans(passage):
        sentence = passage[span.start : span.end]
        shared = len(set(terms(sentence)) & claim_terms)
        if shared > best_shared:
            best_shared, best = shared, sentence
    return best


def resolve_citations(text: str, hits: list[Hit]) -> CitedText:
    """Check and resolve the markers of a raw generated answer (the baseline pipeline; the
    grounded one composes its markers itself, see answering/compose.py)."""
    cleaned = normalise_markers(text, len(hits))
    claims_by_number: dict[int, list[str]] = {}
    for span in sentence_spans(cleaned):
        sentence = cleaned[span.start : span.end]
        for number in cited_numbers(sentence):
            claims_by_number.setdefault(number, []).append(MARKER.sub("", sentence))
    citations = []
    for number in cited_numbers(cleaned):
        hit = hits[number - 1]
        citations.append(
            Citation(
                number=number,
                path=hit.article.path,
                title=hit.article.title,
                publisher=hit.article.publisher,
                published=hit.article.published,
                quote=best_quote(hit.chunk.text, claims_by_number.get(number, [cleaned])),
            )
        )
    return CitedText(cleaned, tuple(citations))
