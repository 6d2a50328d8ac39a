"""The related-articles core: scores, ordering, ties and edge cases. No build."""

import pytest
from pelican.plugins.related_topics.scoring import Doc, build_model, model_from_counts, related

from coaching_kb.content.words import stem, terms

DELEGATE = Doc("a", "Delegating work", "", "Delegate the work and let the team decide how.")
DELEGATE2 = Doc("b", "Handing over work", "", "Delegating work means letting the team decide.")
BAKING = Doc("c", "Sourdough baking", "", "Flour, water, salt and patience make good bread.")


def keys(matches):
    return [m.key for m in matches]


def test_text_alone_finds_the_related_article_without_any_topics():
    result = related([DELEGATE, DELEGATE2, BAKING], k=2)
    assert keys(result[0])[0] == "b"
    assert "c" not in keys(result[0])  # nothing shared, below the minimum score
    assert result[0][0].shared_topics == ()
    assert "work" in result[0][0].shared_terms


def test_shared_topics_raise_a_score_but_text_still_counts():
    plain = related([DELEGATE, DELEGATE2, BAKING], k=2)
    tagged = [
        Doc("a", DELEGATE.title, "", DELEGATE.body, ("delegation",)),
        Doc("b", DELEGATE2.title, "", DELEGATE2.body, ("delegation",)),
        Doc("c", BAKING.title, "", BAKING.body, ("delegation",)),
    ]
    result = related(tagged, k=2)
    assert result[0][0].score > plain[0][0].score
    assert keys(result[0]) == ["b", "c"]  # same topic, but b also shares the text
    assert result[0][0].score > result[0][1].score
    assert result[0][1].shared_topics == ("delegation",)


def test_ties_are_broken_by_key():
    twins = [Doc("z", "x", "", "listening well"), Doc("m", "x", "", "listening well"),
             Doc("a", "x", "", "listening well")]  # fmt: skip
    result = related(twins, k=2)
    assert keys(result[0]) == ["a", "m"]
    assert keys(result[2]) == ["m", "z"]


@pytest.mark.parametrize("docs", [[], [DELEGATE]])
def test_empty_and_single_article_corpora(docs):
    assert related(docs) == [[] for _ in docs]


def test_very_short_and_empty_texts_do_not_crash():
    docs = [Doc("a", "", "", ""), Doc("b", "Hi", "", ""), Doc("c", "Hi there", "", "")]
    result = related(docs)
    assert len(result) == 3
    assert result[0] == []


def test_non_english_text_relates_by_its_own_words():
    docs = [
        Doc(
            "de1", "Delegieren lernen", "", "Führungskräfte müssen Aufgaben abgeben und vertrauen."
        ),
        Doc(
            "de2",
            "Vertrauen im Team",
            "",
            "Vertrauen entsteht, wenn Führungskräfte Aufgaben abgeben.",
        ),
        Doc("ja", "傾聴", "", "部下の話を最後まで聞くこと。"),
        Doc("ja2", "傾聴の練習", "", "話を聞くことは信頼を作る。"),
    ]
    result = related(docs, k=1)
    assert keys(result[0]) == ["de2"]
    assert keys(result[2]) == ["ja2"]


def test_scores_are_between_zero_and_one_and_sorted():
    docs = [DELEGATE, DELEGATE2, BAKING, Doc("d", "Delegation", "work", "delegate work team")]
    for matches in related(docs):
        scores = [m.score for m in matches]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < s <= 1.0001 for s in scores)


def test_vectors_keep_only_the_strongest_terms():
    distinct = [a + b + c for a in "bcdfg" for b in "aeiou" for c in "klmnprst"][:300]
    long_doc = Doc("x", "t", "", " ".join(f"{w} " * (i % 7 + 1) for i, w in enumerate(distinct)))
    model = build_model([long_doc, BAKING], max_terms=40)
    assert len(model.vectors[0]) == 40


def test_equal_weights_keep_the_terms_used_first():
    words = [f"zq{c}" for c in "abcdefghijklmnopqrstuvwxyz"] + [f"zr{c}" for c in "abcdefghijklmno"]
    model = build_model([Doc("x", "", "", " ".join(reversed(words))), BAKING], max_terms=40)
    assert set(model.vectors[0]) == set(words) - {"zqa"}  # used last of 41 equal terms


def test_a_cached_analysis_gives_the_model_a_fresh_one_gives():
    """Docs analysed earlier, in another order, beside a stale draft: the same model."""
    from pelican.plugins.related_topics.analysis import Analysed
    from pelican.plugins.topics.crosslinks import link_options

    docs, options = [DELEGATE, DELEGATE2, BAKING], link_options({}, {}, 0)
    analysed = Analysed()
    for doc in [BAKING, Doc("stale", "Old draft", "", "Words nobody else uses"), DELEGATE2]:
        analysed.add(doc, options)
    analysed.bring_up_to_date(docs, options)
    model, expected = model_from_counts(analysed.counts), build_model(docs)
    assert model.terms == expected.terms
    assert "nobody" not in model.index
    assert "nobody" not in analysed.all_words
    assert (model.matrix != expected.matrix).nnz == 0
    assert model.idf.tolist() == expected.idf.tolist()


def test_a_kept_analysis_forgets_the_terms_of_docs_long_gone():
    """Drafts come and go, each with words no other doc uses: the kept vocabulary is renumbered
    instead of growing without end, and the model stays the one built from nothing."""
    from pelican.plugins.related_topics.analysis import Analysed
    from pelican.plugins.topics.crosslinks import link_options

    docs, options = [DELEGATE, DELEGATE2, BAKING], link_options({}, {}, 0)
    analysed = Analysed()
    for draft in range(40):
        words = " ".join(f"draft{draft}word{n}" for n in range(60))
        analysed.bring_up_to_date([*docs, Doc(f"draft-{draft}", "Draft", "", words)], options)
    assert len(analysed.vocabulary) < 2 * len(analysed.all_words) + 1000 + 60
    analysed.bring_up_to_date(docs, options)
    model, expected = model_from_counts(analysed.counts), build_model(docs)
    assert model.terms == expected.terms
    assert (model.matrix != expected.matrix).nnz == 0


def test_empty_corpus_gives_an_empty_model():
    model = build_model([])
    assert model.matrix.shape[0] == 0
    assert model.vectors == []
    assert related([]) == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [("delegating", "delegat"), ("delegates", "delegat"), ("listening", "listen"),
     ("stopping", "stop"), ("stories", "story"), ("trust", "trust"), ("führung", "führung")],
)  # fmt: skip
def test_stem(word, expected):
    assert stem(word) == expected


def test_terms_drop_stop_words_and_html():
    assert terms("<p>The <em>team</em> and the leader&rsquo;s feedback</p>") == [
        "team", "leader", "feedback"
    ]  # fmt: skip


@pytest.mark.parametrize("with_meaning", [False, True])
def test_relating_some_rows_gives_exactly_their_lists(with_meaning):
    """The live preview relates only its edits: their lists must be the full run's."""
    import numpy as np

    docs = [DELEGATE, DELEGATE2, BAKING, Doc("d", "Trust", "", "Trust the team with the work.")]
    meaning = None
    if with_meaning:
        meaning = np.random.default_rng(7).normal(size=(len(docs), 8))
        meaning /= np.linalg.norm(meaning, axis=1, keepdims=True)
    everything = related(docs, k=2, meaning=meaning)
    some = related(docs, k=2, meaning=meaning, rows=[3, 1])
    assert some[1] == everything[1]
    assert some[3] == everything[3]
    assert some[0] == some[2] == []
    assert everything[1]
    assert everything[3]


def dense_with_meaning(text_scores, meaning, block, weight, candidates):
    """The large-site blend written plainly, densely: the reference for the sparse one."""
    import numpy as np
    from scipy import sparse

    near = np.clip(meaning[block] @ meaning.T, 0.0, None)
    cut = np.argpartition(-near, candidates, axis=1)[:, candidates:]
    np.put_along_axis(near, cut, 0.0, axis=1)
    terms = text_scores.toarray()
    keep = (terms > 0) | (near > 0)
    return sparse.csr_matrix(np.where(keep, (1 - weight) * terms + weight * near, 0.0))


def test_the_large_site_blend_keeps_term_candidates_and_the_nearest_in_meaning():
    import numpy as np
    from pelican.plugins.related_topics import scoring
    from scipy import sparse

    rng = np.random.default_rng(11)
    meaning = rng.normal(size=(300, 16))
    meaning /= np.linalg.norm(meaning, axis=1, keepdims=True)
    text = sparse.random(40, 300, density=0.05, random_state=3, format="csr")
    block = np.arange(100, 140)
    got = scoring.with_meaning(text, meaning, block, 0.5, is_small=False)
    want = dense_with_meaning(text, meaning, block, 0.5, scoring.MEANING_CANDIDATES)
    assert got.shape == want.shape
    assert (abs(got - want) > 1e-12).nnz == 0
    assert got.nnz == want.nnz
