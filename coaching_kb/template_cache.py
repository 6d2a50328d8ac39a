"""Jinja's own bytecode cache for the theme's templates: a build need not compile them again.

Compiling our theme's templates costs about 0.3 s a build, more than Pelican's whole build of a
small site. The templates are the theme's, not the site's, so the cache is the project's (as
related_topics' embeddings are), under `.cache/`, which `invoke clean` removes. Before using
what it cached, Jinja checks each template's name, file and a checksum of its text; what else
shapes the compiled code (Jinja's version, the environment's options, the plugins, which may
add extensions) names the cache's folder.
"""

import hashlib
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache

from coaching_kb.project import ROOT
from coaching_kb.reader_cache import setting_text

TEMPLATE_CACHE = ROOT / ".cache" / "templates"


def template_cache(settings: Mapping[str, Any], root: Path = TEMPLATE_CACHE) -> dict[str, Any]:
    """Return the settings giving Pelican's template environments Jinja's bytecode cache under
    `root` ({} when the settings already bring a cache of their own)."""
    options = dict(settings.get("JINJA_ENVIRONMENT") or {})
    if "bytecode_cache" in options:
        return {}
    digest = hashlib.sha256(f"jinja2 {metadata.version('jinja2')}\n".encode())
    for key in ("JINJA_ENVIRONMENT", "PLUGINS"):
        digest.update(f"{key}={setting_text(settings.get(key))}\n".encode())
    folder = root / digest.hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "JINJA_ENVIRONMENT": {**options, "bytecode_cache": FileSystemBytecodeCache(str(folder))}
    }
