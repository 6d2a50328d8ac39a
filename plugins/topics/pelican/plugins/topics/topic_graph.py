"""Relate topics to each other, suggest topics for untagged articles, and draw the topic map.

Pure: article topic sets and vectors in, relations, suggestions and an SVG string out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy  # its `sparse` loads on first use

from .term_model import (
    Doc,
    Model,
    Vector,
    dot,
    normalise,
    row_entries,
    topic_membership,
    vector_for,
)

RELATE_BLOCK = 256  # topics whose relations are scored at once


@dataclass(frozen=True, slots=True)
class TopicInfo:
    """What the graph needs to know about a topic."""

    slug: str
    name: str
    url: str
    text: str  # name, aliases and description, for suggestions and similarity


def vocabulary_infos(topics: Mapping[str, Any], url_pattern: str) -> list[TopicInfo]:
    """Return the TopicInfo of each vocabulary topic (with slug, name, names and summary)."""
    return [
        TopicInfo(t.slug, t.name, url_pattern.format(slug=t.slug), " ".join([*t.names, t.summary]))
        for _, t in sorted(topics.items())
    ]


def centroids(docs: Sequence[Doc], model: Model, topics: Sequence[TopicInfo]) -> dict[str, Vector]:
    """Return each topic's unit vector: its own text plus the articles filed under it."""
    sums: dict[str, dict[str, float]] = {t.slug: dict(vector_for(t.text, model)) for t in topics}
    filed, membership = topic_membership(docs)
    summed = (membership @ model.matrix[: len(docs)]).tocsr()
    for row, slug in enumerate(filed):
        total = sums.setdefault(slug, {})
        columns, weights = row_entries(summed, row)
        for column, weight in zip(columns.tolist(), weights.tolist(), strict=True):
            term = model.terms[column]
            total[term] = total.get(term, 0.0) + weight
    return {slug: normalise(total) for slug, total in sums.items()}


MENTION_BONUS = 0.3  # naming a topic outright is strong evidence the text is about it


def suggest(
    vector: Vector,
    topic_centroids: Mapping[str, Vector],
    mentioned: Set[str] = frozenset(),
    k: int = 3,
    min_score: float = 0.12,
) -> list[str]:
    """Return up to k topics closest to `vector` (named ones helped), best first."""
    scores = {slug: dot(vector, c) for slug, c in topic_centroids.items()}
    return best_topics(scores, mentioned, k, min_score)


def suggest_rows(
    model: Model,
    rows: Sequence[int],
    topic_centroids: Mapping[str, Vector],
    mentioned: Sequence[Set[str]],
    k: int = 3,
    min_score: float = 0.12,
) -> list[list[str]]:
    """Return `suggest` for many of the model's docs at once, with one sparse product."""
    slugs = list(topic_centroids)
    if not rows or not slugs:
        return [[] for _ in rows]
    centroid_rows = [
        {model.index[t]: w for t, w in topic_centroids[slug].items() if t in model.index}
        for slug in slugs
    ]
    columns = [c for row in centroid_rows for c in row]
    weights = [w for row in centroid_rows for w in row.values()]
    offsets = np.cumsum([0, *(len(row) for row in centroid_rows)])
    matrix = scipy.sparse.csr_matrix(
        (weights, columns, offsets), shape=(len(slugs), model.matrix.shape[1])
    )
    scores = (model.matrix[np.asarray(rows, dtype=np.int64)] @ matrix.T).toarray()
    return [
        best_topics(dict(zip(slugs, row.tolist(), strict=True)), named, k, min_score)
        for row, named in zip(scores, mentioned, strict=True)
    ]


def best_topics(
    scores: Mapping[str, float], mentioned: Set[str], k: int, min_score: float
) -> list[str]:
    """Return the k best-scoring topics at or above min_score, named ones helped (ties by slug)."""
    scored = [
        (score + (MENTION_BONUS if slug in mentioned else 0.0), slug)
        for slug, score in scores.items()
    ]
    ranked = sorted((pair for pair in scored if pair[0] >= min_score), key=lambda p: (-p[0], p[1]))
    return [slug for _, slug in ranked[:k]]


def relate(
    articles_by_topic: Mapping[str, set[str]],
    topic_centroids: Mapping[str, Vector],
    k: int = 4,
) -> dict[str, list[tuple[str, float]]]:
    """Return each topic's k most related topics (co-occurrence blended with text), best first.

    The score is half the Jaccard overlap of the two topics' articles and half the cosine of
    their centroids; pairs scoring 0.05 or less are left out. Sparse products a block of
    rows at a time, so a site with thousands of tags never holds a dense T x T matrix.
    """
    slugs = sorted(set(articles_by_topic) | set(topic_centroids))
    members = sparse_rows([dict.fromkeys(articles_by_topic.get(s, ()), 1.0) for s in slugs])
    centroids = sparse_rows([topic_centroids.get(s, {}) for s in slugs])
    sizes = np.asarray(members.sum(axis=1)).ravel()
    relations: dict[str, list[tuple[str, float]]] = {}
    for start in range(0, len(slugs), RELATE_BLOCK):
        stop = min(start + RELATE_BLOCK, len(slugs))
        together = (members[start:stop] @ members.T).toarray()
        union = sizes[start:stop, None] + sizes[None, :] - together
        jaccard = np.divide(together, union, out=np.zeros_like(together), where=union > 0)
        alike = (centroids[start:stop] @ centroids.T).toarray()
        scores = np.round(0.5 * jaccard + 0.5 * alike, 4)
        for offset, row in enumerate(scores):
            index = start + offset
            row[index] = 0.0
            candidates = np.flatnonzero(row > 0.05)
            if len(candidates) > k:  # only the k best (and any tied with the k-th) are sorted
                kth = np.partition(row[candidates], -k)[-k]
                candidates = candidates[row[candidates] >= kth]
            scored = [(slugs[j], float(row[j])) for j in candidates.tolist()]
            relations[slugs[index]] = sorted(scored, key=lambda pair: (-pair[1], pair[0]))[:k]
    return relations


def sparse_rows(vectors: Sequence[Mapping[str, float]]) -> scipy.sparse.csr_matrix:
    """Return the vectors as rows of one sparse matrix over their shared keys."""
    columns: dict[str, int] = {}
    data, indices, offsets = [], [], [0]
    for vector in vectors:
        for key, weight in vector.items():
            indices.append(columns.setdefault(key, len(columns)))
            data.append(weight)
        offsets.append(len(indices))
    return scipy.sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), offsets),
        shape=(len(vectors), max(len(columns), 1)),
    )
