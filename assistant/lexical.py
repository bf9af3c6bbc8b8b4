"""BM25 over chunk texts with bm25s, and the term statistics that evidence scoring needs.

One tokenizer serves the index and the queries: lower-cased words of two or more characters,
English stop words removed, Snowball-stemmed.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

import numpy as np

from assistant import language

# Part of the index recipe: a change of tokenization must rebuild the index, never mix.
TOKENIZER_VERSION = 4  # 4: language.py, no corpus-specific word mappings
# Numbers keep their digits whole ("5,662" -> "5662", "4.9"); other words need two characters.
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w\w+")
UNITED_STATES = re.compile(r"\bU\.S\.(?=\W|$)|\bU\.S\b|\bUS\b")
STOPWORDS = language.STOPWORDS | language.FRAMING_WORDS
IRREGULAR = language.IRREGULAR


@cache
def _stemmer():  # noqa: ANN202 - PyStemmer has no type hints
    import Stemmer

    return Stemmer.Stemmer("english")


def terms(text: str) -> list[str]:
    """The stemmed, stop-word-free terms of `text`, in order."""
    words = []
    text = UNITED_STATES.sub("usa", text)  # "US" must not become the stop word "us"
    for token in TOKEN.findall(text.lower().replace("’", "'")):
        if token[0].isdigit():
            words.append(token.replace(",", "").rstrip("."))
        elif token not in STOPWORDS:
            words.append(IRREGULAR.get(token, token))
    return _stemmer().stemWords(words)


class LexicalIndex:
    """A BM25 index over chunk texts, with each term's document frequency."""

    def __init__(self, retriever, size: int, frequencies: dict[str, int]) -> None:  # noqa: ANN001
        self._retriever = retriever
        self.size = size
        self._frequencies = frequencies  # term -> number of chunks holding it
        self._sorted_terms: list[str] | None = None

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        import bm25s

        retriever = bm25s.BM25()
        frequencies: Counter[str] = Counter()
        if texts:
            documents = [terms(text) for text in texts]
            retriever.index(documents, show_progress=False)
            for document in documents:
                frequencies.update(set(document))
        return cls(retriever, len(texts), dict(frequencies))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self.size:
            self._retriever.save(str(folder))
        (folder / "frequencies.json").write_text(json.dumps(self._frequencies))
        (folder / "size.txt").write_text(str(self.size))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        import bm25s

        size = int((folder / "size.txt").read_text())
        retriever = bm25s.BM25.load(str(folder)) if size else bm25s.BM25()
        frequencies = json.loads((folder / "frequencies.json").read_text())
        return cls(retriever, size, frequencies)

    def idf(self, term: str) -> float:
        """Inverse document frequency; a term the corpus never uses weighs the most."""
        return math.log((self.size + 1) / (self._frequencies.get(term, 0) + 0.5))

    def frequency(self, term: str) -> int:
        """How many chunks hold the term."""
        return self._frequencies.get(term, 0)

    def knows(self, term: str) -> bool:
        """Is the term, or a term sharing its first five letters ("marcher", "march"), indexed?"""
        if term in self._frequencies:
            return True
        if len(term) < 5:
            return False
        return next(self.terms_starting(term[:5]), None) is not None

    def terms_starting(self, prefix: str) -> Iterator[str]:
        """The indexed terms that start with `prefix`, in order, found as they are read."""
        if self._sorted_terms is None:
            self._sorted_terms = sorted(self._frequencies)
        position = bisect.bisect_left(self._sorted_terms, prefix)
        while position < len(self._sorted_terms) and self._sorted_terms[position].startswith(
            prefix
        ):
            yield self._sorted_terms[position]
            position += 1

    def search(
        self, query: str, k: int, allowed: Sequence[int] | None = None
    ) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) pairs, best first, only chunks sharing a term with the query
        (and, when `allowed` is given, only those chunks)."""
        if not self.size or (allowed is not None and not len(allowed)):
            return []
        mask = None
        if allowed is not None:
            mask = np.zeros(self.size, dtype=np.float32)
            mask[np.asarray(allowed, dtype=np.int64)] = 1.0
        # bm25s fails on a term it has never seen; such a term cannot match anyway.
        known = [term for term in terms(query) if term in self._frequencies]
        if not known:
            return []
        documents, scores = self._retriever.retrieve(
            [known], k=min(k, self.size), show_progress=False, n_threads=1, weight_mask=mask
        )
        return [
            (int(document), float(score))
            for document, score in zip(documents[0], scores[0], strict=True)
            if score > 0 and np.isfinite(score)
        ]
