"""Composing the answer: each part's fact first, then its quoted evidence, each cited.

    £546m [1] — “WPP said pre-tax profits rose 15% to £546m …”

A part with no fact gets its quote with whose report it is. A question in several parts gets a
line per part; a part the articles do not answer says so while the others are answered. The
citation numbers run over the evidence sentences of all parts, each sentence numbered once.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answering.abstention import Decision
from assistant.answering.disagree import Disagreement as Dispute
from assistant.answering.evidence import Sentence
from assistant.answering.facts import SPEAKER_ASKED, Fact
from assistant.answering.gather import (
    Group,
    article_date,
    display_date,
    outlet_or_title,
    quote_of,
)
from assistant.answering.question import Part, echoes
from assistant.answering.speakers import sentence_speaker
from assistant.citations import without_footnotes
from assistant.config import AnsweringSettings
from assistant.records import Claim, Disagreement

NOT_ANSWERED = "The articles do not answer this question."
PART_NOT_ANSWERED = "the articles do not say."


@dataclass(frozen=True)
class PartAnswer:
    part: Part
    decision: Decision
    evidence: tuple[Sentence, ...]  # what the answer quotes, best first; empty when refused
    ranked: tuple[Sentence, ...]  # the best candidates, for "closest articles" when refused
    fact: Fact | None = None

    @property
    def answered(self) -> bool:
        return bool(self.evidence)


def same_sentence(one: Sentence, other: Sentence) -> bool:
    """One sentence (spans of one article that overlap: a sentence read with the one it depends
    on holds it), or its copy in a re-sent story (the same words)."""
    return _overlap(one, other) or _words(one) == _words(other)


def shared_fact(one: PartAnswer, other: PartAnswer) -> Sentence | None:
    """The sentence both parts take the same short answer from, if they do."""
    if one.fact is None or other.fact is None:
        return None
    first = one.evidence[one.fact.source]
    second = other.evidence[other.fact.source]
    if _folded(one.fact.text) != _folded(other.fact.text) or not same_sentence(first, second):
        return None
    return first


def _folded(text: str) -> str:
    return " ".join(text.lower().split())


def choose_evidence(
    ranked: list[Sentence], question: str, settings: AnsweringSettings, kind: str = "other"
) -> list[Sentence]:
    """The best sentence that says more than the question, and a second one when it scores
    nearly as well (another article's report of it, or the rest of a two-part fact). When the
    chosen sentences hold nothing of the kind asked (no cause for "why", no figure for "how
    much"), the best sentence of the same article that does is added: the lead that restates
    "NTT expects profits to fall" is followed by the sentence giving the reasons."""
    usable = [s for s in ranked if s.feature("novelty") >= settings.min_novelty
              and not echoes(s.text, question)]  # fmt: skip
    if not usable:
        return []
    chosen = [usable[0]]
    for other in usable[1:4]:
        if same_sentence(other, chosen[0]):
            if _names_its_speaker(other, chosen[0], question, settings):
                chosen[0] = other
            continue  # the same words again, or the same sentence of a re-sent wire story
        same = other.article.path == chosen[0].article.path
        ratio = settings.same_article_ratio if same else settings.second_ratio
        least = 0.0 if same else settings.second_min  # a neighbour cannot add a wrong source
        if other.score >= least and other.score >= ratio * chosen[0].score:
            chosen.append(other)
        break
    if kind != "other" and not any(s.feature("typed") for s in chosen):
        return _completed(chosen, usable)
    return chosen


def _names_its_speaker(
    longer: Sentence, chosen: Sentence, question: str, settings: AnsweringSettings
) -> bool:
    """Is `longer` the chosen sentence read with its neighbour (a sentence that depends on the one
    before is ranked with it), naming the speaker the chosen one leaves unnamed, when the
    question asks who said it? "... shows new self-confidence, a public policy study group said"
    is followed by "..., the Washington-based Atlantic Council said": for "Which think tank said
    ...?" the quote takes both."""
    if not SPEAKER_ASKED.search(question) or longer.article.path != chosen.article.path:
        return False
    if not (longer.start <= chosen.start and chosen.end <= longer.end):
        return False
    if longer.score < settings.same_article_ratio * chosen.score:
        return False
    if sentence_speaker(chosen.text) is not None:
        return False
    speaker = sentence_speaker(longer.text)
    added = (
        longer.article.text[longer.start : chosen.start]
        + longer.article.text[chosen.end : longer.end]
    )
    return speaker is not None and speaker.name in added


def _completed(chosen: list[Sentence], usable: list[Sentence]) -> list[Sentence]:
    """`chosen` and the best usable sentence of the kind asked from the article of a chosen
    sentence, or of a copy of its story (a wire story re-sent in full holds the rest); the
    chosen sentence is then quoted from that copy, and its other copies dropped."""
    for position, sentence in enumerate(chosen):
        key = _words(sentence)
        for copy in [s for s in usable if _words(s) == key] or [sentence]:
            typed = next((s for s in usable if s.feature("typed")
                          and s.article.path == copy.article.path and not _overlap(s, copy)),
                         None)  # fmt: skip
            if typed is None:
                continue
            kept = [s for s in chosen if _words(s) != key]
            kept.insert(min(position, len(kept)), copy)
            return kept + [typed]
    return chosen


def _words(sentence: Sentence) -> str:
    return " ".join(sentence.text.split())


def _overlap(one: Sentence, other: Sentence) -> bool:
    """Overlapping spans of one article."""
    return (
        one.article.path == other.article.path and one.start < other.end and other.start < one.end
    )


class Numbering:
    """Citation numbers for evidence sentences, in order of first use, each numbered once."""

    def __init__(self) -> None:
        self.sentences: list[Sentence] = []

    def number(self, sentence: Sentence) -> int:
        for position, known in enumerate(self.sentences, start=1):
            if (known.article.path, known.start, known.end) == (
                sentence.article.path, sentence.start, sentence.end,
            ):  # fmt: skip
                return position
        self.sentences.append(sentence)
        return len(self.sentences)


def part_pieces(answer: PartAnswer, numbering: Numbering) -> list[str]:
    """The text of one part's answer, in the pieces it is streamed in."""
    if not answer.answered:
        return [PART_NOT_ANSWERED]
    pieces = []
    numbers = [numbering.number(sentence) for sentence in answer.evidence]
    first = answer.evidence[0]
    if answer.fact is not None:  # a span of the first sentence (the pipeline quotes it first)
        pieces.append(f"{answer.fact.text} [{numbers[0]}] — “{quote(first)}”")
    else:
        pieces.append(f"{attribution(first)}: “{quote(first)}” [{numbers[0]}]")
    for sentence, number in zip(answer.evidence[1:], numbers[1:], strict=True):
        pieces.append(f" {attribution(sentence)}: “{quote(sentence)}” [{number}]")
    return pieces


def quote(sentence: Sentence) -> str:
    """The sentence as quoted: one line, without the article's own reference marks ("[3]")."""
    return " ".join(without_footnotes(sentence.text).split())


def attribution(sentence: Sentence) -> str:
    """'According to Reuters (1987-02-26)', or the title when the outlet is unknown: a reader
    must see whose report a quote comes from."""
    article = sentence.article
    source = outlet_or_title(article)
    return f"According to {source}" + (f" ({article.published})" if article.published else "")


def part_heading(part: Part) -> str:
    text = part.text.strip()
    return text if text.endswith("?") else f"{text.rstrip('.')}?"


@dataclass(frozen=True)
class GatheredPiece:
    """A piece of a gathered answer as it is streamed: its text, and the claims or the
    disagreement line it adds (a UI shows them as they come)."""

    text: str
    claims: tuple[Claim, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()


def gathered_pieces(
    groups: list[Group], disputes: list[Dispute], numbering: Numbering
) -> list[GatheredPiece]:
    """A gathered answer, a line per speaker (streamed line by line), then a line per quantity
    the sources disagree on; citation numbers in the order the text uses them."""
    articles = {c.sentence.article.path for g in groups for c in g.claims}
    plural = "s" if len(articles) > 1 else ""
    pieces = [GatheredPiece(f"Gathered from {len(articles)} article{plural}, by speaker, "
                            "oldest first:")]  # fmt: skip
    for position, group in enumerate(groups):
        heading = group.name or outlet_or_title(group.claims[0].sentence.article) + " reports"
        if group.description:
            heading += f" ({group.description})"
        if group.date:
            heading = f"{display_date(group.date)} · {heading}"
        quoted, claims = [], []
        for candidate in group.claims:
            number = numbering.number(candidate.sentence)
            article = candidate.sentence.article
            where = ", ".join(filter(None, [article.publisher,
                                            display_date(article_date(article))]))  # fmt: skip
            quoted.append(_quoted(quote_of(candidate.sentence)) + f" [{number}]"
                          + (f" ({where})" if where else ""))  # fmt: skip
            claims.append(Claim(
                speaker=group.name, description=group.description or None,
                date=article_date(article) or None, outlet=article.publisher,
                text=quote_of(candidate.sentence), citations=(number,), group=position,
            ))  # fmt: skip
        pieces.append(GatheredPiece(f"\n- {heading}: " + "; ".join(quoted), tuple(claims)))
    for dispute in disputes:
        figures = [(whose, figure, numbering.number(c.sentence)) for whose, figure, c in
                   dispute.entries]  # fmt: skip
        line = f"Sources differ on the number of {dispute.about}: " + "; ".join(
            f"{whose}, {figure} [{number}]" for whose, figure, number in figures
        )
        record = Disagreement(dispute.about, line, tuple(figures))
        pieces.append(GatheredPiece(f"\n{line}", disagreements=(record,)))
    return pieces


def _quoted(text: str) -> str:
    """In quotation marks, unless it opens with its own (“The forces have never …,” said X)."""
    return text if text[:1] in '“"' else f"“{text}”"
