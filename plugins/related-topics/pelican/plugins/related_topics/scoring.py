"""Score how related articles are: BM25-weighted term vectors blended with shared topics.

Pure and deterministic: `Doc`s in, `Match` lists out. Vectors are sparse, pruned to each
article's strongest terms; similarities are sparse matrix products done a block of rows at a
time, and only the top k per row are kept, so memory stays flat and no Python loop runs over
pairs of articles.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import scipy  # its `sparse` loads on first use: a build reusing its findings never needs it

from coaching_kb.content.words import counts_of_words, raw_words, terms

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
    lang: str = "en"
    links_from: int = 0  # where in `body` topic links may start; -1 for nowhere

    def as_read(self) -> tuple[str, str, str, int]:
        """Return what analysing the doc reads (its topics are settled after reading)."""
        return (self.title, self.summary, self.body, self.links_from)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        # As Match: the worker is sent every doc as it is read, and all of them again at the end.
        fields = (self.key, self.title, self.summary, self.body, self.topics, self.lang)
        return (Doc, (*fields, self.links_from))


class Match(NamedTuple):
    """One related article, with why."""

    key: str
    score: float
    shared_topics: tuple[str, ...] = ()
    shared_terms: tuple[str, ...] = ()
    meaning_terms: tuple[str, ...] = ()  # with neither: a word of each, nearest in meaning

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Made again by tuple's own constructor, with no Python call: a build that reuses
        # its findings loads one per related link (50,000 on a site of 10,000 articles).
        return (tuple.__new__, (Match, tuple(self)))


class TermCounts:
    """Term counts of a corpus, one row per doc, over a vocabulary that grows as docs are added.

    Filled a doc at a time (in a worker process while Pelican is still reading, on big sites)
    and turned into a sparse matrix in one step. `words` counts the unstemmed words, so
    reasons can show a stem the way writers spell it.
    """

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.columns = array("q")
        self.values = array("d")
        self.offsets = array("q", [0])
        self.words: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def add(self, doc: Doc) -> None:
        """Count one doc's terms, title and summary counting more than the body."""
        self.add_words(field_words(doc))

    def add_words(self, found: Counter[str]) -> None:
        """Count one doc from its weighted word counts (`field_words`)."""
        self.words.update(found)
        self.add_terms(counts_of_words(found))

    def add_terms(self, counts: Counter[str]) -> None:
        """Count one doc from its term counts (`counts_of_words`); `words` is left alone."""
        self.add_row(*term_row(counts, self.index))

    def add_row(self, columns: bytes, values: bytes) -> None:
        """Count one doc from its `term_row`, numbered in this `index`."""
        self.columns.frombytes(columns)
        self.values.frombytes(values)
        self.offsets.append(len(self.columns))

    def matrix(self) -> scipy.sparse.csr_matrix:
        """Return the counts as a docs-by-terms sparse matrix."""
        shape = (len(self), max(len(self.index), 1))
        arrays = (np.frombuffer(self.values), np.frombuffer(self.columns, dtype=np.int64))
        return scipy.sparse.csr_matrix(
            (*arrays, np.frombuffer(self.offsets, dtype=np.int64)), shape=shape, copy=True
        )


def term_row(counts: Counter[str], index: dict[str, int]) -> tuple[bytes, bytes]:
    """Return a doc's term numbers in `index` (new terms are added to it) and their counts,
    as the bytes of int64 and float64 arrays: kept per doc, bytes pickle quickest."""
    columns = [index.setdefault(term, len(index)) for term in counts]
    return array("q", columns).tobytes(), array("d", counts.values()).tobytes()


@dataclass(frozen=True, slots=True)
class Model:
    """Unit BM25 term vectors of a corpus (rows of `matrix`) and the IDF they were weighted by."""

    matrix: scipy.sparse.csr_matrix
    terms: list[str]
    index: dict[str, int]
    idf: np.ndarray

    def idf_of(self, term: str) -> float:
        """Return a term's IDF; 0 for a term the corpus never uses."""
        column = self.index.get(term)
        return float(self.idf[column]) if column is not None else 0.0

    def vector(self, row: int) -> Vector:
        """Return one doc's vector as a term -> weight dict."""
        columns, weights = row_entries(self.matrix, row)
        return {self.terms[c]: w for c, w in zip(columns.tolist(), weights.tolist(), strict=True)}

    @property
    def vectors(self) -> list[Vector]:
        """Return every doc's vector as a dict (small corpora and tests)."""
        return [self.vector(row) for row in range(self.matrix.shape[0])]


def field_words(doc: Doc) -> Counter[str]:
    """Return the doc's raw word counts, title and summary counting more than the body."""
    # Repeating the short fields weights them in a single pass over the text.
    return raw_words(f"{doc.title} " * TITLE_WEIGHT + f"{doc.summary} " * SUMMARY_WEIGHT + doc.body)


def normalise(vector: Vector) -> Vector:
    """Return `vector` scaled to unit length (empty stays empty)."""
    length = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / length for t, w in vector.items()} if length else {}


def build_model(docs: Sequence[Doc], max_terms: int = 40) -> Model:
    """Return unit BM25 vectors keeping each doc's `max_terms` heaviest terms."""
    counts = TermCounts()
    for doc in docs:
        counts.add(doc)
    return model_from_counts(counts, max_terms)


def model_from_counts(counts: TermCounts, max_terms: int = 40) -> Model:
    """Return the BM25 model of counted docs.

    Vectorised, so no Python loop runs per term.
    """
    tf, terms, first_seen = alphabetical(counts)
    total = tf.shape[0]
    frequency = np.bincount(tf.indices, minlength=tf.shape[1])
    idf = np.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
    lengths = np.asarray(tf.sum(axis=1)).ravel()
    relative = lengths / (lengths.mean() or 1.0) if total else lengths
    row_of = np.repeat(np.arange(total), np.diff(tf.indptr))
    saturation = BM25_K1 * (1 - BM25_B + BM25_B * relative[row_of])
    weights = idf[tf.indices] * tf.data * (BM25_K1 + 1) / (tf.data + saturation)
    keep = strongest_per_row(row_of, first_seen, weights, tf.indptr, max_terms)
    kept = scipy.sparse.csr_matrix(
        (weights[keep], tf.indices[keep], np.searchsorted(keep, tf.indptr)), shape=tf.shape
    )
    index = {term: column for column, term in enumerate(terms)}
    return Model(unit_rows(kept), terms, index, idf)


def alphabetical(counts: TermCounts) -> tuple[scipy.sparse.csr_matrix, list[str], np.ndarray]:
    """Return the counts over only the terms they use, in alphabetical order.

    The same docs then give the same matrix whatever order their terms were first seen in.
    The third value gives each entry's place in its doc's order of first use, which breaks
    ties between equal weights.
    """
    tf = counts.matrix()
    names = np.array(list(counts.index), dtype=object)
    used = np.flatnonzero(np.bincount(tf.indices, minlength=len(names)))
    ordered = used[np.argsort(names[used], kind="stable")]
    renumber = np.zeros(max(len(names), 1), dtype=np.int64)
    renumber[ordered] = np.arange(len(ordered))
    row_of = np.repeat(np.arange(tf.shape[0]), np.diff(tf.indptr))
    first_seen = np.arange(tf.nnz) - tf.indptr[row_of]
    columns = renumber[tf.indices]
    order = np.lexsort((columns, row_of))
    shape = (tf.shape[0], max(len(ordered), 1))
    result = scipy.sparse.csr_matrix((tf.data[order], columns[order], tf.indptr), shape=shape)
    return result, names[ordered].tolist(), first_seen[order]


def strongest_per_row(
    rows: np.ndarray, first_seen: np.ndarray, weights: np.ndarray, indptr: np.ndarray, keep: int
) -> np.ndarray:
    """Return the sorted positions of each row's `keep` heaviest entries (ties: first used)."""
    order = np.lexsort((first_seen, -weights, rows))
    place = np.arange(len(order)) - indptr[rows[order]]
    return np.sort(order[place < keep])


def unit_rows(matrix: scipy.sparse.csr_matrix) -> scipy.sparse.csr_matrix:
    """Return `matrix` with each non-empty row scaled to unit length."""
    lengths = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    scale = np.divide(1.0, lengths, out=np.zeros_like(lengths), where=lengths > 0)
    return scipy.sparse.csr_matrix(scipy.sparse.diags(scale) @ matrix)


def vector_for(text: str, model: Model, max_terms: int = 60) -> Vector:
    """Return the unit vector of free text (a topic description) in `model`'s weighting."""
    weights = {t: (1 + math.log(c)) * model.idf_of(t) for t, c in Counter(terms(text)).items()}
    strongest = heapq.nlargest(max_terms, weights.items(), key=lambda item: (item[1], item[0]))
    return normalise({t: w for t, w in strongest if w > 0})


def topic_membership(docs: Sequence[Doc]) -> tuple[list[str], scipy.sparse.csr_matrix]:
    """Return the topics docs are filed under, and a topics-by-docs 0/1 matrix of who is where."""
    filed = sorted({topic for doc in docs for topic in doc.topics})
    row_of = {slug: row for row, slug in enumerate(filed)}
    pairs = [(row_of[topic], column) for column, doc in enumerate(docs) for topic in {*doc.topics}]
    rows = np.array([row for row, _ in pairs], dtype=np.int64)
    columns = np.array([column for _, column in pairs], dtype=np.int64)
    shape = (len(filed), len(docs))
    return filed, scipy.sparse.csr_matrix((np.ones(len(pairs)), (rows, columns)), shape=shape)


def topic_matrix(docs: Sequence[Doc]) -> scipy.sparse.csr_matrix:
    """Return a docs-by-topics matrix of unit rows, rarer topics weighing more."""
    _, membership = topic_membership(docs)
    by_doc = membership.T.tocsr()
    frequency = np.bincount(by_doc.indices, minlength=by_doc.shape[1])
    by_doc.data = np.log(1 + len(docs) / frequency[by_doc.indices])
    return unit_rows(by_doc)


def dot(a: Vector, b: Vector) -> float:
    """Return the dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def strongest_postings(matrix: scipy.sparse.csr_matrix, keep: int) -> scipy.sparse.csr_matrix:
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
    min_score: float = 0.0,
    model: Model | None = None,
    meaning: np.ndarray | None = None,
    meaning_weight: float = 0.5,
    rows: Sequence[int] | None = None,
) -> list[list[Match]]:
    """Return, for each doc, its k most related docs, best first (ties by key).

    The text score is the term model's cosine, blended with the cosine of the docs' meaning
    vectors (`meaning`, unit rows) when given; the topics they share are blended in last.
    Given `rows`, only those docs are related (against every doc); the others get no list.
    """
    if len(docs) < 2 or k <= 0:
        return [[] for _ in docs]
    model = model or build_model(docs)
    wanted = np.arange(len(docs)) if rows is None else np.asarray(sorted(rows), dtype=np.int64)
    text, topical = model.matrix, topic_matrix(docs)
    is_small = len(docs) <= EXACT_UP_TO
    if meaning is not None and is_small:
        return related_densely(docs, k, topic_weight, min_score, model, meaning, meaning_weight,
                               wanted)  # fmt: skip
    text_t = text.T.tocsr() if is_small else strongest_postings(text, POSTINGS_PER_TERM)
    topical_t = topical.T.tocsr()
    # A dense copy makes per-row topic lookups cheap; topics are few next to documents.
    topical_rows = topical.toarray() if topical.shape[1] <= DENSE_TOPICS_UP_TO else topical
    key_rank = np.argsort(np.argsort(np.array([doc.key for doc in docs], dtype=object)))
    results: list[list[Match]] = [[] for _ in docs]
    for block in blocks_of(wanted):
        text_scores = (text[block] @ text_t).tocsr()
        if meaning is not None:
            text_scores = with_meaning(text_scores, meaning, block, meaning_weight, is_small)
        # Small sites: every pair sharing a word or a topic is scored exactly.
        topic_scores = (topical[block] @ topical_t).tocsr() if is_small else None
        for offset, index in enumerate(block.tolist()):
            if topic_scores is not None:
                others, values = blend(text_scores, topic_scores, offset, topic_weight)
            else:
                others, values = rescore(text_scores, offset, topical_rows, index, topic_weight)
            values = np.where(others == index, -1.0, values)
            best = top_k(others, values, key_rank, k, min_score)
            results[index] = [explain(docs, model, index, o, v) for o, v in best]
    return results


def blocks_of(rows: np.ndarray) -> Iterator[np.ndarray]:
    """Yield the rows in blocks of BLOCK_ROWS, so each block's scores fit in memory."""
    for start in range(0, len(rows), BLOCK_ROWS):
        yield rows[start : start + BLOCK_ROWS]


def related_densely(
    docs: Sequence[Doc],
    k: int,
    topic_weight: float,
    min_score: float,
    model: Model,
    meaning: np.ndarray,
    meaning_weight: float,
    rows: np.ndarray,
) -> list[list[Match]]:
    """Return `related` for a small site with meaning vectors: every pair scored, densely."""
    topical = topic_matrix(docs)
    key_rank = np.argsort(np.argsort(np.array([doc.key for doc in docs], dtype=object)))
    everyone = np.arange(len(docs))
    results: list[list[Match]] = [[] for _ in docs]
    for block in blocks_of(rows):
        terms = (model.matrix[block] @ model.matrix.T).toarray()
        near = np.clip(meaning[block] @ meaning.T, 0.0, None)
        topics = (topical[block] @ topical.T).toarray()
        scores = (1 - topic_weight) * ((1 - meaning_weight) * terms + meaning_weight * near)
        scores += topic_weight * topics
        scores[np.arange(len(block)), block] = -1.0  # never itself
        for index, row in zip(block.tolist(), scores, strict=True):
            best = top_k(everyone, np.where(row > 0, row, -1.0), key_rank, k, min_score)
            results[index] = [explain(docs, model, index, o, v) for o, v in best]
    return results


MEANING_CANDIDATES = 60  # large sites: the nearest in meaning added to each row's candidates


def with_meaning(
    text_scores: scipy.sparse.csr_matrix,
    meaning: np.ndarray,
    block: np.ndarray,
    weight: float,
    is_small: bool,
) -> scipy.sparse.csr_matrix:
    """Return a block's text scores blended with meaning: (1 - weight) terms + weight meaning.

    Small sites keep every pair; large ones each row's strongest term candidates and its
    nearest in meaning, so the block stays sparse.
    """
    near = np.clip(meaning[block] @ meaning.T, 0.0, None)
    if not is_small and near.shape[1] > MEANING_CANDIDATES:
        return sparse_blend(text_scores, near, weight)
    return scipy.sparse.csr_matrix((1 - weight) * text_scores.toarray() + weight * near)


def sparse_blend(
    text_scores: scipy.sparse.csr_matrix, near: np.ndarray, weight: float
) -> scipy.sparse.csr_matrix:
    """Return (1 - weight) terms + weight meaning, the meaning counted only for each row's
    MEANING_CANDIDATES nearest, without ever making the block's scores dense."""
    rows = np.repeat(np.arange(near.shape[0]), MEANING_CANDIDATES)
    nearest = np.argpartition(-near, MEANING_CANDIDATES, axis=1)[:, :MEANING_CANDIDATES].ravel()
    in_meaning = scipy.sparse.csr_matrix(
        (weight * near[rows, nearest], (rows, nearest)), shape=near.shape
    )
    blended = (1 - weight) * text_scores + in_meaning
    blended.eliminate_zeros()  # unsorted columns will do: candidates are ranked by score
    return blended


def blend(
    text_scores: scipy.sparse.csr_matrix,
    topic_scores: scipy.sparse.csr_matrix,
    row: int,
    weight: float,
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
    text_scores: scipy.sparse.csr_matrix, row: int, topical: Any, index: int, weight: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return the row's best text candidates with topic similarity added (large sites)."""
    columns, values = row_entries(text_scores, row)
    if len(columns) > RESCORED_PER_ROW:
        keep = np.argpartition(-values, RESCORED_PER_ROW)[:RESCORED_PER_ROW]
        columns, values = columns[keep], values[keep]
    topic = topical[columns] @ topical[index].T
    topic = np.asarray(topic.todense() if scipy.sparse.issparse(topic) else topic).ravel()
    return columns, (1 - weight) * values + weight * topic


def row_entries(matrix: scipy.sparse.csr_matrix, row: int) -> tuple[np.ndarray, np.ndarray]:
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
    """Return the Match of `other` for `index`, with the topics they share or else their terms."""
    shared_topics = tuple(sorted(set(docs[index].topics) & set(docs[other].topics)))
    return Match(
        docs[other].key,
        round(score, 6),
        shared_topics,
        () if shared_topics else shared_terms(model, index, other),
    )


def shared_terms(model: Model, index: int, other: int, count: int = 3) -> tuple[str, ...]:
    """Return the terms adding most to two docs' similarity, strongest first (ties by term)."""
    mine, my_weights = row_entries(model.matrix, index)
    theirs, their_weights = row_entries(model.matrix, other)
    common, at_mine, at_theirs = np.intersect1d(
        mine, theirs, assume_unique=True, return_indices=True
    )
    products = my_weights[at_mine] * their_weights[at_theirs]
    # Columns are in alphabetical order, so the later column wins a tie, as the term would.
    best = np.lexsort((common, products))[::-1][:count]
    return tuple(model.terms[column] for column in common[best].tolist())
