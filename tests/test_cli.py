"""The installed `assistant` command, run as a user runs it."""

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], capture_output=True, text=True, timeout=600
    )


def test_index_json_follows_the_contract_and_reindex_changes_nothing(corpus_copy, tmp_path):
    index_dir = tmp_path / "index"
    first = run("index", "--corpus", str(corpus_copy), "--index", str(index_dir), "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert set(report) == {
        "added",
        "updated",
        "removed",
        "unchanged",
        "skipped",
        "articles",
        "chunks",
        "seconds",
    }
    assert report["added"] == 5 and report["articles"] == 5 and report["chunks"] > 5
    second = json.loads(
        run("index", "--corpus", str(corpus_copy), "--index", str(index_dir), "--json").stdout
    )
    assert (second["added"], second["updated"], second["removed"], second["unchanged"]) == (
        0,
        0,
        0,
        5,
    )


def test_ask_json_prints_exactly_the_answer_dict(seed_index):
    result = run(
        "ask", "What did Russia claim about civilian deaths?", "--index", str(seed_index), "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    contract = {"question", "text", "abstained", "citations", "passages", "timings"}
    assert set(data) == contract | {"claims", "disagreements"}
    assert data["abstained"] is False and data["citations"]
    assert all(c["path"].endswith(".txt") for c in data["citations"])
    # The design's example is a gathering question: its claims, each with speaker and citation.
    numbers = {c["number"] for c in data["citations"]}
    speakers = {claim["speaker"] for claim in data["claims"]}
    assert any("Konashenkov" in (s or "") for s in speakers)
    assert any("Bondarev" in (s or "") for s in speakers)
    assert all(set(claim["citations"]) <= numbers for claim in data["claims"])
    assert data["disagreements"] and data["disagreements"][0]["about"] == "civilians"


def test_errors_are_one_line_without_traceback(tmp_path):
    result = run("ask", "anything", "--index", str(tmp_path / "missing"))
    assert result.returncode == 1
    assert "assistant index" in result.stderr
    assert "Traceback" not in result.stderr


def test_ask_filters_by_outlet_and_rejects_a_bad_date(seed_index):
    result = run("ask", "What did the US say about Russian strikes?", "--index", str(seed_index),
                 "--outlet", "trt world", "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["citations"] and {c["publisher"] for c in answer["citations"]} == {"TRT World"}
    bad = run("ask", "Anything?", "--index", str(seed_index), "--since", "15/01/2016")
    assert bad.returncode == 2 and "does not match the format '%Y-%m-%d'" in bad.stderr


@pytest.mark.parametrize("question", ["", "   ", " ? "])
def test_an_empty_question_is_said_to_be_empty_not_answered(seed_index, question):
    from assistant import answer
    from assistant.errors import EmptyQuestionError

    result = run("ask", "--index", str(seed_index), question)
    assert result.returncode == 1
    assert "The question is empty" in result.stderr and "Traceback" not in result.stderr
    assert "do not answer" not in result.stdout
    with pytest.raises(EmptyQuestionError, match="empty"):
        answer(question, seed_index)
