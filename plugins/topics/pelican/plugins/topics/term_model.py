"""The topics' term model: BM25-weighted term vectors of the articles, for topic centroids.

Pure and deterministic: `Doc`s in, unit sparse vectors out (each article's 40 strongest terms).
Suggested topics and topic relations are worked out in this space (topic_graph).
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

import numpy as np
import scipy

from coaching_kb.content.words import raw_words, terms, word_terms

TITLE_WEIGHT, SUMMARY_WEIGHT = 3, 2  # times a title or summary word counts, next to the body
BM25_K1, BM25_B = 1.2, 0.75
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
    """Return unit BM25 vectors keeping each doc's `max_terms` heaviest terms.

    Vectorised, so no Python loop runs per term.
    """
    tf, terms, first_seen = term_counts(docs)
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


def term_counts(docs: Sequence[Doc]) -> tuple[scipy.sparse.csr_matrix, list[str], np.ndarray]:
    """Return the docs' term counts (title and summary counting more than the body), over
    the terms they use in alphabetical order.

    The same docs then give the same matrix whatever order their terms were first seen in.
    The third value gives each entry's place in its doc's order of first use, which breaks
    ties between equal weights. Words are counted per doc; each distinct word is turned
    into terms once for the whole corpus, and the words' counts summed into terms in numpy.
    """
    word_ids: defaultdict[str, int] = defaultdict(count().__next__)  # a new word: the next id
    words, counts, offsets = array("q"), array("q"), array("q", [0])
    for doc in docs:
        found = field_words(doc)
        words.extend(map(word_ids.__getitem__, found))
        counts.extend(found.values())
        offsets.append(len(words))
    parts = [word_terms(word) for word in word_ids]
    vocabulary = sorted({term for found in parts for term in found})
    column_of = {term: column for column, term in enumerate(vocabulary)}
    entries = word_entries(np.frombuffer(words, dtype=np.int64), parts, column_of)
    rows = np.repeat(np.arange(len(docs)), np.diff(np.frombuffer(offsets, dtype=np.int64)))
    counted = np.frombuffer(counts, dtype=np.int64)
    tf, first_seen = summed_by_term(
        rows[entries[0]], entries[1], counted[entries[0]], (len(docs), max(len(vocabulary), 1))
    )
    return tf, vocabulary, first_seen


def word_entries(
    words: np.ndarray, parts: list[tuple[str, ...]], column_of: dict[str, int]
) -> tuple[np.ndarray, np.ndarray]:
    """Return, for each term of each counted word in order, the word's entry and the term's
    column (a stop word gives none, a word of several parts several)."""
    sizes = np.array([len(found) for found in parts], dtype=np.int64)
    columns = np.array([column_of[t] for found in parts for t in found], dtype=np.int64)
    starts = np.cumsum(sizes) - sizes  # where each word's columns begin
    repeats = sizes[words]
    entry = np.repeat(np.arange(len(words)), repeats)
    within = np.arange(len(entry)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    return entry, columns[starts[words[entry]] + within]


def summed_by_term(
    rows: np.ndarray, columns: np.ndarray, counts: np.ndarray, shape: tuple[int, int]
) -> tuple[scipy.sparse.csr_matrix, np.ndarray]:
    """Return the counts of (row, column) entries, given in each row's order of use, summed
    per row and column as a matrix of `shape`, and each sum's place in its row's order of
    first use."""
    # One stable sort on a single key, the (row, column) pair's place: a term's first use in
    # a row leads its group.
    order = np.argsort(rows * shape[1] + columns, kind="stable")
    rows, columns, counts = rows[order], columns[order], counts[order]
    starts = np.flatnonzero(np.diff(rows, prepend=-1) | np.diff(columns, prepend=-1))
    sums = np.add.reduceat(counts, starts).astype(np.float64)
    group_rows, first_use = rows[starts], order[starts]
    indptr = np.searchsorted(group_rows, np.arange(shape[0] + 1))
    by_use = np.argsort(first_use, kind="stable")
    first_seen = np.empty(len(starts), dtype=np.int64)
    first_seen[by_use] = np.arange(len(starts)) - indptr[group_rows[by_use]]
    return scipy.sparse.csr_matrix((sums, columns[starts], indptr), shape=shape), first_seen


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


def dot(a: Vector, b: Vector) -> float:
    """Return the dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def row_entries(matrix: scipy.sparse.csr_matrix, row: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the column indices and values stored in one row of a CSR matrix."""
    span = slice(matrix.indptr[row], matrix.indptr[row + 1])
    return matrix.indices[span], matrix.data[span]
