"""Pelican glue for related_topics: articles to plain docs, results back onto articles."""

import gc
import hashlib
import json
import logging
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from pelican.contents import Article
from pelican.generators import Generator
from pelican.plugins.topics.crosslinks import LinkOptions, link_options
from pelican.plugins.topics.topic_graph import TopicInfo, vocabulary_infos

from coaching_kb.content.letters import SEPARATOR
from coaching_kb.content.topics import topic_files
from coaching_kb.errors import SettingsError

from . import findings_cache
from . import settings as plugin_settings
from .analysis import Analysed, Corpus, Findings, find_relations
from .scoring import Doc, Match
from .worker import Worker

if TYPE_CHECKING:
    from pelican.generators import ArticlesGenerator
    from pelican.writers import Writer

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """A related article as the theme shows it."""

    article: Any
    score: float
    reason: str

    # Looked up when the page is written: by then the fixed_urls plugin has pinned each URL,
    # which Pelican otherwise works out afresh on every use.
    @property
    def url(self) -> str:
        return self.article.url

    @property
    def title(self) -> str:
        return self.article.title


_worker: Worker | None = None  # the running build's; Pelican builds one site at a time


def doc_for(article: Any, root: str, *, with_topics: bool = True) -> Doc:
    """Return the plain Doc the scorer sees for a Pelican article."""
    tags = getattr(article, "tags", []) if with_topics else []
    return Doc(
        key=content_key(article.source_path, root),
        title=article.title,
        summary=str(article.metadata.get("summary", "")),
        body=article._content,
        topics=tuple(tag.slug for tag in tags),
        lang=str(getattr(article, "lang", "en") or "en"),
        links_from=links_from(article),
    )


OPTED_OUT = ("no", "off", "false", "0")


def links_from(article: Any) -> int:
    """Return where topic links may start in the article's HTML (-1: nowhere).

    An article with `Topic_Links: no` gets none; in a Q&A only the answer is linked, as the
    letter is the reader's own words.
    """
    if str(article.metadata.get("topic_links", "")).strip().lower() in OPTED_OUT:
        return -1
    if getattr(article, "type", "") == "qa" and (match := SEPARATOR.search(article._content)):
        return match.end()
    return 0


def content_key(path: str, root: str) -> str:
    """Return `path` relative to the content folder `root`, with forward slashes."""
    prefix = os.path.join(root, "")
    relative = path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, root)
    return relative.replace(os.sep, "/")


def link_options_for(settings: dict[str, Any], topics: dict[str, Any]) -> LinkOptions:
    """Return the cross-link options of a build with these settings and topic vocabulary."""
    config = plugin_settings.load(settings)
    names_by_topic = {slug: topic.names for slug, topic in topics.items()}
    limit = config.topic_links_max if config.topic_links else 0
    return link_options(names_by_topic, topic_hrefs(settings, names_by_topic), limit)


def topic_hrefs(settings: dict[str, Any], slugs: Iterable[str]) -> dict[str, str]:
    """Return the href of each topic's hub: its file's, as the topics plugin has Pelican
    resolve it (a dictionary lookup, where a `{tag}` link builds and slugifies a Tag)."""
    files = topic_files(settings)
    return {
        slug: f"{{filename}}/{quote(files[slug])}" if slug in files else "{tag}" + slug
        for slug in slugs
    }


def corpus_of(generator: "ArticlesGenerator") -> Corpus:
    """Return the articles, topics and settings of `generator` as plain data."""
    settings = generator.settings
    return Corpus(
        [doc_for(article, settings["PATH"]) for article in generator.articles],
        link_options_for(settings, generator.context.get("topics", {})),
        plugin_settings.load(settings),
        topic_infos(generator),
        edited_keys(settings),
    )


def edited_keys(settings: dict[str, Any]) -> frozenset[str] | None:
    """Return the doc keys of the live preview's edits, or None in a full build."""
    edited = settings.get("PREVIEW_EDITS_ONLY")
    if edited is None:
        return None
    return frozenset(content_key(os.path.realpath(path), settings["PATH"]) for path in edited)


def start_worker(pelican: Any) -> None:
    """Get ready to analyse articles on a second core as Pelican reads them."""
    global _worker
    stop_worker()
    if pelican.settings.get("LIVE_PREVIEW"):
        return  # repeated builds keep the analysis in this process, redoing only edits
    try:
        from coaching_kb.content.topics import load_all_topics

        options = link_options_for(pelican.settings, load_all_topics(pelican.settings)[0])
        settings = plugin_settings.load(pelican.settings)
    except Exception as error:  # noqa: BLE001 - only a speed-up; the build reports real errors
        log.debug("related_topics: no worker: %s", error)
        return
    expected = None
    if settings.cache_path:
        setup = findings_cache.setup_digest(options, settings)
        expected = findings_cache.load_index(settings.cache_path, setup)
    _worker = Worker(options, settings, expected)


def feed_worker(content: Any) -> None:
    """Queue an article Pelican has just read for the worker."""
    # A file without a title is skipped by Pelican after this signal; it is not ours to read.
    if _worker is not None and isinstance(content, Article) and hasattr(content, "title"):
        # Without topics: counting and scanning do not need them, and the topics plugin has
        # yet to settle them (the worker is told them once reading is done).
        _worker.add(doc_for(content, content.settings["PATH"], with_topics=False))


def ask_worker(generator: "ArticlesGenerator") -> None:
    """Reading is done: let the worker relate the corpus while Pelican sorts its taxonomies."""
    if _worker is None or not _worker.started:
        return  # every article read as in the last build: its findings will most likely do
    try:
        corpus = corpus_of(generator)
    except SettingsError:
        return  # reported when relate_articles loads the settings again
    _worker.relate(corpus, keep=findings_folder(corpus))


def stop_worker(*_args: Any) -> None:
    """Stop the worker of a build that ended early."""
    global _worker
    if _worker is not None:
        _worker.close()
        _worker = None


def findings_for(corpus: Corpus, settings: dict[str, Any], digest: str) -> tuple[Findings, str]:
    """Return the findings about the corpus, and where they were found: the last build's if
    it related the very same corpus (whose `digest` is given), else the worker's if it has
    them, else worked out here."""
    global _worker
    worker, _worker = _worker, None
    folder = findings_folder(corpus)
    cached = findings_cache.load(folder, digest) if folder and digest else None
    if cached is not None:
        if worker is not None:
            worker.close()
        return cached, "kept from the last build"
    found = worker.findings(corpus) if worker is not None else None
    if found is not None:
        return found, "on a second core"  # the worker keeps them for the next build
    analysed = load_analysed(settings)
    found = find_relations(corpus, analysed)
    # A preview's edits reach the disk with the next full build: the kept copy serves till then.
    save_analysed(settings, analysed, to_disk=corpus.edited is None)
    if folder:
        findings_cache.save(folder, corpus, found)
    return found, "in the build process"


def findings_folder(corpus: Corpus) -> str:
    """Return where a full build keeps its findings for the next ('' for nowhere)."""
    return corpus.settings.cache_path if corpus.edited is None else ""


_kept: tuple[Path, Analysed] | None = None  # the last analysis saved, and where


def analysed_cache(settings: dict[str, Any]) -> Path | None:
    """Return where the per-article analysis is kept between builds: beside Pelican's content
    cache for the live preview, else in RELATED_CACHE_PATH (None: nowhere)."""
    if settings.get("LIVE_PREVIEW"):
        folder = settings["CACHE_PATH"]
    else:
        folder = plugin_settings.load(settings).cache_path
    return findings_cache.analysis_file(folder) if folder else None


def load_analysed(settings: dict[str, Any]) -> Analysed:
    """Return the kept analysis of earlier builds (redone for any article whose text
    changed), or a fresh one."""
    path = analysed_cache(settings)
    if path is None or (settings.get("LIVE_PREVIEW") and not settings.get("LOAD_CONTENT_CACHE")):
        return Analysed()
    if _kept is not None and _kept[0] == path:
        return _kept[1]
    return findings_cache.load_analysis(path)


def save_analysed(settings: dict[str, Any], analysed: Analysed, *, to_disk: bool = True) -> None:
    """Keep the analysis for the next build: in this process for the next rebuild, and on
    disk for the next process."""
    global _kept
    path = analysed_cache(settings)
    if path is None:
        return
    _kept = (path, analysed)  # only the last site's, so a long test run does not grow
    if to_disk:
        findings_cache.save_analysis(path, analysed)


def topic_infos(generator: "ArticlesGenerator") -> list[TopicInfo]:
    """Return every topic in the vocabulary or used as a tag."""
    vocabulary = generator.context.get("topics", {})
    url_pattern = generator.settings.get("TAG_URL", "topics/{slug}/")
    infos = {info.slug: info for info in vocabulary_infos(vocabulary, url_pattern)}
    for article in generator.articles:
        for tag in getattr(article, "tags", []):
            if tag.slug not in infos:
                infos[tag.slug] = TopicInfo(tag.slug, tag.name, tag.url, tag.name)
    return sorted(infos.values(), key=lambda info: info.slug)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for a burst of small, acyclic objects.

    On a big site each collection would walk every object Pelican holds, and the burst of
    lists and dicts made here would trigger many of them. In a build that keeps what it read
    out of the collector (gc.freeze, as coaching_kb's build does till the site is written),
    what was made here, which lives as long, is kept out too: else the collector's next two
    passes walk it all (at 10,000 articles, 280,000 objects and 0.07 s).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count():
            gc.freeze()
        if was_enabled:
            gc.enable()


def relate_articles(generator: "ArticlesGenerator") -> None:
    """Attach related articles."""
    started = time.perf_counter()
    with collector_paused():
        corpus = corpus_of(generator)
        folder = findings_folder(corpus)
        digest = findings_cache.corpus_digest(corpus) if folder else ""
        findings, where = findings_for(corpus, generator.settings, digest)
        findings_cache.forget_digests()
        attach(generator, corpus, findings)
        generator.context["related_json"] = RelatedJson(
            list(generator.articles), corpus.docs, findings.matches, folder, digest
        )
    log.info(
        "related_topics: %d articles, %d topics, %d suggested (%s) in %.2fs",
        len(corpus.docs),
        len(corpus.topics),
        sum(1 for s in findings.suggestions if s),
        where,
        time.perf_counter() - started,
    )


def attach(generator: "ArticlesGenerator", corpus: Corpus, findings: Findings) -> None:
    """Put the related lists on the articles (the topics plugin links topics and draws the map)."""
    attach_related(list(generator.articles), corpus.docs, findings)


def attach_related(articles: list[Any], docs: list[Doc], findings: Findings) -> None:
    """Set each article's `related` links, with reasons in words readers know."""
    by_key = {doc.key: article for doc, article in zip(docs, articles, strict=True)}
    for article, found, reasons in zip(articles, findings.matches, findings.reasons, strict=True):
        article.related = [
            RelatedLink(by_key[m.key], m.score, reason)
            for m, reason in zip(found, reasons, strict=True)
        ]


@dataclass(frozen=True, slots=True)
class RelatedJson:
    """What related.json says, worked out when it is written (once every URL is pinned)."""

    articles: list[Any]
    docs: list[Doc]
    matches: list[list[Match]]
    folder: str = ""  # where the last text is kept for the next build ('' for nowhere)
    corpus_digest: str = ""  # of the corpus the matches were found in

    def text(self) -> str:
        """Return the text of related.json: the last build's, if it would be the same."""
        if not self.folder or not self.corpus_digest:
            return json_lines(self.data())
        # The findings follow from the corpus; the file adds each article's slug and URL.
        hasher = hashlib.blake2b(self.corpus_digest.encode(), digest_size=20)
        for article in self.articles:
            hasher.update(f"{article.slug}\0{article.url}\0".encode())
        key = hasher.hexdigest()
        kept = findings_cache.load_text(self.folder, key)
        if kept is None:
            kept = json_lines(self.data())
            findings_cache.save_text(self.folder, key, kept)
        return kept

    def data(self) -> dict:
        urls = [article.url for article in self.articles]
        url_of = {doc.key: url for doc, url in zip(self.docs, urls, strict=True)}
        return {
            "articles": [
                {
                    "source_path": doc.key,
                    "slug": article.slug,
                    "url": url,
                    "title": article.title,
                    "related": [
                        {
                            "source_path": m.key,
                            "url": url_of[m.key],
                            "score": m.score,
                            "shared_topics": list(m.shared_topics),
                        }
                        for m in found
                    ],
                }
                for article, doc, found, url in zip(
                    self.articles, self.docs, self.matches, urls, strict=True
                )
            ]
        }


def add_json_generator(_pelican: object) -> type["RelatedJsonGenerator"]:
    return RelatedJsonGenerator


class RelatedJsonGenerator(Generator):
    """Write related.json for tooling and the theme."""

    def generate_output(self, writer: "Writer") -> None:
        save_as = self.settings.get("RELATED_JSON_SAVE_AS", "related.json")
        data = self.context.get("related_json")
        if save_as and data is not None:
            # Through the writer, as a page is: `check` plans it without making its text, and
            # a build leaves it alone when it already holds that text.
            writer.write_file(save_as, JsonText(data), self.context)


@dataclass(frozen=True, slots=True)
class JsonText:
    """related.json as Pelican's writer renders a template: its text, made when written."""

    data: RelatedJson
    name: str = "related.json"

    def render(self, _context: dict[str, Any]) -> str:
        return self.data.text()


def json_lines(data: dict[str, list[dict[str, Any]]]) -> str:
    """Return the JSON of related.json with one article per line: quick to write and to diff."""
    entries = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in data["articles"])
    return '{"articles": [\n' + entries + "\n]}\n"
