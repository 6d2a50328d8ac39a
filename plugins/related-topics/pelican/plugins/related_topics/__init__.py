"""Link each article to related articles; sets `article.related` and writes `related.json`."""


def register() -> None:
    from pelican import signals

    from .glue import add_json_generator, relate_articles

    signals.article_generator_finalized.connect(relate_articles)
    signals.get_generators.connect(add_json_generator)
