"""Hold articles' `Tags` to the topic vocabulary and publish a hub page per topic.

Reads `content/topics/*.md`; sets context `topics` (slug -> Topic), `topic_hubs`,
`featured_topics` (for the home page), `search_examples` (topics to
suggest searching for), `suggested_topics`, `topic_relations`,
`topic_map_svg` and `topic_map_groups` (slug -> colour group of each topic on the map);
sets `article.topic_terms` (a line per topic the article is filed under, with
its aliases, for search), `article.topic_links`, `article.suggested_topics` and
`article.referenced_by`; links first topic mentions in each article's HTML; and writes
`topics/<slug>/index.html` and `topics/index.html`.
"""

from pelican import signals

from .glue import TopicHubGenerator, assemble_hubs, link_topics, resolve_article_topics


def add_hub_generator(_pelican: object) -> type[TopicHubGenerator]:
    return TopicHubGenerator


def register() -> None:
    signals.article_generator_pretaxonomy.connect(resolve_article_topics)
    signals.article_generator_finalized.connect(link_topics)
    signals.all_generators_finalized.connect(assemble_hubs)
    signals.get_generators.connect(add_hub_generator)
