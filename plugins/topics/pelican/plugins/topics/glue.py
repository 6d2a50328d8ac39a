"""Pelican glue for topics: canonical tags on articles, and the hub pages."""

import logging
import time
from typing import TYPE_CHECKING, Any

from pelican.generators import Generator
from pelican.urlwrappers import Tag

from coaching_kb.content.paths import located
from coaching_kb.content.topics import Vocabulary, load_all_topics, topic_files

from .hubs import TopicHub, build_hubs, split_index

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
    # Drafts too, as warnings: a typo is found while writing, not on the day of publishing.
    for article in [*generator.articles, *generator.drafts]:
        report = log.warning if article.status == "draft" else log.error
        canonical = []
        for tag in getattr(article, "tags", []):
            topic = vocabulary.resolve(tag.name)
            if topic is None:
                where = located(settings, article.source_path, "tags")
                report("topics: %s: %s", where, vocabulary.unknown_message(tag.name))
                continue
            canonical.append(topic_tag(topic.name, topic.slug, settings))
        article.tags = list(dict.fromkeys(canonical))


def topic_tag(name: str, slug: str, settings: dict[str, Any]) -> Tag:
    """Return a Pelican Tag whose URL is the hub of the topic `slug`."""
    tag = Tag(name, settings)
    tag.slug = slug
    return tag


def assemble_hubs(generators: list[Generator]) -> None:
    """Put the topic hubs and the featured topics in the context every generator shares."""
    if not generators:
        return
    context, settings = generators[0].context, generators[0].settings
    hubs = build_hubs(
        topics=context.get("topics", {}),
        articles=context.get("articles", []),
        suggested=context.get("suggested_topics", {}),
        relations=context.get("topic_relations", {}),
        url_pattern=settings.get("TAG_URL", "topics/{slug}/"),
    )
    context["topic_hubs"] = hubs
    link_hub_sources(context, hubs, topic_files(settings))
    give_search_terms(hubs, context.get("topics", {}))
    by_size = sorted(hubs, key=lambda hub: (-hub.count, hub.name.lower()))
    context["featured_topics"] = [hub for hub in by_size if hub.count][
        : settings.get("TOPICS_ON_HOME", 6)
    ]


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


def give_search_terms(hubs: list[TopicHub], topics: dict[str, Any]) -> None:
    """Set `article.topic_terms`: a line per hub that lists the article, with the topic's name
    and aliases, so search finds an article by its topics (suggested ones included). Written
    as a sentence, because a search result may quote it."""
    for hub in hubs:
        names = topics[hub.slug].names if hub.slug in topics else (hub.name,)
        line = filed_under(hub.name, [n for n in names if n.casefold() != hub.name.casefold()])
        for article in (*hub.essays, *hub.answers):
            article.__dict__.setdefault("topic_terms", []).append(line)


def filed_under(name: str, aliases: list[str]) -> str:
    """Return e.g. 'Filed under Confidence: self-doubt, impostor syndrome.'"""
    return f"Filed under {name}: {', '.join(aliases)}." if aliases else f"Filed under {name}."


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
