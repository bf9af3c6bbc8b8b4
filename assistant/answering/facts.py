"""The fact first: the short answer (a figure, a name, a date, a phrase) taken from the evidence.

The local model is asked for the exact words of the best evidence sentence that answer the
question; its reply is kept only when verification accepts it (a span of that evidence, of the
kind asked, not the question's own words). Otherwise the span is chosen by the shape of the text
(spans.py): the figure, date or name of the asked kind that stands nearest to the words the
sentence shares with the question. No fact is better than a wrong one: a question whose kind is
not known and whose sentence holds no clear span gets the quote alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.answering.question import Part, echoes
from assistant.answering.spans import (
    Span,
    best_span,
    holds_typed_span,
    shape_rank,
    typed_spans,
)
from assistant.answering.speakers import REPORTING, sentence_speaker
from assistant.answering.verify import acceptable_span, locate
from assistant.generation import Generator
from assistant.language import AUXILIARIES, IRREGULAR, PERFECT_AUXILIARIES
from assistant.lexical import STOPWORDS
from assistant.prompting import Prompt, prompts_dir, render

MAX_FACT_TOKENS = 24
WHOLE_SENTENCE = 0.6  # a "short answer" longer than this share of its sentence is the sentence
MAX_FIGURE_WORDS = 8  # "about 2.70 billion dlrs in Brazilian loans" at most; longer is a clause


@dataclass(frozen=True)
class Fact:
    text: str
    source: int  # index of the evidence sentence it is a span of
    by_model: bool
    described: bool = False  # the asked noun with what the sentence says of it (no name)
    spoken: bool = False  # the sentence's speaker, asked for ("Which think tank said ...?")


def extract_fact(
    part: Part,
    sentences: list[str],
    generator: Generator | None,
    prompts: Path | None = None,
    published: str | None = None,
) -> Iterator[str | Fact | None]:
    """Yield the model's pieces as they come (for timing), then the Fact (or None). `published`
    is the date of the best sentence's article."""
    if generator is not None and sentences:
        reply = ""
        prompt = fact_prompt(part.text, sentences[0], prompts)
        for piece in generator.stream(prompt, MAX_FACT_TOKENS, 0.0):
            reply += piece
            yield piece
            if "\n" in reply:
                break
        fact = checked_reply(reply, part, sentences)
        if fact is not None:
            ruled = rule_fact(part, sentences, published)
            yield _better_shaped(fact, ruled, part, sentences, published)
            return
    yield rule_fact(part, sentences, published)


def _better_shaped(
    fact: Fact, ruled: Fact | None, part: Part, sentences: list[str], published: str | None = None
) -> Fact:
    """The model's span, or the rules' when its shape answers better ("5,662 sorties" for "how
    many sorties"; a person's name for "who"; "£18m" rather than "9" for "how much"). A tiny
    model often takes the wrong one of a sentence's several figures or names. Each span is
    judged in the quoted sentence it is taken from."""
    if ruled is None or ruled.text.casefold() in fact.text.casefold():
        return fact
    if ruled.spoken:
        return ruled  # who says it is what was asked, and the sentence says who
    own = sentences[fact.source]
    if ruled.described and shape_rank(fact.text, own, part.text, published)[1]:
        return ruled  # the model's name does not stand beside the noun asked either
    ruled_rank = shape_rank(ruled.text, sentences[ruled.source], part.text, published)
    if ruled_rank[0] == 0:  # its shape answers by itself (the thing counted, a person)
        return ruled
    if fact.source == 0 and ruled_rank < shape_rank(fact.text, own, part.text, published):
        return ruled
    return fact


def fact_prompt(question: str, sentence: str, prompts: Path | None = None) -> Prompt:
    folder = prompts_dir(prompts)
    return Prompt(
        system=render(folder, "fact_system"),
        user=render(folder, "fact_user", sentence=" ".join(sentence.split()), question=question),
    )


def checked_reply(reply: str, part: Part, sentences: list[str]) -> Fact | None:
    text = reply.strip().splitlines()[0].strip() if reply.strip() else ""
    text = re.sub(r"^(answer|short answer)\s*:\s*", "", text, flags=re.I)
    text = re.split(r"(?<=[a-z]{2})\.\s", text)[0].strip(" .\"'“”")  # "Nevada. The": one sentence
    if not text or text.upper().startswith("NONE"):
        return None
    if not acceptable_span(text, part.kind, part.text):
        return None
    source = locate(text, sentences)
    if source is None or not holds_typed_span(text, sentences[source], part.kind, part.text):
        return None
    if len(text.split()) > WHOLE_SENTENCE * len(sentences[source].split()):
        return None  # the sentence itself, not a short answer: the quote says it
    if part.kind in ("figure", "date") and len(text.split()) > MAX_FIGURE_WORDS:
        return None  # "The company was commenting on 1986 results which saw ... 85.1": a clause
    if part.kind == "figure" and len(figures := typed_spans(text, "figure", part.text)) == 1:
        text = text[figures[0].start :]  # "DataGene holders will own 29 pct": from the figure on
    if part.kind == "other" and _is_speaker(text, sentences[source]):
        return None  # "..., the Indian Sugar Mills Association said": who says, not what
    return Fact(text, source, by_model=True)


def _is_speaker(text: str, sentence: str) -> bool:
    """Is the span the one the sentence reports as saying it?"""
    speaker = sentence_speaker(sentence)
    if speaker is None:
        return False
    name, span = speaker.name.casefold(), text.casefold()
    return span in name or name in span


def rule_fact(part: Part, sentences: list[str], published: str | None = None) -> Fact | None:
    """The typed span nearest to the question's words in the best sentence."""
    if part.kind in ("other", "reason") or not sentences:
        return None  # no span shape says what answers these: the quote does
    sentence = sentences[0]
    spans = typed_spans(sentence, part.kind, part.text)
    span = best_span(spans, sentence, part.text, published)
    if part.kind == "name" and (spoken := _speaker_asked(part.text, sentence, spans, span)):
        return Fact(spoken.text, 0, by_model=False, spoken=True)
    if part.kind == "name" and (span is None or shape_rank(span.text, sentence, part.text)[1]):
        # no name stands beside the noun asked: "Which tax ...?" is answered by what the
        # sentence says of its tax ("a tax on vegetable oils and fats"), not by "U.S."
        phrase = described_noun(sentence, part.text)
        if phrase is not None:
            return Fact(phrase, 0, by_model=False, described=True)
    if span is None:
        return None
    return Fact(span.text, 0, by_model=False)


# "Which think tank said ...?", "Who called raiders 'terrorists'?", "Which official has
# commented on ...?": the question asks who reported something; a reporting verb follows its
# question word and at most four words, none of them an auxiliary that brings another subject
# ("Which places did Bondarev say ...?" asks what was said).
_OTHER_SUBJECT = sorted(
    word for word in AUXILIARIES - PERFECT_AUXILIARIES if not REPORTING.fullmatch(word)
)
SPEAKER_ASKED = re.compile(
    rf"^\W*(?:who|which|what)\b(?:\s+(?!(?:{'|'.join(_OTHER_SUBJECT)})\b)[\w'’.-]+){{0,4}}?\s+"
    rf"(?P<verb>{REPORTING.pattern})",
    re.I,
)
# "... has been publicly criticized on several occasions since then by Rep. John Dingell"
PASSIVE_AGENT = re.compile(r"^[^.;:\"“”]{0,60}?\bby\s+")


def _speaker_asked(
    question: str, sentence: str, spans: list[Span], best: Span | None
) -> Span | None:
    """For a question asking who reported something, who the sentence says reported it with
    the question's verb, as a name span of the sentence: the subject of "the Washington-based
    Atlantic Council said", or the agent of "has been criticized ... by Rep. John Dingell". Not
    the speaker of another verb: "Ban Ki-moon noted ..., spokesman Farhan Haq told reporters"
    answers "Who noted ...?" with Ban Ki-moon. The best span when it is the speaker's ("Kevin
    Murphy" of "Analyst Kevin Murphy of Morgan Stanley said"), else the longest."""
    asked = SPEAKER_ASKED.search(question)
    if asked is None:
        return None
    verb = _lemma(asked.group("verb"))
    for match in REPORTING.finditer(sentence):
        if _lemma(match.group(0)) != verb:
            continue
        speaker = sentence_speaker(sentence[: match.end()])
        if speaker is None:
            if by := PASSIVE_AGENT.match(sentence[match.end() :]):
                start = match.end() + by.end()
                return next((span for span in spans if start <= span.start <= start + 5), None)
            continue
        said_by = speaker.name.casefold()
        if best is not None and best.text.casefold() in said_by:
            return best
        named = [span for span in spans if span.text.casefold() in said_by]
        if named:
            return max(named, key=lambda span: len(span.text))
    return None


def _lemma(verb: str) -> str:
    """ "said" -> "say", "criticised" and "criticizes" -> "criticiz", "noted" -> "not": one form
    a verb's tenses and spellings share, to tell whether two are the same verb."""
    word = " ".join(verb.lower().split())
    word = IRREGULAR.get(word, word)
    word = re.sub(r"is(?=(?:e|ed|es|ing)$)", "iz", word)
    return re.sub(r"(?:es|ed|ing|s|d|e)$", "", word)


# "Which tax ...?": the asked noun, as a common noun of the sentence, with what follows it.
WHICH_COMMON_NOUN = re.compile(r"^\W*(?:\w+\W+){0,3}?(?i:which|what)\s+([a-z][a-z-]+)\b")
DESCRIBED = r"\s+(?:on|of|for|against|over|in|at|from|with)\s+[^,;:.()]+?"
DESCRIPTION_END = (
    r"(?=[,;:.()]|\s+(?:that|which|who|would|will|could|should|said|says|is|was|were|are|"
    r"has|have|had)\b|$)"
)
MAX_DESCRIBED_WORDS = 8


def described_noun(sentence: str, question: str) -> str | None:
    """ "tax on vegetable oils and fats" of "... approves a tax on vegetable oils and fats,
    another ..." for "Which tax is Yeutter threatening a trade row over?": the noun asked,
    written in lower case in the sentence, with the phrase that says which one it is. None when
    the question asks no such noun or the phrase says nothing the question does not."""
    asked = WHICH_COMMON_NOUN.search(question)
    if asked is None or asked.group(1) in STOPWORDS:
        return None
    noun = re.escape(asked.group(1))
    found = re.search(rf"\b{noun}(?:e?s)?{DESCRIBED}{DESCRIPTION_END}", sentence)
    if found is None or len(found.group(0).split()) > MAX_DESCRIBED_WORDS:
        return None
    if echoes(found.group(0), question):
        return None
    return found.group(0)
