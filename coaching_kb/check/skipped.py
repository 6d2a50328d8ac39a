"""Which content files `build --keep-going` leaves out: they are neither built nor checked."""

import os
from collections.abc import Mapping
from typing import Any

SKIP_KEY = "keep_going_skip"  # EXTRA_PATH_METADATA marks a file to leave out with this key


def is_skipped(settings: Mapping[str, Any], relative: str) -> bool:
    """Return True for a content file (relative to PATH) left out of this build."""
    meta = (settings.get("EXTRA_PATH_METADATA") or {}).get(relative) or {}
    return bool(meta.get(SKIP_KEY))


def skipped_sources(settings: Mapping[str, Any]) -> set[str]:
    """Return the files left out, relative to PATH and in full (as Pelican may name them)."""
    relative = {
        path for path, meta in (settings.get("EXTRA_PATH_METADATA") or {}).items()
        if isinstance(meta, Mapping) and meta.get(SKIP_KEY)
    }  # fmt: skip
    return relative | {os.path.join(settings["PATH"], path) for path in relative}
