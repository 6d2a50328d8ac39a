"""The term model: each article as a unit vector of BM25-weighted terms. Pure.

Every term an article uses is kept (a cap of 40 terms per article cost long posts their
subject), so a post about one library finds that library's other posts. Similarities are
sparse products a block of rows at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy  # `scipy.sparse` loads on first use (0.15 s): a site of one article never needs it

from .text import function_words

# k1 10, not the textbook 1.2: a term's repeats keep counting for longer. Chosen on the
# development halves (term model alone: 18f 0.611 to 0.640, rOpenSci 0.644 to 0.649, Lee 0-24
# 0.832 to 0.839).
BM25_K1, BM25_B = 10.0, 0.75
# The site's own topics, learnt from its terms: each article in the LATENT_DIMENSIONS strongest
# directions of the term matrix (latent semantic analysis). Two posts on one subject meet there
# even where they name it in different words. On a site of fewer than LATENT_MIN_DOCS articles
# that many directions summarise nothing: no latent view. 30 chosen on the development halves
# (our fused lists, 18f and rOpenSci: 20 dimensions 0.694/0.713, 30 0.699/0.704, 50
# 0.697/0.698; none 0.693/0.694): the one that lifts both. With the square roots below: 20
# 0.704/0.711, 30 0.704/0.708, 40 0.697/0.708, 50 0.700/0.706 (30 kept: within 0.003).
LATENT_DIMENSIONS, LATENT_MIN_DOCS = 30, 100


@dataclass(frozen=True, slots=True)
class TermModel:
    """Unit term vectors (rows of `matrix`, columns in `terms` order)."""

    matrix: scipy.sparse.csr_matrix
    terms: list[str]
    # Words in most of the site's articles, and its languages' function words: they never
    # carry a match, so they are never a reason nor, alone, a reason to list an article.
    common: frozenset[str] = frozenset()

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """Return the cosine of each of `rows` with every article, densely."""
        return (self.matrix[rows] @ self.matrix.T).toarray()

    def latent(self) -> np.ndarray | None:
        """Return each article's unit vector of latent topics (None on a small site)."""
        if min(self.matrix.shape) < max(LATENT_MIN_DOCS, LATENT_DIMENSIONS + 2):
            return None
        import scipy.sparse.linalg  # only here: a small site never loads it

        # Square roots of the weights: a post's strongest terms weigh less, its many others
        # more, in the topics (development halves, fused: 18f 0.699 to 0.704, rOpenSci 0.704
        # to 0.708; a fourth root 0.700/0.716, three quarters 0.701/0.709).
        dampened = self.matrix.copy()
        dampened.data = np.sqrt(dampened.data)
        # A fixed start vector, so a site's lists never change from one build to the next.
        found, strength, _ = scipy.sparse.linalg.svds(dampened, k=LATENT_DIMENSIONS, random_state=0)
        vectors = found * strength
        lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(lengths > 0, lengths, 1.0)

    def informative(self) -> scipy.sparse.csr_matrix:
        """Return the matrix with only the columns of terms that carry a match (no word of
        them common): two rows share one where their product is above 0."""
        kept = [self.common.isdisjoint(term.split(" ")) for term in self.terms]
        return scipy.sparse.csr_matrix(self.matrix @ scipy.sparse.diags(np.array(kept, float)))

    def shared_terms(
        self, row: int, other: int, count: int = 3, unsaid: Sequence[frozenset[str]] = ()
    ) -> list[str]:
        """Return the terms adding most to two articles' similarity, strongest first, none
        with a word of the `unsaid` sets (words a reason never names)."""
        mine, my_weights = self.row(row)
        theirs, their_weights = self.row(other)
        common, at_mine, at_theirs = np.intersect1d(
            mine, theirs, assume_unique=True, return_indices=True
        )
        order = np.lexsort((common, -(my_weights[at_mine] * their_weights[at_theirs])))
        found = (self.terms[column] for column in common[order].tolist())
        return said_once((t for t in found if self.says_something(t, unsaid)), count)

    def says_something(self, term: str, unsaid: Sequence[frozenset[str]]) -> bool:
        """Return whether a term may name what two articles share."""
        words = term.split(" ")
        return self.common.isdisjoint(words) and all(u.isdisjoint(words) for u in unsaid)

    def row(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """Return the columns and weights stored in one row."""
        span = slice(self.matrix.indptr[row], self.matrix.indptr[row + 1])
        return self.matrix.indices[span], self.matrix.data[span]


def said_once(terms: Iterable[str], count: int) -> list[str]:
    """Return the first `count` terms, leaving out a word a pair before it already says
    ("user research", not "user research, research")."""
    kept: list[str] = []
    words: set[str] = set()
    for term in terms:
        if len(kept) == count:
            break
        if not set(term.split(" ")) <= words:
            kept.append(term)
            words.update(term.split(" "))
    return kept


def term_model(counts: Sequence[Counter[str]], langs: Iterable[str] = ()) -> TermModel:
    """Return the BM25 term model of the articles' term counts (`langs`: their languages)."""
    column: dict[str, int] = {}  # in the order first seen, sorted below
    indices, values, indptr = [], [], [0]
    for found in counts:
        indices += [column.setdefault(term, len(column)) for term in found]
        values += found.values()
        indptr.append(len(indices))
    terms = sorted(column)
    place = np.empty(len(terms), dtype=np.int64)  # first-seen number to alphabetical place
    place[[column[term] for term in terms]] = np.arange(len(terms))
    shape = (len(counts), max(len(terms), 1))
    columns = place[np.asarray(indices, dtype=np.int64)]
    tf = scipy.sparse.csr_matrix((np.asarray(values, dtype=np.float64), columns, indptr), shape)
    tf.sort_indices()  # each row in alphabetical order, as its sums are taken
    said_nothing = common_words(tf, terms).union(*map(function_words, set(langs)))
    return TermModel(unit_rows(bm25(tf)), terms, said_nothing)


COMMON_LEAST = 3  # articles a word must be in to be common: on a site of three, not two


def common_words(tf: scipy.sparse.csr_matrix, terms: list[str]) -> frozenset[str]:
    """Return the words in more than half of the articles (and in COMMON_LEAST at least)."""
    frequency = np.bincount(tf.indices, minlength=len(terms))
    least = max(tf.shape[0] / 2, COMMON_LEAST - 0.5)
    return frozenset(
        terms[c] for c in np.flatnonzero(frequency > least).tolist() if " " not in terms[c]
    )


def bm25(tf: scipy.sparse.csr_matrix) -> scipy.sparse.csr_matrix:
    """Return BM25 weights (k1 10, b 0.75) of a docs-by-terms count matrix."""
    total = tf.shape[0]
    frequency = np.bincount(tf.indices, minlength=tf.shape[1])
    idf = np.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
    lengths = np.asarray(tf.sum(axis=1)).ravel()
    relative = lengths / (lengths.mean() or 1.0)
    row_of = np.repeat(np.arange(total), np.diff(tf.indptr))
    saturation = BM25_K1 * (1 - BM25_B + BM25_B * relative[row_of])
    weights = idf[tf.indices] * tf.data * (BM25_K1 + 1) / (tf.data + saturation)
    return scipy.sparse.csr_matrix((weights, tf.indices, tf.indptr), shape=tf.shape)


def unit_rows(matrix: scipy.sparse.csr_matrix) -> scipy.sparse.csr_matrix:
    """Return `matrix` with each non-empty row scaled to unit length."""
    lengths = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    scale = np.divide(1.0, lengths, out=np.zeros_like(lengths), where=lengths > 0)
    return scipy.sparse.csr_matrix(scipy.sparse.diags(scale) @ matrix)
