"""`answer()`: the one place where retrieval, evidence, generation and verification meet.

Two strategies share the stages:
- grounded (default): evidence sentences, abstention decided by the evidence, every generated
  sentence verified before it is streamed, and an extractive answer when nothing survives;
- baseline: the common recipe, kept to measure against: top-k whole chunks in one prompt and the
  model's raw answer, with only its citation markers resolved.
"""

from __future__ import annotations

import re
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, overload

from assistant.citations import is_refusal, resolve_citations
from assistant.config import Settings, get_settings
from assistant.conversation import History, standalone_question
from assistant.embedding import get_embedder
from assistant.errors import IndexIncompatibleError
from assistant.evidence import (
    Evidence,
    answers_kind,
    numbers_found,
    select_evidence,
    unknown_key_terms,
)
from assistant.generation import get_generator
from assistant.index import LoadedIndex, open_index
from assistant.prompting import build_answer_prompt, build_evidence_prompt, prompts_dir
from assistant.records import Answer, Citation, Hit, Passage, Timings
from assistant.retrieval import retrieve
from assistant.verification import Checked, check_sentence, extractive_answer, render, split_claims


@overload
def answer(
    question: str, index_dir: Path | str | None = ..., history: History = ...,
    stream: Literal[False] = ..., **overrides: Any,
) -> Answer: ...  # fmt: skip
@overload
def answer(
    question: str, index_dir: Path | str | None = ..., history: History = ...,
    stream: Literal[True] = ..., **overrides: Any,
) -> AnswerStream: ...  # fmt: skip


def answer(
    question: str,
    index_dir: Path | str | None = None,
    history: History = None,
    stream: bool = False,
    **overrides: Any,
) -> Answer | AnswerStream:
    """Answer `question` from the indexed articles, citing them.

    `history` holds the earlier turns of a chat (dicts with `role`/`content`, or (user, assistant)
    pairs); a follow-up such as "and what did the US say?" is read in its light. `overrides` are
    Settings fields (`top_k=3`, `model_path=...`, `mode="baseline"`). With `stream=True` the
    result is an `AnswerStream`: iterate it for text pieces, then read `.answer`.
    """
    settings = get_settings(index_dir=index_dir, **overrides)
    answer_stream = AnswerStream(question, list(history or []), settings)
    if stream:
        return answer_stream
    for _ in answer_stream:
        pass
    return answer_stream.answer


@dataclass
class AnswerStream:
    """Iterate for the answer's text as it is produced; `.answer` is the final, cited Answer.

    In grounded mode only verified sentences are streamed; the final text may still differ (an
    extractive answer replaces a draft that does not answer the question).
    """

    question: str
    history: list[Any]
    settings: Settings
    _answer: Answer | None = field(default=None, init=False)
    _started: float = field(default=0.0, init=False)
    _first_text: float = field(default=0.0, init=False)

    @property
    def answer(self) -> Answer:
        if self._answer is None:
            for _ in self:  # consume what the caller did not
                pass
        assert self._answer is not None
        return self._answer

    def __iter__(self) -> Iterator[str]:
        if self._answer is not None:
            return
        self._started = time.perf_counter()
        index = open_index(self.settings.index_dir)
        embedder = get_embedder(self.settings.embedding_model)
        _check_embedder(index, embedder.name)
        if self.settings.mode == "baseline":
            yield from self._baseline(index)
        else:
            yield from self._grounded(index)

    def _emit(self, text: str) -> str:
        if not self._first_text:
            self._first_text = time.perf_counter() - self._started
        return text

    def _timings(self, retrieved: float) -> Timings:
        now = time.perf_counter()
        return Timings(retrieved - self._started, self._first_text, now - self._started)

    def _finish(
        self,
        text: str,
        citations: Sequence[Citation],
        passages: Sequence[Passage],
        retrieved: float,
        abstained: bool | None = None,
    ) -> None:
        """Record the final Answer; by default an answer without citations is an abstention."""
        abstained = not citations if abstained is None else abstained
        self._answer = Answer(
            self.question,
            text,
            abstained,
            tuple(citations),
            tuple(passages),
            self._timings(retrieved),
        )

    def _grounded(self, index: LoadedIndex) -> Iterator[str]:
        settings = self.settings
        embedder = get_embedder(settings.embedding_model)
        question = standalone_question(self.question, self.history)
        hits = retrieve(question, index, embedder, settings, top_k=settings.evidence_chunks)
        evidence = select_evidence(
            question, hits, index.lexical, embedder, settings.evidence_count,
            settings.evidence_rerank,
        )  # fmt: skip
        retrieved = time.perf_counter()
        passages = [_passage(rank, item) for rank, item in enumerate(evidence, start=1)]
        reason = abstention_reason(question, evidence, index, settings)
        if reason:
            text = abstention_text([item.hit for item in evidence] or hits, settings)
            yield self._emit(text)
            self._finish(text, [], passages, retrieved)
            return
        checked: list[Checked] = []
        draft = yield from self._verified_stream(question, evidence, checked)
        if not answers_question(question, checked, evidence):
            picks = extractive_picks(question, evidence)
            refused = (
                is_refusal(draft) and evidence[0].coverage < settings.min_coverage_against_refusal
            )
            if refused or not picks:
                text = abstention_text([item.hit for item in evidence], settings)
                yield self._emit(text)
                self._finish(text, [], passages, retrieved)
                return
            text = extractive_answer(evidence, picks)
            yield self._emit(text if not checked else "\n\n" + text)
            checked = []
        else:
            text = " ".join(render(c) for c in checked)
        self._finish(text, _evidence_citations(text, evidence), passages, retrieved)

    def _verified_stream(
        self, question: str, evidence: list[Evidence], checked: list[Checked]
    ) -> Generator[str, None, str]:
        """Generate, and stream each sentence once it is complete and verified."""
        settings = self.settings
        prompt = build_evidence_prompt(
            prompts_dir(settings.prompts_dir), question, evidence, settings.constrain_citations
        )
        generator = get_generator(settings)
        draft = ""
        done = 0  # sentences of the draft already judged
        for piece in generator.stream(prompt, settings.max_answer_tokens, settings.temperature):
            draft += piece
            claims = split_claims(draft)
            for claim in claims[done : len(claims) - 1]:  # the last one may still be growing
                yield from self._judge(claim, evidence, checked)
            done = max(done, len(claims) - 1)
        for claim in split_claims(draft)[done:]:
            yield from self._judge(claim, evidence, checked)
        return draft

    def _judge(self, claim: str, evidence: list[Evidence], checked: list[Checked]) -> Iterator[str]:
        result = check_sentence(claim, evidence)
        if result is not None and result.text not in {c.text for c in checked}:
            checked.append(result)
            yield self._emit((" " if len(checked) > 1 else "") + render(result))

    def _baseline(self, index: LoadedIndex) -> Iterator[str]:
        settings = self.settings
        embedder = get_embedder(settings.embedding_model)
        hits = retrieve(self.question, index, embedder, settings, top_k=settings.top_k)
        retrieved = time.perf_counter()
        passages = [
            Passage(rank, hit.article.path, hit.chunk.text, round(hit.score, 6))
            for rank, hit in enumerate(hits, start=1)
        ]
        prompt = build_answer_prompt(prompts_dir(settings.prompts_dir), self.question, hits)
        draft = ""
        for piece in get_generator(settings).stream(
            prompt, settings.max_answer_tokens, settings.temperature
        ):
            draft += piece
            yield self._emit(piece)
        if is_refusal(draft):
            self._finish(abstention_text(hits, settings), [], passages, retrieved)
            return
        cited = resolve_citations(draft, hits)
        # the baseline keeps the model's raw answer, cited or not
        self._finish(cited.text, cited.citations, passages, retrieved, abstained=False)


def abstention_reason(
    question: str, evidence: list[Evidence], index: LoadedIndex, settings: Settings
) -> str | None:
    """Why the articles cannot answer, judged from the evidence alone; None when they may."""
    if not evidence:
        return "nothing was retrieved"
    if settings.abstain_on_unknown_terms:
        unknown = unknown_key_terms(question, index.lexical)
        if unknown:
            return f"the articles never mention {', '.join(unknown)}"
    best = evidence[0]
    if best.coverage < settings.min_coverage:
        return f"the best evidence covers {best.coverage:.2f} of the question"
    if max(item.similarity for item in evidence) < settings.min_dense_score:
        return "no evidence is similar enough to the question"
    return None


def answers_question(question: str, checked: list[Checked], evidence: list[Evidence]) -> bool:
    """Did the verified sentences answer, from the best evidence, with the kind of thing asked?

    A sentence can be true to its evidence and still miss the question: it may repeat the
    question's own words, or rest on weaker evidence than the best found.
    """
    if not checked:
        return False
    text = " ".join(item.text for item in checked)
    if not answers_kind(question, text):
        return False
    cited = [evidence[number - 1] for number in {n for item in checked for n in item.numbers}]
    return any(
        item.coverage >= 0.9 * evidence[0].coverage
        and numbers_found(question, item.text, item.hit) == 1.0
        for item in cited
    )


def extractive_picks(question: str, evidence: list[Evidence]) -> list[int]:
    """Which evidence to quote (0-based): the best that holds what the question asks for, plus
    one from another article that covers the question as well ("which organisations reported
    ...?" spans articles). Empty when no evidence holds an answer: then the assistant abstains."""
    usable = [
        index for index, item in enumerate(evidence)
        if answers_kind(question, item.text) and numbers_found(question, item.text, item.hit) == 1.0
        and item.coverage >= 0.9 * evidence[0].coverage
    ]  # fmt: skip
    if not usable:
        return []
    first = evidence[usable[0]]
    for index in usable[1:]:
        item = evidence[index]
        if (
            item.hit.article.path != first.hit.article.path
            and item.coverage >= 0.9 * first.coverage
            and item.score >= 0.85 * first.score
        ):
            return [usable[0], index]
    return [usable[0]]


def abstention_text(hits: Sequence[Hit], settings: Settings | None = None) -> str:
    """A plain statement that the articles do not answer, naming the closest articles."""
    filters = describe_filters(settings) if settings else ""
    if filters and not hits:
        return f"No indexed article matches the filters ({filters})."
    text = "The articles do not answer this question."
    if filters:
        text = f"The articles ({filters}) do not answer this question."
    titles = list(dict.fromkeys(hit.article.title for hit in hits))[:3]
    if titles:
        text += " The closest articles are: " + "; ".join(f"“{title}”" for title in titles) + "."
    return text


def describe_filters(settings: Settings) -> str:
    """ "outlet “Reuters”, from 2016-01-01 to 2016-12-31", or "" without filters."""
    parts = []
    if settings.outlet:
        parts.append(f"outlet “{settings.outlet}”")
    if settings.since:
        parts.append(f"from {settings.since.isoformat()}")
    if settings.until:
        parts.append(f"to {settings.until.isoformat()}")
    return ", ".join(parts)


def _passage(rank: int, item: Evidence) -> Passage:
    return Passage(rank, item.hit.article.path, item.text, round(item.score, 6))


def _evidence_citations(text: str, evidence: list[Evidence]) -> list[Citation]:
    numbers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", text)})
    return [
        Citation(
            number=number,
            path=evidence[number - 1].hit.article.path,
            title=evidence[number - 1].hit.article.title,
            publisher=evidence[number - 1].hit.article.publisher,
            published=evidence[number - 1].hit.article.published,
            quote=evidence[number - 1].text,
        )
        for number in numbers
    ]


def _check_embedder(index: LoadedIndex, name: str) -> None:
    built_with = index.manifest["embedding"]["name"]
    if built_with != name:
        raise IndexIncompatibleError(
            f"The index was built with embedding model {built_with!r} but {name!r} is "
            "configured. Run `assistant index --full`."
        )
