"""Work out the pages' Content-Security-Policy for images and frames from other hosts; sets
the template variable `content_policy` ({"img-src": ..., "frame-src": ...}).
"""

from pelican import signals

from .glue import set_content_policy


def register() -> None:
    signals.all_generators_finalized.connect(set_content_policy)
