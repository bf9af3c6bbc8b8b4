"""One calibrated decision: does the chosen evidence answer this part of the question?

No single rule ("a word no article contains", "coverage under 0.3") decides. The decision is a
logistic model (weights.py) over what the evidence shows: how sure the ranker is of its best
sentence and how far ahead of the next it is, how similar that sentence and its article are to
the question, whether it holds the question's names, numbers and dates and something of the
kind asked (for "how many passengers", a figure of passengers, not of passenger miles), and how
much of the question the corpus never mentions. It answers "the 2004
figure" with no when only 2003 is given, because the numbers feature is then low. `strictness`
(0..1) is the probability below which the assistant says the articles do not answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answering.evidence import Sentence
from assistant.answering.question import by_initials, names_in
from assistant.answering.weights import Weights
from assistant.lexical import LexicalIndex, terms

FEATURES = (
    "top_score", "second_score", "top_similarity", "top_article_similarity", "top_names",
    "top_article_names", "top_numbers", "top_article_numbers", "top_typed", "top_coverage",
    "top_context_coverage", "unknown_terms", "top_missing", "top_counted",
)  # fmt: skip


# How each feature may move P(answers) when fitted (see evidence.DIRECTIONS): the best evidence
# scoring higher, holding more of the question, counts for answering; a question about what the
# corpus never mentions, or evidence lacking a specific asked term, counts against.
DIRECTIONS = (+1, 0, +1, +1, +1, +1, +1, +1, +1, +1, +1, -1, -1, +1)


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
    values = decision_features(ranked, unknown_share(names, lexical), missing)
    if not ranked:
        return Decision(0.0, values)
    return Decision(weights.answerable(values), values)


def decision_features(ranked: list[Sentence], unknown: float, missing: float) -> tuple[float, ...]:
    """The decision's features: the best evidence's, and the question's unknown-term share."""
    if not ranked:
        return (0.0,) * (len(FEATURES) - 3) + (unknown, missing, 0.0)
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
    )


def missing_weight(query: str, top: Sentence, lexical: LexicalIndex) -> float:
    """How specific the most specific question term is that the best evidence (with its title
    and the sentence before) lacks, relative to the question's most specific term: "turnover"
    asked, "earnings" given; "Kuwait's output" asked, Saudi Arabia's given. A name written by its
    initials is held ("US" for "United States"). (The same measured over the whole article got
    no weight in the fit and was dropped.)"""
    weights = {term: lexical.idf(term) for term in dict.fromkeys(terms(query))}
    if not weights:
        return 0.0
    article = top.article
    context = f"{article.title} {article.text[max(0, top.start - 300) : top.end]}"
    held = set(terms(context))
    held |= {term for name in names_in(query) if by_initials(name, context) for term in terms(name)}
    absent = [weight for term, weight in weights.items() if term not in held]
    return max(absent, default=0.0) / max(weights.values())


def unknown_share(names: tuple[str, ...], lexical: LexicalIndex) -> float:
    """Share of the question's names and numbers ("Wimbledon", "Exxon Valdez", "1988") of
    which no indexed text has a word: a question about something the corpus never mentions.
    Ordinary words are not counted: a synonym the articles do not use ("lost their lives" for
    "killed") says nothing about whether they answer. One feature among others, not a rule."""
    if not names:
        return 0.0
    unknown = sum(1 for name in names if not any(lexical.knows(t) for t in terms(name)))
    return unknown / len(names)
