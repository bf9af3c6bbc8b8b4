import pytest

from assistant.retrieval import diversify, reciprocal_rank_fusion


def test_rrf_rewards_ids_found_by_both_rankings():
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 4, 1]], k=60)
    order = [item for item, _ in fused]
    assert order[:2] == [1, 3]  # both lists; 1 ranks higher overall
    assert set(order) == {1, 2, 3, 4}
    assert dict(fused)[1] == pytest.approx(1 / 61 + 1 / 63)


def test_rrf_of_one_ranking_keeps_its_order():
    assert [i for i, _ in reciprocal_rank_fusion([[5, 9, 2]])] == [5, 9, 2]


def test_rrf_ties_break_by_id_for_reproducible_results():
    assert [i for i, _ in reciprocal_rank_fusion([[2], [1]])] == [1, 2]


def test_diversify_spreads_across_articles():
    scored = [(1, "a", 1.0), (2, "a", 0.9), (3, "a", 0.8), (4, "b", 0.6), (5, "c", 0.55)]
    chosen = [item for item, _ in diversify(scored, limit=3, decay=0.5)]
    assert chosen == [1, 4, 5]


def test_diversify_still_takes_a_dominant_article_twice():
    scored = [(1, "a", 1.0), (2, "a", 0.95), (3, "b", 0.3)]
    assert [item for item, _ in diversify(scored, limit=2, decay=0.5)] == [1, 2]


def test_diversify_with_no_decay_keeps_order():
    scored = [(1, "a", 1.0), (2, "a", 0.9), (3, "b", 0.1)]
    assert [item for item, _ in diversify(scored, limit=3, decay=1.0)] == [1, 2, 3]
