"""BM25 over chunk texts with bm25s: English stop words removed, Snowball-stemmed."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def _tokenizer():  # noqa: ANN202 - bm25s types are not exported
    import bm25s.tokenization
    import Stemmer

    return bm25s.tokenization.Tokenizer(stemmer=Stemmer.Stemmer("english"), stopwords="en")


class LexicalIndex:
    """A BM25 index over stemmed terms; the tokenizer is rebuilt identically on load."""

    def __init__(self, retriever, tokenizer, size: int) -> None:  # noqa: ANN001
        self._retriever = retriever
        self._tokenizer = tokenizer
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        import bm25s

        tokenizer = _tokenizer()
        retriever = bm25s.BM25()
        if texts:
            tokens = tokenizer.tokenize(texts, show_progress=False, return_as="string")
            retriever.index(tokens, show_progress=False)
        return cls(retriever, tokenizer, len(texts))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self.size:
            self._retriever.save(str(folder))
        (folder / "size.txt").write_text(str(self.size))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        import bm25s

        size = int((folder / "size.txt").read_text())
        tokenizer = _tokenizer()
        retriever = bm25s.BM25.load(str(folder)) if size else bm25s.BM25()
        return cls(retriever, tokenizer, size)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) pairs, best first, only chunks sharing a term with the query."""
        if not self.size:
            return []
        tokens = self._tokenizer.tokenize(
            [query], update_vocab=False, show_progress=False, return_as="string"
        )
        # bm25s fails on a term it has never seen; such a term cannot match anyway.
        known = [token for token in tokens[0] if token in self._retriever.vocab_dict]
        if not known:
            return []
        documents, scores = self._retriever.retrieve(
            [known], k=min(k, self.size), show_progress=False, n_threads=1
        )
        return [
            (int(document), float(score))
            for document, score in zip(documents[0], scores[0], strict=True)
            if score > 0 and np.isfinite(score)
        ]
