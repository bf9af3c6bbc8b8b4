"""`answer()`: the one place where retrieval, the answering stage and generation meet.

Two strategies share retrieval:
- grounded (default): the question is split into parts (answering/question.py); for each, every
  sentence of the retrieved articles is ranked as evidence (answering/evidence.py), a calibrated
  model decides whether that evidence answers (answering/abstention.py), the local model picks
  the short answer from it, kept only if verified (answering/facts.py, verify.py), and the text
  is composed fact first, quote and citation after (answering/compose.py);
- baseline: the common recipe, kept to measure against: top-k whole chunks in one prompt and the
  model's raw answer, with only its citation markers resolved.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, overload

from assistant.answering.abstention import decide
from assistant.answering.compose import (
    NOT_ANSWERED,
    GatheredPiece,
    Numbering,
    PartAnswer,
    choose_evidence,
    gathered_pieces,
    part_heading,
    part_pieces,
    same_sentence,
    shared_fact,
)
from assistant.answering.disagree import disagreements
from assistant.answering.evidence import (
    Sentence,
    kind_from_evidence,
    names_share,
    rank_sentences,
)
from assistant.answering.facts import Fact, extract_fact
from assistant.answering.gather import Group, gather
from assistant.answering.initials import spelled_out
from assistant.answering.question import Gathering, Part, analyse, each_of_pair, gathering
from assistant.answering.weights import load_weights
from assistant.citations import is_refusal, resolve_citations, without_footnotes
from assistant.config import Settings, get_settings
from assistant.conversation import (
    History,
    cited_articles,
    depends_on_context,
    standalone_question,
)
from assistant.embedding import get_embedder
from assistant.errors import EmptyQuestionError, IndexIncompatibleError
from assistant.generation import get_generator
from assistant.index import LoadedIndex, open_index
from assistant.prompting import build_answer_prompt, prompts_dir
from assistant.records import Answer, Citation, Claim, Disagreement, Hit, Passage, Timings
from assistant.retrieval import retrieve


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
    pairs); a follow-up such as "and what did the US say?" is read in its light, and looks first
    in the articles the answer before it cited (an assistant turn's `citations`: the paths, as
    `[c.path for c in answer.citations]`; else the file names or titles its text names).
    `overrides` are Settings fields (`top_k=3`, `model_path=...`, `mode="baseline"`). With
    `stream=True` the result is an `AnswerStream`: iterate it for text pieces, then read
    `.answer`.
    """
    check_question(question)
    settings = get_settings(index_dir=index_dir, **overrides)
    answer_stream = AnswerStream(question, list(history or []), settings)
    if stream:
        return answer_stream
    for _ in answer_stream:
        pass
    return answer_stream.answer


def check_question(question: str) -> None:
    """An empty question (or one of spaces and punctuation) is said to be empty, not answered
    with "the articles do not answer"."""
    if not any(char.isalnum() for char in question or ""):
        raise EmptyQuestionError("The question is empty: type a question about the articles.")


@dataclass
class AnswerStream:
    """Iterate for the answer's text as it is produced; `.answer` is the final, cited Answer.

    In grounded mode only verified sentences are streamed; the final text may still differ (an
    extractive answer replaces a draft that does not answer the question). Once the evidence is
    chosen, an empty piece is yielded and `sources` holds the citations-to-be.
    """

    question: str
    history: list[Any]
    settings: Settings
    _answer: Answer | None = field(default=None, init=False)
    _started: float = field(default=0.0, init=False)
    _first_text: float = field(default=0.0, init=False)
    # The sources the answer will cite, numbered as it will cite them, known (and an empty
    # piece yielded) before the answer is written: a UI shows them while the text comes.
    sources: tuple[Citation, ...] = field(default=(), init=False)
    # A gathered answer: set before its first piece; the claims and disagreement lines of the
    # pieces yielded so far (a UI lists them as they come, without reading the text).
    gathered: bool = field(default=False, init=False)
    claims: tuple[Claim, ...] = field(default=(), init=False)
    disagreements: tuple[Disagreement, ...] = field(default=(), init=False)
    # A follow-up's: the articles the answer before it cited, put first among the retrieved.
    _cited_before: tuple[str, ...] = field(default=(), init=False)

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
        reason: str | None = None,
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
            refusal=reason if abstained else None,
        )

    def _grounded(self, index: LoadedIndex) -> Iterator[str]:
        settings = self.settings
        standalone = standalone_question(self.question, self.history)
        if depends_on_context(self.question, self.history):
            self._cited_before = tuple(cited_articles(self.history, index.store.titles()))
        question = analyse(standalone)
        parts = question.parts[: settings.answering.max_parts]
        answers = [self._answer_part(part, index) for part in parts]
        if len(answers) == 1 and (each := self._each_of_pair(answers[0], index)):
            answers, parts = each, tuple(item.part for item in each)
        retrieved = time.perf_counter()
        answered = any(item.answered for item in answers)
        shape = gathering(standalone) if len(parts) == 1 else None
        # "What did the United States say about …?": the best single sentence may be another
        # speaker's; the asked speaker's own best claim is then put to the same decision.
        if shape is not None and (answered or shape.subject):
            checked = None if answered else parts[0]
            gathered = self._gathered(shape, standalone, index, retrieved, checked)
            if gathered is not None:
                yield from gathered
                return
        if not answered:
            yield from self._refuse((s for item in answers for s in item.ranked), retrieved)
            return
        answers = self._distinct_facts([self._with_fact(item) for item in answers], index)
        # Numbered now, in the order the text will cite them (part_pieces numbers each part's
        # evidence in the same order): the sources are known before the text is written.
        numbering = Numbering()
        for item in answers:
            for sentence in item.evidence:
                numbering.number(sentence)
        self.sources = tuple(_citations(numbering.sentences))
        yield ""  # a caller may show the sources now
        text = ""
        for position, item in enumerate(answers):
            lead = ""
            if len(answers) > 1:
                lead = ("\n" if position else "") + f"- {part_heading(item.part)} "
            for piece in part_pieces(item, numbering):
                text += lead + piece
                yield self._emit(lead + piece)
                lead = ""
        passages = [_passage(rank, s) for rank, s in enumerate(numbering.sentences, start=1)]
        self._finish(text, self.sources, passages, retrieved)

    def _gathered(
        self,
        shape: Gathering,
        question: str,
        index: LoadedIndex,
        retrieved: float,
        checked: Part | None = None,
    ) -> Iterator[str] | None:
        """A gathering question's answer: the claims of every relevant article by speaker, and
        where the sources' figures differ; None when no claim qualifies (the one-fact answer
        stands). With `checked` (the one-fact decision refused that part), the best claim must
        pass that decision in the best sentence's place."""
        settings = self.settings
        embedder = get_embedder(settings.embedding_model)
        chunks = max(settings.evidence_chunks, 4 * settings.answering.gather_articles)
        hits = retrieve(question, index, embedder, settings, top_k=chunks)
        topic = shape.topic or question
        vectors = (embedder.embed_query(question), embedder.embed_query(topic))
        groups, close, heard = gather(shape, vectors, hits, index, settings.answering)
        if not groups and heard and shape.subject_names:
            # "What did Nazer say about Kuwait's output?": the articles quote him, on other
            # things only. What someone else said, or what he said of another matter, is no
            # answer.
            return self._refuse((candidate.sentence for candidate in close), retrieved)
        if not groups:
            return None
        if checked is not None and not self._claims_answer(checked, groups, hits, index):
            return None
        disputes = disagreements(close, shape.subject, shape.topic, groups)
        numbering = Numbering()
        pieces = gathered_pieces(groups, disputes, numbering)
        return self._stream_gathered(pieces, numbering, retrieved)

    def _claims_answer(
        self, part: Part, groups: list[Group], hits: list[Hit], index: LoadedIndex
    ) -> bool:
        """Does the best of the gathered claims, ranked as one-fact evidence is, pass the
        abstention decision at this strictness?"""
        settings = self.settings
        embedder = get_embedder(settings.embedding_model)
        weights = load_weights()
        vectors = (embedder.embed_query(part.query), embedder.embed_query(part.focus))
        ranked = rank_sentences(part, hits, index, vectors, weights,
                                settings.answering.gather_articles)  # fmt: skip
        claimed = {(c.sentence.article.path, c.sentence.end) for g in groups for c in g.claims}
        best = next((s for s in ranked if (s.article.path, s.end) in claimed), None)
        if best is None:
            return False
        ranked = [best] + [s for s in ranked if s is not best]
        decision = decide(part.query, part.names + part.numbers, ranked, index.lexical, weights)
        return decision.answers(settings.answering.strictness)

    def _stream_gathered(
        self, pieces: list[GatheredPiece], numbering: Numbering, retrieved: float
    ) -> Iterator[str]:
        self.sources = tuple(_citations(numbering.sentences))
        self.gathered = True
        yield ""  # a caller may show the sources now
        for piece in pieces:
            self.claims += piece.claims
            self.disagreements += piece.disagreements
            yield self._emit(piece.text)
        passages = [_passage(rank, s) for rank, s in enumerate(numbering.sentences, start=1)]
        self._finish("".join(p.text for p in pieces), self.sources, passages, retrieved)
        assert self._answer is not None
        self._answer = replace(self._answer, claims=self.claims, disagreements=self.disagreements)

    def _refuse(self, candidates: Iterable[Sentence], retrieved: float) -> Iterator[str]:
        """Say that the articles do not answer, naming the closest articles."""
        closest = _closest(candidates)
        text = abstention_text([s.hit for s in closest], self.settings)
        yield self._emit(text)
        passages = [_passage(rank, s) for rank, s in enumerate(closest, start=1)]
        reason = refusal_statement(bool(closest), self.settings)
        self._finish(text, [], passages, retrieved, reason=reason)

    def _answer_part(
        self, part: Part, index: LoadedIndex, taken: Sentence | None = None
    ) -> PartAnswer:
        """Rank the evidence for one part and decide whether it answers; without the sentence
        `taken` (and its copies) when another part's answer is that sentence's."""
        settings = self.settings
        embedder = get_embedder(settings.embedding_model)
        weights = load_weights()
        search = spelled_out(part.search or part.query, index)  # "NASD": the name in full
        hits = retrieve(search, index, embedder, settings, top_k=settings.evidence_chunks)
        hits = _cited_first(hits, self._cited_before, index)
        vectors = (embedder.embed_query(part.query), embedder.embed_query(part.focus))
        ranked = rank_sentences(part, hits, index, vectors, weights, settings.answering.articles)
        if figure := kind_from_evidence(part, ranked):
            # "What is Kuwait's production quota?": the articles give a quota as a figure
            part = figure
            ranked = rank_sentences(
                part, hits, index, vectors, weights, settings.answering.articles
            )
        if taken is not None:
            ranked = [s for s in ranked if not same_sentence(s, taken)]
        decision = decide(part.query, part.names + part.numbers, ranked, index.lexical, weights)
        top = tuple(ranked[:5])
        if not decision.answers(settings.answering.strictness):
            return PartAnswer(part, decision, (), top)
        evidence = choose_evidence(ranked, part.text, settings.answering, part.kind)
        return PartAnswer(part, decision, tuple(evidence), top)

    def _each_of_pair(self, item: PartAnswer, index: LoadedIndex) -> list[PartAnswer] | None:
        """ "What did Scotty's and Noland report?": each name is asked of on its own when the
        best evidence of the whole holds only one of the two names it joins, or holds both but
        each name's own question is answered by another sentence; kept unless one sentence
        answers both (then the names were asked of together: "in Iraq and Syria")."""
        pair = each_of_pair(item.part.text)
        if pair is None or not item.ranked:
            return None
        pieces = [analyse(text).parts for text in pair]
        if any(len(parts) != 1 for parts in pieces):
            return None
        parts = [found[0] for found in pieces]
        best = item.ranked[0]
        # the two names joined: each part's own (a name both parts give is not of the pair)
        first, second = parts
        names = tuple(n for n in first.names if n not in second.names) + tuple(
            n for n in second.names if n not in first.names
        )
        joined = re.compile(r"\s+(?:and|&)\s+".join(re.escape(n) for n in names), re.I)
        if len(names) != 2 or any(joined.search(s.article.text) for s in item.ranked):  # one name
            return None
        both = names_share(names, f"{best.article.title} {best.text}") == 1.0
        answers = [self._answer_part(part, index) for part in parts]
        best_sentences = {(a.evidence[0].article.path, a.evidence[0].start) for a in answers
                          if a.answered}  # fmt: skip
        if not best_sentences or (len(best_sentences) == 1 and all(a.answered for a in answers)):
            return None
        # evidence of the whole that names both ("talks with Argentina, the Philippines and
        # Brazil" for "What growth targets do Argentina and the Philippines have?") gives way
        # only to two answers, each from its own sentence other than the whole's
        if both and (
            not all(a.answered for a in answers)
            or (best.article.path, best.start) in best_sentences
        ):
            return None
        return answers

    def _distinct_facts(self, answers: list[PartAnswer], index: LoadedIndex) -> list[PartAnswer]:
        """Two parts of one question are two things asked: when both get the same short
        answer from the same sentence ("How much of Minstar does Leucadia own, and what were
        Minstar's revenues?" -> "24.7 mln dlrs" twice, the price of its shares), the part that
        sentence fits less is answered from its other evidence, or said to be unanswered. Which
        part keeps it is the choice that leaves the better pair of answers (the sum of their
        probabilities of answering, an unanswered part counting nothing): "By how much could
        output fall, and what is its total daily output?" both took "total output ... 2,500 a
        day", which the second part fits better."""
        for first in range(len(answers)):
            for second in range(first + 1, len(answers)):
                one, other = answers[first], answers[second]
                shared = shared_fact(one, other)
                if shared is None:
                    continue
                without = [
                    self._answer_part(item.part, index, taken=shared) for item in (one, other)
                ]
                keep_first = _evidence_score(one) + _evidence_score(without[1])
                keep_second = _evidence_score(other) + _evidence_score(without[0])
                # only the part answered again needs its short answer (the model may extract it)
                if keep_first >= keep_second:
                    answers[second] = self._with_fact(without[1])
                else:
                    answers[first] = self._with_fact(without[0])
        return answers

    def _with_fact(self, item: PartAnswer) -> PartAnswer:
        """The short answer put first, from the model when it gives a verified span."""
        if not item.answered:
            return item
        settings = self.settings
        generator = get_generator(settings) if settings.answering.extractor == "model" else None
        sentences = [" ".join(s.text.split()) for s in item.evidence]
        fact: Fact | None = None
        published = item.evidence[0].article.published if item.evidence else None
        facts = extract_fact(item.part, sentences, generator, settings.prompts_dir, published)
        for result in facts:
            if not isinstance(result, str):  # str: the model's pieces as they come
                fact = result
        evidence = item.evidence
        if fact is not None and fact.source:
            # the sentence the fact is taken from is quoted first, right after it
            first = evidence[fact.source]
            evidence = (first, *(sentence for sentence in evidence if sentence is not first))
            fact = replace(fact, source=0)
        return PartAnswer(item.part, item.decision, evidence, item.ranked, fact)

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
            reason = refusal_statement(bool(hits), settings)
            self._finish(abstention_text(hits, settings), [], passages, retrieved, reason=reason)
            return
        cited = resolve_citations(draft, hits)
        # the baseline keeps the model's raw answer, cited or not
        self._finish(cited.text, cited.citations, passages, retrieved, abstained=False)


def abstention_text(hits: Sequence[Hit], settings: Settings | None = None) -> str:
    """A plain statement that the articles do not answer, naming the closest articles."""
    text = refusal_statement(bool(hits), settings)
    titles = list(dict.fromkeys(hit.article.title for hit in hits))[:3]
    if titles:
        text += " The closest articles are: " + "; ".join(f"“{title}”" for title in titles) + "."
    return text


def refusal_statement(found: bool, settings: Settings | None = None) -> str:
    """That the articles (within the filters, if any) do not answer; or that none matches."""
    filters = describe_filters(settings) if settings else ""
    if filters and not found:
        return f"No indexed article matches the filters ({filters})."
    if filters:
        return f"The articles ({filters}) do not answer this question."
    return NOT_ANSWERED


def describe_filters(settings: Settings) -> str:
    """ "outlet “Reuters”, from 2016-01-01 to 2016-12-31", or "" without filters."""
    parts = []
    if settings.outlet:
        parts.append(f"outlet “{settings.outlet}”")
    if settings.since:
        parts.append(f"from {settings.since.isoformat()}")
    if settings.until:
        parts.append(f"to {settings.until.isoformat()}")
    if settings.only:
        chosen = len(settings.only)
        parts.append(
            f"only {settings.only[0].rstrip('/')}" if chosen == 1
            else f"only the {chosen} chosen articles or folders"
        )  # fmt: skip
    return ", ".join(parts)


def _passage(rank: int, sentence: Sentence) -> Passage:
    text = without_footnotes(sentence.text)  # as quoted: the article's own marks left out
    return Passage(rank, sentence.article.path, text, round(sentence.score, 6))


def _closest(candidates: Iterable[Sentence]) -> list[Sentence]:
    """The best candidate sentence of each article, best first: what a refusal points to."""
    best: dict[str, Sentence] = {}
    ranked = sorted(candidates, key=lambda s: -s.score)
    for sentence in ranked:
        best.setdefault(sentence.article.path, sentence)
    return list(best.values())[:3]


def _evidence_score(item: PartAnswer) -> float:
    """How likely a part's evidence answers it (the abstention model's probability); nothing
    for a part left unanswered."""
    return item.decision.probability if item.answered else 0.0


def _citations(evidence: list[Sentence]) -> list[Citation]:
    return [
        Citation(
            number=number,
            path=sentence.article.path,
            title=sentence.article.title,
            publisher=sentence.article.publisher,
            published=sentence.article.published,
            quote=without_footnotes(sentence.text),
        )
        for number, sentence in enumerate(evidence, start=1)
    ]


def _check_embedder(index: LoadedIndex, name: str) -> None:
    built_with = index.manifest["embedding"]["name"]
    if built_with != name:
        raise IndexIncompatibleError(
            f"The index was built with embedding model {built_with!r} but {name!r} is "
            "configured. Run `assistant index --full`."
        )


def _cited_first(hits: list[Hit], paths: tuple[str, ...], index: LoadedIndex) -> list[Hit]:
    """The retrieved chunks with the articles a follow-up's previous answer cited first ("How
    many vehicles did they sell there?" after an answer about Ford Europe's earnings): retrieved
    ones as they were scored, others by their first chunk."""
    if not paths:
        return hits
    first: list[Hit] = []
    for path in paths:
        found = [hit for hit in hits if hit.article.path == path]
        if not found:
            chunks = index.store.chunks_of(path)
            if not chunks:
                continue
            found = [Hit(chunks[0], index.store.article(path), 0.0, None, None)]
        first.extend(found)
    return first + [hit for hit in hits if hit.article.path not in paths]
