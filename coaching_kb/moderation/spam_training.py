"""Fit the spam model at release time, and measure the scorer on comments it never saw.

Reads labelled comments (JSON lines with `body` and `label`, as the public development set
in ../shared/eval/spam, and our own coaching-blog comments in labelled_comments.json), fits a
logistic regression over hashed n-grams with scipy's L-BFGS, and picks the probability cut
from out-of-fold predictions so that few real comments are filed as spam. Only the weights
are written; no text of the training set.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

from .spam import Context, score
from .spam_model import BUCKETS, SpamModel, feature_ids

OWN_LABELS = Path(__file__).with_name("labelled_comments.json")
L2 = 1e-4  # the penalty on the weights, per example (chosen on the tuning video's folds)
FOLDS = 5
BLOG_WEIGHT = 3.0  # our own comments count thrice: the site is a blog, not a music video
MAX_FALSE_ALARMS = 0.01  # the cut files at most this share of real comments out-of-fold


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled comment: its text, whether it is spam, and where it comes from."""

    body: str
    is_spam: bool
    group: str  # the video's title, or "blog" for our own comments
    title: str = ""  # what the comment is under (the article's or video's title)
    honeypot: str = ""  # what a bot put in the field people cannot see
    blocklist: tuple[str, ...] = ()  # the owner's blocklist when it arrived


def read_jsonl(path: Path) -> list[Example]:
    """Return the labelled comments of a JSON-lines file (`body`, `label`, `video`)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Example(r["body"], r["label"] == "spam", r.get("video", ""), r.get("video", ""))
            for r in rows]  # fmt: skip


def read_own(path: Path = OWN_LABELS) -> list[Example]:
    """Return our own labelled coaching-blog comments."""
    rows = json.loads(path.read_text(encoding="utf-8"))["comments"]
    return [
        Example(
            r["body"],
            r["label"] == "spam",
            "blog",
            r.get("title", ""),
            r.get("honeypot", ""),
            tuple(r.get("blocklist", ())),
        )
        for r in rows
    ]


def design(texts: Iterable[str]) -> sparse.csr_matrix:
    """Return the examples as rows of unit-length hashed n-gram indicators."""
    rows, columns, values = [], [], []
    for row, text in enumerate(texts):
        ids = feature_ids(text)
        rows += [row] * len(ids)
        columns += ids.tolist()
        values += [1.0 / np.sqrt(max(len(ids), 1))] * len(ids)
    return sparse.csr_matrix((values, (rows, columns)), shape=(row + 1, BUCKETS))


def fit(examples: list[Example], l2: float | None = None) -> tuple[np.ndarray, float]:
    """Return the weights and bias that minimise the penalised logistic loss."""
    l2 = L2 if l2 is None else l2
    features = design(e.body for e in examples)
    target = np.array([e.is_spam for e in examples], dtype=np.float64)
    share = np.array([BLOG_WEIGHT if e.group == "blog" else 1.0 for e in examples])
    count = share.sum()

    def loss(parameters: np.ndarray) -> tuple[float, np.ndarray]:
        weights, bias = parameters[:-1], parameters[-1]
        logits = features @ weights + bias
        value = share @ (np.logaddexp(0, logits) - target * logits)
        error = share * (1 / (1 + np.exp(-logits)) - target)
        gradient = np.append(features.T @ error, error.sum()) / count
        gradient[:-1] += l2 * weights
        return value / count + l2 / 2 * weights @ weights, gradient

    start = np.zeros(BUCKETS + 1)
    found = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return found.x[:-1].astype(np.float32), float(found.x[-1])


def out_of_fold(examples: list[Example], folds: int = FOLDS) -> np.ndarray:
    """Return each example's spam probability from a model fitted without its fold."""
    probabilities = np.zeros(len(examples))
    for fold in range(folds):
        train = [e for n, e in enumerate(examples) if n % folds != fold]
        weights, bias = fit(train)
        model = SpamModel(weights, bias, 1.0)
        for n in range(fold, len(examples), folds):
            probabilities[n] = model.probability(examples[n].body)
    return probabilities


def cut_for(examples: list[Example], probabilities: np.ndarray) -> float:
    """Return the lowest probability cut that files at most MAX_FALSE_ALARMS of real comments."""
    real = np.sort([p for p, e in zip(probabilities, examples, strict=True) if not e.is_spam])
    allowed = int(MAX_FALSE_ALARMS * len(real))
    return float(real[len(real) - allowed - 1]) + 1e-6 if len(real) else 0.5


def train(examples: list[Example]) -> SpamModel:
    """Return a model fitted on every example, with its cut chosen out-of-fold."""
    cut = cut_for(examples, out_of_fold(examples))
    weights, bias = fit(examples)
    return SpamModel(weights, bias, cut)


def figures(examples: list[Example], model: SpamModel | None) -> dict[str, float]:
    """Return the whole scorer's recall and false-positive rate on `examples`."""
    flagged = [
        score(
            e.body, Context(e.title, e.honeypot, e.blocklist), model=model, rules_only=model is None
        ).is_spam
        for e in examples
    ]
    spam = [f for f, e in zip(flagged, examples, strict=True) if e.is_spam]
    real = [f for f, e in zip(flagged, examples, strict=True) if not e.is_spam]
    return {
        "comments": len(examples),
        "spam": len(spam),
        "recall": round(sum(spam) / max(len(spam), 1), 3),
        "false_positive_rate": round(sum(real) / max(len(real), 1), 3),
        "real_filed_as_spam": sum(real),
    }


def split_own(own: list[Example]) -> tuple[list[Example], list[Example]]:
    """Return our own comments split in two: every third one is held out, never trained on."""
    return [e for n, e in enumerate(own) if n % 3], [e for n, e in enumerate(own) if not n % 3]


def held_out_figures(labelled: list[Example], tune_group: str) -> dict[str, dict[str, float]]:
    """Return the scorer's figures on what a model fitted on `tune_group` never saw.

    The model learns from one video and two thirds of our own comments; it is measured on
    the other videos and the last third of our own.
    """
    own_train, own_test = split_own(read_own())
    model = train([e for e in labelled if e.group == tune_group] + own_train)
    held = [e for e in labelled if e.group != tune_group]
    return {
        "held-out videos": figures(held, model),
        "held-out blog comments": figures(own_test, model),
        "held-out videos, rules alone": figures(held, None),
    }


def release(labelled_file: Path, tune_group: str = "") -> dict[str, dict[str, float]]:
    """Report held-out figures, then fit the shipped model on everything and save it."""
    labelled = read_jsonl(labelled_file)
    groups = sorted({e.group for e in labelled})
    report = held_out_figures(labelled, tune_group or groups[-1]) if len(groups) > 1 else {}
    train(labelled + read_own()).save()
    return report
