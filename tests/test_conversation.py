from assistant.conversation import (
    cited_articles,
    depends_on_context,
    last_answer,
    standalone_question,
    user_turns,
)

HISTORY = [
    {"role": "user", "content": "What did Russia claim about civilian deaths?"},
    {"role": "assistant", "content": "Russia denied the reports [1]."},
]


def test_a_follow_up_naming_a_new_subject_carries_the_topic_not_the_old_subject():
    rewritten = standalone_question("And what did the US say?", HISTORY)
    assert rewritten.startswith("And what did the US say")
    assert "civilian deaths" in rewritten and "Russia" not in rewritten


def test_a_follow_up_with_a_pronoun_keeps_the_old_subject():
    history = [{"role": "user", "content": "What did the Syrian Observatory for Human Rights say?"}]
    rewritten = standalone_question("And how many militants did it say were killed?", history)
    assert "Syrian Observatory" in rewritten


def test_a_follow_up_naming_its_own_time_replaces_the_old_time():
    history = [("What was Exxon's 1986 profit in March?", "...")]
    rewritten = standalone_question("What about in 1985?", history)
    assert "1985" in rewritten and "1986" not in rewritten and "Exxon" in rewritten
    # a month is a time, not a new subject: the old subject stays, the old month goes
    rewritten = standalone_question("And in February?", history)
    assert "Exxon" in rewritten and "March" not in rewritten
    # a new subject and no time: the old time carries over
    rewritten = standalone_question("What about Mobil?", history)
    assert "1986" in rewritten and "March" in rewritten and "Exxon" not in rewritten


def test_a_standalone_question_is_left_alone():
    question = "How did Konashenkov describe the rescue workers who made the allegations?"
    assert standalone_question(question, HISTORY) == question
    assert standalone_question("When was that?", []) == "When was that?"


def test_history_formats_gradio_parts_and_pairs():
    gradio = [{"role": "user", "content": [{"type": "text", "text": "First question"}]}]
    assert user_turns(gradio) == ["First question"]
    assert user_turns([("Old question", "Old answer")]) == ["Old question"]


def test_a_name_carried_over_keeps_its_small_words():
    history = [{"role": "user", "content": "What stake has Bryson Oil and Gas taken in Cynergy?"}]
    carried = standalone_question("Which firm is it using to work on the deal?", history)
    assert "Bryson Oil and Gas" in carried
    # a question word is no name: "did" of "What did Brown-Forman ..." is not carried
    history = [{"role": "user", "content": "What did Brown-Forman's board decide?"}]
    assert "did" not in standalone_question("When does the split take effect?", history)


TITLES = [
    ("reuters-00023.txt", "BROWN-FORMAN INC <BFD> SETS STOCK SPLIT"),
    ("reuters-00868.txt", "FORD EUROPE SETS RECORD PROFITS IN 1986"),
    ("reuters-00900.txt", "GM"),
]


def test_the_articles_the_answer_before_cited_are_known_by_file_name_or_title():
    by_name = [
        {"role": "user", "content": "What did Brown-Forman's board decide?"},
        {"role": "assistant", "content": "A three-for-two split [reuters-00023.txt]."},
    ]
    assert cited_articles(by_name, TITLES) == ["reuters-00023.txt"]
    # the UI's sources list names the title; a title too short to be told from words is not read
    by_title = [("What did Ford Europe earn?", "559 mln dlrs [1]\n[1] FORD EUROPE SETS RECORD "
                 "PROFITS IN 1986 (Reuter, 1987-03-03) GM")]  # fmt: skip
    assert cited_articles(by_title, TITLES) == ["reuters-00868.txt"]
    assert last_answer(by_title).startswith("559 mln")
    assert cited_articles([], TITLES) == [] and cited_articles(HISTORY, TITLES) == []


def test_only_a_question_read_with_the_one_before_depends_on_it():
    assert depends_on_context("When does the split take effect?", HISTORY)
    assert not depends_on_context("When does the split take effect?", [])
    assert not depends_on_context(
        "How much did Ford's European operations earn in 1986 from car sales?", HISTORY
    )


def test_the_articles_an_answer_lists_as_its_citations_are_the_ones_it_cited():
    history = [
        {"role": "user", "content": "What did Ford Europe earn?"},
        {"role": "assistant", "content": "559 mln dlrs [1].",
         "citations": ["reuters-00868.txt", {"path": "reuters-00023.txt"}, "gone.txt"]},
    ]  # fmt: skip
    assert cited_articles(history, TITLES) == ["reuters-00868.txt", "reuters-00023.txt"]
