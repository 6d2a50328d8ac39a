"""Pelican glue for related_topics: articles to plain docs, results back onto articles."""

import json
import logging
import os
import posixpath
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelican.generators import Generator

from . import settings as plugin_settings
from .backlinks import referenced_by
from .crosslinks import link_mentions, mentioned_topics, topic_lookup
from .scoring import Doc, Match, build_model, related
from .text import surface_forms
from .topic_graph import TopicInfo, centroids, relate, suggest, topic_map_svg

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


def doc_for(article: Any, root: str) -> Doc:
    """Return the plain Doc the scorer sees for a Pelican article."""
    return Doc(
        key=Path(os.path.relpath(article.source_path, root)).as_posix(),
        title=article.title,
        summary=str(article.metadata.get("summary", "")),
        body=article._content,
        topics=tuple(tag.slug for tag in getattr(article, "tags", [])),
    )


def reason_for(match: Match, topic_names: dict[str, str], forms: dict[str, str]) -> str:
    """Return why two articles are related, in words a reader understands."""
    if match.shared_topics:
        return "Shared topics: " + ", ".join(topic_names.get(t, t) for t in match.shared_topics)
    return "Both discuss: " + ", ".join(forms.get(t, t) for t in match.shared_terms)


def topic_infos(generator: "ArticlesGenerator", docs: list[Doc]) -> list[TopicInfo]:
    """Return every topic in the vocabulary or used as a tag."""
    vocabulary = generator.context.get("topics", {})
    url_pattern = generator.settings.get("TAG_URL", "topics/{slug}/")
    infos = {
        slug: TopicInfo(
            slug, t.name, url_pattern.format(slug=slug), " ".join([*t.names, t.summary])
        )
        for slug, t in vocabulary.items()
    }
    for article in generator.articles:
        for tag in getattr(article, "tags", []):
            infos.setdefault(tag.slug, TopicInfo(tag.slug, tag.name, tag.url, tag.name))
    del docs
    return sorted(infos.values(), key=lambda info: info.slug)


def relate_articles(generator: "ArticlesGenerator") -> None:
    """Attach related articles, suggestions, cross-links and backlinks; fill the hub context."""
    started = time.perf_counter()
    config = plugin_settings.load(generator.settings)
    articles = list(generator.articles)
    root = generator.settings["PATH"]
    docs = [doc_for(article, root) for article in articles]
    model = build_model(docs)
    matches = related(docs, config.max_related, config.topic_weight, config.min_score, model)
    infos = topic_infos(generator, docs)
    topic_centroids = centroids(docs, model, infos)
    names = {info.slug: info.name for info in infos}
    by_topic: dict[str, set[str]] = {info.slug: set() for info in infos}
    suggested: dict[str, list[str]] = {}
    names_by_topic = {s: t.names for s, t in generator.context.get("topics", {}).items()}
    topic_of = topic_lookup(names_by_topic)
    for article, doc, vector in zip(articles, docs, model.vectors, strict=True):
        mentioned = set() if doc.topics else mentioned_topics(doc.body, names_by_topic, topic_of)
        article.suggested_topics = [] if doc.topics else suggest(vector, topic_centroids, mentioned)
        if article.suggested_topics:
            suggested[article.source_path] = article.suggested_topics
        for slug in doc.topics or article.suggested_topics:
            by_topic.setdefault(slug, set()).add(doc.key)
    by_key = dict(zip((d.key for d in docs), articles, strict=True))
    for article, doc, found in zip(articles, docs, matches, strict=True):
        wanted = {t for m in found if not m.shared_topics for t in m.shared_terms}
        forms = surface_forms(f"{doc.title} {doc.summary} {doc.body}", wanted) if wanted else {}
        article.related = [
            RelatedLink(by_key[m.key], m.score, reason_for(m, names, forms)) for m in found
        ]
    relations = relate(by_topic, topic_centroids)
    generator.context["suggested_topics"] = suggested
    generator.context["topic_relations"] = {s: [o for o, _ in r] for s, r in relations.items()}
    generator.context["topic_map_svg"] = topic_map_svg(
        [map_info(info, generator.settings) for info in infos],
        {slug: len(keys) for slug, keys in by_topic.items()},
        relations,
    )
    link_topics(generator, articles, config)
    references = referenced_by({d.key: d.body for d in docs})
    for article, doc in zip(articles, docs, strict=True):
        article.referenced_by = [by_key[k] for k in references.get(doc.key, [])]
    generator.context["related_json"] = related_json(articles, docs, matches)
    log.info(
        "related_topics: %d articles, %d topics, %d suggested in %.2fs",
        len(articles),
        len(infos),
        len(suggested),
        time.perf_counter() - started,
    )


def map_info(info: TopicInfo, settings: dict[str, Any]) -> TopicInfo:
    """Return `info` with a URL that works from the topic index page, where the map is shown."""
    if settings.get("RELATIVE_URLS"):
        index_folder = posixpath.dirname(settings.get("TOPICS_SAVE_AS", "topics/index.html"))
        url = posixpath.relpath(info.url, index_folder) + "/"
    else:
        url = f"{settings.get('SITEURL', '')}/{info.url}"
    return TopicInfo(info.slug, info.name, url, info.text)


def link_topics(generator: "ArticlesGenerator", articles: list[Any], config: Any) -> None:
    """Link first topic mentions in each article's body to the topic hubs."""
    vocabulary = generator.context.get("topics", {})
    names_by_topic = {slug: topic.names for slug, topic in vocabulary.items()}
    hrefs = {slug: "{tag}" + slug for slug in names_by_topic}
    for article in articles:
        article.topic_links = []
        if not config.topic_links or not names_by_topic:
            continue
        article._content, article.topic_links = link_mentions(
            article._content, names_by_topic, hrefs, config.topic_links_max
        )


def related_json(articles: list[Any], docs: list[Doc], matches: list[list[Match]]) -> dict:
    """Return the data of related.json."""
    url_of = {doc.key: article.url for doc, article in zip(docs, articles, strict=True)}
    return {
        "articles": [
            {
                "source_path": doc.key,
                "url": article.url,
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
            for article, doc, found in zip(articles, docs, matches, strict=True)
        ]
    }


class RelatedJsonGenerator(Generator):
    """Write related.json for tooling and the theme."""

    def generate_output(self, writer: "Writer") -> None:
        save_as = self.settings.get("RELATED_JSON_SAVE_AS", "related.json")
        data = self.context.get("related_json")
        if not save_as or data is None:
            return
        path = Path(self.output_path) / save_as
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
