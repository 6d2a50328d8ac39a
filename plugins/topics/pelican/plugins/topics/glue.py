"""Pelican glue for topics: canonical tags on articles, topic links, and the hub pages."""

import functools
import html
import logging
import os
import posixpath
import time
from collections.abc import Iterable
from dataclasses import dataclass
from gettext import NullTranslations
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from pelican.generators import Generator
from pelican.urlwrappers import Tag

from coaching_kb.content.body import body_of, set_body
from coaching_kb.content.letters import SEPARATOR
from coaching_kb.content.paths import located
from coaching_kb.content.topics import Vocabulary, load_all_topics, topic_files

from .backlinks import referenced_by
from .crosslinks import LinkOptions, link_options
from .graph import find_topic_relations
from .hubs import TopicHub, build_hubs, split_index
from .settings import load as load_settings
from .term_model import Doc
from .topic_graph import TopicInfo, vocabulary_infos
from .topic_map import (
    LOCAL_NEIGHBOURS,
    arc_map_svg,
    local_map_svg,
    topic_groups,
    topic_map_svg,
)

if TYPE_CHECKING:
    from pelican.generators import ArticlesGenerator
    from pelican.writers import Writer

log = logging.getLogger(__name__)


def resolve_article_topics(generator: "ArticlesGenerator") -> None:
    """Replace each article's tags by its canonical topics; log unknown ones as errors."""
    settings = generator.settings
    topics, errors = load_all_topics(settings)
    for error in errors:
        log.error("topics: %s", error)
    vocabulary = Vocabulary(topics)
    generator.context["topics"] = topics
    if not vocabulary:
        return
    keeps_tags = not load_settings(settings).topic_hubs_for_tags
    # Drafts too, as warnings: a typo is found while writing, not on the day of publishing.
    for article in [*generator.articles, *generator.drafts]:
        report = log.warning if article.status == "draft" else log.error
        canonical = []
        for tag in getattr(article, "tags", []):
            topic = vocabulary.resolve(tag.name)
            if topic is None and keeps_tags:  # the owner's own tag, outside our vocabulary
                canonical.append(tag)
                continue
            if topic is None:
                where = located(settings, article.source_path, "tags")
                report("topics: %s: %s", where, vocabulary.unknown_message(tag.name))
                continue
            canonical.append(topic_tag(topic.name, topic.slug, settings))
        article.tags = list(dict.fromkeys(canonical))


OPTED_OUT = ("no", "off", "false", "0")


def link_topics(generator: "ArticlesGenerator") -> None:
    """Link first topic mentions, suggest topics for untagged articles, find backlinks, and put
    the topic relations and graph in the context the hubs and maps read."""
    started = time.perf_counter()
    settings = generator.settings
    articles = list(generator.articles)
    docs = [doc_for(article, settings["PATH"]) for article in articles]
    infos = topic_infos(generator)
    found = find_topic_relations(docs, link_options_for(settings, generator.context), infos)
    generator.context["suggested_topics"] = {
        article.source_path: suggested
        for article, suggested in zip(articles, found.suggestions, strict=True)
        if suggested
    }
    generator.context["topic_relations"] = {
        slug: [other for other, _ in related] for slug, related in found.relations.items()
    }
    counts = {slug: len(keys) for slug, keys in found.by_topic.items()}
    generator.context["topic_graph"] = TopicGraph(infos, counts, found.relations)
    references = referenced_by({d.key: d.body for d in docs})
    by_key = dict(zip((d.key for d in docs), articles, strict=True))
    for article, doc, scanned, suggested in zip(
        articles, docs, found.scans, found.suggestions, strict=True
    ):
        article.suggested_topics = suggested
        set_body(article, scanned.linked(doc.body))
        article.topic_links = list(scanned.topic_links)
        article.referenced_by = [by_key[k] for k in references.get(doc.key, [])]
    log.info(
        "topics: %d articles, %d topics, %d suggested in %.2fs",
        len(docs),
        len(infos),
        sum(1 for s in found.suggestions if s),
        time.perf_counter() - started,
    )


def doc_for(article: Any, root: str) -> Doc:
    """Return the plain Doc the topic graph sees for a Pelican article."""
    return Doc(
        key=content_key(article.source_path, root),
        title=article.title,
        summary=str(article.metadata.get("summary", "")),
        body=body_of(article),
        topics=tuple(tag.slug for tag in getattr(article, "tags", [])),
        lang=str(getattr(article, "lang", "en") or "en"),
        links_from=links_from(article),
    )


def links_from(article: Any) -> int:
    """Return where topic links may start in the article's HTML (-1: nowhere).

    An article with `Topic_Links: no` gets none; in a Q&A only the answer is linked, as the
    letter is the reader's own words.
    """
    if str(article.metadata.get("topic_links", "")).strip().lower() in OPTED_OUT:
        return -1
    if getattr(article, "type", "") == "qa" and (match := SEPARATOR.search(body_of(article))):
        return match.end()
    return 0


def content_key(path: str, root: str) -> str:
    """Return `path` relative to the content folder `root`, with forward slashes."""
    prefix = os.path.join(root, "")
    relative = path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, root)
    return relative.replace(os.sep, "/")


def link_options_for(settings: dict[str, Any], context: dict[str, Any]) -> LinkOptions:
    """Return the cross-link options of a build with these settings and topic vocabulary."""
    config = load_settings(settings)
    names_by_topic = {slug: topic.names for slug, topic in context.get("topics", {}).items()}
    limit = config.topic_links_max if config.topic_links else 0
    return link_options(names_by_topic, topic_hrefs(settings, names_by_topic), limit)


def topic_hrefs(settings: dict[str, Any], slugs: Iterable[str]) -> dict[str, str]:
    """Return the href of each topic's hub: its file's, as this plugin has Pelican resolve it
    (a dictionary lookup, where a `{tag}` link builds and slugifies a Tag)."""
    files = topic_files(settings)
    return {
        slug: f"{{filename}}/{quote(files[slug])}" if slug in files else "{tag}" + slug
        for slug in slugs
    }


def topic_infos(generator: "ArticlesGenerator") -> list[TopicInfo]:
    """Return every topic in the vocabulary or used as a tag."""
    vocabulary = generator.context.get("topics", {})
    url_pattern = generator.settings.get("TAG_URL", "topics/{slug}/")
    infos = {info.slug: info for info in vocabulary_infos(vocabulary, url_pattern)}
    if not load_settings(generator.settings).topic_hubs_for_tags:
        return sorted(infos.values(), key=lambda info: info.slug)
    for article in generator.articles:
        for tag in getattr(article, "tags", []):
            if tag.slug not in infos:
                infos[tag.slug] = TopicInfo(tag.slug, tag.name, tag.url, tag.name)
    return sorted(infos.values(), key=lambda info: info.slug)


def strongest_topics(infos: list[TopicInfo], counts: dict[str, int], limit: int) -> list[TopicInfo]:
    """Return the `limit` topics with the most articles (ties by slug), for the map."""
    ranked = sorted(infos, key=lambda info: (-counts.get(info.slug, 0), info.slug))
    return ranked[:limit]


def index_folder(settings: dict[str, Any]) -> str:
    """Return the folder of the topic index page, where the map is shown."""
    return posixpath.dirname(settings.get("TOPICS_SAVE_AS", "topics/index.html"))


def map_info(info: TopicInfo, settings: dict[str, Any], folder: str) -> TopicInfo:
    """Return `info` with a URL that works from a page saved in `folder`."""
    if settings.get("RELATIVE_URLS"):  # as Pelican writes them: the way to the root, then the URL
        url = f"{way_to_root(folder)}/{info.url}"
    else:
        url = f"{settings.get('SITEURL', '')}/{info.url}"
    return TopicInfo(info.slug, info.name, url, info.text)


@functools.lru_cache(maxsize=64)  # every hub sits as deep as the others: one answer, 6,000 asks
def way_to_root(folder: str) -> str:
    """Return the relative way from a page saved in `folder` to the site's root."""
    return posixpath.relpath(".", folder or ".")


def local_maps(
    infos: list[TopicInfo],
    counts: dict[str, int],
    relations: dict[str, list[tuple[str, float]]],
    settings: dict[str, Any],
    colours: dict[str, int],
    words: Any = None,
) -> dict[str, str]:
    """Return each topic's local map (itself and its nearest topics), by slug."""
    words = words or NullTranslations()
    hub_pattern = settings.get("TOPIC_SAVE_AS", "topics/{slug}/index.html")
    by_slug = {info.slug: info for info in infos}
    maps = {}
    for info in infos:
        folder = posixpath.dirname(hub_pattern.format(slug=info.slug))
        near = [by_slug[o] for o, _ in relations.get(info.slug, []) if o in by_slug]
        shown = [map_info(i, settings, folder) for i in (info, *near[:LOCAL_NEIGHBOURS])]
        maps[info.slug] = local_map_svg(shown[0], shown[1:], counts, relations, colours, words)
    return maps


def topic_tag(name: str, slug: str, settings: dict[str, Any]) -> Tag:
    """Return a Pelican Tag whose URL is the hub of the topic `slug`."""
    tag = Tag(name, settings)
    tag.slug = slug
    return tag


def assemble_hubs(generators: list[Generator]) -> None:
    """Put the topic hubs, the featured topics and the example searches in the context every
    generator shares."""
    if not generators:
        return
    context, settings = generators[0].context, generators[0].settings
    hubs = build_hubs(
        topics=context.get("topics", {}),
        articles=context.get("articles", []),
        suggested=context.get("suggested_topics", {}),
        relations=context.get("topic_relations", {}),
        url_pattern=settings.get("TAG_URL", "topics/{slug}/"),
        tags_are_topics=load_settings(settings).topic_hubs_for_tags,
    )
    context["topic_hubs"] = hubs
    if graph := context.get("topic_graph"):
        draw_topic_maps(context, settings, graph)
    link_hub_sources(context, hubs, topic_files(settings))
    give_search_terms(hubs, context.get("topics", {}), site_words(context))
    by_size = [
        hub for hub in sorted(hubs, key=lambda hub: (-hub.count, hub.name.lower())) if hub.count
    ]
    featured = settings.get("TOPICS_ON_HOME", 6)
    context["featured_topics"] = by_size[:featured]
    # Searches to suggest: the biggest topics not already featured (a small site's own).
    context["search_examples"] = (by_size[featured:] or by_size)[:3]


@dataclass(frozen=True, slots=True)
class TopicGraph:
    """The topics, their article counts and their scored relations, as `link_topics` found
    them, for the maps drawn once the whole site is read."""

    infos: list[TopicInfo]
    counts: dict[str, int]
    relations: dict[str, list[tuple[str, float]]]


def draw_topic_maps(context: dict[str, Any], settings: dict[str, Any], graph: TopicGraph) -> None:
    """Put the topic index's maps and each hub's local map in the context.

    Drawn here, with the whole site read, not in `link_topics`: the live preview runs that
    for one edited article alone, and a map of one article's topics is all the map's cost
    for nothing.
    """
    shown = strongest_topics(graph.infos, graph.counts, load_settings(settings).topic_map_max)
    on_index = [map_info(info, settings, index_folder(settings)) for info in shown]
    colours = topic_groups(shown, graph.relations)  # the map's topics: a few dozen at most
    words = site_words(context)
    context["topic_map_groups"] = colours  # for the map's legend
    context["topic_map_svg"] = topic_map_svg(
        on_index, graph.counts, graph.relations, colours, words=words
    )
    context["topic_map_narrow_svg"] = arc_map_svg(
        on_index, graph.counts, graph.relations, colours, words=words
    )
    context["topic_local_maps"] = local_maps(
        graph.infos, graph.counts, graph.relations, settings, colours, words
    )


# Where the theme_context plugin keeps the theme's words (its catalogs), when it is loaded.
THEME_WORDS = "theme_words"


def site_words(context: dict[str, Any]) -> Any:
    """Return the words (gettext's interface) of the site's language: the theme's catalogs'
    for DEFAULT_LANG when the theme_context plugin gave them, else English. Topic pages and
    the maps have no language of their own."""
    words = context.get(THEME_WORDS)
    return words.for_language(None) if words is not None else NullTranslations()


def link_hub_sources(context: dict[str, Any], hubs: list[TopicHub], files: dict[str, str]) -> None:
    """Let a `{filename}` link to a topic's file reach its hub, as a link to an article's
    file reaches the article (Pelican looks the file up among the content it generated)."""
    generated = context.get("generated_content")
    if generated is None:
        return
    by_slug = {hub.slug: hub for hub in hubs}
    for slug, path in files.items():
        if slug in by_slug:
            generated.setdefault(path, by_slug[slug])


def give_search_terms(hubs: list[TopicHub], topics: dict[str, Any], words: Any = None) -> None:
    """Set `article.topic_terms`: a line per hub that lists the article, with the topic's name
    and aliases, so search finds an article by its topics (suggested ones included). Written
    as a sentence, because a search result may quote it."""
    for hub in hubs:
        names = topics[hub.slug].names if hub.slug in topics else (hub.name,)
        aliases = [n for n in names if n.casefold() != hub.name.casefold()]
        line = filed_under(hub.name, aliases, words)
        for article in (*hub.essays, *hub.answers):
            article.__dict__.setdefault("topic_terms", []).append(line)


# The line search reads, in the site's language (see site_words); plain text, not HTML.
FILED_UNDER = "Filed under %(topic)s."
FILED_UNDER_ALIASES = "Filed under %(topic)s: %(aliases)s."
MESSAGES = (FILED_UNDER, FILED_UNDER_ALIASES)


def filed_under(name: str, aliases: list[str], words: Any = None) -> str:
    """Return e.g. 'Filed under Confidence: self-doubt, impostor syndrome.'"""
    said = (words or NullTranslations()).gettext(FILED_UNDER_ALIASES if aliases else FILED_UNDER)
    return html.unescape(said) % {"topic": name, "aliases": ", ".join(aliases)}


class TopicHubGenerator(Generator):
    """Write one hub page per topic and the topic index."""

    def generate_output(self, writer: "Writer") -> None:
        started = time.perf_counter()
        hubs = self.context.get("topic_hubs", [])
        for hub in hubs:
            self._write_hub(writer, hub)
        if not hubs:
            return  # no topics and no tags: an empty index would only be a dead end
        detailed, compact = split_index(hubs, self.settings.get("TOPICS_INDEX_DETAILED", 60))
        writer.write_file(
            self.settings.get("TOPICS_SAVE_AS", "topics/index.html"),
            self.get_template("topics"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings.get("TOPICS_URL", "topics/"),
            hubs=detailed,
            more_hubs=compact,
            topic_map=self.context.get("topic_map_svg", ""),
            page_name="topics/index",
        )
        log.info("topics: %d hubs in %.2fs", len(hubs), time.perf_counter() - started)

    def _write_hub(self, writer: "Writer", hub: TopicHub) -> None:
        writer.write_file(
            self.settings.get("TOPIC_SAVE_AS", "topics/{slug}/index.html").format(slug=hub.slug),
            self.get_template("topic"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=hub.url,
            hub=hub,
            page_name=f"topics/{hub.slug}/index",
        )
