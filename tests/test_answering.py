"""The answering stage end to end on articles written for these tests: real embedder, real
index on disk, real llama.cpp model (a scripted one where a test needs a chosen reply)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant import answer

pytestmark = pytest.mark.integration

ARTICLES = {
    # One paragraph, no title line.
    "marovo-storm.txt": "A storm sank 37 fishing boats in the harbour of Marovo on Tuesday night, "
    "and the coastguard rescued 12 fishermen, the port authority said.\n",
    "tiberan-quake.txt": """QUAKE STRIKES MOUNTAIN TOWN OF TIBERAN
3 March 2016

TIBERAN, March 3 - An earthquake of magnitude 6.1 struck the mountain town of Tiberan on Thursday morning.

The quake killed 212 residents and destroyed 900 homes, regional officials said.

Rescue teams from three provinces were searching the rubble on Friday.

Reuter
""",
    "lumenfield-results.txt": """LUMENFIELD BANK RESULTS
14 February 2016

OSLO, Feb 14 - Lumenfield Bank said its 2015 net profit rose 12 pct to 480 mln crowns.

Revenue was 2.1 billion crowns, the bank said, and it will pay a dividend of 3 crowns a share.

Reuter
""",
    # Two shops' February sales, each in its own story.
    "brightwell-sales.txt": """BRIGHTWELL STORES FEBRUARY SALES UP
2 March 2016

LEEDS, March 2 - Brightwell Stores said its February sales rose 8 pct to 61.4 mln pounds.

Reuter
""",
    "carrowmere-sales.txt": """CARROWMERE FEBRUARY SALES FALL
2 March 2016

YORK, March 2 - Carrowmere Ltd said February sales fell 3 pct to 18.9 mln pounds from a year
earlier.

Reuter
""",
    # Reference marks of an encyclopaedia-style text: never our citation markers.
    "harbour-bridge.txt": """Harbour bridge reopens after repairs

The Northgate harbour bridge reopened on Monday after eight months of repairs costing 42 million euros.[3] The city council said traffic would be limited to cars for the first week.[12]

Engineers found corrosion in 14 of the bridge's steel cables in 2023.[1][2]
""",
}


@pytest.fixture(scope="module")
def news_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import SEED_CORPUS

    from assistant.index import build_index

    folder = tmp_path_factory.mktemp("answering")
    corpus = folder / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)  # the seed articles compete as distractors
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    build_index(corpus, folder / "index")
    return folder / "index"


def cited_paths(result) -> set[str]:
    return {citation.path for citation in result.citations}


def test_a_one_paragraph_file_is_indexed_and_answered(news_index):
    result = answer("How many fishing boats did the storm sink in Marovo?", news_index)
    assert not result.abstained, result.text
    assert "37" in result.text and cited_paths(result) == {"marovo-storm.txt"}


def test_a_paraphrased_question_gets_the_right_fact(news_index):
    # No content word of the question is in the answer sentence ("The quake killed 212 ...").
    question = "How many died in the Tiberan earthquake?"
    result = answer(question, news_index)
    assert not result.abstained, result.text
    assert "212" in result.text and cited_paths(result) == {"tiberan-quake.txt"}


def test_a_near_miss_is_refused(news_index):
    # The article gives the 2015 profit; the 2013 one is asked.
    result = answer("What was Lumenfield Bank's net profit in 2013?", news_index)
    assert result.abstained, result.text
    assert result.citations == () and "do not answer" in result.text


def test_a_two_part_question_gets_each_part_answered_and_cited(news_index):
    result = answer(
        "How many boats did the storm sink in Marovo, and what was the magnitude of the "
        "earthquake in Tiberan?",
        news_index,
    )
    assert not result.abstained, result.text
    assert "37" in result.text and "6.1" in result.text
    assert cited_paths(result) == {"marovo-storm.txt", "tiberan-quake.txt"}
    assert len(result.text.splitlines()) == 2  # one line a part


def test_two_names_joined_by_and_are_each_answered_from_their_own_story(news_index):
    """No "each" or "compare" says so; the best evidence of the whole holds one of the two
    names, so each is asked of on its own."""
    result = answer(
        "What did Brightwell Stores and Carrowmere report for February sales?", news_index
    )
    assert not result.abstained, result.text
    assert "61.4" in result.text and "18.9" in result.text
    assert cited_paths(result) == {"brightwell-sales.txt", "carrowmere-sales.txt"}
    assert len(result.text.splitlines()) == 2


def test_a_part_the_articles_do_not_answer_is_said_so_while_the_other_is_answered(news_index):
    result = answer(
        "How many boats did the storm sink in Marovo, and who won the 1988 Wimbledon final?",
        news_index,
    )
    assert not result.abstained and "37" in result.text
    assert "do not say" in result.text.splitlines()[1]


def test_the_direct_answer_comes_first_and_is_a_span_of_its_cited_evidence(news_index):
    result = answer("How big a dividend will Lumenfield Bank pay per share?", news_index)
    match = re.match(r"(?P<fact>.+?) \[(?P<number>\d+)\] — “", result.text)
    assert match, result.text
    quote = result.citations[int(match["number"]) - 1].quote
    assert match["fact"] in quote and "3 crowns" in match["fact"]


class EchoModel:
    """Replies with the question's own words, as a small model sometimes does."""

    name = "echo"

    def stream(self, prompt, max_tokens, temperature):
        yield prompt.user.split("Question:")[1].split("\n")[0].strip().rstrip("?")


def test_a_question_echoed_back_is_never_the_answer(news_index, monkeypatch):
    monkeypatch.setattr("assistant.pipeline.get_generator", lambda settings: EchoModel())
    question = "Did the coastguard rescue fishermen in Marovo?"
    result = answer(question, news_index)
    assert not result.text.startswith("Did the coastguard")
    assert "12" in result.text  # what the article adds to the question's words


@pytest.mark.parametrize(
    "question",
    ["How much did the Northgate bridge repairs cost?", "When did Engineers find corrosion?"],
)
def test_an_article_own_reference_marks_are_never_read_as_citations(news_index, question):
    result = answer(question, news_index)
    assert not result.abstained, result.text
    markers = [int(n) for n in re.findall(r"\[(\d+)\]", result.text)]
    assert markers and set(markers) == {c.number for c in result.citations}
    assert not re.search(r"\[(3|12)\]", result.text)  # the article's own marks
    for citation in result.citations:
        assert "[" not in citation.quote
    assert "harbour-bridge.txt" in cited_paths(result)
