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
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

# Part of the index recipe: a change of tokenization must rebuild the index, never mix.
TOKENIZER_VERSION = 3
# Numbers keep their digits whole ("5,662" -> "5662", "4.9"); other words need two characters.
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w\w+")
UNITED_STATES = re.compile(r"\bU\.S\.(?=\W|$)|\bU\.S\b|\bUS\b")
# Function words, question words, verbs of reporting and the words people use to talk about the
# articles themselves: none of them says what a question is about.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom whose why will with would you your yours yourself
    many much may might must shall us per yet whether according said say says told tell
    article articles passage passages quoted quote mention mentioned mentions text report's
    date day year kind kinds type types name named exactly get got give make long count
    """.split()
)
# Irregular forms the stemmer does not join to their verb ("began" and "begin").
IRREGULAR = {
    "began": "begin", "begun": "begin", "spoke": "speak", "spoken": "speak", "took": "take",
    "taken": "take", "gave": "give", "given": "give", "made": "make", "went": "go", "gone": "go",
    "won": "win", "led": "lead", "shot": "shoot", "fought": "fight", "brought": "bring",
    "thought": "think", "sought": "seek", "struck": "strike", "fled": "flee", "held": "hold",
    "met": "meet", "paid": "pay", "sold": "sell", "bought": "buy", "built": "build", "rose": "rise",
    "risen": "rise", "fell": "fall", "fallen": "fall", "knew": "know", "known": "know",
    "chose": "choose", "chosen": "choose", "drew": "draw", "grew": "grow", "wrote": "write",
    "written": "write", "ran": "run", "saw": "see", "seen": "see", "came": "come",
    "became": "become", "kept": "keep", "lost": "lose", "sent": "send", "spent": "spend",
    "stood": "stand",
    # A nationality matches its country: "Russian officials" answer "What did Russia claim?"
    "russian": "russia", "russians": "russia", "syrian": "syria", "syrians": "syria",
    "american": "america", "americans": "america", "iranian": "iran", "iraqi": "iraq",
    "turkish": "turkey", "british": "britain", "french": "france", "german": "germany",
    "chinese": "china", "israeli": "israel", "ukrainian": "ukraine", "european": "europe",
    "egyptian": "egypt", "afghan": "afghanistan", "pakistani": "pakistan", "indian": "india",
    "japanese": "japan", "italian": "italy", "spanish": "spain", "polish": "poland",
    "lebanese": "lebanon", "jordanian": "jordan", "libyan": "libya", "yemeni": "yemen",
    "hurt": "injure", "wounded": "injure",
    # News reports one event as deaths, killings or the dead: one term for all of them.
    "kill": "death", "kills": "death", "killed": "death", "killing": "death", "killings": "death",
    "die": "death", "dies": "death", "died": "death", "dying": "death", "dead": "death",
    "deaths": "death",
}  # fmt: skip


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

    def knows(self, term: str) -> bool:
        """Is the term, or a term sharing its first five letters ("marcher", "march"), indexed?"""
        if term in self._frequencies:
            return True
        if len(term) < 5:
            return False
        if self._sorted_terms is None:
            self._sorted_terms = sorted(self._frequencies)
        prefix = term[:5]
        position = bisect.bisect_left(self._sorted_terms, prefix)
        return position < len(self._sorted_terms) and self._sorted_terms[position].startswith(
            prefix
        )

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
