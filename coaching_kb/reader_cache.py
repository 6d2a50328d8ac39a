"""Pelican's own reader cache (`CACHE_CONTENT`), in a folder named after all it depends on.

Pelican keys its cache on each file's text only. Everything else that shapes what a reader
returns (the settings and the file they come from, our plugins' code, the versions of Pelican
and its readers) names the cache's folder, so changing any of them starts a fresh cache.
"""

import contextlib
import datetime
import hashlib
import importlib.util
import json
import pickle
import shutil
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

# Where the build writes: the same site built elsewhere reads the same.
# Where a build writes, and which file messages name: nothing a reader returns depends on them.
VOLATILE_SETTINGS = ("OUTPUT_PATH", "PREVIOUS_OUTPUT_PATH", "CACHE_PATH", "SETTINGS_FILE")
READING_PACKAGES = ("pelican", "markdown", "docutils", "pygments", "jinja2")


def cache_root(final: Path) -> Path:
    """Return the folder holding the reader caches of the site built into `final`."""
    return final.parent / ".cache" / "pelican"


def reader_cache(settings: Mapping[str, Any], settings_file: Path, final: Path) -> dict[str, Any]:
    """Return the settings that turn on Pelican's reader cache for the site built into `final`.

    Older caches of the same site (other settings, other code) are removed.
    """
    if not _picklable(settings):  # Pelican's cache pickles the settings with each file
        return {}
    root = cache_root(final)
    folder = root / reading_fingerprint(settings, settings_file)
    if root.is_dir():
        for other in root.iterdir():
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)
    return {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": "reader",  # fresh content objects each build, from cached text
        "CHECK_MODIFIED_METHOD": "sha256",  # the text itself, not its file's time
        "GZIP_CACHE": False,  # compressing took longer than the reading it saves
        "CACHE_PATH": str(folder),
    }


def _picklable(settings: Mapping[str, Any]) -> bool:
    try:
        pickle.dumps(dict(settings))
    except Exception:  # noqa: BLE001 - whatever pickle refuses (a local function, say)
        return False
    return True


def reading_fingerprint(settings: Mapping[str, Any], settings_file: Path) -> str:
    """Return a digest of what, besides a file's text, shapes what Pelican's readers make of it."""
    digest = hashlib.sha256()
    for key in sorted(set(settings) - set(VOLATILE_SETTINGS)):
        digest.update(f"{key}={setting_text(settings[key])}\n".encode())
    for package in READING_PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{package} {metadata.version(package)}\n".encode())
    plugins = settings.get("PLUGINS") or []
    for source in [settings_file, *code_files(plugins, settings.get("PLUGIN_PATHS") or [])]:
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def setting_text(value: Any) -> str:
    """Return a setting's value as steady text (JSON, with type names for what JSON lacks)."""
    try:
        return json.dumps(value, sort_keys=True, default=_type_name)
    except (TypeError, ValueError):  # keys JSON cannot sort, say
        return _type_name(value)


def code_files(plugins: Sequence[Any], plugin_paths: Sequence[str] = ()) -> list[Path]:
    """Return the Python files of each plugin (installed, or in PLUGIN_PATHS), in a steady order."""
    files: list[Path] = []
    for plugin in plugins:
        name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")
        for folder in plugin_paths:  # as Pelican looks there: a module, or a package
            files += sorted(Path(folder).glob(f"{name}.py")) + sorted(
                Path(folder, name).rglob("*.py")
            )
        spec = _spec(name) if name else None
        if spec is None:
            continue
        if spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                files += sorted(Path(folder).rglob("*.py"))
        elif spec.origin:
            files.append(Path(spec.origin))
    return files


def _type_name(value: Any) -> Any:
    """Return what JSON can hold of a setting: a set's items, a date's text, else the name of
    its type or function, never its address in memory."""
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return getattr(value, "__qualname__", type(value).__qualname__)


def _spec(name: str) -> Any:
    """Return the import spec of an installed module, or None (a plugin in PLUGIN_PATHS)."""
    try:
        return importlib.util.find_spec(name)
    except ImportError:  # a dotted name whose parent package is not installed
        return None
