"""Measure related-article quality: NDCG@k against graded judgements, and a plain baseline.

Used by the tests and `invoke bench`; pure, so both compute the same figures.
"""

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from coaching_kb.content.front_matter import parse
from coaching_kb.content.words import words

JUDGEMENTS = Path(__file__).with_name("judgements.json")
Vector = dict[str, float]


def unit(vector: Vector) -> Vector:
    """Return `vector` scaled to unit length (empty stays empty)."""
    length = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / length for t, w in vector.items()} if length else {}


def cosine(a: Vector, b: Vector) -> float:
    """Return the dot product of two unit sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


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


def tfidf_vectors(texts: Sequence[str]) -> list[Vector]:
    """Return each text's unit TF-IDF vector: plain words, no stems, no stop list."""
    counts = [Counter(words(text)) for text in texts]
    frequency = Counter(t for c in counts for t in c)
    total = len(texts)
    return [unit({t: tf * math.log(total / frequency[t]) for t, tf in c.items()}) for c in counts]


def tfidf_baseline(docs: Mapping[str, str], k: int = 5) -> dict[str, list[str]]:
    """Return each text's k nearest by plain TF-IDF cosine (no stems, no topics; O(n²))."""
    keys = sorted(docs)
    vectors = tfidf_vectors([docs[key] for key in keys])
    total = len(keys)
    ranked = {}
    for i, key in enumerate(keys):
        scored = sorted(
            ((cosine(vectors[i], vectors[j]), keys[j]) for j in range(total) if j != i),
            key=lambda pair: (-pair[0], pair[1]),
        )
        ranked[key] = [other for _, other in scored[:k]]
    return ranked


def docs_from_folder(content: Path, keys: Sequence[str]) -> dict[str, str]:
    """Return the title, summary and text of Markdown files (for the baseline), by key."""
    docs = {}
    for key in keys:
        doc = parse((content / key).read_text(encoding="utf-8"), key)
        docs[key] = f"{doc.get('title')} {doc.get('summary')} {doc.body}"
    return docs


def quality_report(
    content: Path, related_json: Path, judgements_file: Path = JUDGEMENTS
) -> dict[str, float]:
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


def reading_agreement(judgements_file: Path = JUDGEMENTS) -> dict[str, float]:
    """Return how far the second reading of some queries agrees with the first: the share of
    graded pairs given the same grade, and the share within one grade (unlisted = 0)."""
    data = json.loads(judgements_file.read_text(encoding="utf-8"))
    same = close = total = 0
    for query, again in data.get("second_reading", {}).items():
        first = data["judgements"][query]
        for other in first.keys() | again.keys():
            gap = abs(first.get(other, 0) - again.get(other, 0))
            same, close, total = same + (gap == 0), close + (gap <= 1), total + 1
    return {
        "reread_queries": float(len(data.get("second_reading", {}))),
        "reread_pairs": float(total),
        "same_grade": round(same / max(total, 1), 3),
        "within_one": round(close / max(total, 1), 3),
    }


SPAM_LABELS = Path(__file__).parents[1] / "moderation" / "labelled_comments.json"


def spam_figures(labelled: Path = SPAM_LABELS) -> dict[str, float]:
    """Return how the spam scorer does on labelled comments: recall, precision, false alarms."""
    from coaching_kb.moderation.spam import Context, score

    comments = json.loads(labelled.read_text(encoding="utf-8"))["comments"]
    caught = {"spam": 0, "real": 0}
    total = {"spam": 0, "real": 0}
    for comment in comments:
        context = Context(
            title=comment.get("title", ""),
            honeypot=comment.get("honeypot", ""),
            blocklist=tuple(comment.get("blocklist", ())),
        )
        total[comment["label"]] += 1
        caught[comment["label"]] += score(comment["body"], context).is_spam
    flagged = caught["spam"] + caught["real"]
    return {
        "comments": float(len(comments)),
        "spam_recall": round(caught["spam"] / max(total["spam"], 1), 4),
        "real_filed_as_spam": round(caught["real"] / max(total["real"], 1), 4),
        "precision": round(caught["spam"] / max(flagged, 1), 4),
    }
