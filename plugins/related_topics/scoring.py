"""Score how related articles are: BM25-weighted term vectors blended with shared topics.

Pure and deterministic: `Doc`s in, `Match` lists out. Vectors are sparse dicts pruned to each
article's strongest terms, candidates come from an inverted index, and only the top k per
article are kept, so the cost grows close to linearly with the number of articles.
"""

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .text import terms

FIELD_WEIGHTS = (("title", 3.0), ("summary", 2.0), ("body", 1.0))
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
    counts: Counter[str] = Counter()
    for field, weight in FIELD_WEIGHTS:
        for term in terms(getattr(doc, field)):
            counts[term] += weight
    return counts


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
        strongest = heapq.nlargest(max_terms, weights.items(), key=lambda item: (item[1], item[0]))
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


def related(
    docs: Sequence[Doc],
    k: int = 5,
    topic_weight: float = 0.3,
    min_score: float = 0.02,
    model: Model | None = None,
) -> list[list[Match]]:
    """Return, for each doc, its k most related docs, best first (ties by key)."""
    model = model or build_model(docs)
    topical = topic_vectors(docs)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(model.vectors):
        for term, weight in vector.items():
            postings[term].append((index, weight))
    by_topic: dict[str, list[int]] = defaultdict(list)
    for index, doc in enumerate(docs):
        for topic in set(doc.topics):
            by_topic[topic].append(index)
    topic_cap = max(200, int(len(docs) ** 0.5) * 4)  # beyond this, text finds the candidates
    results = []
    for index, doc in enumerate(docs):
        text_scores: dict[int, float] = defaultdict(float)
        for term, weight in model.vectors[index].items():
            for other, other_weight in postings[term]:
                text_scores[other] += weight * other_weight
        for topic in doc.topics:
            if len(by_topic[topic]) <= topic_cap:
                for other in by_topic[topic]:
                    text_scores.setdefault(other, 0.0)
        text_scores.pop(index, None)
        scored = []
        for other, text_score in text_scores.items():
            topic_score = dot(topical[index], topical[other]) if topical[index] else 0.0
            score = (1 - topic_weight) * text_score + topic_weight * topic_score
            if score >= min_score:
                scored.append((score, other))
        best = heapq.nsmallest(k, scored, key=lambda pair: (-pair[0], docs[pair[1]].key))
        results.append([explain(docs, model, index, other, score) for score, other in best])
    return results


def explain(docs: Sequence[Doc], model: Model, index: int, other: int, score: float) -> Match:
    """Return the Match of `other` for `index`, with the topics and strongest terms they share."""
    shared_topics = tuple(sorted(set(docs[index].topics) & set(docs[other].topics)))
    mine, theirs = model.vectors[index], model.vectors[other]
    overlap = sorted(((mine[t] * theirs[t], t) for t in mine.keys() & theirs.keys()), reverse=True)
    return Match(docs[other].key, round(score, 6), shared_topics, tuple(t for _, t in overlap[:3]))
