import numpy as np
from helpers import make_hit

from assistant.evidence import (
    answers_kind,
    candidate_spans,
    head_noun,
    mentions,
    numbers_found,
    question_speaker,
    question_type,
    select_evidence,
    unknown_key_terms,
)
from assistant.lexical import LexicalIndex

CORPUS = LexicalIndex.build([
    "Russia denied killing civilians in Syria in 2015.",
    "Amnesty International said 200 civilians died in air strikes; Konashenkov called it fake.",
])  # fmt: skip


def test_question_types():
    assert question_type("How many civilians were killed?") == "number"
    assert question_type("How much did the bridge cost?") == "money"
    assert question_type("When did Russia begin its strikes?") == "date"
    assert question_type("Who said the forces never hit civilians?") == "name"
    assert question_type("What did Russia claim?") is None


def test_the_answer_must_hold_something_new_of_the_kind_asked():
    assert answers_kind("How many civilians were killed in 2016?", "Amnesty counted 200 civilians.")
    assert not answers_kind("How many civilians were killed in 2016?", "Civilians died in 2016.")
    assert not answers_kind("How many councillors voted?", "The council approved 4.9 billion.")
    assert answers_kind("How many civilians died?", "Strikes killed 849 civiians.")  # a typo
    assert not answers_kind("Who said it?", "It was said.")


def test_head_noun_and_fuzzy_mentions():
    assert head_noun("How many new schools does the budget fund?") == "school"
    assert mentions("About 13,000 people marched", "marcher")
    assert not mentions("The city council approved", "councillor")


def test_names_numbers_and_words_the_corpus_never_uses_are_unknown():
    assert unknown_key_terms("What did China say about the strikes?", CORPUS) == ["China"]
    assert unknown_key_terms("How many civilians died in 2019?", CORPUS) == ["2019"]
    assert unknown_key_terms("How many soldiers died?", CORPUS) == ["soldiers"]
    assert unknown_key_terms("How do Russia's findings compare with Amnesty's?", CORPUS) == []


def test_numbers_of_the_question_must_be_in_the_sentence_title_or_date():
    hit = make_hit("a.txt", "x", title="Lyon council approves budget", published="2016-03-01")
    assert (
        numbers_found("What budget did Lyon approve for 2016?", "It approved 2.1 billion.", hit)
        == 1
    )
    assert (
        numbers_found("What budget did Lyon approve for 2017?", "It approved 2.1 billion.", hit)
        == 0
    )
    # a year in the text outranks the date of publication
    assert numbers_found("What did it report for 2016?", "Revenue for 2015 was 3.", hit) == 0


def test_who_is_asked_to_speak():
    assert question_speaker("What did Russia claim about civilian deaths?") == {"russia"}
    assert question_speaker("How many civilians died?") == set()


def test_dependent_sentences_keep_the_sentence_they_lean_on_and_copies_go():
    text = "Konashenkov spoke on Monday. He said the strikes were precise."
    copy = make_hit("copy.txt", text)  # the same agency story in another outlet
    spans = candidate_spans([make_hit("a.txt", text), copy])
    assert [hit.article.path for hit, _, _ in spans] == ["a.txt", "a.txt"]
    assert [text[start:end] for _, start, end in spans] == [
        "Konashenkov spoke on Monday.",
        "Konashenkov spoke on Monday. He said the strikes were precise.",
    ]


class CountingEmbedder:
    """Every text gets the same unit vector; remembers how many texts it embedded."""

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.embedded += texts
        return np.ones((len(texts), 4), dtype=np.float32) / 2

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed([text])


def test_only_the_best_sentences_by_words_are_embedded_and_copies_inside_a_pair_go():
    text = (
        "The weather was mild on Monday. Markets opened late. "
        "Russia denied killing civilians in Syria in 2015. "
        "Russia denied killing civilians in Syria in 2015, the ministry said on Monday."
    )
    embedder = CountingEmbedder()
    chosen = select_evidence(
        "Did Russia deny killing civilians?", [make_hit("a.txt", text)], CORPUS, embedder, 2,
        rerank=2,
    )  # fmt: skip
    assert len(embedder.embedded) == 3  # the question and the 2 sentences shortlisted by words
    assert "Russia denied killing civilians in Syria in 2015." in chosen[0].text
    # the other shortlisted sentence holds the chosen one: it would add only tokens
    assert len(chosen) == 1
