"""Publish the files of the content folder's `extra/` (favicon.ico, robots.txt, CNAME, ...)
at the site's root, as Pelican sites do with `EXTRA_PATH_METADATA`; sets `override_save_as`
and `override_url` on those static files (`ROOT_FILES_PATH`, default `extra`).
"""

from pelican import signals

from .glue import publish_at_root


def register() -> None:
    signals.static_generator_finalized.connect(publish_at_root)
