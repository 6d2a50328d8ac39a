"""Make links and images written relative to their source file work wherever the page is
written: rewrites such `src`/`href` values in an article's or page's body
(`coaching_kb.content.body`) to Pelican's `{static}` form, so the file is published and every
page links to it correctly.
"""

from pelican import signals

from .glue import link_local_files


def register() -> None:
    # At creation, before Pelican collects each content's {static} links to publish.
    signals.content_object_init.connect(link_local_files)
