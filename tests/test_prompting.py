import pytest

from assistant.config import PROJECT_ROOT
from assistant.errors import PromptError
from assistant.prompting import build_answer_prompt, load_template, render
from assistant.records import Article, Chunk, Hit


def test_missing_variable_is_an_error(tmp_path):
    (tmp_path / "t.txt").write_text("Hello ${name} and ${other}")
    load_template.cache_clear()
    with pytest.raises(PromptError, match="other"):
        render(tmp_path, "t", name="x")


def test_answer_prompt_numbers_passages_and_names_sources():
    article = Article(
        "a.txt", "A title", "Some text.", "h", publisher="The Independent", published="2016-01-15"
    )
    hits = [Hit(Chunk(0, "a.txt", 0, 10, "Some\n\ntext."), article, 1.0, 0.5, None)]
    prompt = build_answer_prompt(PROJECT_ROOT / "prompts", "What happened?", hits)
    assert "[1] A title (The Independent, 2016-01-15): Some text." in prompt.user
    assert "What happened?" in prompt.user
    assert "[1]" in prompt.system


def test_the_model_never_sees_an_article_own_reference_marks():
    from helpers import make_hit

    hits = [make_hit("w.txt", "Repairs cost 42 million euros.[3] Traffic is limited.[12][a]")]
    prompt = build_answer_prompt(PROJECT_ROOT / "prompts", "What did it cost?", hits)
    assert "Repairs cost 42 million euros. Traffic is limited." in prompt.user
    assert "[3]" not in prompt.user and "[12]" not in prompt.user
