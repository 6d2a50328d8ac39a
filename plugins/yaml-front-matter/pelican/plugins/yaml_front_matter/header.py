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
BOOL_TAG = "tag:yaml.org,2002:bool"
TRUE = frozenset({"true", "yes", "on"})  # YAML 1.1's, as PyYAML resolves them
# A line of Python-Markdown's meta header (its own patterns): `Key: value`, or a continuation
# line indented four spaces; a value opening with YAML's own syntax (a quote, `[`, `{`, `|`,
# `>`) is YAML its writer got wrong, not a header.
HEADER_LINE = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:(?:[ \t]*$|[ \t]+[^\s\"'\[{|>].*)|[ ]{4,}.*")
# YAML's complaint about a construct left open, in plain words, reported where it opened.
CONTEXTS = {
    "while parsing a flow sequence": "YAML cannot read the list opened with '[' on this line (it "
    "expected ',' or ']'; inside a list ' #' starts a comment and ': ' a key)",
    "while parsing a flow mapping": "YAML cannot read the '{' opened on this line",
    "while scanning a quoted scalar": "the quote opened on this line is not closed",
}
# YAML's other complaints, by how they start, reported where YAML stopped.
PROBLEMS = {
    "mapping values are not allowed here": "a value holds ': ', which YAML reads as a key",
    "expected <block end>": "text follows a quoted value or a list on this line, or the line "
    "is indented unlike the lines above it",
}


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
    is_draft: bool = False  # Hugo's `draft: true` or Jekyll's `published: false`, no `status`


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
    """Return the front matter of `text` (None when it has none, or when it is a `Key: value`
    header between `---` lines that is not YAML: Pelican's Markdown reader reads that one);
    raise FrontMatterError for YAML that does not parse or is not a mapping of keys to texts
    and lists of texts."""
    found = split_front_matter(text)
    if found is None:
        return None
    source, body, first_line = found
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        if is_header(source):  # `Title: Hiring: what I got wrong`, as before the plugin
            return None
        raise parse_error(error, first_line, source.count("\n")) from None
    if node is None:
        return FrontMatter([], body)
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(first_line, "the YAML front matter is not a list of 'key: value'")
    lines = source.splitlines()
    fields = [field_of(key, value, first_line, lines) for key, value in node.value]
    return FrontMatter(fields, body, is_draft(node))


def is_header(source: str) -> bool:
    """Return True when every line is a line of a plain `Key: value` header (Python-Markdown's
    meta extension reads one between `---` lines)."""
    lines = source.splitlines()
    return bool(lines) and not lines[0].startswith(" ") and all(map(HEADER_LINE.fullmatch, lines))


def is_draft(node: yaml.MappingNode) -> bool:
    """Return True for Hugo's `draft: true` or Jekyll's `published: false` (YAML booleans)
    when the front matter sets no `status` of its own."""
    flags = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode):
            is_bool = value.tag == BOOL_TAG
            flags[key.value.strip().lower()] = value.value.lower() in TRUE if is_bool else None
    return "status" not in flags and (flags.get("draft") is True or flags.get("published") is False)


def parse_error(error: yaml.YAMLError, first_line: int, lines: int) -> FrontMatterError:
    """Return YAML's complaint as a FrontMatterError, in plain words, on the line where the
    construct it could not finish opened (an unclosed `[` or quote), else where it stopped."""
    context, problem = getattr(error, "context", None), getattr(error, "problem", None)
    opened = CONTEXTS.get(context or "")
    mark = getattr(error, "context_mark" if opened else "problem_mark", None)
    line = first_line + min(mark.line if mark else 0, max(lines - 1, 0))
    said = (text for start, text in PROBLEMS.items() if (problem or "").startswith(start))
    reason = opened or next(said, None)
    if reason is None:
        reason = ", ".join(part for part in (context, problem) if part) or "it is not YAML"
    return FrontMatterError(line, f"the YAML front matter does not parse: {reason}")


def field_of(key: yaml.Node, value: yaml.Node, first_line: int, lines: list[str]) -> Field:
    """Return one `key: value` of the front matter as a Field."""
    line = first_line + key.start_mark.line
    if not isinstance(key, yaml.ScalarNode) or not key.value.strip():
        raise FrontMatterError(line, "a key of the YAML front matter is not a name")
    name = key.value.strip()
    if isinstance(value, yaml.ScalarNode):
        return Field(name, text_of(value, lines), line)
    if isinstance(value, yaml.SequenceNode) and all(
        isinstance(item, yaml.ScalarNode) for item in value.value
    ):
        return Field(name, [text for item in value.value if (text := text_of(item, lines))], line)
    raise FrontMatterError(
        line, f"'{name}' holds a mapping or nested lists, and a Pelican value is a text or a list"
    )


def text_of(node: yaml.ScalarNode, lines: list[str]) -> str:
    """Return a scalar as written (YAML's own quotes gone); an empty or `null` one as ''.

    An unquoted value keeps a ` #` and what follows on its line, which YAML reads as a
    comment: `title: Sprint #3 and the retro` is the whole title, as a `Title:` line gives.
    """
    if node.tag == NULL_TAG:
        return ""
    text = node.value
    if node.style is None and node.end_mark.line < len(lines):
        rest = lines[node.end_mark.line][node.end_mark.column :]
        if rest[:1] in (" ", "\t") and rest.lstrip().startswith("#"):
            text += rest
    return text.strip()
