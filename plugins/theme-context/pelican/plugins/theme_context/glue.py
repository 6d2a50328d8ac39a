"""Pelican glue: the theme's filters on every template environment; the home page's picks;
each article's and page's address fixed before the pages are written."""

import logging
from collections.abc import Iterable
from gettext import NullTranslations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import pass_context
from jinja2.filters import do_striptags
from jinja2.runtime import Context
from markupsafe import Markup

from .cards import (
    avatar_tone,
    is_marked,
    pick_featured,
    pick_newest_question,
    sentences,
    specific_reasons,
)
from .words import CatalogError, Words, language_name, language_tag, load_words

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from pelican.generators import ArticlesGenerator, Generator, PagesGenerator


# Where the build's one template environment is kept: the context every generator shares.
ENVIRONMENT_KEY = "theme_environment"


def share_environment(generator: "Generator") -> None:
    """Give the generator the build's one template environment, the first generator's.

    Pelican makes an environment per generator, and each compiled base.html and the partials
    again: 31 compiles of 24 templates on a small site, the 7 repeats about 0.025 of its 0.55
    processor seconds. Every environment is made from the same settings (and gets the same
    filters), so sharing one changes nothing shown.
    """
    generator.env = generator.context.setdefault(ENVIRONMENT_KEY, generator.env)


def add_filters(generator: "Generator") -> None:
    """Add the theme's filters to the generator's template environment."""
    generator.env.filters.update(
        sentences=sentences,
        specific_reasons=related_with_reasons,
        avatar_tone=avatar_tone,
        language_tag=language_tag,
        language_name=language_name,
    )


@pass_context
def related_with_reasons(context: Context, links: list[Any]) -> list[tuple[Any, str]]:
    """Return (link, reason) pairs, the reason "" where it does not set the link apart, in
    the page's language."""
    reasons = specific_reasons([str(getattr(link, "reason", "") or "") for link in links])
    words = page_words(context)
    return list(zip(links, [reason_in(words, reason) for reason in reasons], strict=True))


# The related_topics plugin's reasons, as it writes them (English), each then its own words.
REASON_OPENINGS = ("Shared topics: ", "Both discuss: ", "Close in meaning: ")
WHOLE_REASONS = ("Close in meaning", "Similar wording")


def reason_in(words: Any, reason: str) -> str:
    """Return a related link's reason in the page's language (unknown reasons as they are)."""
    if reason in WHOLE_REASONS:
        return words.gettext(reason)
    for opening in REASON_OPENINGS:
        if reason.startswith(opening):
            return words.gettext(opening) + reason.removeprefix(opening)
    return reason


# Where the theme's catalogs are, inside the theme: one `<lang>.json` a language.
CATALOGS_FOLDER = "translations"
# Where the build's catalogs are kept in the template environment (for the filters).
WORDS_KEY = "theme_words"


def install_words(generator: "Generator") -> None:
    """Let the templates' `_()`, `ngettext()` and `{% trans %}` speak each page's language.

    Jinja's i18n extension (JINJA_ENVIRONMENT's `extensions`) is given callables that read
    the page being written from their context: a page's words follow its own language (an
    English translation on a Portuguese site is in English), else the site's DEFAULT_LANG.
    """
    env = generator.env
    if WORDS_KEY in env.globals:
        return  # the environment every generator shares has them already
    settings = generator.settings
    folder = Path(settings["THEME"]) / CATALOGS_FOLDER
    try:
        words = load_words(folder, str(settings.get("DEFAULT_LANG") or ""))
    except CatalogError as error:
        log.error("theme_context: %s", error)  # the build stops; its pages would be English
        words = Words({})
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    say, say_counted = speakers(words)
    # Given as they are (no newstyle wrapper): they format as newstyle gettext does, in one
    # call instead of three per word (Jinja's `_` alias, its wrapper, ours). With them a
    # 1,000-article warm build takes 1.06x the processor time it took without words
    # (4.02 s against 3.80 s, medians of 6 interleaved builds on a shared machine).
    env.install_gettext_callables(gettext=say, ngettext=say_counted, newstyle=False)
    env.newstyle_gettext = True  # {% trans %} compiles to the calls they answer
    env.globals.update({"_": say, WORDS_KEY: words, SITE_SAY: site_speaker(words)})
    generator.context[WORDS_KEY] = words  # other plugins' words (the topic maps') too


# A page's words in the site's language whatever the page's own: what the search index
# holds (one index, in the site's language) names each kind of page once.
SITE_SAY = "site_say"


def site_speaker(words: Words) -> Any:
    """Return `gettext` in the site's DEFAULT_LANG, as safe markup (the catalogs are HTML)."""
    site = words.for_language(None)
    return lambda message: Markup(site.gettext(message))  # noqa: S704 - our own catalogs


def speakers(words: Words) -> tuple[Any, Any]:
    """Return `gettext` and `ngettext` in the page's language, as Jinja's newstyle gettext
    answers: `%(name)s` filled from the keywords (escaped), the result safe markup."""

    @pass_context
    def say(context: Context, message: str, /, **variables: Any) -> str:
        said = words_of(context, words).gettext(message)
        # The catalogs are ours, written as HTML (Q&amp;A); what fills them is escaped.
        shown = Markup(said) if context.eval_ctx.autoescape else said  # noqa: S704
        # Formatting text with no % in it changes nothing, and is most of a word's cost.
        return shown % variables if variables or "%" in said else shown

    @pass_context
    def say_counted(context: Context, one: str, many: str, n: int, /, **variables: Any) -> str:
        variables.setdefault("num", n)
        said = words_of(context, words).ngettext(one, many, n)
        # The catalogs are ours, written as HTML (Q&amp;A); what fills them is escaped.
        return (Markup(said) if context.eval_ctx.autoescape else said) % variables  # noqa: S704

    return say, say_counted


def words_of(context: Context, words: Words) -> Any:
    """Return the words of the page being written: its article's or page's language."""
    content = context.get("article") or context.get("page")
    return words.for_language(getattr(content, "lang", None))


def page_words(context: Context) -> Any:
    """Return the words of the page being written, from the catalogs `install_words` kept
    (English in an environment it never ran on)."""
    words = context.get(WORDS_KEY)
    return words_of(context, words) if words else NullTranslations()


def choose_home_articles(generator: "ArticlesGenerator") -> None:
    """Put `featured_article` and `newest_question` in the context for the home page."""
    generator.context["featured_article"] = pick_featured(generator.articles)
    generator.context["newest_question"] = pick_newest_question(generator.articles)


def choose_start_page(generator: "PagesGenerator") -> None:
    """Put `start_page`, the page marked `Featured: true` (or None), in the context."""
    generator.context["start_page"] = next(filter(is_marked, generator.pages), None)


# What each generator holds that has an address of its own (statics are left alone: Pelican
# moves a static's address when a page links to it).
WITH_ADDRESSES = (
    *("articles", "translations", "hidden_articles", "hidden_translations", "drafts"),
    *("drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations"),
)


def every_content(generators: Iterable["Generator"]) -> Iterable[Any]:
    """Yield every article and page of every generator: published, hidden, draft, translated."""
    for generator in generators:
        for name in WITH_ADDRESSES:
            yield from getattr(generator, name, ())


def pin_urls(generators: Iterable["Generator"]) -> None:
    """Set `override_url` on every article and page to the address Pelican gives it.

    Pelican works `url` out from the settings each time it is read (copying the metadata and
    the source path, about 10 microseconds), and the pages read it about 22 times per
    article (lists, related reading, neighbours). Once every plugin has run, an address no
    longer changes: pinned, it is read for nothing. Pelican's own metadata `URL:` sets
    this same attribute, so an address set that way is kept as it is.
    """
    for content in every_content(generators):
        if not hasattr(content, "override_url"):
            content.override_url = content.url


def strip_summaries(generators: Iterable["Generator"]) -> None:
    """Set `summary_text` on every article and page: its summary as Jinja's `striptags` makes it.

    The theme shows an article's summary as text on its page (four times), under each related
    link and in every list: stripped there, that was up to 20 times per article, each first
    read of `summary` from a page at another depth also resolving its links again. The text
    does not depend on the page's depth (only addresses inside tags do).
    """
    for content in every_content(generators):
        # Content that is not written (a draft, with DRAFT_SAVE_AS = "") shows no summary, and
        # reading it would resolve its links: a file it attaches would move to the site's root.
        content.summary_text = do_striptags(content.summary or "") if content.save_as else ""
