"""`answer()`: the one place where retrieval, prompting, generation and citation meet."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, overload

from assistant.citations import is_refusal, resolve_citations
from assistant.config import Settings, get_settings
from assistant.embedding import get_embedder
from assistant.errors import IndexIncompatibleError
from assistant.generation import get_generator
from assistant.index import open_index
from assistant.prompting import build_answer_prompt, prompts_dir
from assistant.records import Answer, Hit, Passage, Timings
from assistant.retrieval import retrieve

History = Sequence[dict[str, Any]] | Sequence[tuple[str, str]] | None


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
    pairs). `overrides` are Settings fields (e.g. `top_k=3`, `model_path=...`). With `stream=True`
    the result is an `AnswerStream`: iterate it for text pieces, then read `.answer`.
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
    """Iterate for the answer's text as it is generated; `.answer` is the final, cited Answer.

    The streamed text is the model's draft; the final text may differ where a citation marker
    was invalid and removed, or where missing markers were attached.
    """

    question: str
    history: list[Any]
    settings: Settings
    _answer: Answer | None = field(default=None, init=False)

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
        started = time.perf_counter()
        settings = self.settings
        index = open_index(settings.index_dir)
        embedder = get_embedder(settings.embedding_model)
        if index.manifest["embedding"]["name"] != embedder.name:
            raise IndexIncompatibleError(
                f"The index was built with embedding model {index.manifest['embedding']['name']!r} "
                f"but {embedder.name!r} is configured. Run `assistant index --full`."
            )
        hits = retrieve(retrieval_query(self.question, self.history), index, embedder, settings)
        retrieved = time.perf_counter()
        passages = tuple(
            Passage(rank, hit.article.path, hit.chunk.text, round(hit.score, 6))
            for rank, hit in enumerate(hits, start=1)
        )
        best = max((hit.dense_score or 0.0 for hit in hits), default=0.0)
        if best < settings.min_dense_score:
            text = abstention_text(hits)
            self._answer = Answer(
                self.question, text, True, (), passages,
                Timings(retrieved - started, 0.0, time.perf_counter() - started),
            )  # fmt: skip
            yield text
            return
        draft, first_token = yield from self._generate(hits, started)
        self._answer = finish_answer(self.question, draft, hits, passages, Timings(
            retrieved - started, first_token, time.perf_counter() - started
        ))  # fmt: skip

    def _generate(self, hits: list[Hit], started: float) -> Iterator[str]:
        settings = self.settings
        prompt = build_answer_prompt(prompts_dir(settings.prompts_dir), self.question, hits)
        generator = get_generator(settings)
        pieces: list[str] = []
        first_token = 0.0
        for piece in generator.stream(prompt, settings.max_answer_tokens, settings.temperature):
            if not pieces:
                first_token = time.perf_counter() - started
            pieces.append(piece)
            yield piece
        return "".join(pieces), first_token


def finish_answer(
    question: str, draft: str, hits: list[Hit], passages: tuple[Passage, ...], timings: Timings
) -> Answer:
    """Turn the model's draft into the final Answer: cited, or abstained when it is not usable."""
    if is_refusal(draft):
        return Answer(question, abstention_text(hits), True, (), passages, timings)
    cited = resolve_citations(draft, hits)
    if not cited.citations:  # nothing in the passages supports the draft: do not pass it on
        return Answer(question, abstention_text(hits), True, (), passages, timings)
    return Answer(question, cited.text, False, cited.citations, passages, timings)


def abstention_text(hits: list[Hit]) -> str:
    """A plain statement that the articles do not answer, naming the closest articles."""
    text = "The articles do not answer this question."
    titles = list(dict.fromkeys(hit.article.title for hit in hits))[:3]
    if titles:
        text += " The closest articles are: " + "; ".join(f"“{title}”" for title in titles) + "."
    return text


def retrieval_query(question: str, history: list[Any]) -> str:
    """A short follow-up ("and what did the US say?") borrows the previous question's words."""
    previous = [_user_text(turn) for turn in history]
    previous = [text for text in previous if text]
    if previous and len(question.split()) < 8:
        return f"{previous[-1]} {question}"
    return question


def _user_text(turn: Any) -> str | None:
    if isinstance(turn, dict):
        if turn.get("role") != "user":
            return None
        content = turn.get("content")
        if isinstance(content, list):  # Gradio 6 keeps content as a list of typed parts
            return " ".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
        return str(content)
    if isinstance(turn, (list, tuple)) and turn:
        return str(turn[0])
    return None
