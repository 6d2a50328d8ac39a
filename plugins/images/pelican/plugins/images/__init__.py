"""Make article images lazy and sized: sets `loading`, `decoding`, `width` and `height` on
every `<img>` in articles and pages whose file can be read, so pages do not jump as they load.
"""

from pelican import signals

from .glue import size_article_images, size_page_images


def register() -> None:
    signals.article_generator_finalized.connect(size_article_images)
    signals.page_generator_finalized.connect(size_page_images)
