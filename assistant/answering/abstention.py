"""One calibrated decision: does the chosen evidence answer this part of the question?

No single rule ("a word no article contains", "coverage under 0.3") decides. The decision is a
logistic model (weights.py) over what the evidence shows: how sure the ranker is of its best
sentence and how far ahead of the next it is, how similar that sentence and its article are to
the question, whether it holds the question's names, numbers and dates and something of the
kind asked (for "how many passengers", a figure of passengers, not of passenger miles; for "the
unemployment rate", a sentence naming unemployment when the candidates write the word), and how
much of the question the corpus never mentions. It answers "the 2004 figure" with no when only
2003 is given, because the numbers feature is then low. `strictness`
(0..1) is the probability below which the assistant says the articles do not answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answering.evidence import (
    COMPARED_FROM,
    Sentence,
    relative_times,
    times_named,
)
from assistant.answering.question import (
    answer_kind,
    asked_measure,
    by_initials,
    leaned_names,
    names_in,
    numbers_in,
)
from assistant.answering.spans import (
    DATELINE,
    MONTH_WORD,
    YEAR,
    nationality_forms,
    nationality_of,
    periods_named,
)
from assistant.answering.weights import Weights
from assistant.chunking import sentence_spans
from assistant.language import (
    DECISION_VERBS,
    FIGURE_NOUNS,
    FINALITY_WORDS,
    IRREGULAR,
    MONTHS,
    PROSPECTIVE_WORDS,
    WHOLE_YEAR,
    WITHHELD,
    country_forms,
)
from assistant.lexical import LexicalIndex, terms
from assistant.records import Article

FEATURES = (
    "top_score", "second_score", "top_similarity", "top_article_similarity", "top_names",
    "top_article_names", "top_numbers", "top_article_numbers", "top_typed", "top_coverage",
    "top_context_coverage", "unknown_terms", "top_missing", "top_counted", "top_withheld",
    "top_other_time", "top_outcome_unsaid", "top_measure",
)  # fmt: skip


# How each feature may move P(answers) when fitted (see evidence.DIRECTIONS): the best evidence
# scoring higher, holding more of the question, counts for answering; a question about what the
# corpus never mentions, or evidence lacking a specific asked term, counts against.
# The best evidence saying the asked fact is not given, naming only another year or month than
# the one asked, or telling only a plan when the outcome is asked: against. The evidence naming
# what the asked figure measures ("unemployment rate"): for.
DIRECTIONS = (+1, 0, +1, +1, +1, +1, +1, +1, +1, +1, +1, -1, -1, +1, -1, -1, -1, +1)


@dataclass(frozen=True)
class Decision:
    probability: float  # that the evidence answers
    features: tuple[float, ...]

    def answers(self, strictness: float) -> bool:
        return self.probability >= strictness


def decide(
    query: str,
    names: tuple[str, ...],
    ranked: list[Sentence],
    lexical: LexicalIndex,
    weights: Weights,
) -> Decision:
    """`names`: the names and numbers the question gives."""
    missing = missing_weight(query, ranked[0], lexical) if ranked else 1.0
    unknown = unknown_share(names, lexical, ranked[0].article if ranked else None)
    values = decision_features(ranked, unknown, missing, query)
    if not ranked:
        return Decision(0.0, values)
    return Decision(weights.answerable(values), values)


def decision_features(
    ranked: list[Sentence], unknown: float, missing: float, query: str
) -> tuple[float, ...]:
    """The decision's features: the best evidence's, and the question's unknown-term share."""
    if not ranked:
        return (0.0,) * (len(FEATURES) - 7) + (unknown, missing, 0.0, 0.0, 0.0, 0.0, 0.0)
    top = ranked[0]
    second = ranked[1].score if len(ranked) > 1 else 0.0
    return (
        top.score,
        second,
        top.feature("similarity"),
        top.feature("article_similarity"),
        top.feature("names"),
        top.feature("article_names"),
        top.feature("numbers"),
        top.feature("article_numbers"),
        top.feature("typed"),
        top.feature("coverage"),
        top.feature("context_coverage"),
        unknown,
        missing,
        top.feature("counted"),
        1.0 if evidence_withheld(top, query) else 0.0,
        1.0 if other_time(query, top) else 0.0,
        1.0 if outcome_unsaid(query, top.text) else 0.0,
        measure_held(query, top, ranked[1:]),
    )


def measure_held(query: str, top: Sentence, others: list[Sentence]) -> float:
    """The share of the words of what an asked figure measures ("unemployment" of "What was
    Japan's unemployment rate?"; the words any amount answers by its unit, "rate", "price", are
    not counted) that the evidence, with its title and the sentence before, holds, of those the
    other candidate sentences or their titles write: "interest rates on yen certificates of
    deposit fell to 4.27 pct" does not hold "unemployment" when the story beside it is "JAPAN'S
    UNEMPLOYMENT RATE SEEN RISING". A measure word no candidate writes is the asker's own
    ("turnover" of articles that say "sales"): it tells nothing, so a synonym is never held
    against an answer. 1 when none is left."""
    measure = set(terms(" ".join(asked_measure(query))))
    if not measure:
        return 1.0
    written: set[str] = set()
    for sentence in others:
        written |= measure & set(terms(f"{sentence.article.title} {sentence.text}"))
        if written == measure:
            break  # every word is written somewhere: no need to read the rest
    if not written:
        return 1.0
    held = set(terms(_context(top)))
    return sum(1 for term in written if term in held) / len(written)


def _context(top: Sentence) -> str:
    """The evidence read with its article's title, its dateline's place and the sentence
    before it."""
    article = top.article
    dateline = DATELINE.match(article.text)
    place = dateline.group(0) if dateline else ""
    return f"{article.title} {place} {article.text[max(0, top.start - 300) : top.end]}"


def evidence_withheld(top: Sentence, query: str) -> bool:
    """Does the evidence, or the sentence after it, say that what is asked is not given?"""
    return withheld(top.text, query) or withheld(_next_sentence(top), query, False)


def _next_sentence(sentence: Sentence) -> str:
    """The sentence after the evidence in its article: "... negotiating to buy a West German
    bank. ... declined to name the German institution." withholds what the first seems to
    give."""
    following = sentence.article.text[sentence.end : sentence.end + 400]
    spans = sentence_spans(following)
    return following[spans[0].start : spans[0].end] if spans else ""


WITHHOLDING = re.compile(r"\b(?:" + "|".join(WITHHELD) + r")\b", re.I)
FINALITY = re.compile(r"\b(?:" + "|".join(FINALITY_WORDS) + r")\b", re.I)
# "What did the council decide ...?", "Did the board approve ...?": a decision asked, in the past
DECISION_ASKED = re.compile(
    r"\bdid\b(?:\s+[\w'’-]+){1,6}?\s+(" + "|".join(DECISION_VERBS) + r")\b", re.I
)
# A prospective word that is also a month ("may") counts only in lower case: "in May" is a time.
PROSPECTIVE = re.compile(
    r"\b(?:"
    + "|".join(f"(?-i:{word})" if word in MONTHS else word for word in PROSPECTIVE_WORDS)
    + r")\b",
    re.I,
)
# A word of comparison shortly before a time: "since 1953", "from 326 mln in 1985".
SINCE = re.compile(r"\b(?:since|from|than|against|compared|versus|vs|earlier|ago)\b", re.I)


def withheld(text: str, query: str, figures_said: bool = True) -> bool:
    """Does the evidence say that what is asked is not given? "How much is Anacomp paying for
    DatagraphiX?" of "She would not say how much it will pay for DatagraphiX, but noted ...":
    the withholding clause (up to ", but" or the sentence's end) holds a word the question asks
    with besides its names; "terms were not disclosed" of "Who is buying Norton's business?"
    does not. With `figures_said` false (the sentence after the evidence), a withheld figure
    counts only when the clause names what is asked: "It did not say what the price would be"
    after "retaining a 35 pct stake" withholds no stake."""
    asked = set(terms(query)) - {t for name in names_in(query) for t in terms(name)}
    times = set(_asked_times(query))
    how = HOW_MUCH.search(query)
    kind = answer_kind(query)
    figure = kind == "figure"
    question_terms = set(terms(query))
    for match in WITHHOLDING.finditer(text):
        clause = re.split(r",\s+but\b|;|(?<=[a-z0-9]{2})\.\s", text[match.start() :])[0]
        # "declined to specify by how much" of "By how much ...?"; "did not give specific
        # figures" of a question asking a figure
        repeated = bool(how and re.search(rf"\b{how.group(0)}\b", clause, re.I))
        figures = figure and figures_said and bool(FIGURE_WORD.search(clause))
        # "declined to name the German institution" of "Which German bank ...?"
        unnamed = (
            kind == "name"
            and re.search(r"\b(?:name|identify)\b", clause, re.I) is not None
            and bool(question_terms & set(terms(clause)))
        )
        if not (asked & set(terms(clause)) or repeated or figures or unnamed):
            continue
        # "earn in 1986" asked: "He did not give a specific earnings projection" is of another time
        # a clause that repeats "how much" leans on its sentence for what it withholds
        if not times or times & set(numbers_in(text if repeated else clause)):
            return True
    return False


HOW_MUCH = re.compile(r"\bhow (?:much|many)\b", re.I)
FIGURE_WORD = re.compile(r"\b(?:" + "|".join(FIGURE_NOUNS) + r")\b", re.I)


def _asked_times(query: str) -> tuple[str, ...]:
    """The years and months a question asks of, without those it measures from ("How many
    people did it plan to hire after its 2016 results?" asks of no year)."""
    asked = _without_references(query, r"\w+|\W+")
    return tuple(n for n in numbers_in(asked) if YEAR.fullmatch(n) or n in MONTHS)


def _without_references(query: str, tokens: str) -> str:
    """`query` with the times it measures from blanked, token by token (`tokens`: a pattern)."""
    return "".join(
        " " if REFERENCE_TIME.search(query[max(0, m.start() - 25) : m.start()]) else m.group(0)
        for m in re.finditer(tokens, query)
    )


# "after its 2016 results", "before 1985": a time the question measures from, not asks of.
REFERENCE_TIME = re.compile(r"\b(?:after|before|since|following|until|prior to)\W+(?:\w+\W+)?$",
                            re.I)  # fmt: skip


YEAR_TOLD = re.compile(rf"\b(?:{'|'.join(WHOLE_YEAR)})", re.I)


def other_period(query: str, top: Sentence) -> bool:
    """Does the evidence (or, when it names none, its article) tell of another quarter or half
    of the year than the one asked ("second quarter profit" asked, "profit for the first
    quarter" given)? Periods the question measures from ("after its first-quarter results") are
    not asked. Evidence of a whole year ("earnings soared by 71 per cent last year") in an
    article that names no part of one does not tell a quarter."""
    asked = periods_named(_without_references(query, r"[\w-]+|[^\w-]+"))  # "first-quarter"
    if not asked:
        return False
    # evidence naming no period ("will save about 150 mln dlrs by 1991") is read in its article:
    # one that tells only of the first quarter does not tell the second
    article = top.article
    named = periods_named(top.text) or periods_named(f"{article.title}\n{article.text}")
    if not named:
        return YEAR_TOLD.search(top.text) is not None
    return not asked & named


def other_time(query: str, top: Sentence) -> bool:
    """Does the evidence name a year (month, quarter) of its own, but not the one asked ("market
    share in 1985" asked, "Sales in 1986 represented 11.8 pct" given)? A time it compares with
    ("the worst since 1953", "up from 1985") is not its own, but holds the asked time; its
    dateline is not of what it tells."""
    return other_period(query, top) or _other_year_or_month(query, top)


def _other_year_or_month(query: str, top: Sentence) -> bool:
    numbers = _asked_times(query)
    years = {int(n) for n in numbers if YEAR.fullmatch(n)}
    months = {MONTHS[n] for n in numbers if n in MONTHS}
    if not years and not months:
        return False
    text = top.text
    dateline = DATELINE.match(text)
    own = text[dateline.end() if dateline else 0 :]
    all_years, all_months = times_named(own)
    named_years: set[int] = set()
    named_months: set[int] = set()
    compared_from = [m.span() for m in COMPARED_FROM.finditer(own)]
    for match in re.finditer(rf"{YEAR.pattern}|{MONTH_WORD.pattern}", own, re.I):
        if SINCE.search(own[max(0, match.start() - 30) : match.start()]):
            continue
        if any(start <= match.start() < end for start, end in compared_from):
            continue  # "from 40.50 dlrs offered February 23": the time of the figure compared
        found_years, found_months = times_named(match.group(0))
        named_years |= found_years
        named_months |= found_months
    relative_years, relative_months, compared = relative_times(own, top.article.published)
    all_years |= relative_years
    all_months |= relative_months
    if not compared:
        named_years |= relative_years
        named_months |= relative_months
    if years and months:
        # "in October 1986" for "October 1987": the month said, but of another year
        pairs = {
            (int(m.group(2)), MONTHS[m.group(1).lower()])
            for m in MONTH_YEAR.finditer(own)
            if m.group(1)[0].isupper() and not SINCE.search(own[max(0, m.start() - 30) : m.start()])
        }
        if pairs and not pairs & {(year, month) for year in years for month in months}:
            return True
    if years & all_years or months & all_months:
        return False  # one asked time held ("in January" of "January 1987")
    return bool((years and named_years) or (months and named_months))


MONTH_YEAR = re.compile(rf"\b({'|'.join(MONTHS)})\.?\s+(?:\d{{1,2}},?\s+)?((?:19|20)\d\d)\b", re.I)


def outcome_unsaid(query: str, text: str) -> bool:
    """Does the question ask how something turned out ("What did the union finally win?", "What
    did the council decide at its meeting?") of evidence that tells only what was planned or
    sought ("it will demand 55 pct", "is unlikely to change its policy at the meeting")? A
    question itself of the future ("How big a stake will it end up with?") asks the plan: not
    so; evidence that tells the decision ("the council agreed ...") answers."""
    if PROSPECTIVE.search(query) or not PROSPECTIVE.search(text):
        return False
    if FINALITY.search(query):
        return True
    decided = DECISION_ASKED.search(query)
    if not decided:
        return False
    verb = decided.group(1).lower()
    stem = verb[:-1] if verb.endswith("e") else verb
    past = [stem + r"(?:e?d|ing)"] + [form for form, base in IRREGULAR.items() if base == verb]
    return not re.search(rf"\b(?:{'|'.join(past)})\b", text, re.I)  # "chose", "decided"


def missing_weight(query: str, top: Sentence, lexical: LexicalIndex) -> float:
    """How specific the most specific question term is that the best evidence (with its title
    and the sentence before) lacks, relative to the question's most specific term: "turnover"
    asked, "earnings" given; "Kuwait's output" asked, Saudi Arabia's given. A name written by its
    initials is held ("US" for "United States"), a country by its nationality ("Finnish" for
    "Finland"), and so is the place of the story's dateline
    ("JAKARTA, March 2 -" holds "Jakarta" for every sentence of the story). (The same measured
    over the whole article got no weight in the fit and was dropped.) The names a part leans on
    from the rest of the question ("how many bags of coffee will it export? (Indonesia)") are
    of the story, not of its sentence: held when the article names them anywhere."""
    weights = {term: lexical.idf(term) for term in dict.fromkeys(terms(query))}
    if not weights:
        return 0.0
    article = top.article
    context = _context(top)
    held = set(terms(context))
    leaned = set(terms(leaned_names(query)[1]))
    held |= leaned & set(terms(f"{article.title} {article.text}"))
    held |= {
        term
        for name in names_in(query)
        if by_initials(name, context) or nationality_of(name, context)
        for term in terms(name)
    }
    absent = [weight for term, weight in weights.items() if term not in held]
    return max(absent, default=0.0) / max(weights.values())


def unknown_share(
    names: tuple[str, ...], lexical: LexicalIndex, article: Article | None = None
) -> float:
    """Share of the question's names and numbers ("Wimbledon", "Exxon Valdez", "1988") of
    which no indexed text has a word: a question about something the corpus never mentions.
    Initials that the best evidence's `article` spells out ("HMO": "health maintenance
    organization") are known. Ordinary words are not counted: a synonym the articles do not use
    ("lost their lives" for "killed") says nothing about whether they answer. One feature among
    others, not a rule."""
    if not names:
        return 0.0
    text = f"{article.title} {article.text}" if article is not None else ""
    unknown = sum(
        1 for name in names if not _known(name, lexical) and not (text and by_initials(name, text))
    )
    return unknown / len(names)


def _known(name: str, lexical: LexicalIndex) -> bool:
    """Does the corpus have a word of the name, or of its nationality ("Finnish" of "Finland")?"""
    if any(lexical.knows(term) for term in terms(name)):
        return True
    others = country_forms().get(name.lower(), ()) if name[:1].isupper() else ()
    if any(all(lexical.knows(term) for term in terms(other)) for other in others):
        return True  # "Dutch" of articles that write "Netherlands"
    forms = nationality_forms(name)
    return bool(forms) and any(
        re.fullmatch(form, term, re.I)
        for term in lexical.terms_starting(name[:3].lower())
        for form in forms
    )
