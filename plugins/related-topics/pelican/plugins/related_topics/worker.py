"""Do the plugin's text work on a second core, alongside Pelican's own work.

Pelican reads and renders Markdown on one core. On a big site a worker process is fed each
article as Pelican reads it (counting terms, finding topic mentions) and, once reading is
done, relates the whole corpus while Pelican builds its own taxonomies. The glue uses the
worker's findings only if the articles, topics and settings are still exactly what the worker
was given, and otherwise does the same work itself, so the site is the same either way. Any
trouble with the worker just means the main process does the work.
"""

import contextlib
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from pelican.plugins.topics.crosslinks import LinkOptions

from . import findings_cache
from .analysis import Analysed, Corpus, Findings, find_relations, same_text
from .findings_cache import analysis_file
from .memory import peak_memory_mb
from .scoring import Doc
from .settings import RelatedSettings

log = logging.getLogger(__name__)

START_AFTER = 300  # articles read before a worker is worth its start-up
BATCH = 100  # articles sent to the worker at a time
# Seconds the build waits for the worker to say anything (it says so after each batch), before
# doing the work itself: a slow backend that keeps going (a sentence model embedding a cold
# cache) is waited for; a worker that is stuck is not.
RESULT_TIMEOUT = 300.0
BATCH_DONE = "batch done"


@dataclass(frozen=True, slots=True)
class Known:
    """A doc that reads as in the last build (`digest`): the worker has its text already."""

    key: str
    digest: str


@dataclass(frozen=True, slots=True)
class Job:
    """The corpus to relate; a doc whose text the worker has seen comes without its body.

    With `keep`, a folder, the worker keeps the findings there for the next build once it has
    sent them (so the build does not wait for the writing).
    """

    corpus: Corpus
    reuse: list[bool]
    keep: str = ""


def serve(source: BinaryIO, sink: BinaryIO) -> None:
    """Worker loop: analyse each batch of docs read; on a Job, send back its findings.

    The last build's analysis, when kept, is picked up, so only docs whose text changed since
    are analysed again; a doc that reads as in the last build comes as `Known`, without its
    text. Should the kept analysis not hold it after all, the worker stops, and the build does
    the work itself.
    """
    analysed: Analysed | None = None
    fresh = 0  # docs analysed here, not found as they are in the kept analysis
    while True:
        message = pickle.load(source)  # noqa: S301 - our own pipe, from the parent process
        if not isinstance(message, Job):
            options, settings, docs = message
            if analysed is None:  # the first batch: pick up the last build's analysis
                kept = analysis_file(settings.cache_path) if settings.cache_path else None
                analysed = findings_cache.load_analysis(kept) if kept else Analysed()
            fresh += analyse_batch(analysed, docs, options)
            # Meanwhile Pelican reads the next ones.
            analysed.embed_early([doc for doc in docs if isinstance(doc, Doc)], settings)
            pickle.dump(BATCH_DONE, sink)  # the build waits for a worker that keeps going
            sink.flush()
            continue
        analysed = analysed or Analysed()
        docs = [
            replace(doc, body=analysed.seen[doc.key].body) if reuse else doc
            for doc, reuse in zip(message.corpus.docs, message.reuse, strict=True)
        ]
        corpus = replace(message.corpus, docs=docs)
        findings = find_relations(corpus, analysed)
        pickle.dump((findings, peak_memory_mb(), fresh), sink, protocol=pickle.HIGHEST_PROTOCOL)
        sink.flush()
        if message.keep:
            # Keeping is for the next build: let this one's writing and indexing go first.
            with contextlib.suppress(AttributeError, OSError):
                os.nice(19)
            findings_cache.save(message.keep, corpus, findings)
            findings_cache.save_analysis(analysis_file(message.keep), analysed)
        return


def analyse_batch(analysed: Analysed, docs: list["Doc | Known"], options: LinkOptions) -> int:
    """Analyse the batch's docs not kept as they read now; return how many that was.

    Raise LookupError for a `Known` doc the kept analysis does not hold as it reads now.
    """
    fresh = 0
    for doc in docs:
        if isinstance(doc, Known):
            kept = analysed.seen.get(doc.key)
            if kept is None or findings_cache.doc_digest(kept) != doc.digest:
                raise LookupError(f"the kept analysis lacks {doc.key} as it reads now")
        elif not same_text(analysed.seen.get(doc.key), doc):
            analysed.add(doc, options)
            fresh += 1
    return fresh


# Run with `python -c`, so no module of the build (its __main__) is run again in the worker,
# and stdout carries only the findings: anything an import prints goes to stderr. Importing
# the plugin does not import Pelican (its register() does), so the worker starts quickly.
WORKER_CODE = """
import os, sys
channel = os.fdopen(os.dup(1), "wb")
os.dup2(2, 1)
from pelican.plugins.related_topics.worker import serve
serve(sys.stdin.buffer, channel)
"""


# The worker is the build's second core: its matrix products must not take the first from
# Pelican (numpy's OpenBLAS starts a thread per core by default).
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def usable_cores() -> int:
    """Return how many cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def widen_pipe(stream: BinaryIO | None) -> None:
    """Let the pipe to the worker hold 1 MB (Linux), not 64 KB: the feeder thread then waits
    for the GIL after each megabyte, not after every 64 KB, while Pelican holds it."""
    # Elsewhere, or above the system's limit, the default pipe works, a little slower.
    with contextlib.suppress(ImportError, AttributeError, OSError):
        import fcntl

        fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)  # type: ignore[union-attr]


class Worker:
    """A worker process fed docs as Pelican reads them, then given a Job at the end.

    A feeder thread writes to the worker and a reader thread waits for its answer, so Pelican
    never blocks on the pipe.
    """

    def __init__(
        self,
        options: LinkOptions,
        settings: RelatedSettings | None = None,
        expected: Mapping[str, str] | None = None,
    ) -> None:
        self.options = options
        self.settings = settings or RelatedSettings(embedding="")
        # The last build's doc digests: while every doc read matches, the worker is not
        # started, as that build's findings will most likely serve again; once one does not,
        # the docs that match are sent without their text, which the worker has kept.
        self.expected = expected
        self.changed = expected is None
        self.sent: dict[str, Doc | Known] = {}
        self.pending: list[Doc | Known] = []
        self.process: subprocess.Popen[bytes] | None = None
        self.outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.threads: list[threading.Thread] = []
        self.answer: list[Any] = []  # the reader thread's findings, or the error it met
        self.heard_at = time.monotonic()  # when the worker last said something, or was asked
        self.asked: Corpus | None = None  # the corpus the worker was asked to relate
        self.failed = usable_cores() < 2

    def add(self, doc: Doc) -> None:
        """Queue one article for the worker, starting the worker once there are enough."""
        if self.failed or self.asked is not None:
            return
        if self.expected is not None and findings_cache.reads_as_before(self.expected, doc):
            self.pending.append(Known(doc.key, self.expected[doc.key]))
        else:
            self.pending.append(doc)
            self.changed = True  # relating is needed after all
        if not self.changed:
            return
        if self.process is None and len(self.pending) >= START_AFTER:
            self._start()
        if self.process is not None and len(self.pending) >= BATCH:
            self._flush()

    @property
    def started(self) -> bool:
        """Return True once the worker process runs (it waits for a changed article)."""
        return self.process is not None and not self.failed

    def relate(self, corpus: Corpus, keep: str = "") -> None:
        """Ask the worker to relate the corpus now; `findings` collects the answer.

        With `keep`, the worker then keeps its findings in that folder for the next build.
        """
        if not self.started:
            return
        self._flush()
        reuse = [self._has_text_of(doc) for doc in corpus.docs]
        light = [
            replace(doc, body="") if again else doc
            for doc, again in zip(corpus.docs, reuse, strict=True)
        ]
        self.outbox.put(Job(replace(corpus, docs=light), reuse, keep))
        self.asked = corpus
        self.heard_at = time.monotonic()

    def _has_text_of(self, doc: Doc) -> bool:
        """Return True if the worker holds the doc's text as it reads now."""
        sent = self.sent.get(doc.key)
        if isinstance(sent, Known):
            return findings_cache.doc_digest(doc) == sent.digest
        return same_text(sent, doc)

    def findings(self, corpus: Corpus) -> Findings | None:
        """Return the worker's findings if it was asked about exactly this corpus, else None."""
        asked, self.asked = self.asked, None
        if asked is None or self.failed:
            self.close()
            return None
        reader = self.threads[1]
        while reader.is_alive() and time.monotonic() - self.heard_at < RESULT_TIMEOUT:
            reader.join(1.0)
        answer = self.answer[0] if self.answer else TimeoutError("no answer in time")
        if self.answer and not isinstance(answer, Exception):
            self.release()  # it may still be keeping the findings for the next build
        self.close()
        if not (isinstance(answer, tuple) and isinstance(answer[0], Findings)):
            log.info("related_topics: worker failed (%s); working here instead", answer)
            return None
        findings, peak_mb, fresh = answer
        log.info("related_topics: worker peak memory %.1f MB", peak_mb)
        log.info("related_topics: worker analysed %d of %d articles", fresh, len(corpus.docs))
        if asked != corpus:
            log.info("related_topics: articles changed after reading; relating them here")
            return None
        return findings

    def release(self) -> None:
        """Let a worker that has answered finish on its own (it exits once its work is kept)."""
        self.close(kill=False)

    def close(self, *, kill: bool = True) -> None:
        """Stop the worker, if one runs (or with `kill=False`, just let go of it)."""
        process, self.process = self.process, None
        if process is None:
            return
        if kill:
            process.kill()
            process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                # Unsent input to a worker that died fails to flush: nothing to keep.
                with contextlib.suppress(OSError):
                    stream.close()

    def _start(self) -> None:
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", WORKER_CODE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=os.environ | ONE_THREAD,
            )
        except OSError as error:
            log.info("related_topics: no worker process (%s); working here instead", error)
            self.failed = True
            return
        widen_pipe(self.process.stdin)
        self.threads = [
            threading.Thread(target=self._feed, args=(self.process.stdin,), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    def _flush(self) -> None:
        for start in range(0, len(self.pending), BATCH):
            batch = self.pending[start : start + BATCH]
            self.outbox.put((self.options, self.settings, batch))
            self.sent.update((doc.key, doc) for doc in batch)
        self.pending = []

    def _feed(self, stream: BinaryIO) -> None:
        try:
            while True:
                message = self.outbox.get()
                pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
                stream.flush()
                if isinstance(message, Job):
                    return
        except (OSError, ValueError):
            return  # the worker went away; the reader reports it

    def _read(self, stream: BinaryIO) -> None:
        try:
            while (said := pickle.load(stream)) == BATCH_DONE:  # noqa: S301 - our own worker
                self.heard_at = time.monotonic()
            self.answer.append(said)
        except Exception as error:  # noqa: BLE001 - any failure means: do the work here
            self.answer.append(error)
