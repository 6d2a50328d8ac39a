"""Assemble topic hubs: each topic with its essays, Q&As and related topics.

Articles come in as any objects with `tags`, `source_path`, `type` and `date`; the core
never imports Pelican.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from coaching_kb.content.topics import Topic


@dataclass(slots=True)
class TopicHub:
    """What a topic's page shows."""

    slug: str
    name: str
    url: str
    description_html: str = ""
    summary: str = ""
    essays: list[Any] = field(default_factory=list)
    answers: list[Any] = field(default_factory=list)
    related: list["TopicHub"] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Return how many articles the hub lists."""
        return len(self.essays) + len(self.answers)


def build_hubs(
    topics: Mapping[str, Topic],
    articles: Iterable[Any],
    suggested: Mapping[str, list[str]],
    relations: Mapping[str, list[str]],
    url_pattern: str = "topics/{slug}/",
    tags_are_topics: bool = True,
) -> list[TopicHub]:
    """Return one hub per topic (and per tag outside the vocabulary, if `tags_are_topics`),
    sorted by name."""
    hubs: dict[str, TopicHub] = {
        slug: TopicHub(slug, t.name, url_pattern.format(slug=slug), t.description_html, t.summary)
        for slug, t in topics.items()
    }
    articles = sorted(articles, key=lambda a: a.date, reverse=True)
    # A suggestion may name a tag outside the vocabulary: it is known by the tag's own name.
    names = {tag.slug: tag.name for a in articles for tag in getattr(a, "tags", [])}
    names.update((slug, t.name) for slug, t in topics.items())
    for article in articles:
        slugs = [(tag.slug, tag.name) for tag in getattr(article, "tags", [])]
        if not slugs:
            slugs = [(s, names.get(s, s)) for s in suggested.get(article.source_path, [])]
        for slug, name in slugs:
            if not slug:  # a tag with no letters has no page (`invoke check` says so)
                continue
            if not (tags_are_topics or slug in topics):  # the owner's tag: Pelican's page
                continue
            hub = hubs.setdefault(slug, TopicHub(slug, name, url_pattern.format(slug=slug)))
            shelf = hub.answers if getattr(article, "type", "") == "qa" else hub.essays
            shelf.append(article)
    for slug, hub in hubs.items():
        hub.related = [hubs[other] for other in relations.get(slug, []) if other in hubs]
    return sorted(hubs.values(), key=lambda hub: hub.name.lower())


def split_index(hubs: list[TopicHub], detailed: int) -> tuple[list[TopicHub], list[TopicHub]]:
    """Return the hubs the topic index describes (the biggest) and those it only links to.

    A site with a thousand tags would otherwise get a topic index of several hundred KB.
    Both lists stay in name order.
    """
    if len(hubs) <= detailed:
        return hubs, []
    biggest = {id(hub) for hub in sorted(hubs, key=lambda h: (-h.count, h.slug))[:detailed]}
    return [h for h in hubs if id(h) in biggest], [h for h in hubs if id(h) not in biggest]
