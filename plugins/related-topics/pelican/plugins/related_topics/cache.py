"""The plugin's two caches, in one folder: passage vectors, and the finished related lists.

Both follow the same rules: keyed by everything that decides what they hold, written beside
and moved in (a build stopped halfway never leaves half a file), a damaged file ignored
with one warning naming it (the build then makes it again), and a folder that cannot be
written named in one warning (the build goes on without keeping them). Pure of Pelican.

- Vectors, by the SHA-256 of the model, its version, the text-preparation parameters and the
  passage's text: a later build embeds only new or edited passages.
- Lists, by one key over every input of the ranking: each doc, the settings that shape lists,
  the model, the library versions and the plugin's own code. An unchanged site costs that key
  and one read; any change relates every pair again (lists depend on the whole site).
"""

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .ranking import Doc, Match

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).parent
# Libraries whose arithmetic the lists pass through: a new version may move a score.
LIBRARIES = ("numpy", "scipy", "onnxruntime", "tokenizers")
LISTS_FILE = "lists.json"
KEY = re.compile(r"[0-9a-f]{64}")  # a SHA-256, as lists_key writes it on the first line


# Cache folders this process could not write, each named in one warning (not once a file).
UNWRITABLE: set[Path] = set()


def write_atomically(path: Path, write: Callable[[Any], None]) -> None:
    """Write `path` through `write(binary file)`: to a file beside it, then moved in. A folder
    that cannot be written (a read-only source tree) is a warning: the build goes on."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")  # two builds at once: apart
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as out:
            write(out)
        os.replace(temporary, path)
    except OSError as error:
        unwritable(path.parent, error)
        with contextlib.suppress(OSError):
            temporary.unlink()


def unwritable(folder: Path, error: OSError) -> None:
    """Say once that the cache folder cannot be written, and how to move it."""
    if folder in UNWRITABLE:
        return
    UNWRITABLE.add(folder)
    log.warning(
        "related_topics: cannot write its cache in %s (%s): this build goes on without it, "
        "and the next one relates every article again. Fix: set RELATED_TOPICS_CACHE_PATH "
        "(or Pelican's CACHE_PATH) to a folder the build can write",
        folder,
        error.strerror or error,
    )


def damaged(path: Path, error: Exception) -> None:
    """Say once, in plain words, that a cache file could not be read and will be made again
    (what the library said is for `pelican -D`: numpy's "pickled (object) data" helps no one)."""
    log.warning(
        "related_topics: the cache file %s is damaged (cut short, or not written by this "
        "plugin); it is made again",
        path,
    )
    log.debug("related_topics: reading %s said: %s", path, error)


def code_fingerprint() -> str:
    """Return the SHA-256 of the plugin's code and vocabulary: a change to how lists are made
    never serves lists made the old way."""
    digest = hashlib.sha256()
    files = sorted([*PACKAGE.glob("*.py"), PACKAGE / "model" / "vocab.txt"])
    for file in files:
        digest.update(f"{file.name}\0{file.stat().st_size}\0".encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def library_versions() -> str:
    """Return the versions of the libraries the scores pass through, and Python's."""
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return f"python {sys.version}; " + "; ".join(found)


def lists_key(docs: Sequence[Doc], setup: Iterable[str]) -> str:
    """Return the key of the related lists of `docs`: every field of every doc, in order, and
    `setup` (settings, model, code), each part length-prefixed so no two inputs share a key."""
    digest = hashlib.sha256()
    for part in (*setup, code_fingerprint(), library_versions()):
        add(digest, part)
    for doc in docs:  # every field, so a field added to Doc can never serve stale lists
        for field in dataclasses.fields(doc):
            value = getattr(doc, field.name)
            add(digest, "\0".join(value) if isinstance(value, tuple) else str(value))
    return digest.hexdigest()


def add(digest: Any, part: str) -> None:
    data = part.encode("utf-8", "surrogatepass")
    digest.update(f"{len(data)}:".encode())
    digest.update(data)


def saved_lists(folder: str, key: str) -> list[list[Match]] | None:
    """Return the lists saved under `key` in `folder`, or None (another key, none, damaged)."""
    if not folder:
        return None
    path = Path(folder) / LISTS_FILE
    try:
        with path.open(encoding="utf-8") as saved:
            first = saved.readline().rstrip("\n")
            if not KEY.fullmatch(first):
                raise ValueError(f"its first line is no key: {first[:40]!r}")
            if first != key:
                return None  # lists of another site or settings: a miss, not damage
            rows = json.load(saved)
        return [[Match(m[0], m[1], tuple(m[2]), tuple(m[3]), m[4]) for m in row] for row in rows]
    except (FileNotFoundError, NotADirectoryError):  # none kept (yet), or no folder to keep it
        return None
    except (OSError, ValueError, TypeError, IndexError) as error:
        damaged(path, error)
        return None


def save_lists(folder: str, key: str, found: list[list[Match]]) -> None:
    """Keep `found` under `key` in `folder` (the key on the first line, read alone on a miss)."""
    if not folder:
        return
    rows = [
        [[m.key, m.score, list(m.shared_topics), list(m.shared_terms), m.passage] for m in row]
        for row in found
    ]
    text = key + "\n" + json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n"
    write_atomically(Path(folder) / LISTS_FILE, lambda out: out.write(text.encode("utf-8")))


Embed = Callable[[list[str]], np.ndarray]


class EmbeddingCache:
    """Passage vectors by the SHA-256 of what decides them, kept in one .npy pair on disk."""

    def __init__(self, folder: str, setup: str, dimensions: int) -> None:
        self.setup = setup  # the model and the text-preparation parameters
        self.dimensions = dimensions
        self.path = Path(folder) if folder else None
        self.vectors: dict[str, np.ndarray] = {}
        self.changed = False
        if self.path is not None:
            self.vectors = load_vectors(self.path)

    def key(self, passage: str) -> str:
        return hashlib.sha256(f"{self.setup}\0{passage}".encode()).hexdigest()

    def vectors_of(self, passages: Sequence[str], embed: Embed) -> np.ndarray:
        """Return each passage's vector, embedding only those not cached."""
        keys = [self.key(passage) for passage in passages]
        wanted = dict(zip(keys, passages, strict=True))
        missing = [key for key in dict.fromkeys(keys) if key not in self.vectors]
        if missing:
            made = embed([wanted[key] for key in missing])
            self.vectors.update(zip(missing, made, strict=True))
            self.changed = True
        if not keys:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.stack([self.vectors[key] for key in keys])

    def save(self, keep: set[str]) -> None:
        """Write the vectors of the passages in `keep` (others are stale), if anything changed."""
        if self.path is None or not (self.changed or set(self.vectors) - keep):
            return
        kept = sorted(key for key in self.vectors if key in keep)
        vectors = (
            np.stack([self.vectors[k] for k in kept]) if kept else np.zeros((0, self.dimensions))
        )
        # Vectors first: keys that no longer match them are read as a damaged cache.
        for name, data in (("vectors.npy", vectors.astype(np.float32)), ("keys.npy", kept)):
            write_atomically(self.path / name, lambda out, d=data: np.save(out, np.asarray(d)))


def load_vectors(folder: Path) -> dict[str, np.ndarray]:
    """Return the cached vectors by key (none when the cache is missing or damaged)."""
    try:
        keys = np.load(folder / "keys.npy").tolist()
        vectors = np.load(folder / "vectors.npy")
    except (FileNotFoundError, NotADirectoryError):  # none kept (yet), or no folder to keep it
        return {}
    except (OSError, ValueError) as error:
        damaged(folder / "vectors.npy", error)
        return {}
    if len(keys) != len(vectors):
        damaged(folder / "vectors.npy", ValueError("its keys and vectors differ in number"))
        return {}
    return dict(zip(keys, vectors, strict=True))
