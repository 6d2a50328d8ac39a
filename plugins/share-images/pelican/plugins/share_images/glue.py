"""Pelican glue: list the pages that get a share image, draw what the cache lacks, and hand
every image to Pelican as a static file, so the build plans and copies it like any other."""

import functools
import html
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelican.contents import Static

from .drawing import card_key, favicon_svg, share_card_png, touch_icon_png
from .settings import load

if TYPE_CHECKING:
    from pelican.generators import Generator

log = logging.getLogger(__name__)
ICONS: dict[str, Callable[[], bytes]] = {
    "favicon.svg": lambda: favicon_svg().encode("utf-8"),
    "apple-touch-icon.png": touch_icon_png,
}
# A site's own favicon, by the name it is published at, and its type (the first found wins).
SITE_ICONS = {
    "favicon.svg": "image/svg+xml",
    "favicon.png": "image/png",
    "favicon.ico": "image/x-icon",
}


def draw_site_images(generators: list["Generator"]) -> None:
    """Add the icons and, with share images on, a card per page to the static files; set
    `share_images` (a page's output file to its card's URL path)."""
    if not generators:
        return
    started = time.perf_counter()
    context, settings = generators[0].context, generators[0].settings
    options, warnings = load(settings)
    for warning in warnings:
        log.warning("%s", warning)
    cache = Path(options.cache_path)
    statics = context.setdefault("staticfiles", [])
    # The content's extra/ favicon wins. Read without `save_as`, which would pin each file
    # where it is: Pelican then refuses to move a file linked with {attach} beside its post.
    taken = {static.get_url_setting("save_as") for static in statics}
    # A favicon the site publishes itself (extra/ or EXTRA_PATH_METADATA) is the one shown.
    icon = next((name for name in SITE_ICONS if name in taken), "favicon.svg")
    context["site_icon"] = {"href": icon, "type": SITE_ICONS[icon]}
    for name, draw in ICONS.items():
        if name not in taken and (name != "favicon.svg" or icon == name):
            source = cached(cache / f"{card_key(name, '', '')}-{name}", draw)[0]
            statics.append(static_file(source, name, settings, context))
    context["share_images"] = {}
    if not options.enabled:
        return
    drawn = 0
    cards = share_cards(context, settings)
    for output_file, (title, kicker) in cards.items():
        key = card_key(title, kicker, settings["SITENAME"])
        card = functools.partial(share_card_png, title, kicker, settings["SITENAME"])
        source, was_drawn = cached(cache / f"{key}.png", card)
        drawn += was_drawn
        save_as = f"{options.path}/{key}.png"
        if save_as not in taken:  # two pages of the same title share one card
            statics.append(static_file(source, save_as, settings, context))
            taken.add(save_as)
        context["share_images"][output_file] = save_as
    log.info(
        "share_images: %d share images (%d drawn, the rest cached) in %.2fs",
        len(cards),
        drawn,
        time.perf_counter() - started,
    )


def share_cards(context: dict[str, Any], settings: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Return each page's output file with the (title, kicker) of its card; "" is the site's."""
    qa_section = context.get("qa_category") or "Ask the Coach"
    cards = {"": (settings.get("SITE_DESCRIPTION") or settings["SITENAME"], "")}
    for article in context.get("articles", []):
        is_qa = str(getattr(article, "type", "")).lower() == "qa"
        essay = theme_word(context, getattr(article, "lang", None), "Essay")
        cards[article.save_as] = (article.title, qa_section if is_qa else essay)
    for page in context.get("pages", []):
        cards[page.save_as] = (page.title, "")
    hub_pattern = settings.get("TOPIC_SAVE_AS", "topics/{slug}/index.html")
    topic = theme_word(context, None, "Topic")  # a hub is in the site's language
    for hub in context.get("topic_hubs", []):
        cards[hub_pattern.format(slug=hub.slug)] = (hub.name, topic)
    return cards


def theme_word(context: dict[str, Any], lang: str | None, message: str) -> str:
    """Return `message` in `lang` (else the site's language) from the theme's catalogs, which
    the theme_context plugin puts in the context as `theme_words`; English without them."""
    words = context.get("theme_words")
    # The catalogs are HTML; a card is drawn from plain text.
    if words is None:
        return message
    return html.unescape(words.for_language(lang).gettext(message))


def cached(path: Path, draw: Callable[[], bytes]) -> tuple[Path, bool]:
    """Return the cached file at `path` (drawn first if absent) and whether it was drawn."""
    if path.is_file():
        return path.resolve(), False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(draw())
    partial.replace(path)  # whole or absent: a build stopped midway leaves no half file
    return path.resolve(), True


def static_file(source: Path, save_as: str, settings: dict[str, Any], context: Any) -> Static:
    """Return a Pelican static file copied from `source` to `save_as`."""
    metadata = {"save_as": save_as, "url": save_as, "title": save_as}
    return Static(
        "", metadata=metadata, settings=settings, source_path=str(source), context=context
    )
