"""Pelican glue for comments: read each article's folder, thread, sanitize, attach; and list
which articles take comments in `comments.json`, for the inbox."""

import difflib
import html
import json
import logging
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pelican.generators import Generator

from coaching_kb.content.comments import (
    Comment,
    comment_folders,
    read_folder,
    unlisted_key,
    waiting_parents,
)
from coaching_kb.content.paths import located, shown_path
from coaching_kb.content.replies import MESSAGES, translated

from .sanitize import comment_html, safe_url
from .threads import CommentNode, count, thread

if TYPE_CHECKING:
    from pathlib import Path

    from pelican.generators import ArticlesGenerator
    from pelican.writers import Writer

log = logging.getLogger(__name__)

# `Comments:` values. YAML front matter reads `no`/`off`/`false` as False, shown as "false".
CLOSED = {"closed", "off", "no", "false", "none", "disabled"}
OPEN = {"", "open", "on", "yes", "true"}
CONTEXT_KEY = "static_comments"  # the articles that show comments, for comments.json
TAGS = re.compile(r"<[^>]*>")
TAKING_COMMENTS = ("COMMENTS_ENDPOINT", "COMMENTS_MODERATION_EMAIL")  # as the theme decides


def published_threads(comments: list[Comment]) -> list[CommentNode]:
    """Return the approved comments, sanitized and threaded."""
    return thread(
        [CommentNode(c, comment_html(c.body), safe_url(c.url)) for c in comments if c.is_published]
    )


def is_closed(article: Any, settings: dict[str, Any]) -> bool:
    """Return whether the article's `Comments:` turns comments off; log an unknown value (and
    keep comments off: a typo must not open what the owner meant to close)."""
    value = str(getattr(article, "comments", "") or "").strip().lower()
    if value in OPEN:
        return False
    if value not in CLOSED:
        log.error(
            "static_comments: %s: 'Comments: %s' is neither open nor closed. Fix: write "
            "Comments: closed to turn comments off, or delete the line",
            located(settings, article.source_path, "comments"),
            article.comments,
        )
    return True


def attach_comments(generator: "ArticlesGenerator") -> None:
    """Attach threaded comments to every article, hidden ones too (a translation shows its
    original's); log comments that cannot be shown."""
    started = time.perf_counter()
    # A hidden article is unlisted, not private: it takes comments like any other.
    originals = [*generator.articles, *generator.hidden_articles]
    translations = [*generator.translations, *generator.hidden_translations]
    by_slug = {article.slug: article for article in originals}
    for article in [*originals, *translations]:
        # `Comments: closed` arrives as article.comments, which the list below replaces.
        article.is_comments_closed = is_closed(article, generator.settings)
        article.comments = []
        article.comment_count = 0
    generator.context[CONTEXT_KEY] = originals
    folders = comment_folders(generator.settings)
    published = 0
    for folder in folders:
        shown = shown_path(generator.settings, folder)
        article = by_slug.get(folder.name)
        if article is None and waiting_only(folder, shown):
            continue
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
        for warning in waiting_parents(comments):
            log.warning("static_comments: %s", warning)
        article.comments = published_threads(comments)
        article.comment_count = count(article.comments)
        published += article.comment_count
    for translation in translations:
        # A translation shows its original's comments: its form posts them there (its slug).
        if (original := by_slug.get(translation.slug)) is not None:
            translation.comments = original.comments
            translation.comment_count = original.comment_count
            # Its form posts to the original, which the inbox refuses when that is closed.
            translation.is_comments_closed |= original.is_comments_closed
    log.info(
        "static_comments: %d comments on %d articles in %.2fs",
        published,
        len(folders),
        time.perf_counter() - started,
    )


def waiting_only(folder: "Path", shown: str) -> bool:
    """Return whether a folder of no article's comments holds nothing to publish (pending and
    spam only): readers' posts to an article since unpublished or renamed, or sent from a page
    the inbox still knew, never break the build. Logs them as waiting."""
    comments, errors = read_folder(folder, shown)
    if errors or any(comment.is_published for comment in comments):
        return False
    log.info("static_comments: %s: %d unpublished comments wait for an article '%s', which is "
             "not published; nothing is shown", shown, len(comments), folder.name)  # fmt: skip
    return True


def plain_title(title: str) -> str:
    """Return a title as text: Pelican's title is HTML ('Q&amp;A')."""
    return " ".join(html.unescape(TAGS.sub("", title)).split())


def comment_ids(nodes: list[CommentNode]) -> list[str]:
    """Return the ids of a thread's comments, replies included."""
    return [i for node in nodes for i in (node.comment.id, *comment_ids(node.replies))]


def add_json_generator(_pelican: object) -> type["CommentsJsonGenerator"]:
    return CommentsJsonGenerator


class CommentsJsonGenerator(Generator):
    """Write comments.json: each article that shows comments, and whether it takes more.

    The inbox reads it (COMMENTS_MANIFEST) to refuse what the site itself would not show; a
    site that takes no comments (no COMMENTS_ENDPOINT, no COMMENTS_MODERATION_EMAIL) gets none.
    """

    def generate_output(self, writer: "Writer") -> None:
        save_as = self.settings.get("COMMENTS_JSON_SAVE_AS", "comments.json")
        articles = self.context.get(CONTEXT_KEY)
        takes_comments = any(self.settings.get(key) for key in TAKING_COMMENTS)
        if save_as and articles is not None and takes_comments:
            lang = self.settings.get("DEFAULT_LANG") or "en"
            langs = [lang, *page_languages(self.context)]
            replies, replies_lang = inbox_replies(self.context, langs)
            text = JsonText(articles, lang, replies, replies_lang)
            writer.write_file(save_as, text, self.context)


# Where the theme_context plugin keeps the theme's words (its catalogs), if it runs.
THEME_WORDS = "theme_words"


def page_languages(context: dict[str, Any]) -> list[str]:
    """Return the languages of the site's articles and pages and their translations: those
    a form can be sent from."""
    shown = [*context.get(CONTEXT_KEY, ()), *context.get("pages", ())]
    return [c.lang for item in shown for c in (item, *getattr(item, "translations", ()))]


def inbox_replies(
    context: dict[str, Any], langs: list[str]
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Return the inbox's replies for a form sent from a page in each of `langs`, as the
    theme's catalogs translate them, and the language of each one's catalog: a German page on
    a French site without de.json gets French words, which the inbox's reply calls "fr".
    None without the theme's words: the inbox then answers in English."""
    words = context.get(THEME_WORDS)
    if words is None:
        return {}, {}
    langs = list(dict.fromkeys(langs))
    warn_untranslated(words, langs)
    # English too (no words): a form sent from an English page is answered in English.
    replies = {lang: translated(words.for_language(lang).gettext) for lang in langs}
    return replies, {lang: words.language_of(lang) for lang in langs}


def warn_untranslated(words: Any, langs: list[str]) -> None:
    """Warn once for each catalog the replies come from that lacks some of them (one made
    before the inbox's replies were in the catalogs): the inbox says those in English."""
    for name in dict.fromkeys(words.language_of(lang) for lang in langs):
        catalog = words.catalogs.get(name)
        missing = catalog.lacks(MESSAGES) if catalog is not None else []
        if missing:
            first = ", ".join(f'"{message}"' for message in missing[:3])
            more = ", …" if len(missing) > 3 else ""
            log.warning(
                "static_comments: %s: lacks %d of the comment inbox's %d replies (%s%s), which "
                "readers get in English. Fix: add them to its \"messages\", translated (the "
                "theme's translations/fr.json holds every one)",
                catalog.path or name, len(missing), len(MESSAGES), first, more,
            )  # fmt: skip


@dataclass(frozen=True, slots=True)
class JsonText:
    """comments.json as Pelican's writer renders a template: its text, made when written.

    Besides the articles, it holds the site's language, the inbox's replies in each
    language a form is sent from (the page's script and a reader without it read them), and
    the language each one's words are in (`replies_lang`).
    """

    articles: list[Any]
    lang: str = "en"
    replies: dict[str, dict[str, str]] = field(default_factory=dict)
    replies_lang: dict[str, str] = field(default_factory=dict)
    name: str = "comments.json"

    def render(self, _context: dict[str, Any]) -> str:
        entries = [entry(article) for article in self.articles]
        lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in entries)
        said = {"lang": self.lang, "replies": self.replies, "replies_lang": self.replies_lang}
        words = json.dumps(said, ensure_ascii=False)
        return words[:-1] + ',\n"articles": [\n' + lines + "\n]}\n"


def entry(article: Any) -> dict[str, Any]:
    """Return an article's comments.json entry; a hidden one's by its unlisted key only (the
    file is public: it must not name a page the sitemap and related lists leave out)."""
    where = (
        {"unlisted": unlisted_key(article.slug)}
        if article.status == "hidden"
        else {"slug": article.slug, "url": article.url, "title": plain_title(article.title)}
    )
    return {
        **where,
        "comments": "closed" if article.is_comments_closed else "open",
        # The comments whose Reply forms the page shows: replies to them thread.
        "published": comment_ids(article.comments),
    }
