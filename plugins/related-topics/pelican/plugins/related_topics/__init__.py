"""Link related articles and topics, so the blog reads as a knowledge base.

Sets `article.related` (RelatedLink list), `article.referenced_by`, `article.topic_links` and
`article.suggested_topics`; links first topic mentions in `article._content`; puts
`suggested_topics`, `topic_relations` and `topic_map_svg` in the context for the topic hubs;
writes `related.json`.
"""


def register() -> None:
    # Imported here, so the worker process can import the plugin's core without Pelican.
    from pelican import signals

    from .glue import (
        add_json_generator,
        ask_worker,
        feed_worker,
        relate_articles,
        start_worker,
        stop_worker,
    )

    signals.initialized.connect(start_worker)
    signals.content_object_init.connect(feed_worker)
    # After the topics plugin's handler, which settles each article's topics.
    signals.article_generator_pretaxonomy.connect(ask_worker)
    signals.article_generator_finalized.connect(relate_articles)
    signals.finalized.connect(stop_worker)
    signals.get_generators.connect(add_json_generator)
