"""Gathering questions without models: their shape, who says each sentence, how speakers are
grouped, and when figures disagree. Sentences written for these tests, none from the corpora."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answering.disagree import disagreements, figures
from assistant.answering.evidence import Sentence, names_share
from assistant.answering.gather import (
    Candidate,
    Topic,
    _mentions,
    group_claims,
    on_topic,
    speaks_for,
)
from assistant.answering.question import by_initials, gathering
from assistant.answering.speakers import Speaker, attribute, sentence_speaker
from assistant.lexical import terms
from assistant.records import Article, Chunk, Hit


@pytest.mark.parametrize(
    ("question", "subject", "speakers_asked"),
    [
        ("What did Norway claim about the fishing quotas?", "Norway", False),
        ("What have the unions said on the pension reform?", "the unions", False),
        ("Which agencies reported flooding in the delta?", "", True),
        ("What do the articles say about Lake Varna?", "", False),
        ("What happened to the Orsk refinery?", "", False),
        ("How did the newspapers report the strike?", "", False),
    ],
)
def test_gathering_questions_are_told_from_one_fact_questions(question, subject, speakers_asked):
    shape = gathering(question)
    assert shape is not None
    assert shape.subject == subject and shape.speakers_asked == speakers_asked


@pytest.mark.parametrize(
    "question",
    [
        "How many boats sank in Marovo?",
        "Which company bought the Orsk refinery?",  # one fact: a singular "which"
        "What did Anna Berg say would happen to prices in 2017?",  # what she said: one fact
        "Which countries did the envoy visit?",  # the plural is not who reports
        "What did Kemp say about the dam, and how much did it cost?",  # two questions
    ],
)
def test_one_fact_questions_are_not_gathered(question):
    assert gathering(question) is None


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("“The dam will hold,” said Marta Quell, the regional water commissioner.", "Marta Quell"),
        ("The Harlow Water Board on Monday denied that the dam was leaking.", "Harlow Water Board"),
        ("Prices will rise, Fenwick Trading analyst Ola Brandt told reporters.", "Ola Brandt"),
        ("About 4,000 people attended, according to police.", "police"),
        ("Ivo Sarn, the port's director, said the cranes were idle.", "Ivo Sarn"),
        ("Dala's Trade Minister, Omar Reyes, said talks had stalled.", "Omar Reyes"),
        ("Pia Lund was quoted by the Vesta agency as saying the deal was off.", "Pia Lund"),
        ("Teo Grant reiterated the plan and said it would go ahead.", "Teo Grant"),
        ("The bridge reopened, city engineers said on Friday.", "city engineers"),
    ],
)
def test_the_speaker_is_read_from_the_reporting_grammar(sentence, name):
    speaker = sentence_speaker(sentence)
    assert speaker is not None and speaker.name == name


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry has been accused of hiding the figures.",  # the accused does not speak
        "Critics were quick to say “the minister said nothing new”.",  # a verb inside a quote
        "The council would announce its decision in May.",  # a speech not yet made
        "The Harlow Water Board's reported losses grew.",  # a possessive is not a speaker
        "A storm sank 37 boats in the harbour.",  # no one reports
    ],
)
def test_a_sentence_without_a_speaker_gets_none(sentence):
    assert sentence_speaker(sentence) is None


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for part in text.split("\n"):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    return spans


def test_he_and_a_continued_quotation_are_the_speaker_named_before():
    text = (
        "Water commissioner Marta Quell said the dam was safe.\n"
        "“It has stood for eighty years.”\n"
        "She said inspections would continue.\n"
        "Engineers disagreed."
    )
    speakers = attribute(text, _sentences(text))
    assert [s.name if s else None for s in speakers] == [
        "Marta Quell", "Marta Quell", "Marta Quell", None,
    ]  # fmt: skip


def test_a_surname_alone_is_the_person_named_in_full_in_that_article():
    text = "Chief executive Ruben Aske said sales rose.\nAske said the company would hire 150."
    speakers = attribute(text, _sentences(text))
    assert speakers[1] is not None and speakers[1].name == "Ruben Aske"


def test_a_participle_speaks_for_the_subject_of_its_clause_not_for_what_it_did():
    sentence = (
        "Harbour officials counted 2,000 ships, while the Oslo-based Nordic Shipping Council "
        "(NSC) put the figure at 2,400, saying the port's own count was low."
    )
    speaker = sentence_speaker(sentence)
    assert speaker is not None and speaker.name == "Nordic Shipping Council"
    assert "put" not in speaker.description and "figure" not in speaker.description
    # After "a statement", the participle may be the statement's words: not the subject's.
    reacting = (
        "Olsen was reacting to a British statement after his talks in London, saying the "
        "government had no part to play."
    )
    assert sentence_speaker(reacting) is None


def test_a_person_quoted_by_surname_is_described_as_the_article_introduces_them():
    text = (
        "The Varnian Water Board said on Monday that the dam was safe.\n"
        "Board spokeswoman Ilse Marr visited the site on Tuesday.\n"
        "“There is no risk,” Marr said."
    )
    speaker = attribute(text, _sentences(text))[2]
    assert speaker is not None and speaker.name == "Ilse Marr"
    assert speaker.description == "Varnian Water Board spokeswoman"  # the board named in full


def test_a_name_is_known_by_its_initials():
    assert by_initials("United States", "The US envoy said") and by_initials(
        "United States", "U.S. officials said"
    )
    assert by_initials("OPEC", "the Organization of Petroleum Exporting Countries met")
    assert not by_initials("United Kingdom", "The US envoy said")
    assert not by_initials("Varna", "VA")  # one word has no initials
    assert names_share(("United States",), "The US envoy said talks had stalled.") == 1.0
    [embassy] = group_claims([_candidate("a.txt", "x", Speaker("US Embassy"))])
    assert speaks_for(embassy, "the United States")
    assert not speaks_for(embassy, "the United Kingdom")


def test_an_open_question_gathers_what_names_its_topic_or_refers_back_to_it():
    sentences = [
        "A recent Varna Trust report says the lakes shrank.",
        "The report says levels fell three metres.",
        "Officials rejected the report on Friday.",  # two sentences after a mention
        "Fishing was good this year.",
        "Boats were sold in May.",
        "The report was late.",  # three after the last mention: another report, perhaps
    ]
    topic = Topic(("Varna Trust",), frozenset(terms("report")))
    assert _mentions(sentences, topic) == [True, True, True, False, False, False]


def test_an_open_question_keeps_to_its_topic_by_its_rarer_words():
    weights = {"semiconductor": 6.2, "industri": 2.1}  # idf: a rare word and a common one
    rare = "U.S. semiconductor makers are looking toward customized designs."
    common = "The venture will supply cleaning agents for hotels and industries."
    assert on_topic(rare, weights, open_question=True)
    assert not on_topic(common, weights, open_question=True)
    assert on_topic(common, weights, open_question=False)  # "which firms said ...": one word
    assert not on_topic("Prices fell.", weights, open_question=False)


def _candidate(path: str, text: str, speaker: Speaker | None, published: str | None = None):
    article = Article(path, path.removesuffix(".txt"), text, "hash", "Daily Ledger", published)
    hit = Hit(Chunk(1, path, 0, len(text), text), article, 1.0, 1.0, None)
    vector = np.zeros(4, dtype=np.float32)
    vector[hash(text) % 4] = 1.0
    return Candidate(Sentence(hit, 0, len(text), (), 0.9), speaker, 0.9, vector)


def test_two_people_of_one_surname_are_never_one_speaker():
    groups = group_claims([
        _candidate("a.txt", "x", Speaker("Ruben Aske", "Chief executive", True)),
        _candidate("b.txt", "y", Speaker("Sofia Aske", "Chief executive", True)),
        _candidate("c.txt", "z", Speaker("Major-General Ruben Aske", "", True)),
    ])  # fmt: skip
    assert sorted(len(group.claims) for group in groups) == [1, 2]


def test_one_organisation_in_two_spellings_is_one_speaker():
    groups = group_claims([
        _candidate("a.txt", "x", Speaker("Varnian Defence Ministry")),
        _candidate("b.txt", "y", Speaker("Varnia's Defense Ministry")),
    ])  # fmt: skip
    assert len(groups) == 1


def test_a_speaker_speaks_for_a_country_only_when_named_or_described_so():
    ministry, envoy = group_claims([
        _candidate("a.txt", "x", Speaker("Varnian Defence Ministry")),
        _candidate("b.txt", "y", Speaker("Ola Brandt", "Norwegian envoy", True)),
    ])  # fmt: skip
    assert speaks_for(ministry, "Varnia") and not speaks_for(envoy, "Varnia")
    assert speaks_for(envoy, "Norway's envoy") or speaks_for(envoy, "envoys")


def test_figures_are_read_with_what_they_count():
    found = figures(_candidate("a.txt", "Floods killed at least 212 residents on Monday.", None))
    assert [(f.text, f.value, f.counted, f.action) for f in found] == [
        ("at least 212", 212.0, "residents", "kill"),
    ]  # fmt: skip


def test_different_figures_from_two_sources_disagree_and_agreeing_ones_do_not():
    amnesty = _candidate("a.txt", "The flood killed 212 residents, aid groups said.",
                         Speaker("aid groups"), "2016-03-03")  # fmt: skip
    officials = _candidate("b.txt", "The flood killed 140 residents, officials said.",
                           Speaker("officials"), "2016-03-04")  # fmt: skip
    agreeing = _candidate("c.txt", "The flood killed 212 residents, the mayor said.",
                          Speaker("the mayor"), "2016-03-04")  # fmt: skip
    both = [amnesty, officials]
    [line] = disagreements(both, "", "flood deaths", group_claims(both))
    assert line.about == "residents"
    assert [figure for _, figure, _ in line.entries] == ["212", "140"]
    # A speaker named by a common noun is said with the report it is in.
    assert line.entries[0][0].startswith("aid groups in Daily Ledger")
    agree = [amnesty, agreeing]
    assert disagreements(agree, "", "flood deaths", group_claims(agree)) == []
    # Only among the articles the answer cites for its claims.
    assert disagreements(both, "", "flood deaths", group_claims([amnesty])) == []


@pytest.mark.parametrize(
    ("second", "published"),
    [
        ("The flood killed 140 residents in 2017, aid groups said.", "2017-03-03"),  # a series
        ("Rescuers saved 140 residents, officials said.", "2016-03-04"),  # another count
        ("The flood killed 140 residents, officials said.", "2017-09-30"),  # another time
    ],
)
def test_figures_of_one_source_over_time_or_of_other_things_do_not_disagree(second, published):
    first = _candidate("a.txt", "The flood killed 212 residents in 2016, aid groups said.",
                       Speaker("aid groups"), "2016-03-03")  # fmt: skip
    speaker = Speaker("aid groups" if "aid groups" in second else "officials")
    other = _candidate("b.txt", second, speaker, published)
    assert disagreements([first, other], "", "", group_claims([first, other])) == []


def test_amounts_disagree_only_when_they_measure_the_same_thing():
    owed = (
        "Varnia stopped paying interest on 68 billion dlrs of its debt to banks, a minister said."
    )
    loans = "Varnia owes British banks 8.5 billion dlrs in long-term loans, bankers said."
    debt = "Varnia stopped paying interest on 70 billion dlrs of debt, bankers said."
    owed = _candidate("a.txt", owed, Speaker("a minister"), "2016-03-03")
    loans = _candidate("b.txt", loans, Speaker("bankers"), "2016-03-04")
    debt = _candidate("c.txt", debt, Speaker("bankers"), "2016-03-04")
    assert disagreements([owed, loans], "", "", group_claims([owed, loans])) == []
    share = "Foreign banks hold 35 pct of the debt, bankers said."
    share = _candidate("d.txt", share, Speaker("bankers"), "2016-03-04")
    assert disagreements([owed, share], "", "", group_claims([owed, share])) == []
    [line] = disagreements([owed, debt], "", "", group_claims([owed, debt]))
    assert {figure for _, figure, _ in line.entries} == {"68 billion dlrs", "70 billion dlrs"}


def test_a_description_already_in_the_name_is_not_said_twice():
    [group] = group_claims([
        _candidate("a.txt", "x", Speaker("Varnian Finance Minister Ola Dahl",
                                         "Varnian Finance Minister", True)),
        _candidate("b.txt", "y", Speaker("Ola Dahl", "", True)),
    ])  # fmt: skip
    assert group.name == "Varnian Finance Minister Ola Dahl" and group.description == ""
