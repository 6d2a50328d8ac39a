"""Keep the last full build's findings, so a build that would relate exactly the same corpus
(a theme, CSS or other plugin's change; a CI rebuild with the cache restored) reuses them.

Exact, not approximate: findings are reused only when the digest of everything relating reads
is the same: every doc's text, topics and language, the topic vocabulary and link options,
the plugin's settings, and this plugin's own code. One changed article relates them all again.
No Pelican here.
"""

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pelican.plugins.topics.crosslinks import LinkOptions

from .analysis import Analysed, Corpus, Findings
from .scoring import Doc, TermCounts
from .settings import RelatedSettings

FINDINGS = "related-findings.pickle"
INDEX = "related-findings-index.pickle"  # the cached corpus's doc digests, small to load
TEXT = "related-json.pickle"  # the last related.json, with the digest of what it says
Kept = TypeVar("Kept")


# The last digest of each doc key, with what it was worked out from: a build asks about
# each doc as it is read and again once reading is done, with the very same strings, so the
# comparison costs next to nothing.
_digested: dict[str, tuple[tuple[Any, ...], str]] = {}


def doc_digest(doc: Doc) -> str:
    """Return a digest of the doc's text as read (its topics are settled later)."""
    read = (doc.lang, *doc.as_read())
    known = _digested.get(doc.key)
    if known is not None and known[0] == read:
        return known[1]
    digest = _digest_of((doc.key, *map(str, read)))
    _digested[doc.key] = (read, digest)
    return digest


def forget_digests() -> None:
    """Let go of the texts the digests were worked out from (a build's worth of HTML)."""
    _digested.clear()


def setup_digest(options: LinkOptions, settings: RelatedSettings) -> str:
    """Return a digest of what relating reads besides the docs: known before reading starts."""
    # Dicts and tuples repr in their (deterministic) order; no sets, whose order is not.
    return _digest_of((code_digest(), repr(options), repr(settings)))


def corpus_digest(corpus: Corpus) -> str:
    """Return a digest of everything relating reads, stable from one process to the next."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(setup_digest(corpus.options, corpus.settings).encode())
    hasher.update(repr((corpus.topics, sorted(corpus.edited or ()))).encode())
    for doc in corpus.docs:
        hasher.update(doc_digest(doc).encode())
        hasher.update(repr(doc.topics).encode())
    return hasher.hexdigest()


@cache
def code_digest() -> str:
    """Return a digest of this plugin's code and the word counting it uses."""
    from coaching_kb.content import words

    here = Path(__file__).parent
    sources = [*sorted(here.glob("*.py")), Path(words.__file__)]
    return _digest_of(path.read_text(encoding="utf-8") for path in sources)


def _digest_of(parts: Iterable[str]) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def load_index(folder: str, setup: str) -> dict[str, str] | None:
    """Return the doc digests of the cached corpus, by doc key, if it had this setup."""
    return _load_keyed(Path(folder) / INDEX, setup, dict)


def load(folder: str, digest: str) -> Findings | None:
    """Return the cached findings if they are those of the corpus with `digest`."""
    return _load_keyed(Path(folder) / FINDINGS, digest, Findings)


def save(folder: str, corpus: Corpus, findings: Findings) -> None:
    """Keep the corpus's findings, and its doc digests, for the next build."""
    digests = {doc.key: doc_digest(doc) for doc in corpus.docs}
    _dump(Path(folder) / FINDINGS, (corpus_digest(corpus), findings))
    _dump(Path(folder) / INDEX, (setup_digest(corpus.options, corpus.settings), digests))


def load_text(folder: str, key: str) -> str | None:
    """Return the kept text of related.json if it was kept under `key`."""
    return _load_keyed(Path(folder) / TEXT, key, str)


def save_text(folder: str, key: str, text: str) -> None:
    """Keep the text of related.json under `key` for the next build."""
    _dump(Path(folder) / TEXT, (key, text))


def analysis_file(folder: str) -> Path:
    """Return where the per-doc analysis is kept in `folder`.

    Named by the plugin's code, so an analysis written by other code is never misread.
    """
    return Path(folder) / f"related_topics-{code_digest()[:16]}.pickle"


def load_analysis(path: Path) -> Analysed:
    """Return the analysis kept at `path`, or a fresh one if none is kept there."""
    found = _load(path)
    return found if isinstance(found, Analysed) else Analysed()


def save_analysis(path: Path, analysed: Analysed) -> None:
    """Keep the analysis at `path`: not its embeddings (they have their own file), nor the
    counts of the last corpus (the next is counted afresh)."""
    _dump(path, replace(analysed, embeddings=None, counts=TermCounts()))
    for older in path.parent.glob("related_topics-*.pickle"):
        if older != path:
            older.unlink(missing_ok=True)  # written by other code: never read again


def _load(path: Path) -> object:
    try:
        with path.open("rb") as cached:
            return pickle.load(cached)  # noqa: S301 - our own cache file
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


def _load_keyed(path: Path, key: str, kind: type[Kept]) -> Kept | None:
    """Return what was kept at `path` with `key` (see `_dump`), if it is a `kind`."""
    found = _load(path)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == key:
        return found[1] if isinstance(found[1], kind) else None
    return None


def _dump(path: Path, data: object) -> None:
    """Write `data` to `path` whole or not at all (a build reading it sees one or the other)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def reads_as_before(expected: Mapping[str, str], doc: Doc) -> bool:
    """Return True if the doc reads as it did in the cached corpus (`load_index`)."""
    return expected.get(doc.key) == doc_digest(doc)
