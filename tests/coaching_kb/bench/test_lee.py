"""The public Lee similarity set: loaded from gensim's test data, scored like the bench does."""

import numpy as np
import pytest

from coaching_kb.bench.lee import SPLITS, find_lee, ndcg, pearson, ranked_by, tfidf_scores

LEE = find_lee()
pytestmark = pytest.mark.skipif(LEE is None, reason="gensim (which ships the Lee set) is absent")


def test_the_set_is_fifty_texts_with_symmetric_ratings():
    assert len(LEE.texts) == 50
    assert LEE.ratings.shape == (50, 50)
    assert np.allclose(LEE.ratings, LEE.ratings.T)
    assert np.allclose(np.diag(LEE.ratings), 1.0)
    assert sorted(q for half in SPLITS.values() for q in half) == list(range(50))


def test_a_perfect_ranking_scores_one_and_tfidf_correlates_with_people():
    perfect = ranked_by(LEE.ratings)
    assert all(q not in others for q, others in perfect.items())
    assert [round(ndcg(perfect[q], LEE.ratings, q), 6) for q in range(50)] == [1.0] * 50
    scores = tfidf_scores(LEE.texts)
    r = pearson(scores, LEE.ratings, range(50))
    assert 0.3 < r < 0.8  # published TF-IDF figures on this set sit around 0.5
    worst = np.mean([ndcg(ranked_by(-scores)[q], LEE.ratings, q) for q in range(50)])
    best = np.mean([ndcg(ranked_by(scores)[q], LEE.ratings, q) for q in range(50)])
    assert worst < best
