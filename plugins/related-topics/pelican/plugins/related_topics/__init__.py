"""Link each article to the articles most related to it.

Reads each article's title, summary, HTML and tags; sets `article.related` (a list of
RelatedLink: article, url, title, summary, score, reason), adds the list to article pages of
themes that do not show it (RELATED_TOPICS_AUTO_INSERT), and writes `related.json`.
"""

from pelican import signals

from .glue import TEMPLATES, add_json_generator, insert_list, relate_all_articles

__all__ = ["TEMPLATES", "register"]


def register() -> None:
    signals.all_generators_finalized.connect(relate_all_articles)
    signals.content_written.connect(insert_list)
    signals.get_generators.connect(add_json_generator)
