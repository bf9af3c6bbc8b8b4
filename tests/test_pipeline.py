"""answer() end to end: real embedder, real index on disk, real llama.cpp model."""

import re

import pytest

from assistant import answer

pytestmark = pytest.mark.integration


def test_the_example_question_gets_a_cited_answer(seed_index):
    result = answer("What did Russia claim about civilian deaths?", index_dir=seed_index)
    assert not result.abstained
    assert result.citations
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", result.text)}
    assert numbers == {c.number for c in result.citations}
    for citation in result.citations:
        passage = result.passages[citation.number - 1]
        assert citation.path == passage.path
        assert citation.quote in passage.text
    assert result.timings.total_s >= result.timings.first_token_s > 0


def test_an_unrelated_question_abstains(seed_index):
    result = answer("Who won the 2018 FIFA World Cup?", index_dir=seed_index)
    assert result.abstained
    assert result.citations == ()
    assert "do not answer" in result.text


def test_streaming_yields_text_then_the_final_answer(seed_index):
    stream = answer(
        "How many sorties had the Russian air force carried out?", index_dir=seed_index, stream=True
    )
    pieces = list(stream)
    assert pieces and "".join(pieces).strip()
    # only checked text is streamed, and the final answer is what the stream ended with
    assert stream.answer.text in "".join(pieces)
    assert "5,662" in stream.answer.text
    assert stream.answer.question.startswith("How many sorties")


def test_retrieval_spreads_hits_across_articles(seed_index):
    from assistant.config import get_settings
    from assistant.embedding import get_embedder
    from assistant.index import open_index
    from assistant.retrieval import retrieve

    settings = get_settings(index_dir=seed_index)
    hits = retrieve(
        "Which organisations reported civilian deaths from Russian air strikes?",
        open_index(seed_index), get_embedder(settings.embedding_model), settings, top_k=5,
    )  # fmt: skip
    assert len(hits) == 5
    assert len({hit.article.path for hit in hits}) >= 4


def test_to_dict_follows_the_contract(seed_index):
    data = answer("What did Amnesty International report?", index_dir=seed_index).to_dict()
    assert set(data) == {"question", "text", "abstained", "citations", "passages", "timings"}
    assert set(data["timings"]) == {"retrieve_s", "first_token_s", "total_s"}
    for citation in data["citations"]:
        assert set(citation) == {"number", "path", "title", "publisher", "published", "quote"}
    for passage in data["passages"]:
        assert set(passage) == {"rank", "path", "text", "score"}
