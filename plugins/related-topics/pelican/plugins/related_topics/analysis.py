"""The whole of the plugin's text work on plain data: docs in, related lists, links, topics out.

Two steps, so the first can run while Pelican is still reading: `Analysed.add` counts and
scans one doc at a time; `find_relations` weighs the counts and relates every doc at the end.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from pelican.plugins.topics.crosslinks import LinkOptions, Scan, scan
from pelican.plugins.topics.topic_graph import TopicInfo, centroids, relate, suggest_rows

from coaching_kb.content.words import counts_of_words, forms_of_words

from .embeddings import EmbeddingCache, backend, meaning_matrix
from .meaning_words import explain_meaning
from .scoring import Doc, Match, TermCounts, field_words, model_from_counts, related, term_row
from .settings import RelatedSettings


@dataclass(frozen=True, slots=True)
class Corpus:
    """What relating needs, as plain data: the docs, link options, settings and topics."""

    docs: list[Doc]
    options: LinkOptions
    settings: RelatedSettings
    topics: list[TopicInfo]
    # The live preview writes only the pages of its edits: only their doc keys are related.
    edited: frozenset[str] | None = None


@dataclass
class Analysed:
    """What is costly to find in each doc (its words, its topic mentions), kept by doc key.

    Term counts are rebuilt from the kept words for each corpus, in the corpus's order, so a
    build that reuses earlier work (the worker's, or a cache of the last build's) counts
    exactly what a build from nothing counts.
    """

    words: dict[str, Counter[str]] = field(default_factory=dict)
    # The words stemmed, as term numbers in `vocabulary` and counts: a corpus is then counted
    # by joining arrays, with no Python work per term.
    terms: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    vocabulary: dict[str, int] = field(default_factory=dict)
    all_words: Counter[str] = field(default_factory=Counter)  # the sum of `words`
    scans: dict[str, Scan] = field(default_factory=dict)
    seen: dict[str, Doc] = field(default_factory=dict)
    options: dict[str, LinkOptions] = field(default_factory=dict)
    counts: TermCounts = field(default_factory=TermCounts)
    embeddings: EmbeddingCache | None = None

    def embeddings_for(self, settings: RelatedSettings) -> EmbeddingCache:
        """Return the embedding store of these settings (loaded from their cache once)."""
        # Vectors are keyed by text alone: another backend's, or another folder's, must not serve.
        wanted = (settings.cache_path, settings.embedding)
        if self.embeddings is None or self.embeddings.made_for != wanted:
            self.embeddings = EmbeddingCache(*wanted)
        return self.embeddings

    def embed_early(self, docs: Sequence[Doc], settings: RelatedSettings) -> None:
        """Embed docs as they are read (the worker does this while Pelican reads)."""
        if uses_meaning(settings):
            self.embeddings_for(settings).fill(docs, backend(settings.embedding))

    def add(self, doc: Doc, options: LinkOptions) -> None:
        """Find the words and topic mentions of one doc."""
        self.forget_words(doc.key)
        self.words[doc.key] = field_words(doc)
        self.all_words.update(self.words[doc.key])
        self.terms[doc.key] = term_row(counts_of_words(self.words[doc.key]), self.vocabulary)
        self.scans[doc.key] = scan(doc.body, options, doc.links_from)
        self.seen[doc.key] = doc
        self.options[doc.key] = options

    def bring_up_to_date(self, docs: Sequence[Doc], options: LinkOptions) -> None:
        """Analyse the docs not seen as they are now, and count the corpus."""
        for doc in docs:
            if not same_text(self.seen.get(doc.key), doc):
                self.add(doc, options)
            elif self.options[doc.key] != options:
                self.scans[doc.key] = scan(doc.body, options, doc.links_from)
                self.options[doc.key] = options
        current = {doc.key for doc in docs}
        for key in set(self.seen) - current:  # a cached analysis must not grow without end
            self.forget_words(key)
            for table in (self.words, self.terms, self.scans, self.seen, self.options):
                table.pop(key, None)
        self.compact_vocabulary()
        self.counts = TermCounts()
        self.counts.index = self.vocabulary
        for doc in docs:
            self.counts.add_row(*self.terms[doc.key])
        self.counts.words = self.all_words

    def compact_vocabulary(self) -> None:
        """Renumber the terms once most of the vocabulary is no longer used by any doc."""
        # The model drops unused terms anyway: this only bounds the kept analysis's size. A doc
        # has no more terms than words, so the words in use bound the terms in use.
        if len(self.vocabulary) <= 2 * len(self.all_words) + 1000:
            return
        used = np.unique(np.frombuffer(b"".join(r[0] for r in self.terms.values()), np.int64))
        names = list(self.vocabulary)
        renumber = np.zeros(len(names), dtype=np.int64)
        renumber[used] = np.arange(len(used))
        self.vocabulary = {names[column]: number for number, column in enumerate(used.tolist())}
        self.terms = {
            key: (renumber[np.frombuffer(ids, dtype=np.int64)].tobytes(), counts)
            for key, (ids, counts) in self.terms.items()
        }

    def forget_words(self, key: str) -> None:
        """Take a doc's words out of `all_words` (one doc's worth of work, not the corpus's)."""
        for word, times in self.words.get(key, {}).items():
            left = self.all_words[word] - times
            if left > 0:
                self.all_words[word] = left
            else:
                del self.all_words[word]


def uses_meaning(settings: RelatedSettings) -> bool:
    return bool(settings.embedding) and settings.meaning_weight > 0


def same_text(seen: Doc | None, doc: Doc) -> bool:
    """Return True if `seen` has the title, summary, body and link start `doc` has now."""
    return seen is not None and seen.as_read() == doc.as_read()


@dataclass(frozen=True, slots=True)
class Findings:
    """Everything found about a corpus, in the order of the docs it was given."""

    matches: list[list[Match]]
    scans: list[Scan]
    suggestions: list[list[str]]  # empty for docs that have topics
    by_topic: dict[str, set[str]]  # topic -> doc keys, suggested ones included
    relations: dict[str, list[tuple[str, float]]]
    reasons: list[list[str]]  # why each match is related, in words readers know


def find_relations(corpus: Corpus, analysed: Analysed) -> Findings:
    """Return related lists, scans, topic suggestions and topic relations of the corpus."""
    docs, settings, topics = corpus.docs, corpus.settings, corpus.topics
    analysed.bring_up_to_date(docs, corpus.options)
    model = model_from_counts(analysed.counts)
    meaning = None
    if uses_meaning(settings):
        store = analysed.embeddings_for(settings)
        meaning = meaning_matrix(docs, backend(settings.embedding), store)
    rows = (
        None if corpus.edited is None else [i for i, d in enumerate(docs) if d.key in corpus.edited]
    )
    matches = related(docs, settings.max_related, settings.topic_weight, settings.min_score,
                      model, meaning, settings.meaning_weight, rows)  # fmt: skip
    scans = [analysed.scans[doc.key] for doc in docs]
    topic_centroids = centroids(docs, model, topics)
    untagged = [row for row, doc in enumerate(docs) if not doc.topics]
    proposals = suggest_rows(
        model, untagged, topic_centroids, [scans[row].mentioned for row in untagged]
    )
    suggestions: list[list[str]] = [[] for _ in docs]
    for row, proposal in zip(untagged, proposals, strict=True):
        suggestions[row] = proposal
    by_topic = topics_with_docs(docs, suggestions, topics)
    if meaning is not None:
        embed = backend(settings.embedding)
        matches = explain_meaning(matches, docs, model, analysed.counts.words, embed)
    wanted = {t for found in matches for m in found if not m.shared_topics
              for t in (*m.shared_terms, *m.meaning_terms)}  # fmt: skip
    forms = forms_of_words(analysed.counts.words, wanted) if wanted else {}
    return Findings(
        matches,
        scans,
        suggestions,
        by_topic,
        relate(by_topic, topic_centroids),
        reasons_for(matches, {topic.slug: topic.name for topic in topics}, forms),
    )


def reasons_for(
    matches: list[list[Match]], topic_names: Mapping[str, str], forms: Mapping[str, str]
) -> list[list[str]]:
    """Return the reason of every match; a reason given twice is the same string, so the
    kept findings hold (and load) each once."""
    said: dict[str, str] = {}

    def once(reason: str) -> str:
        return said.setdefault(reason, reason)

    return [[once(reason_for(m, topic_names, forms)) for m in found] for found in matches]


def topics_with_docs(
    docs: Sequence[Doc], suggestions: Sequence[Sequence[str]], topics: Sequence[TopicInfo]
) -> dict[str, set[str]]:
    """Return each topic's doc keys: the docs filed under it, or suggested for it if untagged."""
    by_topic: dict[str, set[str]] = {topic.slug: set() for topic in topics}
    for doc, suggested in zip(docs, suggestions, strict=True):
        for slug in doc.topics or suggested:
            by_topic.setdefault(slug, set()).add(doc.key)
    return by_topic


def reason_for(match: Match, topic_names: Mapping[str, str], forms: Mapping[str, str]) -> str:
    """Return why two articles are related, in words a reader understands."""
    if match.shared_topics:
        return "Shared topics: " + ", ".join(topic_names.get(t, t) for t in match.shared_topics)
    if match.shared_terms:
        return "Both discuss: " + ", ".join(forms.get(t, t) for t in match.shared_terms)
    if match.meaning_terms:  # no topic or strong word in common: the embedding saw these
        here, there = (forms.get(t, t) for t in match.meaning_terms)
        return f"Close in meaning: “{here}” here, “{there}” there"
    return "Close in meaning"
