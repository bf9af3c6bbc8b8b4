"""The small frozen records that the stages hand each other."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceSpan:
    """A run of `Article.text` that was copied unchanged from the file: where it sits in both."""

    text_start: int
    file_start: int
    length: int


@dataclass(frozen=True)
class Article:
    """One parsed article. `text` is the cleaned body; chunk spans index into it."""

    path: str  # relative to the corpus folder, with forward slashes
    title: str
    text: str
    content_hash: str
    publisher: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    byline: str | None = None
    standfirst: str | None = None
    source_spans: tuple[SourceSpan, ...] = ()

    def file_offset(self, text_offset: int) -> int | None:
        """Map an offset in `text` back to the decoded file, so a passage can be found there."""
        for span in self.source_spans:
            if span.text_start <= text_offset <= span.text_start + span.length:
                return span.file_start + (text_offset - span.text_start)
        return None


@dataclass(frozen=True)
class Chunk:
    """A passage of an article: `article.text[start:end] == text`."""

    id: int
    path: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SentenceVector:
    """A sentence of an article (`article.text[start:end]`) and its embedding, made at index
    time so that choosing evidence sentences costs no embedding per question."""

    path: str
    start: int
    end: int
    vector: Any  # numpy array, unit length


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with the scores that ranked it."""

    chunk: Chunk
    article: Article
    score: float  # fused score after diversification
    dense_score: float | None  # cosine similarity, None when dense search did not find it
    lexical_score: float | None  # BM25 score, None when lexical search did not find it


@dataclass(frozen=True)
class Passage:
    """A numbered passage as shown to the model: [rank] in the prompt."""

    rank: int
    path: str
    text: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Citation:
    """A [number] marker of the answer, resolved to its article and quoted passage."""

    number: int
    path: str
    title: str
    publisher: str | None
    published: str | None
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Claim:
    """One claim of a gathered answer: who made it, when and where it was reported, the quote,
    and the answer's citation numbers for it."""

    speaker: str | None  # None: the outlet's own reporting
    description: str | None  # what the articles call the speaker ("Defence Ministry spokesman")
    date: str | None  # the article's date (YYYY-MM-DD), or YYYY-MM read from its text
    outlet: str | None
    text: str
    citations: tuple[int, ...]
    group: int = 0  # claims of one speaker share a group number, in the answer's order

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["citations"] = list(self.citations)
        return data


@dataclass(frozen=True)
class Disagreement:
    """Cited sources giving different figures for one quantity."""

    about: str  # what the figures count: "civilians"
    text: str  # the line as the answer says it
    figures: tuple[tuple[str, str, int], ...]  # (whose, figure as written, citation number)

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "text": self.text,
            "figures": [
                {"source": whose, "figure": figure, "citation": number}
                for whose, figure, number in self.figures
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Disagreement:
        figures = tuple(
            (str(item["source"]), str(item["figure"]), int(item["citation"]))
            for item in data.get("figures", [])
        )
        return cls(str(data["about"]), str(data["text"]), figures)


@dataclass(frozen=True)
class Timings:
    retrieve_s: float = 0.0
    first_token_s: float = 0.0
    total_s: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return {key: round(value, 4) for key, value in asdict(self).items()}


@dataclass(frozen=True)
class Answer:
    """What `answer()` returns; `to_dict()` is the JSON contract of GUIDE.md."""

    question: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    passages: tuple[Passage, ...] = ()
    timings: Timings = field(default_factory=Timings)
    # When abstained: the plain statement, without the closest articles the text names (the UI
    # shows those from `passages`). Not part of the JSON contract.
    refusal: str | None = None
    # A gathered answer's claims, grouped and dated, and the figures its sources disagree on.
    # Extra fields of the JSON contract: empty lists for a one-fact answer.
    claims: tuple[Claim, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "text": self.text,
            "abstained": self.abstained,
            "citations": [citation.to_dict() for citation in self.citations],
            "passages": [passage.to_dict() for passage in self.passages],
            "timings": self.timings.to_dict(),
            "claims": [claim.to_dict() for claim in self.claims],
            "disagreements": [item.to_dict() for item in self.disagreements],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], refusal: str | None = None) -> Answer:
        """The Answer that `to_dict()` gave (a saved conversation read back)."""
        return cls(
            question=str(data["question"]),
            text=str(data["text"]),
            abstained=bool(data["abstained"]),
            citations=tuple(Citation(**item) for item in data.get("citations", [])),
            passages=tuple(Passage(**item) for item in data.get("passages", [])),
            timings=Timings(**data.get("timings", {})),
            refusal=refusal,
            claims=tuple(
                Claim(**{**item, "citations": tuple(item.get("citations", []))})
                for item in data.get("claims", [])
            ),
            disagreements=tuple(Disagreement.from_dict(d) for d in data.get("disagreements", [])),
        )


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass(frozen=True)
class IndexReport:
    """What `build_index()` did; `to_dict()` is the `assistant index --json` contract."""

    added: int
    updated: int
    removed: int
    unchanged: int
    skipped: tuple[SkippedFile, ...]
    articles: int
    chunks: int
    seconds: float
    embedded_chunks: int = 0  # not in the JSON contract; tells tests and logs what was re-embedded

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": [asdict(skipped) for skipped in self.skipped],
            "articles": self.articles,
            "chunks": self.chunks,
            "seconds": round(self.seconds, 3),
        }
