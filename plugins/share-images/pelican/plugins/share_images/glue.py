"""Pelican glue: list the pages that get a share image, draw what the cache lacks, write it."""

import logging
import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .drawing import card_key, favicon_svg, share_card_png, touch_icon_png
from .settings import ShareSettings, load

if TYPE_CHECKING:
    from pelican.generators import Generator

log = logging.getLogger(__name__)


def draw_site_images(generators: list["Generator"]) -> None:
    """Write the icons; with share images on, write them and set `share_images`."""
    if not generators:
        return
    started = time.perf_counter()
    context, settings = generators[0].context, generators[0].settings
    options, warnings = load(settings)
    for warning in warnings:
        log.warning("%s", warning)
    output = Path(generators[0].output_path)
    write_icons(output)
    context["share_images"] = {}
    if not options.enabled:
        return
    cards = share_cards(context, settings)
    drawn = 0
    for output_file, (title, kicker) in cards.items():
        name, was_drawn = place_card(title, kicker, settings["SITENAME"], output, options)
        context["share_images"][output_file] = name
        drawn += was_drawn
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
        cards[article.save_as] = (article.title, qa_section if is_qa else "Essay")
    for page in context.get("pages", []):
        cards[page.save_as] = (page.title, "")
    hub_pattern = settings.get("TOPIC_SAVE_AS", "topics/{slug}/index.html")
    for hub in context.get("topic_hubs", []):
        cards[hub_pattern.format(slug=hub.slug)] = (hub.name, "Topic")
    return cards


def place_card(
    title: str, kicker: str, site_name: str, output: Path, options: ShareSettings
) -> tuple[str, bool]:
    """Put the card in the output (drawn, or from the cache); return its URL path and
    whether it had to be drawn."""
    key = card_key(title, kicker, site_name)
    cached = Path(options.cache_path) / f"{key}.png"
    was_drawn = not cached.is_file()
    if was_drawn:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(share_card_png(title, kicker, site_name))
        partial.replace(cached)  # whole or absent: a build stopped midway leaves no half file
    target = output / options.path / f"{key}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        shutil.copyfile(cached, target)
    return f"{options.path}/{key}.png", was_drawn


def write_icons(output: Path) -> None:
    """Write the tab icon and the home-screen icon at the root of the site."""
    output.mkdir(parents=True, exist_ok=True)
    (output / "favicon.svg").write_text(favicon_svg(), encoding="utf-8")
    (output / "apple-touch-icon.png").write_bytes(touch_icon_png())
