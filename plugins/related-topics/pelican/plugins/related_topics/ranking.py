"""Rank each article's related articles: the term model's, its latent topics' and the sentence
model's scores, each standardised over the article's row (and half as much over the other's)
and then added, shared topics on top. Pure and deterministic: `Doc`s in, `Match` lists out,
ties broken by key.

Standardised scores, not raw ones: a fixed blend of the two cosines, tuned on one kind of text,
landed below its better half on another, as their scales differ from corpus to corpus. On the
development sets this beat reciprocal rank fusion too (see the package README).

The sentence model's share depends on the article's length: on a sentence it is the best single
method and the words two sentences share mislead ("It's pretty much up to you." shares more with
"You've pretty much answered..." than with "It is up to you."); on a longer post, which the
model reads only the summary or opening of, the terms carry more, down to a floor.
"""

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .function_words import written_in
from .terms import TermModel, term_model
from .text import term_counts, unsaid_terms

BLOCK_ROWS = 256  # articles whose scores are held at once: memory stays flat on big sites
# The sentence model's share next to the terms' 1: MEANING_WEIGHT at 100 words, times
# (words / 100) ** -MEANING_FALL (3.2 at 80 words), but never below MEANING_LEAST (reached at
# about 390 words): on a long post the model reads the same title and summary however long the
# body, and on a blog where the model is the stronger view a falling share would bury it. The
# terms' share falls below TERMS_FULL_WORDS words (a fifth at 10). All chosen on the
# development halves (see the package README).
MEANING_WEIGHT, MEANING_FALL, MEANING_LEAST, TERMS_FULL_WORDS = 3.0, 0.3, 2.0, 50
# The latent topics' share (terms.py): none up to LATENT_FROM_WORDS words, growing to
# LATENT_WEIGHT at LATENT_FULL_WORDS. A short text's few terms place it poorly among a site's
# topics. Chosen on the development halves (see the package README).
LATENT_WEIGHT, LATENT_FROM_WORDS, LATENT_FULL_WORDS = 2.0, 100, 500
# A pair seen from both sides: each doc's standardised scores plus half the other doc's view of
# the pair. A doc close to everything (a generic post) no longer fills every list. Chosen on
# the development halves.
MUTUAL = 0.5
TOPIC_WEIGHT = 2.0  # all topics shared: two standard deviations above the article's average
# A pair is listed only if it has something in common: a topic, a word that carries a match
# (terms.py), or a sentence-model cosine above MEANING_FLOOR. Chosen on the development halves
# (see the package README).
MEANING_FLOOR = 0.15
# A row's best are picked by erf's argument, and erf (math.erf: scipy.special cost a build
# 0.06 s to import) is worked out for them only. Below an argument of ERF_STEEP, erf's float
# steps are far narrower than TIE_MARGIN, so every pair whose score could tie the k-th best's
# lies within TIE_MARGIN of its argument; above it, every pair from ERF_STEEP on is a candidate.
ERF_STEEP, TIE_MARGIN = 3.5, 1e-6


@dataclass(frozen=True, slots=True)
class Doc:
    """An article as the ranking sees it; `key` is unique (its source path)."""

    key: str
    title: str
    text: str = ""  # title, summary and body as plain text
    topics: tuple[str, ...] = ()
    lang: str = "en"
    summary: str = ""  # the summary its author wrote, if any (plain text)
    # False for a title with no body nor summary: it says nothing a list could stand on, so
    # it is related by shared topics only (its title alone read as close to many articles).
    has_text: bool = True

    def read_by_model(self) -> str:
        """Return what the sentence model reads: the title and the summary its author wrote,
        else the text (from its opening). On the development halves the summary beat the
        opening's 120 words (fused lists: 18F 0.691 to 0.693, rOpenSci 0.684 to 0.694), for
        a fraction of the model's time."""
        return f"{self.title}. {self.summary}" if self.summary.strip() else self.text


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
    terms = term_model([counts for counts, _ in counted], [doc.lang for doc in docs])
    informative = terms.informative()
    forms = [found for _, found in counted]
    unsaid = Unsaid(docs, [counts for counts, _ in counted])
    topics = topic_matrix(docs)
    key_rank = np.argsort(np.argsort(np.array([doc.key for doc in docs], dtype=object)))
    english = np.array([doc.lang.startswith("en") for doc in docs])  # what the model reads
    has_text = np.array([doc.has_text for doc in docs])
    words = word_counts(docs)  # both shares follow a doc's length
    term_share, meaning_share = shares(words, english, meaning is not None)
    by_terms_view = Model(terms.scores, term_share, len(docs))
    views = []  # the other models: each adds its share to the fused scores
    if (latent := terms.latent()) is not None:
        views.append(Model(lambda rows: latent[rows] @ latent.T, latent_shares(words), len(docs)))
    by_meaning_view = None
    if meaning is not None:
        by_meaning_view = Model(lambda rows: meaning_scores(meaning, rows, english), meaning_share,
                                len(docs))  # fmt: skip
    # The variance of a doc's weighted scores.
    own = term_share**2 + meaning_share**2 + sum(view.share**2 for view in views)
    results: list[list[Match]] = []
    for rows in blocks(len(docs)):
        by_terms, by_terms_part = by_terms_view.fused(rows)
        fused = by_terms_part.copy()
        for view in views:
            fused += view.fused(rows)[1]
        by_meaning, by_meaning_part = np.zeros_like(by_terms), np.zeros_like(by_terms)
        if by_meaning_view is not None:
            by_meaning, by_meaning_part = by_meaning_view.fused(rows)
            fused += by_meaning_part
        # The spread of the row's fused scores (the row's own standing in for the other's).
        spread = np.sqrt((1 + MUTUAL**2) * own[rows, None])
        shared = topics[rows] @ topics.T
        fused += TOPIC_WEIGHT * spread * shared
        # How far above the article's average match the pair is, as the share of a normal
        # distribution below it (0.5: average, 0.98: two deviations): erf of this.
        argument = fused / (np.sqrt(2) * spread)
        # A pair with nothing in common is no match, however the rest of the row scores. The
        # latent topics only reorder pairs that share something: a reason can always name it.
        shares_words = (informative[rows] @ informative.T).toarray() > 0
        both_wrote = np.outer(has_text[rows], has_text)  # both have text: words, meaning count
        has_something = (both_wrote & (shares_words | (by_meaning > MEANING_FLOOR))) | (shared > 0)
        has_something[np.arange(len(rows)), rows] = False
        found = candidates(argument, has_something, k)
        for offset, row in enumerate(rows.tolist()):
            chosen, score = top_k(argument[offset], found[offset], key_rank, k, min_score)
            said = carried_by(chosen, by_terms_part[offset], by_meaning_part[offset],
                              by_meaning[offset])  # fmt: skip
            results.append([
                explain(docs, row, other, value, carrier, terms, forms, meaning, unsaid)
                for other, value, carrier in zip(chosen, score, said, strict=True)
            ])  # fmt: skip
    return results


class Model:
    """One model's view of every pair: its raw scores a block of rows at a time, each doc's
    share of the fusion and each doc's mean and spread over the others."""

    def __init__(self, scores: Callable[[np.ndarray], np.ndarray], share: np.ndarray, total: int):
        self.scores, self.share = scores, share
        stats = [row_stats(scores(rows), rows) for rows in blocks(total)]
        self.mean = np.concatenate([mean for mean, _ in stats])
        self.spread = np.concatenate([spread for _, spread in stats])

    def fused(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the rows' raw scores, and their share of the fusion: each pair standardised
        over the row's doc, plus MUTUAL times the same pair seen from the other doc (the raw
        scores are symmetric)."""
        scores = self.scores(rows)
        own = divided(scores - self.mean[rows, None], self.spread[rows, None])
        theirs = divided(scores - self.mean[None, :], self.spread[None, :])
        return scores, self.share[rows, None] * own + MUTUAL * self.share[None, :] * theirs


def blocks(total: int) -> list[np.ndarray]:
    """Return the row numbers 0 to total, BLOCK_ROWS at a time."""
    return [np.arange(s, min(s + BLOCK_ROWS, total)) for s in range(0, total, BLOCK_ROWS)]


def row_stats(scores: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the mean and the spread of each row's scores over the others (itself left out)."""
    itself = (np.arange(len(rows)), rows)
    count = max(scores.shape[1] - 1, 1)
    others = scores.copy()
    others[itself] = 0.0
    mean = others.sum(axis=1) / count
    deviation = np.subtract(scores, mean[:, None], out=others)
    deviation[itself] = 0.0
    spread = np.sqrt(np.square(deviation, out=deviation).sum(axis=1) / count)
    return mean, spread


def divided(deviation: np.ndarray, spread: np.ndarray) -> np.ndarray:
    """Return deviation / spread, 0 where all scores were alike (no spread)."""
    spread = np.broadcast_to(spread, deviation.shape)
    return np.divide(deviation, spread, out=np.zeros_like(deviation), where=spread > 1e-9)


def word_counts(docs: Sequence[Doc]) -> np.ndarray:
    """Return each doc's length in words, counted once for both shares (0.02 s a count at
    1,000 articles)."""
    return np.array([len(doc.text.split()) for doc in docs], dtype=float)


def shares(
    words: np.ndarray, english: np.ndarray, with_meaning: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Return each doc's weights of the terms and of the sentence model, by its length in
    `words` (an empty doc counting as one word)."""
    words = np.maximum(words, 1.0)
    if not with_meaning:
        return np.ones_like(words), np.zeros_like(words)
    terms = np.where(english, np.minimum(1.0, words / TERMS_FULL_WORDS), 1.0)
    meaning = np.maximum(MEANING_WEIGHT * (words / 100) ** -MEANING_FALL, MEANING_LEAST)
    return terms, np.where(english, meaning, 0.0)


def latent_shares(words: np.ndarray) -> np.ndarray:
    """Return each doc's weight of the latent topics, by its length in `words` (any language:
    they come from its terms)."""
    growth = (words - LATENT_FROM_WORDS) / (LATENT_FULL_WORDS - LATENT_FROM_WORDS)
    return LATENT_WEIGHT * np.clip(growth, 0.0, 1.0)


def meaning_scores(meaning: Meaning, rows: np.ndarray, english: np.ndarray) -> np.ndarray:
    """Return the cosine of each row's meaning vector with every doc's.

    The model reads English: another language's article is related by its terms alone.
    """
    scores = meaning.vectors[rows] @ meaning.vectors.T
    scores[~english[rows]] = 0.0
    scores[:, ~english] = 0.0
    return scores


def candidates(argument: np.ndarray, allowed: np.ndarray, k: int) -> list[np.ndarray]:
    """Return, for each row of a block, the allowed docs that may be among its k best: those
    whose erf argument could give a score as high as the k-th best's (see ERF_STEEP)."""
    ranked = np.where(allowed, argument, -np.inf)
    place = min(k, ranked.shape[1]) - 1
    kth = -np.partition(-ranked, place, axis=1)[:, place]  # each row's k-th largest
    steep = np.abs(kth) < ERF_STEEP
    lowest = np.where(steep, kth - TIE_MARGIN, np.where(kth > 0, ERF_STEEP, -np.inf))
    return [np.flatnonzero(row) for row in allowed & (ranked >= lowest[:, None])]


def top_k(
    argument: np.ndarray, found: np.ndarray, key_rank: np.ndarray, k: int, floor: float
) -> tuple[list[int], list[float]]:
    """Return the k best of the `found` docs by score (ties by key) at or above `floor`, and
    their scores: the share of a normal distribution below the pair's standing."""
    score = np.array([0.5 * (1 + math.erf(x)) for x in argument[found].tolist()])
    kept = score >= floor
    found, score = found[kept], score[kept]
    order = np.lexsort((key_rank[found], -score))[:k]
    return found[order].tolist(), score[order].tolist()


def carried_by(
    chosen: list[int], terms_part: np.ndarray, meaning_part: np.ndarray, by_meaning: np.ndarray
) -> list[str]:
    """Return which model added more to each chosen doc's fused score: 'terms' or 'meaning'.
    Never 'meaning' where the model gave the pair nothing (an article it did not read). On a
    sentence, where the model has nearly all the weight, two texts sharing "pretty much" are
    close by meaning, not by those words."""
    return [
        "meaning" if by_meaning[other] > 0 and meaning_part[other] > terms_part[other] else "terms"
        for other in chosen
    ]


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
    unsaid: "Unsaid | None" = None,
) -> Match:
    """Return the Match of `other` for `row`, with the topics they share, else what carried it."""
    key, score = docs[other].key, round(min(float(score), 1.0), 6)
    shared = tuple(sorted(set(docs[row].topics) & set(docs[other].topics)))
    if shared:
        return Match(key, score, shared_topics=shared)
    never = (unsaid.of(row), unsaid.of(other)) if unsaid else ()
    found = terms.shared_terms(row, other, unsaid=never) if carrier == "terms" else []
    if found:
        return Match(key, score, shared_terms=tuple(readable(t, forms[row]) for t in found))
    # The words they share carry nothing ("much", "the"): the model's reason is the next one.
    if meaning is not None and float(meaning.vectors[row] @ meaning.vectors[other]) > 0:
        return Match(key, score, passage=nearest_passage(meaning, row, other))
    return Match(key, score)


def readable(term: str, forms: dict[str, str]) -> str:
    """Return a term (or a pair of terms) as the article spells it most."""
    return " ".join(forms.get(part, part) for part in term.split(" "))


def nearest_passage(meaning: Meaning, row: int, other: int) -> str:
    """Return the passage of `other` nearest in meaning to any passage of `row`."""
    similarity = meaning.passage_vectors[row] @ meaning.passage_vectors[other].T
    return meaning.passages[other][int(similarity.max(axis=0).argmax())]


class Unsaid:
    """The terms a reason never names, for each doc: those of its language and of the language
    most of its words are in, found when first asked (only docs whose reasons are words)."""

    def __init__(self, docs: Sequence[Doc], counts: Sequence[Mapping[str, int]]):
        self.docs, self.counts = docs, counts
        self.found: dict[int, frozenset[str]] = {}

    def of(self, row: int) -> frozenset[str]:
        if row not in self.found:
            written = written_in(self.counts[row])
            self.found[row] = unsaid_terms(self.docs[row].lang, written)
        return self.found[row]
