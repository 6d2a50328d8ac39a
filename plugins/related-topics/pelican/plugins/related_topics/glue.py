"""Pelican glue for related_topics: articles to plain docs, related links back onto them,
the list into pages of themes that do not show it, and related.json."""

import functools
import json
import logging
import os
import sys
import time
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pelican.generators import ArticlesGenerator, Generator

from . import settings as plugin_settings
from .cache import EmbeddingCache, lists_key, save_lists, saved_lists
from .meaning import DIMENSIONS, MiniLM, MissingModelError, embed_with_progress, model_id
from .ranking import Doc, Match, Meaning, relate
from .settings import RelatedSettings
from .text import passages, plain_text
from .words import HEADING, reason_in, words_for

if TYPE_CHECKING:
    from pelican.writers import Writer

log = logging.getLogger(__name__)
TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """A related article as a theme shows it: `article.related` is a list of these."""

    article: Any
    score: float  # 0 to 1
    reason: str  # why it is related, in words a reader knows

    # Read when the page is written: a later plugin may still pin an article's URL.
    @property
    def url(self) -> str:
        return self.article.url

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def summary(self) -> str:
        return self.article.summary


def settings_of(generator: Generator) -> RelatedSettings:
    """Return the plugin's settings, warning about each one set wrong."""
    found, problems = plugin_settings.load(generator.settings, SettingsFiles(generator.settings))
    for problem in problems:
        log.warning("%s", problem)
    return found


class SettingsFiles:
    """Where a setting was written: the settings file Pelican read, and the one it imports
    the setting from. Pelican loads a settings file as a module of that name (in sys.modules,
    with its __file__, as `pelican.settings.get_settings_from_file` does); a file that imports
    another (`from pelicanconf import *`) holds every name of it and more."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings

    def __call__(self, key: str) -> str:
        value = self.settings[key]
        names = [getattr(module, "__dict__", {}) for module in list(sys.modules.values())]
        holding = [
            found
            for found in names
            if str(found.get("__file__") or "").endswith(".py") and found.get(key, self) is value
        ]
        if not holding:  # `pelican -e` or a program calling Pelican with a dict
            return "the settings given outside a file (pelican -e)"
        by_size = sorted(holding, key=len)
        read, written = shown(by_size[-1]["__file__"]), shown(by_size[0]["__file__"])
        return read if read == written else f"{read} (from {written})"


def shown(path: str) -> str:
    """Return `path` relative to the current folder when it is inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def relate_all_articles(generators: list[Generator]) -> None:
    """Relate the articles of each articles generator.

    Once every generator has read its content: an article's HTML (`article.content`) then has
    its links to pages resolved, as Pelican keeps the first HTML it makes.
    """
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            relate_articles(generator)


def relate_articles(generator: ArticlesGenerator) -> None:
    """Set `article.related` on every article; keep the lists for related.json."""
    started = time.perf_counter()
    config = settings_of(generator)
    articles = list(generator.articles)
    docs = [doc_for(article, generator.settings["PATH"]) for article in articles]
    found, how = related_lists(docs, config, generator.settings)
    by_key = {doc.key: article for doc, article in zip(docs, articles, strict=True)}
    names = {tag.slug: tag.name for a in articles for tag in getattr(a, "tags", [])}
    titles = {doc.key: doc.title for doc in docs}
    reasons = [[reason_for(m, names, titles[m.key]) for m in matches] for matches in found]
    for article, matches, said in zip(articles, found, reasons, strict=True):
        article.related = [
            RelatedLink(by_key[m.key], m.score, reason)
            for m, reason in zip(matches, said, strict=True)
        ]
    relate_translations(articles)
    for article in articles:  # an article with no original in its language (Portuguese only)
        article.related = in_own_language(article.related, article.lang)
    generator.context["related_topics"] = RelatedJson(
        articles, docs, found, reasons, config.auto_insert, config.heading
    )
    log.info(
        "related_topics: %d articles related (%s) in %.2fs",
        len(docs),
        how,
        time.perf_counter() - started,
    )


def relate_translations(articles: list[Any]) -> None:
    """Give each translation its original's list, each link to the related article's
    translation in the same language where there is one: a reader of the Portuguese page
    reads on in Portuguese. Translations are not related themselves: they say what their
    original says, and would list one another."""
    for article in articles:
        for translation in getattr(article, "translations", []):
            translation.related = in_own_language(article.related, translation.lang)


def in_own_language(links: list[RelatedLink], lang: str) -> list[RelatedLink]:
    """Return `links`, each to the related article's translation in `lang` where there is one."""
    return [swapped(link, in_language(link.article, lang)) for link in links]


def swapped(link: RelatedLink, article: Any) -> RelatedLink:
    """Return `link` to `article`: a quote, or the words two originals share, are the
    originals' words, not the translation's, so a link swapped to its translation says only
    that it is close in meaning."""
    if article is link.article:
        return link
    said_in_words = link.reason.startswith(("Close in meaning", "Both discuss"))
    reason = "Close in meaning" if said_in_words else link.reason
    return RelatedLink(article, link.score, reason)


def in_language(article: Any, lang: str) -> Any:
    """Return the article's translation in `lang`, else the article."""
    found = [t for t in getattr(article, "translations", []) if t.lang == lang]
    return found[0] if found else article


def doc_for(article: Any, root: str) -> Doc:
    """Return the plain Doc the ranking sees for a Pelican article."""
    # Pelican's title is HTML (a reST title's "&" is "&amp;"): the ranking reads its words.
    title = plain_text(article.title)
    summary = plain_text(str(article.metadata.get("summary", "")))
    body = plain_text(article.content)
    text = f"{title}. {summary} {body}"
    return Doc(
        key=content_key(article.source_path, root),
        title=title,
        text=text,
        topics=tuple(tag.slug for tag in getattr(article, "tags", [])),
        lang=str(getattr(article, "lang", "en") or "en"),
        summary=summary,
        has_text=bool(summary or body),
    )


def content_key(path: str, root: str) -> str:
    """Return `path` relative to the content folder `root`, with forward slashes."""
    inside = os.path.join(root, "")
    # Pelican gives both absolute: the prefix is all there is to cut (relpath took 0.08 s a
    # thousand articles).
    found = path[len(inside) :] if path.startswith(inside) else os.path.relpath(path, root)
    return found.replace(os.sep, "/")


# Settings that change where or whether lists are shown, never what they hold.
NOT_SHAPING_LISTS = frozenset({"cache_path", "auto_insert", "json_save_as", "heading"})


def related_lists(
    docs: list[Doc], config: RelatedSettings, settings: dict[str, Any]
) -> tuple[list[list[Match]], str]:
    """Return each doc's related matches, from the lists cache when nothing that shapes them
    changed, and how they were made (for the log)."""
    folder = cache_folder(config, settings)
    shaping = [
        f"{f.name}={getattr(config, f.name)!r}"
        for f in fields(config)
        if f.name not in NOT_SHAPING_LISTS
    ]
    key = lists_key(docs, [*shaping, model_id() if config.model else "no model"])
    if (found := saved_lists(folder, key)) is not None:
        log.debug("related_topics: lists unchanged, read from %s", folder)
        return found, "unchanged, from the cache"
    meaning = meaning_of(docs, config, settings)
    found = relate(docs, config.max, config.min_score, meaning)
    save_lists(folder, key, found)
    return found, "terms and meaning" if meaning else "terms"


def meaning_of(
    docs: list[Doc], config: RelatedSettings, settings: dict[str, Any]
) -> Meaning | None:
    """Return the sentence model's vectors of the docs, from the cache where it has them.

    The model reads English: other docs get no vector (the ranking relates them by their
    terms), and a site with no English doc never loads it.
    """
    english = [doc.lang.startswith("en") for doc in docs]
    if not config.model or len(docs) < 2 or not any(english):
        return None
    cut = [passages(doc.read_by_model(), config.passage_words, config.max_passages) for doc in docs]
    setup = f"{model_id()}\0{config.passage_words}\0{config.max_passages}"
    cache = EmbeddingCache(cache_folder(config, settings), setup, DIMENSIONS)
    read = [found for found, is_read in zip(cut, english, strict=True) if is_read]
    flat = [passage for found in read for passage in found]
    try:
        embed = functools.partial(embed_with_progress, embed=MiniLM())
        vectors = iter(cache.vectors_of(flat, embed))
    except MissingModelError as error:
        log.error("%s", error)
        return None
    cache.save({cache.key(passage) for passage in flat})
    unread = np.zeros(DIMENSIONS, dtype=np.float32)  # the ranking gives these no meaning score
    per_doc = [
        np.stack([next(vectors) if is_read else unread for _ in found])
        for found, is_read in zip(cut, english, strict=True)
    ]
    means = [rows.mean(axis=0) for rows in per_doc]
    return Meaning(unit(means), cut, per_doc)


def unit(rows: list[Any]) -> Any:
    matrix = np.vstack(rows)
    lengths = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(lengths > 0, lengths, 1.0)


def cache_folder(config: RelatedSettings, settings: dict[str, Any]) -> str:
    """Return where the caches are kept: the setting, else under Pelican's CACHE_PATH."""
    return config.cache_path or os.path.join(settings.get("CACHE_PATH", "cache"), "related_topics")


PASSAGE_WORDS_SHOWN = 12


def reason_for(match: Match, topic_names: dict[str, str], title: str = "") -> str:
    """Return why two articles are related, in words a reader understands; `title` is the
    related article's, which the list already shows as its link."""
    if match.shared_topics:
        return "Shared topics: " + ", ".join(topic_names.get(t, t) for t in match.shared_topics)
    if match.shared_terms:
        return "Both discuss: " + ", ".join(match.shared_terms)
    if match.passage:
        # The model reads "Title. Summary": quoting the title again under its own link says
        # nothing, so the quote starts after it.
        quoted = match.passage.removeprefix(" ".join(title.split()) + ". ") if title else ""
        words = (quoted or match.passage).split()
        shown = words[:PASSAGE_WORDS_SHOWN]
        # A quote cut where a sentence ends is that sentence: no ellipsis after its full stop.
        rest = words[len(shown) :]
        more = "…" if rest and not ends_sentence(shown[-1], rest[0]) else ""
        return f"Close in meaning: “{' '.join(shown)}{more}”"
    # The words they share are all in most of the site's articles: none says what it is about.
    return "Similar wording"


def ends_sentence(word: str, next_word: str) -> bool:
    """Return whether a sentence ends at `word`: when the next word starts one ("mean? 18F
    surveyed"), not when it goes on in lower case ("at 9 a.m. sharp", "the U.S. government")."""
    letters = [c for c in next_word if c.isalnum()]
    return word.endswith((".", "!", "?")) and bool(letters) and not letters[0].islower()


def insert_list(path: str, context: dict[str, Any]) -> None:
    """Add the related list after the article's text in its written page, in a theme that
    does not show it itself (RELATED_TOPICS_AUTO_INSERT)."""
    article = context.get("article")
    if article is None or not getattr(article, "related", None):
        return
    # The decision made once when relating (settings read per page cost 0.4 s at 1,000).
    lists = context.get("related_topics")
    if not getattr(lists, "auto_insert", False) or not path.endswith((".html", ".htm")):
        return
    page = Path(path)
    markup = page.read_text(encoding="utf-8")
    words = words_for(getattr(article, "lang", ""), context.get("DEFAULT_LANG", ""))
    heading = lists.heading or words.get(HEADING, HEADING)
    links = [replace(link, reason=reason_in(words, link.reason)) for link in article.related]
    listed = list_html(links, context.get("SITEURL", ""), heading)
    page.write_text(inserted(markup, article.content, listed), encoding="utf-8")


def list_html(links: list[RelatedLink], siteurl: str, heading: str = HEADING) -> str:
    """Return the list as the plugin's own template renders it."""
    return str(list_macro()(links, siteurl, heading))


@functools.cache
def list_macro() -> Any:
    """Return the plugin's template macro, compiled once per process (it never changes)."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"])
    )
    return environment.get_template("related_topics.html").module.related_topics


def inserted(page: str, content: str, listed: str) -> str:
    """Return `page` with `listed` after the article's text (else before the article's or the
    body's end, for a theme that changed the text)."""
    at = page.rfind(content) + len(content) if content and content in page else -1
    for end in ("</article>", "</body>"):
        if at < 0:
            at = page.rfind(end)
    return page + listed if at < 0 else page[:at] + listed + page[at:]


@dataclass(frozen=True, slots=True)
class RelatedJson:
    """What related.json says, worked out when it is written (once every URL is pinned)."""

    articles: list[Any]
    docs: list[Doc]
    matches: list[list[Match]]
    reasons: list[list[str]]
    auto_insert: bool  # RELATED_TOPICS_AUTO_INSERT: insert_list adds the lists to pages
    heading: str = ""  # RELATED_TOPICS_HEADING: their heading ('' for the page's language's)

    def text(self) -> str:
        """Return related.json with one article per line: quick to write and to diff."""
        url_of = {doc.key: a.url for doc, a in zip(self.docs, self.articles, strict=True)}
        entries = [
            {
                "source_path": doc.key,
                "slug": article.slug,
                "url": article.url,
                "title": doc.title,  # plain text, for tools (pages show Pelican's HTML)
                "related": [
                    {
                        "source_path": m.key,
                        "url": url_of[m.key],
                        "score": m.score,
                        "shared_topics": list(m.shared_topics),
                        "reason": reason,
                    }
                    for m, reason in zip(found, reasons, strict=True)
                ],
            }
            for article, doc, found, reasons in zip(
                self.articles, self.docs, self.matches, self.reasons, strict=True
            )
        ]
        lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in entries)
        return '{"articles": [\n' + lines + "\n]}\n"


def add_json_generator(_pelican: object) -> type["RelatedJsonGenerator"]:
    return RelatedJsonGenerator


class RelatedJsonGenerator(Generator):
    """Write related.json for tooling."""

    def generate_output(self, writer: "Writer") -> None:
        config, _ = plugin_settings.load(self.settings)
        data = self.context.get("related_topics")
        if config.json_save_as and data is not None:
            # Through the writer, as a page is: a site's own file saved there is reported.
            writer.write_file(config.json_save_as, JsonText(data), self.context)


@dataclass(frozen=True, slots=True)
class JsonText:
    """related.json as Pelican's writer renders a template: its text, made when written."""

    data: RelatedJson
    name: str = "related.json"

    def render(self, _context: dict[str, Any]) -> str:
        return self.data.text()
