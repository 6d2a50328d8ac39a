"""A small linear spam model over character n-grams: the probability a comment is spam.

Pure numpy: each comment becomes the hashed set of its character n-grams (2 to 5 characters
of the lower-cased text, digits folded to 0), its words and its word pairs, scaled to unit
length; a logistic regression weighs them. Hashing keeps the shipped file free of any
training text: it holds numbers only.
`spam_training` fits the weights at release time; `spam.score` combines them with the rules.
"""

import functools
import itertools
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).with_name("spam_model.npz")
BUCKETS = 1 << 18  # hashed n-gram slots; collisions cost little at this size
NGRAMS = (2, 3, 4, 5)
DIGITS = re.compile(r"\d")
SPACES = re.compile(r"\s+")
TOKENS = re.compile(r"\w+|[^\w\s]")


def normalized(text: str) -> str:
    """Return the text the n-grams are taken from: lower case, digits as 0, spaces collapsed."""
    return " " + SPACES.sub(" ", DIGITS.sub("0", text.lower())).strip() + " "


def feature_ids(text: str) -> np.ndarray:
    """Return the sorted, distinct hashed slots of `text`'s character n-grams, words and
    word pairs (the words give the model what a phrase means, the characters its spelling)."""
    plain = normalized(text)
    raw = plain.encode("utf-8")
    words = [f"w {token}" for token in TOKENS.findall(plain)]
    pairs = [f"{first} {second}" for first, second in itertools.pairwise(words)]
    grams = [raw[start : start + size] for size in NGRAMS for start in range(len(raw) - size + 1)]
    grams += [item.encode("utf-8") for item in words + pairs]
    ids = {zlib.crc32(gram) % BUCKETS for gram in grams}
    return np.fromiter(sorted(ids), dtype=np.int64, count=len(ids))


@dataclass(frozen=True)
class SpamModel:
    """Weights of a logistic regression over hashed n-grams, and the probability cut."""

    weights: np.ndarray  # float32, one per slot
    bias: float
    threshold: float  # a probability at or over it is spam

    def probability(self, text: str) -> float:
        """Return the probability that `text` is spam."""
        ids = feature_ids(text)
        if not len(ids):
            return 0.0
        logit = float(self.weights[ids].sum()) / np.sqrt(len(ids)) + self.bias
        return float(1.0 / (1.0 + np.exp(-logit)))

    def save(self, path: Path = MODEL_FILE) -> None:
        """Write the model as a compressed numpy file (numbers only, no text). Bias and cut are
        kept in single precision: a refit differs from the last in the 15th digit at most, so
        the same training data writes the same file."""
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float16),
            bias=np.float32(self.bias),
            threshold=np.float32(self.threshold),
        )


@functools.cache
def load(path: Path = MODEL_FILE) -> SpamModel | None:
    """Return the shipped model, or None when there is none (the rules then work alone)."""
    if not path.is_file():
        return None
    with np.load(path) as data:
        return SpamModel(data["weights"].astype(np.float32), float(data["bias"]),
                         float(data["threshold"]))  # fmt: skip
