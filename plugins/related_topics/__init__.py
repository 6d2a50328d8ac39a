"""Link related articles and topics, so the blog reads as a knowledge base.

Sets `article.related` (RelatedLink list), `article.referenced_by`, `article.topic_links` and
`article.suggested_topics`; links first topic mentions in `article._content`; puts
`suggested_topics`, `topic_relations` and `topic_map_svg` in the context for the topic hubs;
writes `related.json`.
"""

from pelican import signals

from .glue import RelatedJsonGenerator, relate_articles


def add_json_generator(_pelican: object) -> type[RelatedJsonGenerator]:
    return RelatedJsonGenerator


def register() -> None:
    signals.article_generator_finalized.connect(relate_articles)
    signals.get_generators.connect(add_json_generator)
