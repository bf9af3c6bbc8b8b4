"""The eval's scoring: what counts as right, and the short answer an answer leads with."""

from assistant.evaluation import Question, is_correct, score, short_answer, short_answer_right
from assistant.records import Answer, Citation

RIGS = Question(
    id="n105", q="How many rigs were working in the Gulf of Mexico this week?",
    must=(("83",),), sources=("rigs.txt",), answerable=True, type="figure",
)  # fmt: skip
QUOTE = "“The total number of working rigs fell to 83 for the week, compared to 85 last week.”"


def _answer(text: str, abstained: bool = False) -> Answer:
    citations = (
        () if abstained else (Citation(1, "rigs.txt", "Rigs", "Reuter", "1987-03-02", "83"),)
    )
    return Answer(RIGS.q, text, abstained, citations)


def test_a_wrong_short_answer_before_a_right_quote_is_right_by_the_text_but_not_by_its_lead():
    wrong = _answer(f"one year [1] — {QUOTE}")
    right = _answer(f"83 [1] — {QUOTE}")
    assert is_correct(RIGS, wrong) and is_correct(RIGS, right)
    assert short_answer(wrong) == "one year" and short_answer_right(RIGS, wrong) is False
    assert short_answer_right(RIGS, right) is True
    # a quote alone, a multi-part answer or a refusal leads with no short answer
    assert short_answer(_answer(f"According to Reuter (1987-03-02): {QUOTE} [1]")) is None
    assert short_answer(_answer(f"- How many rigs? 83 [1] — {QUOTE}")) is None
    assert short_answer(_answer("The articles do not answer this question.", True)) is None


def test_the_report_gives_the_share_of_right_short_answers():
    answers = [_answer(f"one year [1] — {QUOTE}"), _answer(f"83 [1] — {QUOTE}"),
               _answer(f"According to Reuter: {QUOTE} [1]")]  # fmt: skip
    report = score([RIGS] * 3, answers, [0.1, 0.2, 0.3])
    assert report["answer_accuracy"] == 1.0
    assert report["short_answers"] == 2 and report["short_answer_accuracy"] == 0.5
    assert [row["short_answer"] for row in report["rows"]] == ["one year", "83", None]
