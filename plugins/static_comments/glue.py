"""Pelican glue for comments: read each article's folder, thread, sanitize, attach."""

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from content_paths import data_folders, shown_path
from site_errors import ContentError

from .comments import Comment, comment_from
from .sanitize import comment_html, safe_url
from .threads import CommentNode, check_replies, count, thread

if TYPE_CHECKING:
    from pelican.generators import ArticlesGenerator

log = logging.getLogger(__name__)


def read_folder(folder: Path, shown: str) -> tuple[list[Comment], list[str]]:
    """Return the comments of one article's folder and the errors of unreadable files."""
    comments: list[Comment] = []
    errors: list[str] = []
    for path in sorted(folder.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
            comments.append(comment_from(text, folder.name, path.stem, f"{shown}/{path.name}"))
        except ContentError as error:
            errors.append(str(error))
        except UnicodeDecodeError:
            errors.append(f"{shown}/{path.name}: is not UTF-8 text. Fix: save it as UTF-8")
    errors += [str(error) for error in check_replies(comments)]
    return comments, errors


def published_threads(comments: list[Comment]) -> list[CommentNode]:
    """Return the approved comments, sanitized and threaded."""
    return thread(
        [CommentNode(c, comment_html(c.body), safe_url(c.url)) for c in comments if c.is_published]
    )


def comment_folders(settings: Any) -> list[Path]:
    """Return each article's comment folder, from every comments folder."""
    return [
        folder
        for root in data_folders(settings, "COMMENTS")
        for folder in sorted(root.iterdir())
        if folder.is_dir()
    ]


def attach_comments(generator: "ArticlesGenerator") -> None:
    """Attach threaded comments to every article; log comments that cannot be shown."""
    started = time.perf_counter()
    by_slug = {article.slug: article for article in generator.articles}
    for article in generator.articles:
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
            log.error(
                "static_comments: %s: no article has the slug '%s'. Fix: rename the folder to "
                "an article's slug (its URL name)",
                shown,
                folder.name,
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
    log.info(
        "static_comments: %d comments on %d articles in %.2fs",
        published,
        len(folders),
        time.perf_counter() - started,
    )
