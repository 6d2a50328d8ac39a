"""Read and write the `Key: value` header that Pelican's Markdown reader and our data files use.

Pure: text in, a `Document` out. Keys are matched case-insensitively, as Pelican does.
"""

import re
from dataclasses import dataclass, field

from coaching_kb.errors import ContentError, where

KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s*(?P<value>.*)$")
CONTINUATION = re.compile(r"^( {4,}|\t)\S")


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed file: lower-cased keys, their values and lines, and the body."""

    path: str
    meta: dict[str, str]
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def get(self, key: str, default: str = "") -> str:
        """Return the value of `key` (any case), or `default`."""
        return self.meta.get(key.lower(), default)

    def line_of(self, key: str) -> int | None:
        """Return the line `key` is on, if the header has it."""
        return self.lines.get(key.lower())


def parse(text: str, path: str) -> Document:
    """Return the header and body of `text`; raise ContentError for a malformed header."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    meta: dict[str, str] = {}
    key_lines: dict[str, int] = {}
    last_key = ""
    number = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        if last_key and CONTINUATION.match(line):
            meta[last_key] = f"{meta[last_key]} {line.strip()}".strip()
            continue
        match = KEY_LINE.match(line)
        if not match:
            if number == 1:  # no header at all: the whole file is body
                return Document(path, {}, {}, text, 1)
            raise ContentError(
                f"{where(path, number)}: this header line is not 'Key: value'. "
                "Fix: write it as 'Key: value', or leave a blank line before the text"
            )
        last_key = match["key"].lower()
        meta[last_key] = match["value"].strip()
        key_lines[last_key] = number
    else:
        number = len(lines) + 1
    body = "\n".join(lines[number:])
    return Document(path, meta, key_lines, body, number + 1)


def render(meta: dict[str, str], body: str) -> str:
    """Return file text with `meta` as a header (empty values left out) and `body` after it."""
    header = "".join(f"{key}: {value}\n" for key, value in meta.items() if value)
    return f"{header}\n{body.strip()}\n"


def split_list(value: str) -> list[str]:
    """Return the comma-separated items of a header value, trimmed, empties dropped."""
    return [item.strip() for item in value.split(",") if item.strip()]
