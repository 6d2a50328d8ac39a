"""What the topic hubs learn from the articles' text, on plain data: the topics each article
mentions (and where its first mentions get linked), topics suggested for untagged articles,
and how strongly topics relate to each other.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from .crosslinks import LinkOptions, Scan, scan
from .term_model import Doc, build_model
from .topic_graph import TopicInfo, centroids, relate, suggest_rows


@dataclass(frozen=True, slots=True)
class TopicFindings:
    """Everything found about a corpus, in the order of the docs it was given."""

    scans: list[Scan]
    suggestions: list[list[str]]  # empty for docs that have topics
    by_topic: dict[str, set[str]]  # topic -> doc keys, suggested ones included
    relations: dict[str, list[tuple[str, float]]]


def find_topic_relations(
    docs: Sequence[Doc], options: LinkOptions, topics: Sequence[TopicInfo]
) -> TopicFindings:
    """Return the scans, topic suggestions and topic relations of the corpus."""
    model = build_model(docs)
    scans = [scan(doc.body, options, doc.links_from) for doc in docs]
    topic_centroids = centroids(docs, model, topics)
    untagged = [row for row, doc in enumerate(docs) if not doc.topics]
    proposals = suggest_rows(
        model, untagged, topic_centroids, [scans[row].mentioned for row in untagged]
    )
    suggestions: list[list[str]] = [[] for _ in docs]
    for row, proposal in zip(untagged, proposals, strict=True):
        suggestions[row] = proposal
    by_topic = topics_with_docs(docs, suggestions, topics)
    return TopicFindings(scans, suggestions, by_topic, relate(by_topic, topic_centroids))


def topics_with_docs(
    docs: Sequence[Doc], suggestions: Sequence[Sequence[str]], topics: Sequence[TopicInfo]
) -> dict[str, set[str]]:
    """Return each topic's doc keys: the docs filed under it, or suggested for it if untagged."""
    by_topic: dict[str, set[str]] = {topic.slug: set() for topic in topics}
    for doc, suggested in zip(docs, suggestions, strict=True):
        for slug in doc.topics or suggested:
            by_topic.setdefault(slug, set()).add(doc.key)
    return by_topic
