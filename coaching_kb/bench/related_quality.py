"""Related-list quality on real blogs and on the Lee set: ours, its parts and two baselines.

The blog sets live outside the repository (`../shared/eval/related/<corpus>/`: posts, and
graded relevance from their authors' tags, which are not in the texts). Each corpus's queries
are split once by a hash of the post's id: `dev` is what the ranking was tuned on, `held-out`
never was. Lee's 50 texts are split as lee.py says (0-24 tuned on, 25-49 not); our own short
texts (sentences.json: the sentence case) by group, even groups tuned on. Every method ranks
all other posts; figures are NDCG@5 with the sets' own gains.

Our lists come from the plugin's own functions (the ones a build calls), without Pelican's
reading; the sentence model's vectors are cached under `.cache/bench-related/`.
"""

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse
from pelican.plugins.related_topics.glue import meaning_of
from pelican.plugins.related_topics.ranking import Doc, Meaning, relate
from pelican.plugins.related_topics.settings import RelatedSettings
from pelican.plugins.related_topics.terms import term_model
from pelican.plugins.related_topics.text import term_counts

from coaching_kb.project import ROOT

from .lee import find_lee

CORPORA = ("18f", "ropensci")
CACHE = ROOT / ".cache" / "bench-related"
Ranked = dict[str, list[str]]


def eval_folder() -> Path | None:
    """Return ../shared/eval/related beside the repository (or its main clone), if present."""
    for base in (ROOT.parent, ROOT.parent.parent):
        folder = base / "shared" / "eval" / "related"
        if folder.is_dir():
            return folder
    return None


def split_of(query: str) -> str:
    """Return 'dev' or 'held-out' for a query, fixed by the hash of its id."""
    digest = hashlib.sha1(query.encode(), usedforsecurity=False).hexdigest()
    return "dev" if int(digest[0], 16) % 2 == 0 else "held-out"


def load_corpus(folder: Path) -> tuple[list[Doc], dict[str, dict[str, int]]]:
    """Return a corpus's posts as Docs (title, summary and body) and its graded relevance."""
    docs = []
    # split("\n"), not splitlines(): the texts hold Unicode line separators inside strings.
    for line in (folder / "posts.jsonl").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            post = json.loads(line)
            text = f"{post['title']}. {post['summary']} {post['body']}"
            docs.append(Doc(post["id"], post["title"], text, summary=post["summary"]))
    grades: dict[str, dict[str, int]] = {}
    for line in (folder / "qrels.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        query, doc, gain = line.split("\t")
        if int(gain) > 0:
            grades.setdefault(query, {})[doc] = int(gain)
    return docs, grades


def ndcg5(ranked: Sequence[str], gains: Mapping[str, float]) -> float:
    """Return NDCG@5 with linear gains, the ideal taken over every judged doc."""
    discount = [1 / math.log2(i + 2) for i in range(5)]
    got = sum(gains.get(d, 0) * w for d, w in zip(ranked[:5], discount, strict=False))
    ideal = sorted(gains.values(), reverse=True)[:5]
    best = sum(g * w for g, w in zip(ideal, discount, strict=False))
    return got / best if best else 0.0


def ranked_by(scores: np.ndarray, keys: Sequence[str], k: int = 5) -> Ranked:
    """Return each doc's k highest-scoring others (ties by position)."""
    scores = scores.astype(float).copy()
    np.fill_diagonal(scores, -np.inf)
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return {key: [keys[j] for j in row] for key, row in zip(keys, order.tolist(), strict=True)}


BASELINE_WORD = re.compile(r"[^\W_]{2,}")


def baseline_counts(docs: Sequence[Doc]) -> scipy.sparse.csr_matrix:
    """Return raw term counts as the sets' README baselines count: lower-cased runs of two or
    more letters or digits, English stop words out, no stemming."""
    from pelican.plugins.related_topics.text import STOP_WORDS

    vocabulary: dict[str, int] = {}
    rows, columns, values = [], [], []
    for row, doc in enumerate(docs):
        found = Counter(w for w in BASELINE_WORD.findall(doc.text.lower()) if w not in STOP_WORDS)
        for word, times in found.items():
            rows.append(row)
            columns.append(vocabulary.setdefault(word, len(vocabulary)))
            values.append(times)
    shape = (len(docs), max(len(vocabulary), 1))
    return scipy.sparse.csr_matrix((np.asarray(values, dtype=float), (rows, columns)), shape)


def tfidf_scores(counts: scipy.sparse.csr_matrix) -> np.ndarray:
    """Return TF-IDF cosine: raw counts times log((1 + N) / (1 + df)) + 1, unit rows."""
    total = counts.shape[0]
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    weights = counts @ scipy.sparse.diags(np.log((1 + total) / (1 + frequency)) + 1)
    lengths = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    weights = scipy.sparse.diags(1 / np.maximum(lengths, 1e-12)) @ weights
    return (weights @ weights.T).toarray()


def bm25_scores(counts: scipy.sparse.csr_matrix, k1: float = 1.2, b: float = 0.75) -> np.ndarray:
    """Return BM25 with each post's distinct terms as the query."""
    total = counts.shape[0]
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    tf = counts.tocoo()
    norm = k1 * (1 - b + b * lengths[tf.row] / lengths.mean())
    data = tf.data * (k1 + 1) / (tf.data + norm) * idf[tf.col]
    weights = scipy.sparse.csr_matrix((data, (tf.row, tf.col)), shape=counts.shape)
    query = counts.copy()
    query.data[:] = 1.0
    return (query @ weights.T).toarray()


def methods(docs: list[Doc], meaning: Meaning | None) -> dict[str, Ranked]:
    """Return every method's related lists: baselines, each of our models alone, and ours."""
    keys = [doc.key for doc in docs]
    counts = baseline_counts(docs)
    terms = term_model([term_counts(doc.text, doc.lang)[0] for doc in docs])
    found = {
        "TF-IDF cosine": ranked_by(tfidf_scores(counts), keys),
        "BM25 (k1 1.2, b 0.75)": ranked_by(bm25_scores(counts), keys),
        "our term model alone": ranked_by((terms.matrix @ terms.matrix.T).toarray(), keys),
    }
    if (latent := terms.latent()) is not None:
        found["our latent topics alone"] = ranked_by(latent @ latent.T, keys)
    if meaning is not None:
        found["MiniLM alone"] = ranked_by(meaning.vectors @ meaning.vectors.T, keys)
    ours = relate(docs, 5, 0.0, meaning)
    found["our lists (fused)"] = {
        doc.key: [match.key for match in matches] for doc, matches in zip(docs, ours, strict=True)
    }
    return found


def figures_by_split(
    ranked: Ranked, gains: Mapping[str, Mapping[str, float]], split: Callable[[str], str]
) -> dict[str, float]:
    """Return mean NDCG@5 over each split's queries."""
    by_split: dict[str, list[float]] = {}
    for query, judged in gains.items():
        by_split.setdefault(split(query), []).append(ndcg5(ranked.get(query, []), judged))
    return {name: round(float(np.mean(v)), 3) for name, v in sorted(by_split.items())}


def corpus_figures(
    name: str,
    docs: list[Doc],
    gains: Mapping[str, Mapping[str, float]],
    split: Callable[[str], str],
) -> dict[str, dict[str, float]]:
    """Return each method's NDCG@5 by split on one corpus."""
    # A cache per set: the plugin's keeps only the passages of the site it last related.
    settings = RelatedSettings(cache_path=str(CACHE / name))
    meaning = meaning_of(docs, settings, {})
    return {name: figures_by_split(r, gains, split) for name, r in methods(docs, meaning).items()}


def lee_gains() -> tuple[list[Doc], dict[str, dict[str, float]]] | None:
    """Return Lee's texts as Docs and the human ratings as gains (None without gensim)."""
    lee = find_lee()
    if lee is None:
        return None
    docs = [Doc(f"{n:02d}", f"Text {n:02d}", text) for n, text in enumerate(lee.texts)]
    gains = {
        f"{q:02d}": {f"{o:02d}": float(lee.ratings[q, o]) for o in range(50) if o != q}
        for q in range(50)
    }
    return docs, gains


SENTENCES = Path(__file__).with_name("sentences.json")


def sentence_gains() -> tuple[list[Doc], dict[str, dict[str, float]]]:
    """Return our own short texts as Docs (keys 'group-item') and their groups as gains."""
    groups = json.loads(SENTENCES.read_text(encoding="utf-8"))["groups"]
    docs = [
        Doc(f"{group:02d}-{item}", text, text)
        for group, texts in enumerate(groups)
        for item, text in enumerate(texts)
    ]
    gains = {
        doc.key: {o.key: 1.0 for o in docs if o.key[:2] == doc.key[:2] and o.key != doc.key}
        for doc in docs
    }
    return docs, gains


def sentence_split(query: str) -> str:
    """Return 'dev' for the even groups, 'held-out' for the odd ones."""
    return "dev" if int(query[:2]) % 2 == 0 else "held-out"


def quality_figures() -> dict[str, dict[str, dict[str, float]]]:
    """Return {set: {method: {split: NDCG@5}}} for the blog sets found, Lee and our own
    sentences."""
    figures = {}
    folder = eval_folder()
    for corpus in CORPORA if folder else ():
        docs, gains = load_corpus(folder / corpus)
        figures[corpus] = corpus_figures(corpus, docs, gains, split_of)
    if (lee := lee_gains()) is not None:
        figures["Lee"] = corpus_figures("lee", *lee, lambda q: "dev" if int(q) < 25 else "held-out")
    figures["sentences"] = corpus_figures("sentences", *sentence_gains(), sentence_split)
    return figures
