"""Keep the header menu to pages this build has: sets context `menu_links` from `MENU_LINKS`
(and `feed_languages`, the languages with a translation feed)."""

from pelican import signals

from .glue import choose_menu_links


def register() -> None:
    signals.all_generators_finalized.connect(choose_menu_links)
