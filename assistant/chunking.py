"""Sentence-aware chunking bounded by the embedding model's word-piece limit.

all-MiniLM-L6-v2 silently truncates input after 256 word pieces, so a chunk that is too long
loses its end from the index. Chunks are therefore built from whole sentences and measured with
the embedder's own tokenizer, title included, because the title is embedded with every chunk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sentencex import segment

from assistant.records import Article, Chunk

TokenCounter = Callable[[str], int]
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# "an 11. 6 pct stake": a stray space in a decimal, not the end of a sentence.
BROKEN_DECIMAL = re.compile(r"\d\.$")
SPECIAL_TOKENS = 2  # [CLS] and [SEP], added by the embedder to every input


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Unit:
    """A sentence (or a piece of an over-long one) with its word-piece count."""

    start: int
    end: int
    tokens: int


def sentence_spans(text: str) -> list[Sentence]:
    """Sentences of `text` as character spans; a paragraph break always ends a sentence."""
    spans: list[Sentence] = []
    for paragraph_start, paragraph in _paragraphs(text):
        cursor = 0
        for sentence in segment("en", paragraph):
            stripped = sentence.strip()
            if not stripped:
                continue
            found = paragraph.find(stripped, cursor)
            if found < 0:  # the segmenter changed the text; fall back to the paragraph's remainder
                spans.append(Sentence(paragraph_start + cursor, paragraph_start + len(paragraph)))
                break
            end = paragraph_start + found + len(stripped)
            if (
                spans
                and spans[-1].start >= paragraph_start
                and stripped[0].isdigit()
                and BROKEN_DECIMAL.search(text[: spans[-1].end])
            ):
                spans[-1] = Sentence(spans[-1].start, end)
            else:
                spans.append(Sentence(paragraph_start + found, end))
            cursor = found + len(stripped)
    return spans


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip():
            yield start, text[start : match.start()]
        start = match.end()
    if text[start:].strip():
        yield start, text[start:]


def embedding_text(title: str, chunk_text: str) -> str:
    """What is embedded for a chunk: the article title gives every chunk its topic."""
    return f"{title}\n{chunk_text}"


def chunk_article(
    article: Article,
    count_tokens: TokenCounter,
    max_tokens: int,
    overlap_sentences: int,
    first_id: int = 0,
) -> list[Chunk]:
    """Cut an article into chunks of whole sentences, each within `max_tokens` with its title.

    `count_tokens` counts word pieces without the [CLS]/[SEP] markers, so a chunk's count is
    the sum of its sentences' counts (WordPiece splits at white space first). Consecutive chunks
    share `overlap_sentences` sentences so that a fact split across a boundary is whole in one
    chunk. A single sentence longer than the budget is cut at word breaks.
    """
    budget = max_tokens - SPECIAL_TOKENS - count_tokens(embedding_text(article.title, ""))
    if budget < 16:
        budget = max_tokens // 2  # an absurdly long title: do not let it starve the text
    units = _fit_units(article.text, sentence_spans(article.text), count_tokens, budget)
    chunks: list[Chunk] = []
    index = 0
    while index < len(units):
        end_index = _extend(units, index, budget)
        start, end = units[index].start, units[end_index - 1].end
        chunks.append(
            Chunk(first_id + len(chunks), article.path, start, end, article.text[start:end])
        )
        if end_index >= len(units):
            break
        index = max(index + 1, end_index - overlap_sentences)
    return chunks


def _extend(units: list[Unit], index: int, budget: int) -> int:
    """The end (exclusive) of the longest run of units from `index` that fits the budget."""
    total = units[index].tokens
    end_index = index + 1
    while end_index < len(units) and total + units[end_index].tokens <= budget:
        total += units[end_index].tokens
        end_index += 1
    return end_index


def _fit_units(
    text: str, sentences: list[Sentence], count_tokens: TokenCounter, budget: int
) -> list[Unit]:
    """Sentences with their token counts; a sentence over the budget is cut into word runs."""
    units: list[Unit] = []
    for sentence in sentences:
        tokens = count_tokens(text[sentence.start : sentence.end])
        if tokens <= budget:
            units.append(Unit(sentence.start, sentence.end, tokens))
            continue
        words = [
            Unit(
                sentence.start + match.start(),
                sentence.start + match.end(),
                count_tokens(match.group()),
            )
            for match in re.finditer(r"\S+", text[sentence.start : sentence.end])
        ]
        index = 0
        while index < len(words):
            end_index = _extend(words, index, budget)
            pieces = words[index:end_index]
            units.append(
                Unit(pieces[0].start, pieces[-1].end, sum(piece.tokens for piece in pieces))
            )
            index = end_index
    return units
