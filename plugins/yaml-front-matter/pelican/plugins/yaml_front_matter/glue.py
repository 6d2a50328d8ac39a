"""Pelican glue for yaml_front_matter: a Markdown reader that reads `---` front matter as YAML."""

import copy
import logging
import os
from collections.abc import Mapping
from typing import Any

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED
from pelican.utils import pelican_open

from .header import Field, FrontMatterError, read_front_matter

log = logging.getLogger(__name__)
META = "markdown.extensions.meta"
LISTS = frozenset({"tags", "authors"})  # Pelican keeps a list's items as they are
FIX = (
    "Fix: quote a value holding ': ' (title: \"Why: a story\") and a list item starting with '#' "
    "([retros, \"#planning\"]), write a list as [a, b], or use a 'Key: value' header"
)


class FrontMatterFileError(ValueError):
    """A file's front matter Pelican cannot use: `path:line: what. Fix: how`. Pelican skips
    the file and logs it; the coaching_kb toolkit's `check` reports it as one error."""


def with_yaml_front_matter(reader_class: type) -> type:
    """Return a subclass of `reader_class` that reads a file opening with YAML front matter
    itself and leaves every other file to `reader_class`."""

    class YamlFrontMatterReader(reader_class):  # type: ignore[misc, valid-type]
        def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
            with pelican_open(source_path) as text:
                try:
                    found = read_front_matter(text)
                except FrontMatterError as error:
                    shown = shown_path(self.settings, source_path)
                    raise FrontMatterFileError(f"{shown}:{error.line}: {error}. {FIX}") from None
            if found is None:
                return super().read(source_path)
            markdown = Markdown(**settings_without_meta(self.settings["MARKDOWN"]))
            metadata = metadata_of(self, markdown, found.fields, source_path)
            if found.is_draft:  # Hugo's and Jekyll's drafts are Pelican's drafts
                metadata["status"] = self.process_metadata("status", "draft")
            return markdown.reset().convert(found.body), metadata

    YamlFrontMatterReader.__name__ = reader_class.__name__  # Pelican names the reader after it
    return YamlFrontMatterReader


def settings_without_meta(markdown_settings: dict[str, Any]) -> dict[str, Any]:
    """Return the MARKDOWN settings without the meta extension: the front matter is read
    already, and a first paragraph of `Word: text` lines is text, not a header."""
    settings = copy.deepcopy(markdown_settings)
    settings["extensions"] = [e for e in settings.get("extensions", []) if e != META]
    settings.get("extension_configs", {}).pop(META, None)
    return settings


def metadata_of(
    reader: Any, markdown: Markdown, fields: list[Field], source_path: str
) -> dict[str, Any]:
    """Return the fields as Pelican's Markdown reader makes a header's, through its public
    `process_metadata` (so `check`, which reads values raw, sees the same texts)."""
    output: dict[str, Any] = {}
    for field in fields:
        name, value = field.key.lower(), field.value
        if name in reader.settings["FORMATTED_FIELDS"]:
            text = "\n".join(value) if isinstance(value, list) else value
            output[name] = reader.process_metadata(name, markdown.reset().convert(text))
        elif isinstance(value, list) and name not in LISTS:
            output[name] = reader.process_metadata(name, single(name, value, source_path))
        else:
            output[name] = reader.process_metadata(name, value)
    return output


def single(name: str, values: list[str], source_path: str) -> str | list[str]:
    """Return a list's value as a repeated `Key:` line gives it: the first one for a key
    Pelican keeps once (a date, a slug), with its warning; else the list."""
    if DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
        return values if len(values) > 1 else "".join(values)
    if len(values) > 1:
        log.warning("Duplicate definition of `%s` for %s. Using first one.", name, source_path)
    return values[0] if values else ""


def shown_path(settings: Mapping[str, Any], path: str) -> str:
    """Return `path` as the user knows it: relative to the working folder when inside it (as
    the coaching_kb toolkit's `check` names files, so its errors and this one agree)."""
    full = os.path.abspath(os.path.join(settings["PATH"], path))  # an absolute `path` as is
    here = os.getcwd()
    if full == here:
        return "."
    inside = os.path.join(here, "")
    return full[len(inside) :] if full.startswith(inside) else full
