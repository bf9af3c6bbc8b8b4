from helpers import make_evidence

from assistant.verification import (
    check_sentence,
    extractive_answer,
    names_in,
    numbers_in,
    render,
    split_claims,
    supports,
)

AMNESTY = make_evidence(
    "Amnesty International said at least 200 civilians were killed in Russian strikes.",
    "amnesty.txt", publisher="The Independent",
)  # fmt: skip
CHARLATANS = make_evidence(
    'Major-General Igor Konashenkov said the Civil Defence group were "charlatans".',
    "idlib.txt", publisher=None, published=None, title="Russia denies civilian deaths in Idlib",
)  # fmt: skip
EVIDENCE = [AMNESTY, CHARLATANS]


def test_a_supported_sentence_keeps_its_citation():
    checked = check_sentence("Amnesty International said 200 civilians were killed [1].", EVIDENCE)
    assert checked.numbers == (1,)
    assert render(checked) == "Amnesty International said 200 civilians were killed [1]."


def test_an_uncited_supported_sentence_gets_the_marker_of_its_evidence():
    checked = check_sentence("Konashenkov said the group were charlatans.", EVIDENCE)
    assert render(checked) == "Konashenkov said the group were charlatans [2]."


def test_an_invented_figure_is_removed():
    assert check_sentence("Amnesty said 300 civilians were killed [1].", EVIDENCE) is None


def test_an_invented_name_is_removed():
    assert check_sentence("Vladimir Putin said 200 civilians were killed [1].", EVIDENCE) is None


def test_a_wrong_citation_is_reattributed_to_the_supporting_evidence():
    checked = check_sentence("Konashenkov called the Civil Defence group charlatans [1].", EVIDENCE)
    assert checked is not None and checked.numbers == (2,)


def test_a_marker_to_a_passage_not_given_is_replaced_or_dropped():
    assert check_sentence("Konashenkov said the group were charlatans [7].", EVIDENCE).numbers == (
        2,
    )
    assert check_sentence("The weather in Geneva was mild [7].", EVIDENCE) is None


def test_a_claim_put_in_the_wrong_mouth_is_dropped():
    # the evidence is Amnesty's finding; it must not come out as Russia's claim
    assert not supports("Russia said 200 civilians were killed.", AMNESTY)
    assert supports("Amnesty International said 200 civilians were killed.", AMNESTY)


def test_a_claim_is_not_pinned_on_someone_a_relative_clause_hides():
    centcom = make_evidence(
        "A spokesperson for US Central Command, which has confirmed eight civilian deaths, "
        "declined to comment on claims made by Russian media about air strikes in Syria.",
    )  # fmt: skip
    assert not supports("Russia claimed that air strikes hit civilians in Syria.", centcom)
    quoted = make_evidence(
        "Konashenkov spoke to reporters. “Our strikes hit no civilians,” he said."
    )
    assert supports("Konashenkov said the strikes hit no civilians.", quoted)


def test_a_denial_is_never_turned_into_an_admission():
    denial = make_evidence(
        "The Russian Defence Ministry denied allegations that its jets had killed at least 150 "
        "civilians in Idlib.",
    )  # fmt: skip
    assert not supports(
        "The Russian Defence Ministry said its jets killed 150 civilians in Idlib.", denial
    )
    assert supports(
        "The Russian Defence Ministry denied that its jets killed 150 civilians in Idlib.", denial
    )


def test_preambles_labels_meta_talk_loops_and_bare_numbers_are_not_claims():
    for text in (
        "The evidence is: The Independent, 2016-01-15: Amnesty said 200 civilians were killed [1].",
        "So, the answer is: Amnesty said 200 civilians were killed [1].",
    ):
        assert check_sentence(text, EVIDENCE).text == "Amnesty said 200 civilians were killed."
    for text in (
        "The evidence provided is about civilians killed [1].",
        "200 [1].",
        "Amnesty said civilians were killed, civilians were killed, civilians were killed [1].",
    ):
        assert check_sentence(text, EVIDENCE) is None, text


def test_markers_after_the_full_stop_belong_to_the_sentence_before():
    assert split_claims("Amnesty counted 200 deaths. [1] Konashenkov disagreed. [2]") == [
        "Amnesty counted 200 deaths [1].",
        "Konashenkov disagreed [2].",
    ]


def test_numbers_and_names_are_read_like_a_checker_would():
    assert numbers_in("5,662 sorties and eight deaths in 2016") == {"5662", "8", "2016"}
    assert names_in("Elena Lindqvist won in Ferrona") == {"elena", "lindqvist", "ferrona"}
    assert names_in("The Russian ministry") == {"russian"}


def test_extractive_answer_quotes_attributes_and_cites():
    text = extractive_answer(EVIDENCE, [0, 1])
    assert text.startswith("According to The Independent (2016-01-15): “Amnesty International said")
    assert "[1]" in text and text.endswith("[2]")
    assert "According to “Russia denies civilian deaths in Idlib”" in text  # no outlet known
