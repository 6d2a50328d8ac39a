"""Split a Markdown file's `---` YAML front matter from its text and read it as YAML.

Pure: text in, fields out. Each value comes back as the text a `Key: value` header would hold
(quotes gone, `yes` and `2026-05-06` as written, a block's lines kept), or as a list of texts
for a YAML list, so Pelican's own metadata processors make of it what they make of a header.
"""

import re
from dataclasses import dataclass

import yaml

OPENING = re.compile(r"\A\ufeff?(?:[ \t]*\n)*---[ \t]*\n")
CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
NULL_TAG = "tag:yaml.org,2002:null"


class FrontMatterError(ValueError):
    """The front matter is not YAML Pelican can use; `line` is the file's line (1 = first)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Field:
    """One key of the front matter: its value as text (or texts) and the line it is on."""

    key: str
    value: str | list[str]
    line: int


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The fields of a file's front matter and the Markdown text after it."""

    fields: list[Field]
    body: str


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Return (the YAML, the text after it, the YAML's first line), or None when the file
    does not open with a `---` line closed by another `---` (or `...`) line."""
    opening = OPENING.match(text)
    if not opening:
        return None
    closing = CLOSING.search(text, opening.end())
    if not closing:
        return None
    first_line = text.count("\n", 0, opening.end()) + 1
    body = text[closing.end() :].removeprefix("\n")
    return text[opening.end() : closing.start()], body, first_line


def read_front_matter(text: str) -> FrontMatter | None:
    """Return the front matter of `text` (None when it has none); raise FrontMatterError for
    YAML that does not parse or is not a mapping of keys to texts and lists of texts."""
    found = split_front_matter(text)
    if found is None:
        return None
    source, body, first_line = found
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise parse_error(error, first_line, source.count("\n")) from None
    if node is None:
        return FrontMatter([], body)
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(first_line, "the YAML front matter is not a list of 'key: value'")
    return FrontMatter([field_of(key, value, first_line) for key, value in node.value], body)


def parse_error(error: yaml.YAMLError, first_line: int, lines: int) -> FrontMatterError:
    """Return YAML's complaint as a FrontMatterError on the front matter's line it names (an
    unclosed quote is found at the end: the last line)."""
    mark = getattr(error, "problem_mark", None)
    line = first_line + min(mark.line if mark else 0, max(lines - 1, 0))
    said = [getattr(error, "context", None), getattr(error, "problem", None)]
    reason = ", ".join(part for part in said if part) or "it is not YAML"
    return FrontMatterError(line, f"the YAML front matter does not parse ({reason})")


def field_of(key: yaml.Node, value: yaml.Node, first_line: int) -> Field:
    """Return one `key: value` of the front matter as a Field."""
    line = first_line + key.start_mark.line
    if not isinstance(key, yaml.ScalarNode) or not key.value.strip():
        raise FrontMatterError(line, "a key of the YAML front matter is not a name")
    name = key.value.strip()
    if isinstance(value, yaml.ScalarNode):
        return Field(name, text_of(value), line)
    if isinstance(value, yaml.SequenceNode) and all(
        isinstance(item, yaml.ScalarNode) for item in value.value
    ):
        return Field(name, [text for item in value.value if (text := text_of(item))], line)
    raise FrontMatterError(
        line, f"'{name}' holds a mapping or nested lists, and a Pelican value is a text or a list"
    )


def text_of(node: yaml.ScalarNode) -> str:
    """Return a scalar as written (YAML's own quotes gone); an empty or `null` one as ''."""
    if node.tag == NULL_TAG:
        return ""
    return node.value.strip()
