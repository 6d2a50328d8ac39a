"""Publish approved reader comments under their article, threaded and sanitized.

Reads `content/comments/<article-slug>/*.md`; sets `article.comments` (threaded
CommentNode list), `article.comment_count` and `article.is_comments_closed` on every article,
hidden ones too; writes `comments.json` (which articles take comments) for the inbox.
"""

from pelican import signals

from .glue import add_json_generator, attach_comments


def register() -> None:
    signals.article_generator_finalized.connect(attach_comments)
    signals.get_generators.connect(add_json_generator)
