from pathlib import Path

import pytest

from assistant.corpus import load_article, parse_article
from assistant.errors import ArticleError
from assistant.files import discover_files, read_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
INDEPENDENT = "independent-2016-01-15-russia-denies-killing-civilians.txt"
TRT = "trtworld-us-criticises-russia-for-killing-syrian-civilians.txt"
IDLIB = "russia-denies-civilian-deaths-idlib-airstrikes.txt"
BONDAREV = "russia-says-air-force-has-not-hit-civilian-targets.txt"
DENIES = "russia-denies-bombing-civilians-in-syria.txt"


def load(name: str):
    return load_article(CORPUS / name, CORPUS, 10_000_000)


def test_title_byline_date_and_publisher_from_the_header_block():
    article = load(INDEPENDENT)
    assert article.title.startswith("Russia denies killing civilians in Syrian air strikes")
    assert article.byline == "Lizzie Dearden"
    assert article.published == "2016-01-15"
    assert article.publisher == "Independent"
    assert article.standfirst.startswith("Reports by Amnesty International")


def test_comment_forum_and_login_boilerplate_is_removed():
    text = load(INDEPENDENT).text
    for debris in (
        "Join our commenting forum",
        "Thank you for registering",
        "Please refresh",
        "Comments",
    ):
        assert debris not in text
    assert "Lizzie Dearden" not in text  # metadata, not body text
    assert text.endswith("refugees.")


def test_photo_caption_shown_twice_is_kept_once():
    text = load(INDEPENDENT).text
    assert text.count("A damaged building after what activists said were airstrikes") == 1
    summary = "Russia’s Defence Ministry has denied bombing civilian targets"
    assert load(DENIES).text.count(summary) == 1
    assert load(IDLIB).text.count("A Syrian man with a blood stained shirt") == 1


def test_trailing_agency_line_names_the_publisher_and_leaves_the_text():
    article = load(TRT)
    assert article.publisher == "TRT World"
    assert "TRTWorld and agencies" not in article.text
    assert "Photo by: AP" not in article.text


def test_related_news_and_trailing_labels_are_removed():
    assert "Related News" not in load(BONDAREV).text
    idlib = load(IDLIB).text
    assert not idlib.endswith("Route 6")
    assert "\n\nAFP\n\n" not in idlib


def test_unknown_metadata_stays_unknown():
    article = load(DENIES)
    assert article.publisher is None and article.published is None and article.byline is None


@pytest.mark.parametrize("path", sorted(p.name for p in CORPUS.iterdir()))
def test_source_spans_point_at_the_same_text_in_the_file(path):
    article = load(path)
    raw = read_text(CORPUS / path, 10_000_000)
    for span in article.source_spans:
        assert (
            raw[span.file_start : span.file_start + span.length]
            == article.text[span.text_start : span.text_start + span.length]
        )
    offset = article.text.index("\n\n") + 5
    assert raw[article.file_offset(offset)] == article.text[offset]


def test_front_matter_gives_metadata():
    text = (
        "---\ntitle: A headline\noutlet: Reuters\ndate: 3 March 2017\nauthor: Jane Roe\n---\n"
        "Body one.\n\nBody two.\n"
    )
    article = parse_article(text, "a.md")
    assert (article.title, article.publisher, article.published, article.byline) == (
        "A headline",
        "Reuters",
        "2017-03-03",
        "Jane Roe",
    )
    assert article.text == "Body one.\n\nBody two."


def test_by_line_prefix_is_a_byline():
    article = parse_article("Headline\n\nBy Jane Roe\n\nFirst paragraph of text.\n", "x.txt")
    assert article.byline == "Jane Roe"
    assert "Jane Roe" not in article.text


def test_bad_files_raise_article_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02 not text")
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000)
    for path, reason in ((empty, "empty"), (binary, "binary"), (big, "limit")):
        with pytest.raises(ArticleError, match=reason):
            read_text(path, 1000)


def test_non_utf8_text_is_decoded(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Café owners in Zürich said the strikes were “terrible”.\n\nMore text.".encode("cp1252")
    )
    assert "Café" in read_text(path, 10_000)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_are_text_not_binary(tmp_path, encoding):
    path = tmp_path / "wide.txt"
    path.write_bytes("Malmö council votes\n\nThe council in Malmö said “yes”.\n".encode(encoding))
    article = load_article(path, tmp_path, 10_000)
    assert article.title == "Malmö council votes" and "Malmö said “yes”" in article.text


def test_a_file_mixing_two_encodings_is_decoded_line_by_line(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "Malmö council votes\n\n".encode()
        + "The council in Malmö said the café tax was “unfair”.\n".encode("cp1252")
    )
    text = read_text(path, 10_000)
    assert text == "Malmö council votes\n\nThe council in Malmö said the café tax was “unfair”.\n"


def test_discovery_includes_subfolders_but_not_hidden_or_other_types(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("a.txt", "sub/b.md", ".hidden/c.txt", "d.docx", "e.json"):
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in discover_files(tmp_path)] == [
        "a.txt",
        "sub/b.md",
    ]


WEB_PAGE = """<!doctype html><html><head>
<title>Syria strikes: Russia rejects claims | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Syria strikes: Russia rejects claims">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2016-02-03T10:00:00Z">
</head><body><nav>Home | World | Sport</nav><article><h1>Syria strikes: Russia rejects claims</h1>
<p>Moscow said on Wednesday that its aircraft had struck only militant targets near Aleppo,
rejecting reports by monitors that 40 civilians were killed.</p>
<p>The defence ministry spokesman called the reports "information warfare".</p></article>
<footer>Copyright 2016 Example News. Subscribe now.</footer></body></html>"""


def test_web_page_gives_article_text_and_its_metadata(tmp_path):
    from assistant.corpus import load_article

    (tmp_path / "news").mkdir()
    page = tmp_path / "news" / "strikes.html"
    page.write_text(WEB_PAGE, encoding="utf-8")
    article = load_article(page, tmp_path, 1_000_000)
    assert article.path == "news/strikes.html"
    assert article.title == "Syria strikes: Russia rejects claims"
    assert (article.publisher, article.byline, article.published) == (
        "Example News", "Jane Roe", "2016-02-03",  # ISO date kept, never read day-first
    )  # fmt: skip
    assert article.text.startswith("Moscow said on Wednesday")
    assert "Subscribe" not in article.text and "Home | World" not in article.text


def test_an_outlet_signature_inside_a_long_paragraph_keeps_the_paragraph():
    from assistant.corpus import parse_article

    paragraph = (
        "Russia denied the reports on Monday. Readers were invited to follow other Independent "
        "readers in the comments, the page said, while the ministry repeated that its jets had "
        "struck only militant positions in Idlib and Hama over the weekend."
    )
    article = parse_article(f"Title\n\n{paragraph}\n", "a.txt")
    assert article.text == paragraph


def test_pdf_gives_its_text_and_metadata(tmp_path):
    from helpers import make_pdf

    from assistant.corpus import load_article

    lines = ["The harbour authority of Marovo seized 37 fishing boats on Monday.",
             "Inspectors found nets below the legal mesh size."]  # fmt: skip
    (tmp_path / "marovo.pdf").write_bytes(
        make_pdf(lines, title="Fishing fleet seized", author="Ana Petrova", date="20190304101500")
    )
    article = load_article(tmp_path / "marovo.pdf", tmp_path, 1_000_000)
    assert (article.title, article.byline, article.published) == (
        "Fishing fleet seized", "Ana Petrova", "2019-03-04",
    )  # fmt: skip
    assert "seized 37 fishing boats" in article.text


def test_unreadable_pdf_is_refused_with_a_reason(tmp_path):
    from assistant.corpus import load_article
    from assistant.errors import ArticleError

    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    with pytest.raises(ArticleError, match="PDF"):
        load_article(tmp_path / "broken.pdf", tmp_path, 1_000_000)


WIRE_STORY = """MAGMA LOWERS COPPER PRICE
26 February 1987

NEW YORK, Feb 26 - Magma Copper Co said it is cutting its copper cathode price by 0.75 cent to
66 cents a lb, effective immediately.

Reuter
"""


def test_a_wire_story_gets_title_outlet_and_date_from_its_own_lines():
    from assistant.corpus import parse_article

    article = parse_article(WIRE_STORY, "wire.txt")
    assert article.title == "MAGMA LOWERS COPPER PRICE"
    assert (article.publisher, article.published) == ("Reuter", "1987-02-26")
    assert article.text.startswith("NEW YORK, Feb 26 - Magma Copper Co said")
    assert "Reuter" not in article.text


def test_a_dateline_gives_the_date_when_no_date_line_does():
    from assistant.corpus import parse_article

    text = "OIL OUTPUT\n\nKUWAIT, March 2 - Kuwait pumped 1.2 mln bpd in February 1987.\n\nREUTER\n"
    article = parse_article(text, "kuwait.txt")
    assert (article.publisher, article.published) == ("Reuter", "1987-03-02")


@pytest.mark.parametrize(
    "text",
    [
        "Police said 37 boats were lost when the storm hit the harbour, and 12 fishermen were "
        "rescued by the coastguard.\n",  # one paragraph, no title line
        "Storm hits harbour\nPolice said 37 boats were lost when the storm hit the harbour.\n",
    ],
)
def test_a_file_of_one_paragraph_or_a_title_and_one_sentence_is_an_article(text):
    from assistant.corpus import parse_article

    article = parse_article(text, "storm.txt")
    assert "37 boats were lost" in article.text
    assert article.title and len(article.title.split()) <= 13


def test_hard_wrapped_lines_are_one_paragraph_and_headings_stay_apart():
    text = (
        "Lumenfield Bank results\n\n"
        "Chief executive Maria Olsen said the bank would open\n"
        "14 new branches in 2016. The bank is based in Oslo and employs about two\n"
        "thousand people.\n\n"
        "Background\n"
        "The bank was founded in 1901.\n"
    )
    article = parse_article(text, "a.txt")
    assert article.text == (
        "Chief executive Maria Olsen said the bank would open 14 new branches in 2016. The bank "
        "is based in Oslo and employs about two thousand people.\n\nBackground\n\n"
        "The bank was founded in 1901."
    )
    for span in article.source_spans:  # every run still maps back to the file
        piece = article.text[span.text_start : span.text_start + span.length]
        assert piece == text[span.file_start : span.file_start + span.length]
