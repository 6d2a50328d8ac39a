"""Score how related articles are: BM25-weighted term vectors blended with shared topics.

Pure and deterministic: `Doc`s in, `Match` lists out. Vectors are sparse, pruned to each
article's strongest terms; similarities are sparse matrix products done a block of rows at a
time, and only the top k per row are kept, so memory stays flat and no Python loop runs over
pairs of articles.
"""

import heapq
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np
from scipy import sparse

from .text import term_counts, terms

TITLE_WEIGHT, SUMMARY_WEIGHT = 3, 2  # times a title or summary word counts, next to the body
BM25_K1, BM25_B = 1.2, 0.75
BLOCK_ROWS = 256  # rows of candidate scores computed at once
EXACT_UP_TO = 2000  # up to this many docs every pair is scored exactly
POSTINGS_PER_TERM = 100  # larger sites: candidates come from each term's strongest postings
RESCORED_PER_ROW = 60  # larger sites: the best text candidates that get topic scores added
DENSE_TOPICS_UP_TO = 512  # with at most this many topics, topic vectors are held densely
Vector = dict[str, float]


@dataclass(frozen=True, slots=True)
class Doc:
    """An article as the scorer sees it; `key` is unique (the source path)."""

    key: str
    title: str
    summary: str = ""
    body: str = ""
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """One related article, with why."""

    key: str
    score: float
    shared_topics: tuple[str, ...] = ()
    shared_terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Model:
    """Term vectors of a corpus and the document frequencies they were weighted by."""

    vectors: list[Vector]
    idf: dict[str, float]


def field_counts(doc: Doc) -> Counter[str]:
    """Return the doc's term counts, title and summary counting more than the body."""
    # Repeating the short fields weights them in a single pass over the text.
    return term_counts(
        f"{doc.title} " * TITLE_WEIGHT + f"{doc.summary} " * SUMMARY_WEIGHT + doc.body
    )


def normalise(vector: Vector) -> Vector:
    """Return `vector` scaled to unit length (empty stays empty)."""
    length = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / length for t, w in vector.items()} if length else {}


def build_model(docs: Sequence[Doc], max_terms: int = 40) -> Model:
    """Return unit BM25 vectors keeping each doc's `max_terms` heaviest terms."""
    counts = [field_counts(doc) for doc in docs]
    frequency: Counter[str] = Counter(t for c in counts for t in c)
    total = len(docs)
    idf = {t: math.log(1 + (total - df + 0.5) / (df + 0.5)) for t, df in frequency.items()}
    average = sum(sum(c.values()) for c in counts) / total if total else 1.0
    vectors = []
    for count in counts:
        length = sum(count.values()) / (average or 1.0)
        weights = {
            t: idf[t] * tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length))
            for t, tf in count.items()
        }
        strongest = sorted(weights.items(), key=itemgetter(1), reverse=True)[:max_terms]
        vectors.append(normalise(dict(strongest)))
    return Model(vectors, idf)


def vector_for(text: str, model: Model, max_terms: int = 60) -> Vector:
    """Return the unit vector of free text (a topic description) in `model`'s weighting."""
    weights = {
        t: (1 + math.log(c)) * model.idf.get(t, 0.0) for t, c in Counter(terms(text)).items()
    }
    strongest = heapq.nlargest(max_terms, weights.items(), key=lambda item: (item[1], item[0]))
    return normalise({t: w for t, w in strongest if w > 0})


def topic_vectors(docs: Sequence[Doc]) -> list[Vector]:
    """Return unit vectors of each doc's topics, rarer topics weighing more."""
    frequency = Counter(t for doc in docs for t in set(doc.topics))
    total = len(docs)
    return [
        normalise({t: math.log(1 + total / frequency[t]) for t in set(doc.topics)}) for doc in docs
    ]


def dot(a: Vector, b: Vector) -> float:
    """Return the dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def to_matrix(vectors: Sequence[Vector]) -> sparse.csr_matrix:
    """Return the vectors as rows of a sparse matrix over a shared term index."""
    index: dict[str, int] = {}
    columns, values, offsets = [], [], [0]
    for vector in vectors:
        for term, weight in vector.items():
            columns.append(index.setdefault(term, len(index)))
            values.append(weight)
        offsets.append(len(columns))
    shape = (len(vectors), max(len(index), 1))
    return sparse.csr_matrix((values, columns, offsets), shape=shape, dtype=np.float64)


def strongest_postings(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Return the term-by-doc transpose keeping each term's `keep` heaviest postings.

    Candidates then cost at most keep per shared term, instead of every doc using a common
    word; a doc missing from a term's list simply gets no credit for that term.
    """
    by_term = matrix.T.tocsr()
    lengths = np.diff(by_term.indptr)
    if lengths.max(initial=0) <= keep:
        return by_term
    mask = np.ones(by_term.nnz, dtype=bool)
    for term in np.flatnonzero(lengths > keep):
        begin, end = by_term.indptr[term], by_term.indptr[term + 1]
        weights = by_term.data[begin:end]
        weakest = np.argsort(-weights, kind="stable")[keep:]
        mask[begin + weakest] = False
    by_term.data = np.where(mask, by_term.data, 0.0)
    by_term.eliminate_zeros()
    return by_term


def related(
    docs: Sequence[Doc],
    k: int = 5,
    topic_weight: float = 0.3,
    min_score: float = 0.02,
    model: Model | None = None,
) -> list[list[Match]]:
    """Return, for each doc, its k most related docs, best first (ties by key)."""
    if len(docs) < 2 or k <= 0:
        return [[] for _ in docs]
    model = model or build_model(docs)
    text, topical = to_matrix(model.vectors), to_matrix(topic_vectors(docs))
    is_small = len(docs) <= EXACT_UP_TO
    text_t = text.T.tocsr() if is_small else strongest_postings(text, POSTINGS_PER_TERM)
    topical_t = topical.T.tocsr()
    # A dense copy makes per-row topic lookups cheap; topics are few next to documents.
    topical_rows = topical.toarray() if topical.shape[1] <= DENSE_TOPICS_UP_TO else topical
    key_rank = np.argsort(np.argsort(np.array([doc.key for doc in docs], dtype=object)))
    results: list[list[Match]] = []
    for start in range(0, len(docs), BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, len(docs))
        text_scores = (text[start:stop] @ text_t).tocsr()
        # Small sites: every pair sharing a word or a topic is scored exactly.
        topic_scores = (topical[start:stop] @ topical_t).tocsr() if is_small else None
        for offset in range(stop - start):
            index = start + offset
            if topic_scores is not None:
                others, values = blend(text_scores, topic_scores, offset, topic_weight)
            else:
                others, values = rescore(text_scores, offset, topical_rows, index, topic_weight)
            values = np.where(others == index, -1.0, values)
            best = top_k(others, values, key_rank, k, min_score)
            results.append([explain(docs, model, index, o, v) for o, v in best])
    return results


def blend(
    text_scores: sparse.csr_matrix, topic_scores: sparse.csr_matrix, row: int, weight: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return every column of one row with its blended text and topic score."""
    text_cols, text_values = row_entries(text_scores, row)
    topic_cols, topic_values = row_entries(topic_scores, row)
    columns = np.union1d(text_cols, topic_cols)
    values = np.zeros(len(columns))
    values[np.searchsorted(columns, text_cols)] += (1 - weight) * text_values
    values[np.searchsorted(columns, topic_cols)] += weight * topic_values
    return columns, values


def rescore(
    text_scores: sparse.csr_matrix, row: int, topical: Any, index: int, weight: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return the row's best text candidates with topic similarity added (large sites)."""
    columns, values = row_entries(text_scores, row)
    if len(columns) > RESCORED_PER_ROW:
        keep = np.argpartition(-values, RESCORED_PER_ROW)[:RESCORED_PER_ROW]
        columns, values = columns[keep], values[keep]
    topic = topical[columns] @ topical[index].T
    topic = np.asarray(topic.todense() if sparse.issparse(topic) else topic).ravel()
    return columns, (1 - weight) * values + weight * topic


def row_entries(matrix: sparse.csr_matrix, row: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the column indices and values stored in one row of a CSR matrix."""
    span = slice(matrix.indptr[row], matrix.indptr[row + 1])
    return matrix.indices[span], matrix.data[span]


def top_k(
    others: np.ndarray, scores: np.ndarray, key_rank: np.ndarray, k: int, min_score: float
) -> list[tuple[int, float]]:
    """Return (doc, score) for the k highest scores at or above min_score, ties by key."""
    eligible = np.flatnonzero(scores >= min_score)
    if len(eligible) > k:
        kth = np.partition(scores[eligible], -k)[-k]
        eligible = eligible[scores[eligible] >= kth]  # keeps every tie at the boundary
    order = eligible[np.lexsort((key_rank[others[eligible]], -scores[eligible]))][:k]
    return list(zip(others[order].tolist(), scores[order].tolist(), strict=True))


def explain(docs: Sequence[Doc], model: Model, index: int, other: int, score: float) -> Match:
    """Return the Match of `other` for `index`, with the topics and strongest terms they share."""
    shared_topics = tuple(sorted(set(docs[index].topics) & set(docs[other].topics)))
    mine, theirs = model.vectors[index], model.vectors[other]
    overlap = heapq.nlargest(3, ((mine[t] * theirs[t], t) for t in mine.keys() & theirs.keys()))
    return Match(docs[other].key, round(score, 6), shared_topics, tuple(t for _, t in overlap))
