"""Spans of a sentence that can answer a question of some kind: figures, dates, names, reasons.

Found by the shape of English text (digits and units, month names, capitalised runs, words that
introduce a cause), never by a list of topic words. A span the question itself contains is not
an answer to it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from assistant.answering.question import (
    answer_kind,
    asks_amount,
    by_initials,
    echoes,
    names_in,
    numbers_in,
)
from assistant.language import (
    CHANGE_WORDS,
    COMPANY_WORDS,
    COUNTRY_ENDINGS,
    CURRENCY_SIGNS,
    DEMONYM_ENDINGS,
    FIGURE_LEAD_INS,
    IRREGULAR,
    LONG_UNITS,
    MEASURE_UNITS,
    MONEY_UNITS,
    MONEY_WORDS,
    MONTHS,
    NUMBER_UNITS,
    NUMBER_WORDS,
    ORGANISATION_WORDS,
    PERCENT_UNITS,
    PERIOD_ORDINALS,
    PERIOD_WORDS,
    PLACE_PREPOSITIONS,
    PLURALS,
    REASON_WORDS,
    RELATIVE_DAYS,
    SCALE_WORDS,
    TIME_UNITS,
    TITLE_ABBREVIATIONS,
    UNIT_QUALIFIERS,
    WEEKDAYS,
    country_forms,
)
from assistant.lexical import STOPWORDS, terms

_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# a unit, perhaps with its qualifier ("short tons", "troy ounces")
_UNIT = rf"(?:\s?(?:(?:{'|'.join(UNIT_QUALIFIERS)})\s)?(?:{NUMBER_UNITS})(?!\w))"
FIGURE = re.compile(
    rf"(?<!\d[-–])"  # not the second number of a score or range ("5-0", "21-9")
    rf"(?:[{CURRENCY_SIGNS}]|\b[A-Z]{{1,3}}\$|\b)"  # "$", "A$" or a word start
    rf"(?:\d[\d,]*(?:\.\d+)?(?:-\d/\d|\s\d/\d)?(?![-–]\d)|\b(?:{_NUMBER_WORD})\b)"
    rf"(?:{_UNIT}{{1,3}}|(?=\W|$))"
    rf"(?:\s(?:a|per)\s(?:share|barrel|tonne|ton|lb|pound|ounce|day|year|month|week)\b)?",
    re.IGNORECASE,
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = re.compile(
    rf"\b(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})\.?(?:,?\s+(?:19|20)\d\d)?|"
    rf"(?:early |mid-?|late |end of |end-)?(?:{_MONTH})\.?(?:\s+(?:19|20)\d\d)?|"
    rf"(?:19|20)\d\d(?:/\d\d)?|{'|'.join(WEEKDAYS)}|(?:next|last|this) (?:week|month|year))\b",
    re.IGNORECASE,
)
NAME_WORD = r"[A-Z][\w&'’.-]*"
NAME = re.compile(rf"{NAME_WORD}(?:\s+(?:(?:of|de|du|von|van|and|&|for)\s+)?{NAME_WORD})*")
REASON = re.compile(
    r"\b(?:"
    + "|".join(re.escape(word) for word in REASON_WORDS)
    # "the rejection of the package ... led Firestone to conclude": what led someone to act
    + r"|led\s+(?:[\w'’-]+\s+){1,3}?to)\b[^.;]*",
    re.IGNORECASE,
)


# A wire dateline opening a story ("SALVADOR, Feb 26 -", "WASHINGTON (AP) —"): its date and
# place say where the story was filed, never what a question asks about.
DATELINE = re.compile(
    r"^[A-Z][A-Za-z .,'’()-]{1,60}?(?:,\s*\w+\.? \d{1,2})?\s*(?:\([\w ]+\)\s*)?[-—–]+\s"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def typed_spans(sentence: str, kind: str, question: str) -> list[Span]:
    """Spans of `sentence` of the kind asked that the question does not already contain."""
    if kind == "figure":
        found = _figures(sentence)
        found += [
            span for span in _spelled_counts(sentence, question)
            if not any(other.start <= span.start < other.end for other in found)
        ]  # fmt: skip
    elif kind == "date":
        found = _matches(DATE, sentence)
    elif kind == "name":
        found = _names(sentence)
    elif kind == "place":
        # "Holiday Corp's Holiday Inn Hotel Group" is no place
        found = [
            span for span in _names(sentence)
            if not any(w.lower().rstrip(".") in COMPANY_WORDS for w in span.text.split())
        ]  # fmt: skip
    elif kind == "reason":
        found = _reasons(sentence)
    else:
        found = _figures(sentence) + _names(sentence) + _matches(DATE, sentence)
    dateline = DATELINE.match(sentence)
    skip = dateline.end() if dateline else 0
    return [span for span in found if span.start >= skip and not _in_question(span.text, question)]


# "a four-month freeze", "a 402-metre bridge": a duration or a length written as one adjective
HYPHENED_LENGTH = re.compile(rf"\b(?:[\d,.]*\d|{_NUMBER_WORD})-(?:{LONG_UNITS})\b", re.IGNORECASE)
DURATION = re.compile(rf"\b(?:{LONG_UNITS})\b", re.IGNORECASE)
# A rate's time ("500 mln stg a year", "2,500 a day", "per annum"): no duration.
RATE = re.compile(rf"\b(?:a|an|per|each|every)\s+(?:{LONG_UNITS})\b", re.IGNORECASE)


# How many of the best-ranked sentences writing an asked noun tell whether the articles give it
# with figures (set beforehand, not fitted: about the sentences of the two or three articles a
# question is about).
GIVEN_READ = 10


def given_with_figures(
    noun: str, sentences: list[str], reach: int = 60, read: int = GIVEN_READ
) -> bool:
    """Do the articles give this noun with a figure? "quota", "magnitude" or "toll" is written
    near a figure ("a quota of 948,000 bpd", "a magnitude 6.1 quake") in most of the sentences
    of the retrieved articles that write it, so "What is Kuwait's quota?" asks a figure; "story"
    or "plan" is not. At least two sentences must write the noun, and most of them with a figure
    within `reach` characters (not a year or a date). `sentences` are read best first and only
    the first `read` that write the noun count: the articles the question is about decide, not
    the loosely related ones retrieved beside them (tin quotas of 7,000 tonnes, not the coffee
    quotas a talks story writes without figures)."""
    word = re.compile(rf"\b{re.escape(noun)}(?:s|es)?\b", re.I)
    written = with_figure = 0
    for sentence in sentences:
        places = [match.start() for match in word.finditer(sentence)]
        if not places:
            continue
        if written == read:
            break
        written += 1
        figures = _figures(sentence)
        if any(abs(f.start - place) <= reach for f in figures for place in places):
            with_figure += 1
    return written >= 2 and with_figure / written > 0.5


def _figures(sentence: str) -> list[Span]:
    # The day of a date ("January 19", "19 March") is not a figure anyone asks "how much" of.
    dated = [m.span() for m in DATE.finditer(sentence) if re.search(r"[a-z]", m.group(0), re.I)]
    spans = [Span(m.start(), m.end(), m.group(0)) for m in HYPHENED_LENGTH.finditer(sentence)]
    for match in FIGURE.finditer(sentence):
        text = match.group(0).strip().rstrip(".,")
        if not re.search(r"\d|[a-z]", text, re.I):
            continue
        digits = re.sub(r"\D", "", text)
        plain_year = re.fullmatch(r"(19|20)\d\d", text) is not None
        if plain_year or (not digits and not re.search(_UNIT, text, re.I)):
            continue  # a year is a date; "one" alone is rarely the figure asked
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
        if any(low <= start and start + len(text) <= high for low, high in dated):
            continue
        if any(found.start <= start < found.end for found in spans):
            continue  # "four" of "four-month"
        if PER_BEFORE.search(sentence[:start]):
            continue  # "90,000 yen per 15 tonne lot": what the amount is of, not an amount
        spans.append(Span(start, start + len(text), text))
    return _ranges_joined(spans, sentence)


# "per 15 tonne lot", "per 100 people": the quantity an amount is counted by.
PER_BEFORE = re.compile(r"\bper\s+$", re.I)
# "14 to 16 mln dlrs", "240,000 to 250,000 tonnes", "between 10 and 12 pct": one figure, a range
# (not "from 10 to 15 pct" nor "by 10 to 15 pct": two figures of a change).
RANGE_TO = re.compile(r"^\s+to\s+$", re.I)
RANGE_AND = re.compile(r"^\s+and\s+$", re.I)
CHANGE_BEFORE = re.compile(r"\b(?:from|by)\s+(?:about\s+|some\s+)?$", re.I)
BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:about\s+|some\s+)?$", re.I)


def _ranges_joined(spans: list[Span], sentence: str) -> list[Span]:
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if (
            last is not None
            and re.fullmatch(r"[\d,.]+", last.text)
            and re.search(r"[a-z%]", span.text, re.I)
        ):  # a bare first number, the second with its unit
            gap, before = sentence[last.end : span.start], sentence[: last.start]
            if (RANGE_TO.match(gap) and not CHANGE_BEFORE.search(before)) or (
                RANGE_AND.match(gap) and BETWEEN_BEFORE.search(before)
            ):
                joined[-1] = Span(last.start, span.end, sentence[last.start : span.end])
                continue
        joined.append(span)
    return joined


def _spelled_counts(sentence: str, question: str) -> list[Span]:
    """Numbers spelt out that count what a "how many" question asks: "eight civilian deaths" for
    "How many civilian deaths ...?" (a number word alone is rarely the figure asked, so
    _figures leaves those without a unit)."""
    if not SPELLED.search(sentence):
        return []
    asked = asked_count(question)
    if asked is None or not asked.head:
        return []
    spans = [
        Span(m.start(), m.end(), m.group(0))
        for m in SPELLED.finditer(sentence)
        if 2 <= NUMBER_WORDS[m.group(0).lower()] < 100
        and not SCALE_AFTER.match(sentence[m.end() :])  # "two hundred", "three mln": not a count
    ]  # "a few hundred thousand bags" counts none exactly
    return [span for span in spans if _count_match(asked, sentence, span) == 1.0]


SCALE_AFTER = re.compile(rf"[\s-]+(?:{'|'.join(SCALE_WORDS)})\b", re.I)


def _names(sentence: str) -> list[Span]:
    spans = []
    for match in NAME.finditer(sentence):
        # "Nevada. The company ...": a name ends with its sentence ("U.S. Navy" does not)
        found = re.split(r"(?<=[a-z]{4})\.\s+(?=[A-Z])", match.group(0))[0]
        words = found.rstrip(".,'’").split()
        if all(word.lower().rstrip(".") in MONTHS or word.lower() in WEEKDAYS for word in words):
            continue
        if len(words) == 1 and (
            len(words[0].rstrip(".")) < 2  # "0 degrees F", "Class A": a letter, not a name
            or words[0].lower() in STOPWORDS
            or (match.start() == 0 and not _looks_like_name(words[0]))
        ):
            continue  # "The", "We", "Analysts": capitalised by their place, not names
        if all(
            word.lower().endswith(DEMONYM_ENDINGS) for word in words if word[:1].isupper()
        ) and re.match(r" [a-z]", sentence[match.end() : match.end() + 2]):
            continue  # "the Canadian company", "Russian and Syrian jets": nationalities of a noun
        if all(word.lower().rstrip(".") in ORGANISATION_WORDS for word in words):
            continue  # "Pty Ltd" of "Norton co Pty Ltd", "Exchange": a head word names nothing
        text = " ".join(words)
        if TICKER.fullmatch(sentence[max(0, match.start() - 1) : match.start() + len(text) + 1]):
            continue  # "<HFAG.F>" after "Hoechst AG": the stock symbol of the name before it
        spans.append(Span(match.start(), match.start() + len(text), text))
        spans.extend(_people_within(match.start(), text))
    return spans


# A stock symbol in brackets after a company's name: "<HFAG.F>", "[DAIG.F]", "<BKN>".
TICKER = re.compile(r"[<\[][A-Z0-9.&-]+[>\]]")


def _people_within(start: int, run: str) -> list[Span]:
    """The person a longer capitalised run holds: "Jaime Ongpin" of "Philippine Finance
    Secretary Jaime Ongpin" (the title before the name), "Kevin Murphy" of "Kevin Murphy of
    Morgan Stanley and Co" (the organisation after "of"). Candidates beside the run itself."""
    words = run.split()
    if len(words) < 3 or looks_like_a_person(run):
        return []  # "Harbour City Rovers", "Rep. Cardiss Collins": the run is the name
    joined = next((i for i, word in enumerate(words) if word == "of"), len(words))
    pieces = [" ".join(words[:joined]), " ".join(words[:joined][-2:]), " ".join(words[-2:])]
    return [
        Span(start + run.index(piece), start + run.index(piece) + len(piece), piece)
        for piece in dict.fromkeys(pieces)
        if piece != run and looks_like_a_person(piece)
    ]


def _looks_like_name(word: str) -> bool:
    return (
        sum(char.isupper() for char in word) > 1
        or not terms(word)
        or len(word) > 3
        and (
            word.lower() not in {"the", "this", "that", "these", "those", "there", "their", "they"}
            and not word.lower().endswith(("ing", "ed", "ly", "s"))
        )
    )


# "since 1974", "after March 1", "following last year's cut": a time, not a cause.
TIME_AFTER = re.compile(
    rf"\s+(?:the\s+)?(?:\d|(?:{_MONTH})\b|(?:{'|'.join(WEEKDAYS)})\b|"
    r"(?:last|this|next|early|late|mid|then|end|start|beginning|turn)\b|"
    # "fell 1.0 pct after a revised 2.3 pct December gain", "after increases of 0.7 pct": the
    # figure before, compared with, not a cause
    r"(?:an?\s+)?(?:[a-z]+\s+){0,2}\d)",
    re.IGNORECASE,
)
TEMPORAL_CUES = ("since", "after", "following")


def _reasons(sentence: str) -> list[Span]:
    """The causes a sentence gives: its causal words and what follows them, but not a time
    ("its first surplus since 1974" gives no cause; "since prices fell" does; nor does "the
    first drop since it fell 1.3 pct in September 1958", a clause dated in a year)."""
    found = []
    for span in _matches(REASON, sentence):
        cue = next((c for c in TEMPORAL_CUES if span.text.lower().startswith(c)), None)
        if cue and TIME_AFTER.match(span.text[len(cue) :]):
            continue
        clause = re.split(r"[,;]|\.(?!\d)", sentence[span.start :])[0]
        if cue == "since" and YEAR.search(clause):
            continue
        found.append(span)
    return found


def _matches(pattern: re.Pattern[str], sentence: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group(0).strip()) for m in pattern.finditer(sentence)
            if m.group(0).strip()]  # fmt: skip


def holds_typed_span(span: str, sentence: str, kind: str, question: str) -> bool:
    """Is `span`, where it stands in `sentence`, a span of the asked kind there (or one that
    contains one)? "19" is a figure on its own but, in "on January 19", part of a date; a
    reason is within a cause the sentence gives ("reflecting lower prices for food"), not its
    figure ("was down 0.1"), when its causal words are known."""
    if kind not in ("figure", "date", "name", "place", "reason"):
        return True
    wanted = span.casefold()
    found = typed_spans(sentence, kind, question)
    if kind == "reason" and not found:
        return True  # a cause in words the causal list lacks: the span may still be it
    return any(wanted in f.text.casefold() or f.text.casefold() in wanted for f in found)


PERSON_WORD = re.compile(r"[A-Z](?:[a-z]+(?:['’-]?[A-Z]?[a-z]+)*)?\.?")
ASKS_FOR_A_PERSON = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:who|whom)\b", re.I)


def looks_like_a_person(name: str) -> bool:
    """ "Kenneth Douglas", "Rep. Cardiss Collins", "J. Smith": two to four capitalised words, no
    acronym, no joining word, no organisation head word ("Dean Foods Co", "Pty Ltd")."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(
        PERSON_WORD.fullmatch(word) and word.lower().rstrip(".") not in ORGANISATION_WORDS
        for word in words
    )


def _in_question(span: str, question: str) -> bool:
    """Is the span (by its words and numbers) already said by the question?"""
    if not terms(span):
        return span.lower() in question.lower()
    # "The New York Stock Exchange" of "Who is chairing the NYSE's review?", or "NYSE" of one
    # that spells it out: the question names it by its initials
    return echoes(span, question) or by_initials(re.sub(r"^the\s+", "", span, flags=re.I), question)


def best_span(
    spans: list[Span], sentence: str, question: str, published: str | None = None
) -> Span | None:
    """The span nearest to the words the sentence shares with the question: in "X rose 15% to
    £546m, while Y fell 2%", the figure next to what was asked. `published` (the article's
    ISO date) tells which dates are past and which to come."""
    # "Who won the final?" asks who did it: when names stand before a verb in the past
    # ("Stonebridge FC beat Kestrel Town"), one of those, before the one it was done to
    doers = (
        frozenset((span.start, span.end) for span in spans if _before_a_verb(span, sentence))
        if SUBJECT_ASKED.match(question) and not any(FIGURE.fullmatch(s.text) for s in spans)
        else frozenset()
    )
    ranked = sorted(spans, key=lambda span: _closeness(span, sentence, question, published, doers))
    if not ranked:
        return None
    return _with_its_list(ranked[0], spans, sentence, question)


LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def _with_its_list(span: Span, spans: list[Span], sentence: str, question: str) -> Span:
    """ "Des Moines, Iowa, Bloomington, Ill., and Oklahoma City tire plants" for "Which tire
    plants ...?": a name followed by the asked noun ends a list of names it shares."""
    if not _terms_beside(span, sentence)[1] & asked_noun(question):
        return span
    first = span
    while previous := next(
        (
            other
            for other in spans
            if other.end < first.start
            and LIST_SEPARATOR.fullmatch(sentence[other.end : first.start].lstrip("."))
        ),
        None,
    ):
        first = previous
    if first is span:
        return span
    return Span(first.start, span.end, sentence[first.start : span.end])


def shape_rank(
    text: str, sentence: str, question: str, published: str | None = None
) -> tuple[int, ...]:
    """How well a span's shape alone answers (lower is better): the thing counted or a person
    for "who" first, then a name right beside the asked noun ("analyst Kevin Murphy"), then one
    that is not of a name the question gives ("Sugarman's Giant Group" for "Which firm helped
    Sugarman?"), then a figure that counts nothing else than asked ("600 militants" is no
    answer to "how many civilians"), then one not said of another time than asked, then one not
    given for comparison ("vs 4 mln", "up from 4 mln"), then one right after a word of the
    question ("contributed 316 mln"), then, for "how much", an amount
    with a unit before a bare number."""
    start = sentence.casefold().find(text.casefold())
    if start < 0:
        return (1, 1, 1, 1, 1, 1, 1, 1)
    return _closeness(Span(start, start + len(text), text), sentence, question, published)[:8]


def _closeness(
    span: Span,
    sentence: str,
    question: str,
    published: str | None = None,
    doers: frozenset[tuple[int, int]] = frozenset(),
) -> tuple[int, ...]:
    asked = set(terms(question))
    anchors = [m.start() for m in re.finditer(r"\w+", sentence) if set(terms(m.group(0))) & asked]
    beside = _terms_beside(span, sentence)
    before = sentence[max(0, span.start - 12) : span.start].lower().split()
    by = bool(before) and before[-1] == "by"
    # "What did M3 rise to?", "What is Magma's new price?": a figure beside a word of change
    # ("rose 2.2 pct", "a 3.1 pct rise", "cutting its price by 0.75 cent") tells by how much,
    # not the level reached or the value asked
    level = LEVEL_REACHED.search(question) is not None or not asked & CHANGE_TERMS
    of_change = level and (by or bool((beside[0] | beside[1]) & CHANGE_TERMS))
    # "5,662 sorties, including 145 by fighter jets": the number of the thing asked about.
    figure = FIGURE.fullmatch(span.text) is not None
    counted = (
        figure
        and bool(beside[1] & asked)
        # a common noun counted: "50 mln Swiss franc issue" counts no "Swiss"
        and re.match(r"\W{0,2}[a-z]", sentence[span.end :]) is not None
        and not DATE.match(sentence[span.end :].lstrip(" ,"))  # "71 per cent last year"
        and not of_change
    )
    # "Who said ...?" asks for a person: a person's name before an organisation's or a place's
    # ("talks in New York", "Kevin Murphy of Morgan Stanley": names after such words are not).
    person = (
        ASKS_FOR_A_PERSON.search(question) is not None
        and looks_like_a_person(span.text)
        and not PLACE_BEFORE.search(sentence[: span.start])
    )
    if doers:  # the doers asked for (best_span), person-like or not
        person = (span.start, span.end) in doers
    apposed = int(not _apposed(span, sentence, asked_noun(question), question))
    # "Which firm helped Sugarman?": "Sugarman's Giant Group" is of whom the question names
    named = {term for name in names_in(question) for term in terms(name)}
    subject = int(not figure and bool(set(terms(span.text)) & named))
    # "How much ...?" asks for an amount with its unit or currency ("£18m", "480 million
    # crowns"), not a bare count ("by 21 votes to 9").
    bare = re.fullmatch(r"[\d,.]+", span.text) is not None
    unit_wanted = int(bare and re.search(r"\bhow much\b", question, re.I) is not None)
    # "rose 15% to £546m": the level reached ("to"), unless the question asks by how much
    # something changed ("How much did M3 grow?": "rose 2.2 pct to 607.17 billion" -> 2.2 pct).
    if asks_change(question):
        marked = int(bare or not (by or beside[0] & CHANGE_TERMS))
    else:
        # (a name after "to" is no level reached: "losing orders to South Korea")
        quantity = figure or DATE.fullmatch(span.text) is not None
        marked = 0 if before and before[-1] == "to" and not bare and quantity else 1
    nearest = min((abs(anchor - span.start) for anchor in anchors), default=0)
    # "How many civilians ...?" is not answered by "600 Isis militants": a count of another thing
    asked_for = asked_count(question)
    miscounted = int(asked_for is not None and _count_match(asked_for, sentence, span) == 0.0)
    another_time = max(
        _of_another_time(span, sentence, question),
        _of_another_tense(span, question, published),
        _said_earlier(span, sentence, question),
    )
    # the earlier time asked ("What were sales a year earlier?"): the one compared with
    reference = int(_compared_with(span, sentence) != bool(EARLIER_ASKED.search(question)))
    after_asked = _after_asked_word(span, sentence, asked) and not of_change
    counted = counted and not miscounted  # "841,887 Cynergy shares" is no sum paid
    return (
        (0 if ((counted or after_asked) and not another_time and not miscounted) or person else 1),
        apposed,
        subject,
        miscounted,
        another_time,
        reference,
        int(not after_asked),
        unit_wanted,
        marked,
        nearest,
        -len(span.text),
    )


# "Who won ...?", "Who turned down ...?", "Who has replaced ...?": the question's subject is
# asked (not "Who is ...?", "Who did X hire?").
SUBJECT_ASKED = re.compile(
    r"^\W*who\s+(?!(?:is|was|are|were|did|does|do|will|would|can|could|should|may|might)\b)"
    r"[a-z]+",
    re.I,
)
# A verb in the past right after a name, perhaps after an auxiliary ("Stonebridge FC beat",
# "Chang Chi-cheng rejected", "X has agreed"); not a noun after an owner ("December's rate").
VERB_AFTER = re.compile(r"\s+(?:(?:has|have|had)\s+)?(?P<verb>[a-z][a-z-]+)\b")


def _before_a_verb(span: Span, sentence: str) -> bool:
    following = VERB_AFTER.match(sentence[span.end :])
    if following is None or re.search(r"['’]s?$", span.text):
        return False
    verb = following.group("verb")
    return verb.endswith("ed") or verb in IRREGULAR


PLACE_BEFORE = re.compile(rf"\b(?:{'|'.join(PLACE_PREPOSITIONS)})\s+(?:the\s+)?$", re.I)


def _terms_beside(span: Span, sentence: str) -> tuple[set[str], set[str]]:
    """The terms of the word right before a span and of the word right after it."""
    before = re.search(r"(\w+)\W{0,2}$", sentence[: span.start])
    after = re.match(r"\W{0,2}(\w+)", sentence[span.end :])
    return (
        set(terms(before.group(1))) if before else set(),
        set(terms(after.group(1))) if after else set(),
    )


WHICH_NOUN = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:which|what)\s+((?:[\w'’-]+\s+){1,3})", re.I)
# "Who is the current president of OPEC?", "Who is Manila's finance secretary?": a title asked
WHO_IS = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:who|whom)\s+(?:is|was|are|were)\s+"
    r"(?:the|(?-i:(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*)['’]s?)\s+([^?]+)",
    re.I,
)


def asked_noun(question: str) -> set[str]:
    """The terms of what a question asks for by name: "analyst" of "Which analyst called ...?",
    "tire plants" of "Which tire plants ...?", "finance secretary" of "Who is the Philippines'
    finance secretary?" (empty for "What did ...", "Who said ...")."""
    found = WHICH_NOUN.search(question) or WHO_IS.search(question)
    if not found:
        return set()
    words = []
    for word in found.group(1).split()[:4]:
        if re.search(r"['’]s?$", word):
            if words:
                break  # "Which analyst called AMR's ...": "AMR's" is no longer the noun asked
            continue  # "Who is the Philippines' finance secretary?": whose, not what
        if word.lower() in STOPWORDS:
            break
        words.append(word)
    return set(terms(" ".join(words)))


def _apposed(span: Span, sentence: str, asked: set[str], question: str = "") -> bool:
    """Does a name stand right beside the noun a question asks for? "analyst Kevin Murphy" for
    "Which analyst ...?", "the Business Day newspaper" for "Which newspaper ...?", "Finance
    Secretary Jaime Ongpin" for "Who is the finance secretary?", "Sen. David Boren" (a title
    abbreviated, before or within the name) for "Which senator ...?"."""
    if not (asked or question) or FIGURE.fullmatch(span.text) is not None:
        return False
    before, after = _terms_beside(span, sentence)
    lead = re.match(r"(\w+)\.?\s", span.text)
    titles = {
        term
        for word in (re.search(r"(\w+)\W{0,2}$", sentence[: span.start]), lead)
        if word and (title := TITLE_ABBREVIATIONS.get(word.group(1).lower()))
        for term in terms(title)
    }
    if (before | after | titles) & asked:
        return True
    # "Who chairs the ATPC?": "Chairman Subroto", the title of one who does what is asked
    agent = asked_agent(question)
    titled = before | set(terms(lead.group(1))) if lead else before
    return any(term.startswith(stem) for term in titled for stem in agent)


# "Who chairs ...?", "Who heads ...?", "Who presides over ...?": the verb asked, whose doer's
# title begins with its stem ("Chairman", "Head", "President").
WHO_DOES = re.compile(
    r"^\W*(?:\w+\W+){0,3}?who\s+(?:now\s+|currently\s+)?(?P<verb>[a-z]{3,})\b", re.I
)


def asked_agent(question: str) -> set[str]:
    match = WHO_DOES.search(question)
    if not match or match.group("verb").lower() in STOPWORDS:
        return set()
    return {stem for stem in terms(match.group("verb")) if len(stem) >= 4}


# Words of time: a figure after one ("the year-ago month to 8,191,266") is of no asked verb.
TIME_TERMS = frozenset(
    terms(" ".join([*re.findall(r"[a-z]+", TIME_UNITS), "quarter", "period", *MONTHS, *WEEKDAYS]))
)


def _after_asked_word(span: Span, sentence: str, asked: set[str]) -> bool:
    """Does a figure follow a lower-case word of the question (its verb or noun)? "Shearson
    contributed 316 mln dlrs of American Express's 1.25 billion dlrs net" for "How much did
    Shearson contribute ...?": 316 mln, not the figure after a name."""
    if FIGURE.fullmatch(span.text) is None:
        return False
    asked = asked - TIME_TERMS  # "from the year-ago month to 8,191,266" of "drop that month"
    for word in reversed(re.findall(r"\S+", sentence[: span.start])[-6:]):
        bare = word.strip(',;:()"“”')
        if bare.lower() in FIGURE_LEAD_INS:
            continue
        return bare.isalpha() and bare.islower() and bool(set(terms(bare)) & asked)
    return False


# "profit 5 mln vs 4 mln", "rose to 5 mln from 4 mln", "5 mln, against 4 mln a year ago": a
# figure after such a word, right after another figure, is the one compared with, not the one
# told ("won a bid against 12 other firms" compares nothing).
COMPARED_WITH = re.compile(
    r"\b(?:from|against|compared (?:with|to)|versus|vs)\.?\s+"
    r"(?:(?:a|an|the|about|some|nearly|almost|around|revised|estimated|record)\s+)*$",
    re.I,
)
# A question asking of the time compared with ("a year earlier", "the previous quarter").
EARLIER_ASKED = re.compile(
    r"\b(?:a|one|the) (?:year|quarter|month|week) (?:earlier|ago|before)\b|\byear[- ]ago\b|"
    r"\b(?:previous|prior|preceding) (?:year|quarter|month|week|period)\b",
    re.I,
)


def _compared_with(span: Span, sentence: str) -> bool:
    if FIGURE.fullmatch(span.text) is None:
        return False
    window = max(0, span.start - 40)
    word = COMPARED_WITH.search(sentence[window : span.start])
    if word is None:
        return False
    told = sentence[max(0, window + word.start() - 40) : window + word.start()]
    return any(len(told) - figure.end <= 25 for figure in _figures(told))


# A time before the story's own, said right after a figure: "85 last week", "134 rigs one year
# ago", "3.1 mln a year earlier".
_NOT_COMPARING = r"(?!(?:from|than|over|on|against|compared|versus|vs|since)\b)"
SAID_EARLIER = re.compile(
    rf"^\W*(?:{_NOT_COMPARING}[a-z]+\W+){{0,2}}?"  # up to two words between ("rigs")
    rf"(?:(?:a|an|one|two|three|four|five|six|\d+)\s+(?:{LONG_UNITS})\s+(?:ago|earlier|before)"
    rf"|(?:last|previous|prior|preceding)\s+(?:{LONG_UNITS}))\b",
    re.I,
)
# A question asking of a time before now names one ("last week", "a year ago", "in 1985").
ASKS_EARLIER = re.compile(r"\b(?:ago|earlier|before|last|previous|prior|preceding)\b", re.I)


def _said_earlier(span: Span, sentence: str, question: str) -> int:
    """1 when the words right after a figure say it is of an earlier time ("83 working rigs,
    compared to 85 last week and 134 one year ago": for "How many rigs were working this
    week?", 85 and 134 are of other times) and the question names no time before now nor a
    year or month. A change measured from it ("up 5 pct from a year earlier") is not."""
    if FIGURE.fullmatch(span.text) is None or ASKS_EARLIER.search(question):
        return 0
    if _times_asked(question):
        return 0  # "earn in 1986" asked of a 1987 story: "last year" is the year asked
    return int(SAID_EARLIER.match(sentence[span.end : span.end + 40]) is not None)


def _times_asked(question: str) -> list[str]:
    """The years and months the question names."""
    return [n for n in numbers_in(question) if YEAR.fullmatch(n) or n.lower() in MONTHS]


def _of_another_time(span: Span, sentence: str, question: str) -> int:
    """1 when the words right after a figure name another month or year than the question asks
    ("a rise of 287 mln dlrs in February, after a 72 mln dlrs rise in January": for "in
    February", 72 mln is January's), or a part of the year asked when the question asks the
    whole year ("rose 1.1 pct in the fourth quarter of 1986" for "How much did GDP grow in
    1986?"), else 0 (its time unsaid or the one asked)."""
    asked = _times_asked(question)
    if not asked or FIGURE.fullmatch(span.text) is None:
        return 0
    # up to the next clause or figure (a year is no figure here: "72 mln dlrs in 1985")
    after = re.split(r"[,;]|\b(?!(?:19|20)\d\d\b)\d", sentence[span.end : span.end + 40])[0]
    whole_year = not any(n.lower() in MONTHS for n in asked) and not periods_named(question)
    # its clause before it too: "fourth quarter pre-tax profit of 276 mln stg"
    before = re.split(r"[,;]|\d(?![\d,.]*\s*(?:19|20)\d\d\b)", sentence[: span.start])[-1]
    if whole_year and periods_named(f"{before} {after}"):
        return 1
    years = {int(m.group(0)) for m in YEAR.finditer(after)}
    months = {
        MONTHS[m.group(1).lower()] for m in MONTH_WORD.finditer(after) if m.group(1)[0].isupper()
    }
    asked_years = {int(n) for n in asked if YEAR.fullmatch(n)}
    asked_months = {MONTHS[n.lower()] for n in asked if n.lower() in MONTHS}
    other_year = bool(asked_years and years and not asked_years & years)
    other_month = bool(asked_months and months and not asked_months & months)
    return int(other_year or other_month)


# "When is the vote now?", "When will the plant close?" ask a time to come; "When did it
# close?" a time past. Of "As announced February 26, ... will be reconvened on April 22", in an
# article of 3 March, only April 22 is to come.
TO_COME_ASKED = re.compile(r"^\W*when (?:is|are|will|does|do)\b", re.I)
PAST_ASKED = re.compile(r"^\W*when (?:was|were|did|had)\b", re.I)
DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")


def _of_another_tense(span: Span, question: str, published: str | None) -> int:
    """1 when a date is before the article's date and the question asks a time to come, or after
    it and the question asks a time past; else 0 (the date or the tense unknown)."""
    to_come, past = TO_COME_ASKED.search(question), PAST_ASKED.search(question)
    if not published or not (to_come or past) or not DATE.fullmatch(span.text):
        return 0
    article = tuple(int(piece) for piece in published.split("-")[:3])
    said = _date_of(span.text, article) if len(article) == 3 else None
    if said is None:
        return 0
    day = article[: len(said)]
    if said == day:
        return 0
    return int((said < day) if to_come else (said > day))


def _date_of(text: str, published: tuple[int, ...]) -> tuple[int, ...] | None:
    """(year, month[, day]) of a date span ("April 22", "22 April 1987", "March 1986", "1985");
    one that names no year is taken within six months of the article's (year, month, day):
    "December 23" in an article of March 1987 is of 1986. None when it is no calendar date."""
    named_year = YEAR.search(text)
    month = MONTH_WORD.search(text)
    if month is None:
        return (int(named_year.group(0)),) if named_year and named_year.group(0) == text else None
    if re.match(r"(?:early|mid|late|end)", text, re.I):
        return None
    number = MONTHS[month.group(1).lower()]
    year = int(named_year.group(0)) if named_year else published[0]
    if not named_year and abs(number - published[1]) > 6:
        year += 1 if number < published[1] else -1
    day = DAY.search(YEAR.sub("", text))
    return (year, number, int(day.group(1))) if day else (year, number)


YEAR = re.compile(r"\b(?:19|20)\d\d\b")

PERIOD = re.compile(
    rf"\b({'|'.join(PERIOD_ORDINALS)})[\s-]+({'|'.join(PERIOD_WORDS)})\b|\b([QH])([1-4])\b",
    re.I,
)


def periods_named(text: str) -> set[tuple[str, int]]:
    """The quarters and halves of a year a text names: {("quarter", 2)} of "second-quarter"."""
    found = set()
    for match in PERIOD.finditer(text):
        if match.group(1):
            period = PERIOD_WORDS[match.group(2).lower()]
            found.add((period, PERIOD_ORDINALS[match.group(1).lower()]))
        else:
            found.add(("quarter" if match.group(3) in "Qq" else "half", int(match.group(4))))
    return found


# A month's name (lower case too: callers that want a capitalised one check group 1).
MONTH_WORD = re.compile(rf"\b({_MONTH})\b\.?", re.I)


@dataclass(frozen=True)
class Counted:
    """What a figure counts: the words after its number ("revenue passenger miles" of "1.50
    billion revenue passenger miles"), their "of" complement ("measles" of "6,369 cases of
    measles"), and whether its first word is a unit of measure ("dlrs", "pct", "tonnes")."""

    words: tuple[str, ...]
    complement: tuple[str, ...]
    unit: bool
    value: float
    scaled: bool = False  # followed by "billion", "mln": "5.472 billion riyals"

    @property
    def head(self) -> str:
        """The counted noun: the first plural of the words ("miles" of "revenue passenger miles",
        "people" of "people next year"), else the last word."""
        return _plural(self.words) or (self.words[-1] if self.words else "")


def _plural(words: tuple[str, ...] | list[str]) -> str:
    """The first plural noun among `words` by its English form, or ""."""
    return next((w for w in words if (w.endswith("s") and not w.endswith("ss") and w.islower())
                 or w.lower() in PLURALS), "")  # fmt: skip


SCALE = {"mln": 1e6, "million": 1e6, "m": 1e6, "bln": 1e9, "billion": 1e9, "bn": 1e9,
         "thousand": 1e3, "k": 1e3, "hundred": 1e2}  # fmt: skip
MEASURE = re.compile(rf"(?:{MEASURE_UNITS})", re.IGNORECASE)


def counted(sentence: str, span: Span) -> Counted | None:
    """What the figure `span` of `sentence` counts, or None when it holds no number."""
    number = re.search(rf"\d[\d,]*(?:\.\d+)?|\b(?:{_NUMBER_WORD})\b", span.text, re.I)
    if not number:
        return None
    spelled = number.group(0).lower()
    value = float(NUMBER_WORDS[spelled] if spelled in NUMBER_WORDS else spelled.replace(",", ""))
    after = sentence[span.start + number.end() :]
    words = re.findall(r"[A-Za-z][\w'’-]*|[^\w\s]", after)[:16]
    scaled = bool(words) and words[0].lower() in SCALE
    while words and words[0].lower() in SCALE:
        value *= SCALE[words.pop(0).lower()]
    if [word.lower() for word in words[:2]] == ["per", "cent"]:
        words = ["pct", *words[2:]]  # the one unit of two words ("per" is a stop word)
    found: list[str] = []
    for word in words:
        lowered = word.lower()
        if (
            not word[0].isalpha()
            or lowered in STOPWORDS
            or len(found) == 5
            or lowered.endswith("ing")
            or lowered in ("since", "until")
            or lowered in RELATIVE_DAYS
            or lowered in WEEKDAYS
            or (found and word[0].isupper() and found[-1][0].islower() and _plural(found))
        ):
            break  # "849 civilians including …", "97 cruise missiles Lieutenant …" (but
            # "10,000 angry West German farmers": no noun counted yet); "versus 29 yesterday"
            # counts nothing named after it
        found.append(word)
    rest = words[len(found) :]
    if len(found) > 1 and found[0].lower() in UNIT_QUALIFIERS and MEASURE.fullmatch(found[1]):
        found = found[1:]  # "277,500 short tons" is in tons
    listed = found and not MEASURE.fullmatch(found[0]) and not _plural(found)
    head = _list_head(rest) if listed else ""
    if head:  # "790 salaried, production and support services employees": employees
        found, rest = [*found, head], []
    complement: list[str] = []
    if found and rest[:1] and rest[0].lower() == "of":
        for word in rest[1:4]:
            if not word[0].isalpha():
                break
            if word.lower() not in STOPWORDS:
                complement.append(word)
    unit = bool(found) and MEASURE.fullmatch(found[0]) is not None
    return Counted(tuple(found), tuple(complement), unit, value, scaled)


def _list_head(words: list[str]) -> str:
    """The noun a list of modifiers ends in (", production, maintenance and support services
    employees" -> "employees"), or "" when `words` do not go on such a list."""
    if not words or words[0] not in (",", "and"):
        return ""
    joined = False
    last = ""
    for word in words:
        lowered = word.lower()
        if word in (",", "and"):
            if last and joined:
                break
            joined = joined or word == "and"
            continue
        if not word[0].isalpha() or not word.islower() or lowered in STOPWORDS:
            break
        last = word
    return last if joined else ""


@dataclass(frozen=True)
class Asked:
    """What a "how many" or "how much" question counts: its noun ("passengers", "cases"), that
    noun's "of" complement ("malaria"), and whether it asks an amount ("how much")."""

    head: str
    complement: tuple[str, ...]
    amount: bool
    money: bool = False  # an amount of money: "how much did it earn", "what price"
    change: bool = False  # by how much something changed: a percentage may answer
    duration: bool = False  # "how long": a time ("two days", "a four-month freeze")
    per: str = ""  # the unit of a rate asked: "share" of "How much did it pay per share?"
    stuff: tuple[str, ...] = ()  # what an amount is of: "barley" of "How much barley ...?"
    # "What percentage of AMI does WEDGE own?": only a percentage answers (1.0 if asked, 0.5
    # when a share of a named thing is asked, "How much of Minstar does Leucadia own?", which
    # a count of its shares may also answer)
    percent: float = 0.0
    # the names that qualify the counted noun: "French" of "How many French pig farmers ...?"
    qualifiers: tuple[str, ...] = ()


MONEY = re.compile(rf"(?:{MONEY_UNITS})", re.IGNORECASE)
PERCENT = re.compile(rf"(?:{PERCENT_UNITS})", re.IGNORECASE)
MONEY_TERMS = frozenset(terms(" ".join(MONEY_WORDS)))
CHANGE_TERMS = frozenset(terms(" ".join(CHANGE_WORDS)))
SHARE_ASKED = re.compile(r"\bhow much of\b", re.I)
PERCENT_ASKED = re.compile(
    r"\bwhat (?:percentage|percent|proportion)\b|\bwhat (?:share|fraction|portion) of\b", re.I
)
SHARE_OF_NAMED = re.compile(r"\b(?i:how much of) (?:the )?[A-Z]")
# "by how much", "how much more", "how much above market": a difference, which a percentage
# may give
CHANGE_ASKED = re.compile(
    r"\bby (?:how much|what)\b|\bhow much (?:more|less|above|over|below|under|higher|lower)\b",
    re.I,
)


# "How much did M3 grow?", "By how much did sales fall?", "What was the decline in sales?",
# not "What did sales fall to?"
CHANGE_BY = re.compile(
    rf"\bhow (?:much|many|far)\b|^\W*what (?:is|was|were|are) the (?:[\w-]+ )?"
    rf"(?:{'|'.join(CHANGE_WORDS)})s?\b",
    re.I,
)
LEVEL_REACHED = re.compile(r"\b(?:to|from)\W*$", re.I)


def asks_change(question: str) -> bool:
    """Does the question ask by how much something changed (not the level it reached)?"""
    if CHANGE_ASKED.search(question):
        return True
    return bool(
        CHANGE_BY.search(question)
        and set(terms(question)) & CHANGE_TERMS
        and not LEVEL_REACHED.search(question)
    )


def _money_asked(question: str) -> tuple[bool, bool]:
    """(asks an amount of money, asks by how much something changed)."""
    asked = set(terms(question))
    share = SHARE_ASKED.search(question) is not None  # "how much of that" asks a share
    changed = bool(CHANGE_ASKED.search(question) or asked & CHANGE_TERMS)
    return bool(asked & MONEY_TERMS) and not share, changed


HOW = re.compile(r"\bhow\s+(many|much)\b(.*)", re.IGNORECASE)
HOW_LONG = re.compile(r"\bhow\s+long\b", re.IGNORECASE)
# "the number of passengers", "passenger numbers", "the transistor count": asked as "how many"
# ("a number of lawsuits" is some lawsuits, not their count).
COUNT_NAMED = re.compile(
    r"(?<!\ba )\bnumber\s+of\s+(?:the\s+)?(?P<of>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})|"
    r"\b(?P<noun>[a-z][a-z-]+)\s+(?:numbers|count)\b",
    re.IGNORECASE,
)


# "per share", "each year", "per Rospatch share": an amount asked of one unit, not the total.
PER_UNIT = re.compile(r"\b(?i:per|each)\s+(?:[A-Z][\w.&'’-]*\s+)*([a-z]+)\b")


# The words that take one unit of a rate: "a share", "per share", "each share"
ONE_UNIT = "a|an|per|each"


def _per(question: str, asked: Asked | None) -> Asked | None:
    unit = PER_UNIT.search(question)
    if asked is None or unit is None or not asked.amount:
        return asked
    return replace(asked, per=unit.group(1).lower())


@lru_cache(maxsize=256)
def asked_count(question: str) -> Asked | None:
    if PERCENT_ASKED.search(question):
        return Asked("", (), True, percent=1.0)
    asked = _per(question, _asked_count(question))
    if asked is not None and SHARE_OF_NAMED.search(question):
        return replace(asked, percent=0.5)
    return asked


def _asked_count(question: str) -> Asked | None:
    """ "How many cases of malaria were recorded …?" -> cases (of malaria); "How much did the
    tram cost?", "What price …?" -> an amount; "How long ...?" -> a time or a length; None for a
    question that asks none of these."""
    match = HOW.search(question)
    money, change = _money_asked(question)
    if HOW_LONG.search(question):
        return Asked("", (), False, duration=True)
    if not match:
        if asks_amount(question):
            return Asked("", (), True, money, change)
        named = COUNT_NAMED.search(question)
        words = named.group("of").split() if named and named.group("of") else []
        words = list(itertools.takewhile(lambda w: w.lower() not in STOPWORDS, words))
        # "the number of internal card slots": the plural, else the last word, is what is counted
        noun = _plural(words) or (words[-1] if words else named and named.group("noun"))
        if noun and noun.lower() not in STOPWORDS and answer_kind(question) == "figure":
            return Asked(noun.lower(), (), False)
        return None
    words = re.findall(r"[A-Za-z][\w'’-]*", match.group(2))
    noun: list[str] = []
    for word in words:
        if word.lower() in STOPWORDS:
            break  # "did", "were", "a year", "of"
        noun.append(word)
    rest = words[len(noun) :]
    complement: list[str] = []
    if noun and rest[:1] and rest[0].lower() == "of":
        for word in rest[1:4]:
            if word.lower() in STOPWORDS:
                break
            complement.append(word)
    # The counted noun: the first plural ("councillors" of "councillors voted", "vehicles" of
    # "Jeep ZJ vehicles"); none in "how many died": any count.
    head = _plural(noun)
    much = match.group(1).lower() == "much"
    stuff = tuple(w for w in noun if w.islower()) if much and not money else ()
    qualifiers = tuple(w for w in itertools.takewhile(lambda w: w != head, noun) if w[:1].isupper())
    return Asked(head, tuple(complement), much, much and money, change, stuff=stuff,
                 qualifiers=qualifiers)  # fmt: skip


def count_match(question: str, sentence: str, head_written: bool = True) -> float:
    """How well the sentence's figures count what a "how many"/"how much" question asks: 1 for
    the thing asked ("6,369 cases" for "how many cases"; an amount in a unit for "how much"),
    0.5 for a bare number or the thing with another complement ("cases of measles" for "cases
    of malaria"), 0 for a figure of something else ("1.50 billion revenue passenger miles" for
    "how many passengers", "4 new schools" for "how much did it cost") or no figure. A question
    that asks no count: 1. `head_written` false: no candidate story writes the counted noun
    asked, so a count of another noun is 0.5, not 0 (the asker's synonym tells nothing)."""
    asked = asked_count(question)
    if asked is None:
        return 1.0
    spans = typed_spans(sentence, "figure", question) + [
        Span(m.start(), m.end(), m.group(0)) for m in SPELLED.finditer(sentence)
    ]  # "eight civilian deaths": a count spelt out, which typed_spans leaves to its unit
    return max((_count_match(asked, sentence, span, head_written) for span in spans),
               default=0.0)  # fmt: skip


SPELLED = re.compile(rf"\b(?!one\b)(?:{_NUMBER_WORD})\b", re.IGNORECASE)


def _count_match(asked: Asked, sentence: str, span: Span, head_written: bool = True) -> float:
    unit = rf"\s+{re.escape(asked.per)}"
    if (
        asked.per
        and not re.match(rf"\W*(?:{ONE_UNIT}|for each){unit}", sentence[span.end :], re.I)
        and not re.search(rf"\b(?:{ONE_UNIT}){unit}", span.text, re.I)
    ):
        return 0.0  # "5.4 mln dlrs" is no price per share
    what = counted(sentence, span)
    if asked.percent:
        unit = what.words[0] if what is not None and what.words and what.unit else ""
        if PERCENT.fullmatch(unit) or PERCENT.search(span.text):
            return 1.0
        return 0.0 if asked.percent == 1.0 else 0.5
    if asked.duration:  # "how long": "two days", "a four-month freeze", not "2.15 billion dlrs"
        unit = " ".join(what.words[:1]) if what is not None else ""
        return 1.0 if DURATION.search(f"{span.text} {unit}") else 0.0
    if DURATION.search(RATE.sub(" ", span.text)) and not DURATION.search(asked.head):
        return 0.0  # "134 rigs one year ago": "one year" counts no rigs ("2,500 a day" may)
    if what is None or not what.words:
        if asked.head and _number_of_before(asked.head, sentence[: span.start]):
            return 1.0  # "the total number of commitments to the A320 to 439"
        if asked.head and _compared_count(asked.head, sentence[: span.start]):
            return 1.0  # "No barges traded today ..., versus 29 yesterday"
        return 1.0 if asked.amount and re.search(rf"[{CURRENCY_SIGNS}]", span.text) else 0.5
    if asked.amount and what.unit:
        unit = what.words[0]
        if (
            asked.stuff
            and what.complement
            and not set(terms(" ".join(asked.stuff))) & set(terms(" ".join(what.complement)))
        ):
            return 0.0  # "535,460 tonnes of wheat" is no amount of barley
        if asked.money and not MONEY.fullmatch(unit):
            # "What did it earn?" is not answered by "a 19 pct drop" or "0.8 ounces"; "by how
            # much did profit rise?" may be by a percentage
            return 1.0 if asked.change and PERCENT.fullmatch(unit) else 0.0
        return 1.0
    if asked.amount and what.scaled:
        return 0.5  # "5.472 billion riyals" may be an amount in a currency not listed
    asked_head, counted_head = terms(asked.head), terms(what.head)
    if not asked_head:
        return 0.0 if asked.amount else 1.0  # "how many died": a count of anything
    if what.unit and asked_head[0] in terms(" ".join(what.complement)):
        return 1.0  # "20 tonnes of lemons" for "how many lemons": the amount of them
    if not counted_head:
        return 0.0
    if not _alike(asked_head[0], counted_head[0]) and not _agents(asked.head, what.words):
        # a noun no candidate writes is the asker's own word ("vessels" of stories that count
        # "ships"): a count of another noun may be of it
        return 0.0 if head_written else 0.5
    if _other_group(asked.qualifiers, what):
        return 0.0  # "10,000 West German farmers" is no count of French farmers
    # "cases of malaria" asked: "6,369 cases of malaria", or "malaria cases rose to 6,369", or
    # "coffee production ... 5.8 mln bags" for "bags of coffee" (the complement just before)
    before = sentence[max(0, span.start - 60) : span.start]
    if asked.complement and not set(terms(" ".join(asked.complement))) & set(
        terms(" ".join((*what.complement, *what.words, before)))
    ):
        return 0.5
    return 1.0


def _other_group(qualifiers: tuple[str, ...], what: Counted) -> bool:
    """Does the counted noun carry names of its own and none of those the question qualifies it
    by ("10,000 angry West German farmers" for "How many French pig farmers ...?"; a country's
    other names, "France" for "French", are the same, as nationality_of tells)?"""
    if not qualifiers:
        return False
    head = terms(what.head)[:1]
    words = list(itertools.takewhile(lambda w: terms(w)[:1] != head, what.words))
    own = [w.replace(".", "") for w in words if w[:1].isupper()]
    if not own:
        return False
    asked = list(qualifiers)
    if letters := "".join(q for q in qualifiers if len(q) == 1):
        asked.append(letters)  # "U.S." is read "U", "S": "US"
    written = " ".join(own)
    lowered = {w.lower() for w in own}
    return not any(q.lower() in lowered or nationality_of(q, written) for q in asked)


def nationality_of(name: str, text: str) -> bool:
    """Does the text name the country of a nationality asked, or the nationality of a country
    asked? "Japanese manufacturers" of "Japan's major corporations"; "Japan" of "Japanese
    firms"; "Indonesia" of "Indonesian"; "Britain" of "British"; "Finnish" of "Finland"
    (English word forms only)."""
    return any(re.search(form, text) for form in nationality_forms(name))


def nationality_forms(name: str) -> list[str]:
    """Patterns of the other word forms of a one-word country or nationality name, as written
    in running text or in a title in capitals: of "Japan", "Japanese" (any word on the name);
    of "Japanese", "Japan"; of "Finland", "Finnish" (the stem before a country ending, its last
    letter maybe doubled, and an adjective ending); of "Swedish", "Sweden". And the country's
    other names in the language module's table, whatever their spelling: "Dutch" of
    "Netherlands", "United States" of "American", "Swiss" of "Switzerland"."""
    if not name[:1].isupper():
        return []
    known = [
        rf"\b{re.escape(written)}\b"
        for other in country_forms().get(name.lower(), ())
        for written in dict.fromkeys((other, other.upper()))
    ]
    if " " in name:
        return known
    ending = next((e for e in DEMONYM_ENDINGS if name.lower().endswith(e)), None)
    adjectives = rf"(?i:{'|'.join((*DEMONYM_ENDINGS, 'i'))})\b"
    countries = rf"(?i:{'|'.join(COUNTRY_ENDINGS)})\b"
    forms: list[tuple[str, str]] = []
    if ending is not None and len(name) - len(ending) >= 3:
        stem = name[: -len(ending)]
        forms.append((stem, r"\w*"))  # "Japan" of "Japanese": any word on it
        if len(stem) >= 4 and stem[-1] == stem[-2]:
            stem = stem[:-1]  # "Finn" of "Finnish"
        forms.append((stem, rf"\w?{countries}"))  # "Sweden" of "Swedish"
    else:
        forms.append((name, rf"(?i:{'|'.join((*DEMONYM_ENDINGS, 'n', 'an'))})\b"))
        country = next((e for e in COUNTRY_ENDINGS if name.lower().endswith(e)), None)
        if country is not None and len(name) - len(country) >= 3:
            stem = name[: -len(country)]
            # "Finn-ish", "Swed-ish", "Norweg-ian", or the stem alone ("Thai" of "Thailand")
            forms.append((stem, rf"(?:(?:{re.escape(stem[-1])}|\w{{0,3}}){adjectives}|\b)"))
    return known + [
        rf"\b{re.escape(form)}{endings}" for stem, endings in forms for form in (stem, stem.upper())
    ]


def _number_of_before(head: str, before: str) -> bool:
    """Does the text before a bare figure say it is "the number of" the counted thing ("the
    number of commitments to the A320 to 439"; "the number of unemployed rose to 2.3 mln")?"""
    found = list(re.finditer(r"\bnumber\s+of\s+((?:[\w-]+\s+){0,2}[\w-]+)", before[-80:], re.I))
    counted_term = terms(head)[:1]
    return bool(found and counted_term) and counted_term[0] in terms(found[-1].group(1))


COMPARED = re.compile(r"\b(?:versus|vs\.?|against|compared with|from)\s*$", re.I)


def _compared_count(head: str, before: str) -> bool:
    """Is a bare figure the compared count of the asked noun that the sentence names before it
    ("No barges traded today ..., versus 29 yesterday": 29 barges)? When a figure stands before
    it, that figure must count the noun: "1.50 billion revenue passenger miles from 1.35
    billion" compares miles, not passengers."""
    counted_term = terms(head)[:1]
    if not (COMPARED.search(before) and counted_term and counted_term[0] in terms(before)):
        return False
    figures = _figures(before)
    if not figures:
        return True
    what = counted(before, figures[-1])
    compared = terms(what.head)[:1] if what is not None else []
    return bool(compared) and _alike(counted_term[0], compared[0])


def _alike(one: str, other: str) -> bool:
    """One word stem, or the same word misspelt ("civilian", "civiian")."""
    return one == other or (min(len(one), len(other)) >= 6
                            and SequenceMatcher(None, one, other).ratio() >= 0.85)  # fmt: skip


def _agents(noun: str, words: tuple[str, ...]) -> bool:
    """ "marchers" asked, "people marched" counted: the doers of the verb that follows."""
    root = re.sub(r"(?:er|or)s?$", "", noun.lower())
    if root == noun.lower() or len(root) < 3:
        return False  # not an agent noun
    return any(re.fullmatch(rf"{re.escape(root)}(?:e?d|ing|es|s)?", w.lower()) for w in words)
