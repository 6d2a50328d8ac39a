"""Pelican glue for comments: read each article's folder, thread, sanitize, attach."""

import difflib
import logging
import time
from typing import TYPE_CHECKING

from coaching_kb.content.comments import Comment, comment_folders, read_folder
from coaching_kb.content.paths import shown_path

from .sanitize import comment_html, safe_url
from .threads import CommentNode, count, thread

if TYPE_CHECKING:
    from pelican.generators import ArticlesGenerator

log = logging.getLogger(__name__)


def published_threads(comments: list[Comment]) -> list[CommentNode]:
    """Return the approved comments, sanitized and threaded."""
    return thread(
        [CommentNode(c, comment_html(c.body), safe_url(c.url)) for c in comments if c.is_published]
    )


def attach_comments(generator: "ArticlesGenerator") -> None:
    """Attach threaded comments to every article (a translation shows its original's); log
    comments that cannot be shown."""
    started = time.perf_counter()
    by_slug = {article.slug: article for article in generator.articles}
    for article in [*generator.articles, *generator.translations]:
        # `Comments: closed` arrives as article.comments, which the list below replaces.
        article.is_comments_closed = str(getattr(article, "comments", "")).lower() == "closed"
        article.comments = []
        article.comment_count = 0
    folders = comment_folders(generator.settings)
    published = 0
    for folder in folders:
        shown = shown_path(generator.settings, folder)
        article = by_slug.get(folder.name)
        if article is None:
            near = difflib.get_close_matches(folder.name, by_slug, n=1)
            hint = f"did you mean '{near[0]}'?" if near else "rename it to an article's slug"
            log.error(
                "static_comments: %s: comments for a missing article '%s'. Fix: %s",
                shown,
                folder.name,
                hint,
            )
            continue
        comments, errors = read_folder(folder, shown)
        for error in errors:
            log.error("static_comments: %s", error)
        if errors:
            continue
        article.comments = published_threads(comments)
        article.comment_count = count(article.comments)
        published += article.comment_count
    for translation in generator.translations:
        # A translation shows its original's comments: its form posts them there (its slug).
        if (original := by_slug.get(translation.slug)) is not None:
            translation.comments = original.comments
            translation.comment_count = original.comment_count
    log.info(
        "static_comments: %d comments on %d articles in %.2fs",
        published,
        len(folders),
        time.perf_counter() - started,
    )
