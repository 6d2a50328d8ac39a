"""Rank each article's related articles: the term model's and the sentence model's scores,
each standardised over the article's row and then added, shared topics on top. Pure and
deterministic: `Doc`s in, `Match` lists out, ties broken by key.

Standardised scores, not raw ones: a fixed blend of the two cosines, tuned on one kind of text,
landed below its better half on another, as their scales differ from corpus to corpus. On the
development sets this beat reciprocal rank fusion too (see the package README).

The sentence model's share depends on the article's length: on a sentence it is the best single
method and the words two sentences share mislead ("It's pretty much up to you." shares more with
"You've pretty much answered..." than with "It is up to you."); on a long post, which the model
reads only the opening of, the terms carry more.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import erf

from .terms import TermModel, term_model
from .text import term_counts

BLOCK_ROWS = 256  # articles whose scores are held at once: memory stays flat on big sites
# The sentence model's share next to the terms' 1: MEANING_WEIGHT at 100 words, times
# (words / 100) ** -MEANING_FALL (3.2 at 80 words, 1.5 at 1,000). The terms' share falls
# below TERMS_FULL_WORDS words (a fifth at 10). All three chosen on the development halves.
MEANING_WEIGHT, MEANING_FALL, TERMS_FULL_WORDS = 3.0, 0.3, 50
TOPIC_WEIGHT = 2.0  # all topics shared: two standard deviations above the article's average


@dataclass(frozen=True, slots=True)
class Doc:
    """An article as the ranking sees it; `key` is unique (its source path)."""

    key: str
    title: str
    text: str = ""  # title, summary and body as plain text
    topics: tuple[str, ...] = ()
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class Meaning:
    """The sentence model's view: each article's unit vector and its passages' vectors."""

    vectors: np.ndarray  # one unit row per doc (zeros where the model does not apply)
    passages: list[list[str]]
    passage_vectors: list[np.ndarray]


@dataclass(frozen=True, slots=True)
class Match:
    """One related article, and what carried the match."""

    key: str
    score: float  # 0 to 1: how far above the article's average match (0.5) this one is
    shared_topics: tuple[str, ...] = ()
    shared_terms: tuple[str, ...] = ()  # when the words the two share carried it
    passage: str = ""  # when meaning carried it: the other's passage nearest to this one


def relate(
    docs: Sequence[Doc], k: int = 5, min_score: float = 0.0, meaning: Meaning | None = None
) -> list[list[Match]]:
    """Return, for each doc, its k most related docs, best first (ties by key)."""
    if len(docs) < 2 or k <= 0:
        return [[] for _ in docs]
    counted = [term_counts(doc.text, doc.lang) for doc in docs]
    terms = term_model([counts for counts, _ in counted])
    forms = [found for _, found in counted]
    topics = topic_matrix(docs)
    key_rank = np.argsort(np.argsort(np.array([doc.key for doc in docs], dtype=object)))
    term_share, meaning_share = shares(docs, meaning is not None)
    results: list[list[Match]] = []
    for start in range(0, len(docs), BLOCK_ROWS):
        rows = np.arange(start, min(start + BLOCK_ROWS, len(docs)))
        by_terms = terms.scores(rows)
        by_meaning = meaning_scores(meaning, rows, docs) if meaning else np.zeros_like(by_terms)
        weight, term_weight = meaning_share[rows, None], term_share[rows, None]
        fused = term_weight * standardised(by_terms, rows)
        fused += weight * standardised(by_meaning, rows)
        shared = topics[rows] @ topics.T
        fused += TOPIC_WEIGHT * shared
        # Shown and held to min_score: how far above the article's average match the pair is,
        # as the share of a normal distribution below it (0.5: average, 0.98: two deviations).
        score = 0.5 * (1 + erf(fused / np.sqrt(2 * (term_weight**2 + weight**2))))
        # A pair with nothing in common is no match, however the rest of the row scores.
        has_something = (by_terms > 0) | (by_meaning > 0) | (shared > 0)
        for offset, row in enumerate(rows.tolist()):
            chosen = top_k(score[offset], has_something[offset], key_rank, k, min_score, row)
            said = [carried_by(other, by_terms[offset], by_meaning[offset], row)
                    for other in chosen]  # fmt: skip
            results.append([
                explain(docs, row, other, score[offset, other], carrier, terms, forms, meaning)
                for other, carrier in zip(chosen, said, strict=True)
            ])  # fmt: skip
    return results


def shares(docs: Sequence[Doc], with_meaning: bool) -> tuple[np.ndarray, np.ndarray]:
    """Return each doc's weights of the terms and of the sentence model, by its length."""
    words = np.array([max(len(doc.text.split()), 1) for doc in docs], dtype=float)
    if not with_meaning:
        return np.ones_like(words), np.zeros_like(words)
    english = np.array([doc.lang.startswith("en") for doc in docs])  # what the model reads
    terms = np.where(english, np.minimum(1.0, words / TERMS_FULL_WORDS), 1.0)
    return terms, np.where(english, MEANING_WEIGHT * (words / 100) ** -MEANING_FALL, 0.0)


def meaning_scores(meaning: Meaning, rows: np.ndarray, docs: Sequence[Doc]) -> np.ndarray:
    """Return the cosine of each row's meaning vector with every doc's.

    The model reads English: another language's article is related by its terms alone.
    """
    scores = meaning.vectors[rows] @ meaning.vectors.T
    english = np.array([doc.lang.startswith("en") for doc in docs])
    scores[~english[rows]] = 0.0
    scores[:, ~english] = 0.0
    return scores


def standardised(scores: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Return each row's scores as standard deviations from the row's mean (itself left out);
    0 for a row whose scores are all alike."""
    others = np.ones_like(scores, dtype=bool)
    others[np.arange(len(rows)), rows] = False
    count = max(scores.shape[1] - 1, 1)
    mean = np.where(others, scores, 0.0).sum(axis=1, keepdims=True) / count
    spread = np.sqrt(np.where(others, (scores - mean) ** 2, 0.0).sum(axis=1, keepdims=True) / count)
    return np.divide(scores - mean, spread, out=np.zeros_like(scores), where=spread > 1e-9)


def top_k(
    score: np.ndarray, allowed: np.ndarray, key_rank: np.ndarray, k: int, floor: float, row: int
) -> list[int]:
    """Return the k best allowed docs by score (ties by key) at or above `floor`, never the
    row itself."""
    eligible = np.flatnonzero(allowed & (score >= floor))
    eligible = eligible[eligible != row]
    order = np.lexsort((key_rank[eligible], -score[eligible]))
    return eligible[order][:k].tolist()


def carried_by(other: int, by_terms: np.ndarray, by_meaning: np.ndarray, row: int) -> str:
    """Return which model placed `other` higher for `row`: 'terms' or 'meaning'."""
    if by_terms[other] <= 0:
        return "meaning"
    return "meaning" if place(by_meaning, row, other) < place(by_terms, row, other) else "terms"


def place(scores: np.ndarray, row: int, other: int) -> int:
    """Return how many docs but `row` itself score above `other` in one row of scores."""
    return int((scores > scores[other]).sum() - (scores[row] > scores[other]))


def topic_matrix(docs: Sequence[Doc]) -> np.ndarray:
    """Return docs-by-topics unit rows, rarer topics weighing more (dense: topics are few)."""
    names = sorted({topic for doc in docs for topic in doc.topics})
    column = {name: number for number, name in enumerate(names)}
    matrix = np.zeros((len(docs), max(len(names), 1)), dtype=np.float32)
    for row, doc in enumerate(docs):
        for topic in set(doc.topics):
            matrix[row, column[topic]] = 1.0
    frequency = matrix.sum(axis=0)
    matrix *= np.log(1 + len(docs) / np.maximum(frequency, 1))
    lengths = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(lengths > 0, lengths, 1.0)


def explain(
    docs: Sequence[Doc],
    row: int,
    other: int,
    score: float,
    carrier: str,
    terms: TermModel,
    forms: Sequence[dict[str, str]],
    meaning: Meaning | None,
) -> Match:
    """Return the Match of `other` for `row`, with the topics they share, else what carried it."""
    key, score = docs[other].key, round(min(float(score), 1.0), 6)
    shared = tuple(sorted(set(docs[row].topics) & set(docs[other].topics)))
    if shared:
        return Match(key, score, shared_topics=shared)
    if carrier == "meaning" and meaning is not None:
        return Match(key, score, passage=nearest_passage(meaning, row, other))
    found = terms.shared_terms(row, other)
    return Match(key, score, shared_terms=tuple(forms[row].get(t, t) for t in found))


def nearest_passage(meaning: Meaning, row: int, other: int) -> str:
    """Return the passage of `other` nearest in meaning to any passage of `row`."""
    similarity = meaning.passage_vectors[row] @ meaning.passage_vectors[other].T
    return meaning.passages[other][int(similarity.max(axis=0).argmax())]
