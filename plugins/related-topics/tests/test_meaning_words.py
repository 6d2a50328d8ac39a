"""Reasons for matches: shared topics or terms, else the nearest pair of words, or none."""

import pickle

import numpy as np
from pelican.plugins.related_topics.analysis import reason_for, reasons_for
from pelican.plugins.related_topics.meaning_words import explain_meaning
from pelican.plugins.related_topics.scoring import Doc, Match, build_model

DOCS = [
    Doc("a", "Deadlines", "", "The deadline slipped; the deadline always slips."),
    Doc("b", "Calendars", "", "A schedule on paper, and a schedule kept."),
]
NEAR = {"deadline": [1.0, 0.0, 0.0], "deadlines": [1.0, 0.0, 0.0], "schedule": [0.8, 0.6, 0.0]}


def fake_embed(words):
    """Unit vectors: 'deadline' and 'schedule' close, every other word far from both."""
    rows = []
    for number, word in enumerate(words):
        rows.append(NEAR.get(word, [0.0, 0.0, 1.0] if number % 2 else [0.0, -1.0, 0.0]))
    return np.asarray(rows, dtype=np.float32)


def test_a_match_with_nothing_shared_is_explained_by_its_nearest_words():
    model = build_model(DOCS)
    matches = [[Match("b", 0.4)], [Match("a", 0.4)]]
    words = {"deadline": 2, "slipped": 1, "always": 1, "slips": 1, "schedule": 2, "paper": 1,
             "kept": 1, "deadlines": 1, "calendars": 1}  # fmt: skip
    explained = explain_meaning(matches, DOCS, model, words, fake_embed)
    here, there = explained[0][0].meaning_terms
    reason = reason_for(explained[0][0], {}, {here: "deadline", there: "schedule"})
    assert reason == "Close in meaning: “deadline” here, “schedule” there"


def far_apart(words):
    """A vector of its own for each word: no two words are near."""
    return np.eye(len(words), dtype=np.float32)


def test_no_pair_is_shown_when_no_two_words_are_near():
    model = build_model(DOCS)
    explained = explain_meaning([[Match("b", 0.4)], []], DOCS, model, {}, far_apart)
    assert explained[0][0].meaning_terms == ()
    assert reason_for(explained[0][0], {}, {}) == "Close in meaning"


def test_matches_with_shared_terms_are_left_as_they_are():
    model = build_model(DOCS)
    matches = [[Match("b", 0.4, shared_terms=("kept",))], []]
    assert explain_meaning(matches, DOCS, model, {}, fake_embed) == matches


def test_reasons_said_twice_are_one_string_and_matches_pickle_back():
    matches = [[Match("b", 0.5, ("delegation",))], [Match("a", 0.5, ("delegation",))]]
    reasons = reasons_for(matches, {"delegation": "Delegation"}, {})
    assert reasons == [["Shared topics: Delegation"], ["Shared topics: Delegation"]]
    assert reasons[0][0] is reasons[1][0]  # kept, and loaded, once
    again = pickle.loads(pickle.dumps(matches))  # noqa: S301 - our own bytes
    assert again == matches
    assert type(again[0][0]) is Match
    assert again[0][0].shared_topics == ("delegation",)
