"""Publish approved reader comments under their article, threaded and sanitized.

Reads `content/comments/<article-slug>/*.md`; sets `article.comments` (threaded
CommentNode list), `article.comment_count` and `article.is_comments_closed`.
"""

from pelican import signals

from .glue import attach_comments


def register() -> None:
    signals.article_generator_finalized.connect(attach_comments)
