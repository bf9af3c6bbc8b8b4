from pathlib import Path

import pytest

from assistant.chunking import chunk_article, embedding_text, sentence_spans
from assistant.corpus import load_article, parse_article

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def count_words(text: str) -> int:
    return len(text.split())


def make_article(sentences: int, words_per_sentence: int = 6):
    body = " ".join(
        " ".join(f"w{s}x{w}" for w in range(words_per_sentence - 1)) + f" end{s}."
        for s in range(sentences)
    )
    return parse_article(f"Short title\n\n{body}\n", "a.txt")


def test_sentence_spans_cover_sentences_and_break_at_paragraphs():
    text = "First one. Second one.\n\nThird one without end\n\nFourth."
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "First one.",
        "Second one.",
        "Third one without end",
        "Fourth.",
    ]


def test_a_stray_space_in_a_decimal_does_not_end_the_sentence():
    text = "The Bass family holds an 11. 6 pct stake. It said no.\n\n12 more came."
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "The Bass family holds an 11. 6 pct stake.",
        "It said no.",
        "12 more came.",
    ]


def test_chunks_are_exact_spans_of_the_article_text():
    article = make_article(40)
    for chunk in chunk_article(article, count_words, 40, 1):
        assert article.text[chunk.start : chunk.end] == chunk.text
        assert chunk.path == "a.txt"


def test_chunks_respect_the_token_budget_with_title_and_markers():
    article = make_article(40)
    for chunk in chunk_article(article, count_words, 40, 1):
        assert count_words(embedding_text(article.title, chunk.text)) + 2 <= 40


def test_consecutive_chunks_overlap_by_one_sentence_and_cover_everything():
    article = make_article(30)
    chunks = chunk_article(article, count_words, 40, 1)
    assert len(chunks) > 3
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert after.start < before.end  # shared sentence
        last_sentence = before.text.rsplit(". ", 1)[-1]
        assert after.text.startswith(last_sentence)
    assert chunks[0].start == 0 and chunks[-1].end == len(article.text)


def test_a_sentence_longer_than_the_budget_is_cut_at_word_breaks():
    article = parse_article("T\n\n" + " ".join(f"word{i}" for i in range(100)) + ".", "long.txt")
    chunks = chunk_article(article, count_words, 30, 1)
    assert len(chunks) >= 4
    assert all(count_words(c.text) <= 30 - 2 - 1 for c in chunks)
    assert " ".join(c.text for c in chunks).split() == article.text.split()  # no word lost


def test_ids_continue_from_first_id():
    chunks = chunk_article(make_article(30), count_words, 40, 1, first_id=7)
    assert [c.id for c in chunks] == list(range(7, 7 + len(chunks)))


@pytest.mark.integration
def test_seed_chunks_fit_the_real_embedder_limit():
    """Measured with the real all-MiniLM-L6-v2 tokenizer: no chunk is truncated at 256."""
    from assistant.config import get_settings
    from assistant.embedding import get_embedder

    settings = get_settings()
    embedder = get_embedder(settings.embedding_model)
    assert embedder.max_tokens == 256
    for path in sorted(CORPUS.iterdir()):
        article = load_article(path, CORPUS, 10_000_000)
        for chunk in chunk_article(article, embedder.count_tokens, settings.chunk_tokens, 1):
            full = embedder.model.tokenizer(embedding_text(article.title, chunk.text))["input_ids"]
            assert len(full) <= settings.chunk_tokens <= embedder.max_tokens
