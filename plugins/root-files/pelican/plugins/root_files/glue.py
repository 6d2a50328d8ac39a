"""Pelican glue for root_files: move each static file under `extra/` to the site root."""

import posixpath
from typing import Any

DEFAULT_FOLDER = "extra"
# Metadata that places a static file (Pelican's EXTRA_PATH_METADATA: "path", or save_as/url).
PLACED_KEYS = frozenset({"path", "save_as", "url"})


def root_name(relative: str, folder: str) -> str | None:
    """Return where a static file under `folder/` is published (None if it is not under it)."""
    prefix = folder.strip("/") + "/"
    if not relative.startswith(prefix):
        return None
    return posixpath.normpath(relative[len(prefix) :])


def publish_at_root(generator: Any) -> None:
    """Set the output path and URL of every static file of the root-files folder."""
    folder = generator.settings.get("ROOT_FILES_PATH", DEFAULT_FOLDER)
    for static in generator.staticfiles:
        if PLACED_KEYS & set(static.metadata):
            continue  # the site's EXTRA_PATH_METADATA says where it goes: that wins
        name = root_name(static.get_relative_source_path(), folder)
        if name and not name.startswith(".."):
            static.override_save_as = name
            static.override_url = name
