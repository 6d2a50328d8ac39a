"""The share_images plugin's settings: defaults, types and checks, in one place."""

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from coaching_kb.errors import SettingsError

PREFIX = "SHARE_IMAGES_"


@dataclass(frozen=True, slots=True)
class ShareSettings:
    enabled: bool = True  # SHARE_IMAGES_ENABLED: draw a share image per page
    path: str = "share"  # SHARE_IMAGES_PATH: the output folder of the share images
    cache_path: str = ".cache/share-images"  # SHARE_IMAGES_CACHE_PATH: drawn images by their text


def load(raw: Mapping[str, Any]) -> tuple[ShareSettings, list[str]]:
    """Return the settings and a warning per unknown SHARE_IMAGES_ key (a likely typo)."""
    known = {PREFIX + f.name.upper(): f for f in fields(ShareSettings)}
    warnings = []
    for key in sorted(k for k in raw if k.startswith(PREFIX) and k not in known):
        near = difflib.get_close_matches(key, known, n=1)
        fix = f"did you mean {near[0]}?" if near else "use one of " + ", ".join(known)
        warnings.append(f"share_images: pelicanconf.py: unknown setting {key}. Fix: {fix}")
    given = {}
    for key, field in known.items():
        if key in raw:
            wanted = type(field.default)
            if not isinstance(raw[key], wanted):
                raise SettingsError(
                    f"pelicanconf.py: {key} must be a {wanted.__name__}, not {raw[key]!r}. "
                    f"Fix: e.g. {key} = {field.default!r}"
                )
            given[field.name] = raw[key]
    return ShareSettings(**given), warnings
