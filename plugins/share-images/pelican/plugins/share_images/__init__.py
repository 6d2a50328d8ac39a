"""Draw the site's images at build time: its icon, and a share image for every page.

Adds to the static files `favicon.svg` and `apple-touch-icon.png` at the root (a file of the
same name in the content's `extra/` wins, and a site publishing its own `favicon.ico` or
`favicon.png` gets no `favicon.svg`) and, with SHARE_IMAGES_ENABLED, one 1200x630 PNG
per article, page and topic hub in SHARE_IMAGES_PATH, plus one for the site; all are drawn
into SHARE_IMAGES_CACHE_PATH, named by a hash of what they show, and copied from there. Sets
`share_images: dict[str, str]` in the context: a page's output file to its image ("" for
the site's own), for og:image, and `site_icon: {"href", "type"}`, the favicon pages link.
"""

from pelican import signals

from .glue import draw_site_images


def register() -> None:
    # After the topics plugin's all_generators_finalized handler, which makes the hubs.
    signals.all_generators_finalized.connect(draw_site_images)
