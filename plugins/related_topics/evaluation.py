"""Measure related-article quality: NDCG@k against graded judgements, and a plain baseline.

Used by the tests and `invoke bench`; pure, so both compute the same figures.
"""

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from front_matter import parse

from .scoring import Doc, dot, normalise
from .text import words


def ndcg_at(ranked: Sequence[str], grades: Mapping[str, int], k: int = 5) -> float:
    """Return NDCG@k of one ranked list against graded relevance (unlisted = 0)."""
    gains = [2 ** grades.get(key, 0) - 1 for key in ranked[:k]]
    ideal = sorted((2**g - 1 for g in grades.values()), reverse=True)[:k]
    best = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains)) / best if best else 0.0


def mean_ndcg(
    ranked_by_query: Mapping[str, Sequence[str]],
    judgements: Mapping[str, Mapping[str, int]],
    k: int = 5,
) -> float:
    """Return the mean NDCG@k over the judged queries."""
    scores = [ndcg_at(ranked_by_query.get(q, []), grades, k) for q, grades in judgements.items()]
    return sum(scores) / len(scores) if scores else 0.0


def tfidf_baseline(docs: Sequence[Doc], k: int = 5) -> dict[str, list[str]]:
    """Return each doc's k nearest by plain TF-IDF cosine (no stems, no topics; O(n²))."""
    counts = [Counter(words(f"{d.title} {d.summary} {d.body}")) for d in docs]
    frequency = Counter(t for c in counts for t in c)
    total = len(docs)
    vectors = [
        normalise({t: tf * math.log(total / frequency[t]) for t, tf in c.items()}) for c in counts
    ]
    ranked = {}
    for i, doc in enumerate(docs):
        scored = sorted(
            ((dot(vectors[i], vectors[j]), docs[j].key) for j in range(total) if j != i),
            key=lambda pair: (-pair[0], pair[1]),
        )
        ranked[doc.key] = [key for _, key in scored[:k]]
    return ranked


def docs_from_folder(content: Path, keys: Sequence[str]) -> list[Doc]:
    """Return Docs read straight from Markdown files (for the baseline), by content-relative key."""
    docs = []
    for key in keys:
        doc = parse((content / key).read_text(encoding="utf-8"), key)
        docs.append(Doc(key, doc.get("title"), doc.get("summary"), doc.body))
    return docs


def quality_report(content: Path, related_json: Path, judgements_file: Path) -> dict[str, float]:
    """Return mean NDCG@5 of the built related lists and of the TF-IDF baseline, same queries."""
    built = json.loads(related_json.read_text(encoding="utf-8"))
    ours = {a["source_path"]: [r["source_path"] for r in a["related"]] for a in built["articles"]}
    judgements = json.loads(judgements_file.read_text(encoding="utf-8"))["judgements"]
    baseline = tfidf_baseline(docs_from_folder(content, sorted(ours)))
    return {
        "queries": float(len(judgements)),
        "ndcg5_plugin": round(mean_ndcg(ours, judgements), 4),
        "ndcg5_tfidf_baseline": round(mean_ndcg(baseline, judgements), 4),
    }
