"""yaml_front_matter: `---` YAML front matter gives the metadata a `Key: value` header gives."""

import ast
from pathlib import Path

import pytest
from pelican.plugins.yaml_front_matter.glue import FrontMatterFileError, with_yaml_front_matter
from pelican.plugins.yaml_front_matter.header import FrontMatterError, read_front_matter
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

PACKAGE = Path(__file__).parents[1] / "pelican" / "plugins" / "yaml_front_matter"

# Each pair: YAML front matter, and the `Key: value` header its owner means by it.
SAME = [
    ('title: "Why: a story"', "Title: Why: a story"),
    ("title: 'It''s late'", "Title: It's late"),
    ('date: "2026-05-06"', "Date: 2026-05-06"),
    ("date: 2026-05-06", "Date: 2026-05-06"),
    ("date: 2026-05-06 09:30", "Date: 2026-05-06 09:30"),
    ("date: 2026-05-06T09:30:00+02:00", "Date: 2026-05-06T09:30:00+02:00"),
    ("modified: '2026-05-07'", "Modified: 2026-05-07"),
    ("tags: [delegation, first weeks]", "Tags: delegation, first weeks"),
    ("tags:\n  - delegation\n  - first weeks", "Tags: delegation, first weeks"),
    ("tags: delegation, first weeks", "Tags: delegation, first weeks"),
    ("authors: [Ann Lee, Bo Chen]", "Authors: Ann Lee, Bo Chen"),
    ("author: Ann Lee", "Author: Ann Lee"),
    ("category: Field notes", "Category: Field notes"),
    ("comments: closed", "Comments: closed"),
    ("featured: yes", "Featured: yes"),
    ("draft: false", "Draft: false"),
    ("order: 3", "Order: 3"),
    ("status: draft", "Status: draft"),
    ("slug: why-a-story", "Slug: why-a-story"),
    ("summary: One *short* line.", "Summary: One *short* line."),
    (
        "summary: |\n  Two lines,\n  *kept* as Markdown.",
        "Summary: Two lines,\n    *kept* as Markdown.",
    ),
    ("title: >\n  A title folded\n  over two lines", "Title: A title folded over two lines"),
    ("subtitle:", "Subtitle:"),
    # A ` #` inside an unquoted value is the value's, as on a `Key: value` line.
    ("title: Lessons from sprint #3 and the retro", "Title: Lessons from sprint #3 and the retro"),
    ("summary: What changed after sprint #3.", "Summary: What changed after sprint #3."),
    ("tags:\n  - retros #2\n  - planning", "Tags: retros #2, planning"),
    ("tags: [retros, planning] # two", "Tags: retros, planning"),
    ('title: "Sprint #3" # quoted', "Title: Sprint #3"),
]


@pytest.fixture
def read(tmp_path):
    settings = read_settings(None, override={"PATH": str(tmp_path), "TIMEZONE": "UTC"})
    reader = with_yaml_front_matter(MarkdownReader)(settings)

    def read_text(name: str, text: str):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return reader.read(str(path))

    return read_text


@pytest.mark.parametrize(("yaml_lines", "header"), SAME)
def test_yaml_front_matter_gives_what_a_header_gives(read, yaml_lines, header):
    body = "The text.\n"
    from_yaml = read("a.md", f"---\n{yaml_lines}\n---\n\n{body}")
    from_header = read("b.md", f"{header}\n\n{body}")
    assert from_yaml == from_header


def test_the_text_after_the_front_matter_is_markdown_and_never_a_header(read):
    html, meta = read("a.md", "---\ntitle: T\n---\nNote: the first line.\n\n*Said.*\n")
    assert meta == {"title": "T"}
    assert "Note: the first line." in html
    assert "<em>Said.</em>" in html


def test_a_file_without_front_matter_is_read_as_before(read):
    assert read("a.md", "Title: Plain\n\nText.\n") == ("<p>Text.</p>", {"title": "Plain"})
    html, meta = read("b.md", "---\n\nA rule, then text.\n")  # a rule, not front matter
    assert meta == {}
    assert "A rule, then text." in html


@pytest.mark.parametrize(
    ("front", "line", "said"),
    [
        ('title: "Why: a story\ndate: 2026-05-06', 2, "the quote opened on this line"),
        ("title: Why: a story\ntags:\n  - a", 2, "does not parse"),
        ('title: T\nsubtitle: "Why" not', 3, "text follows a quoted value"),
        ("date: 2026-05-06\ntags: [retros, #planning]\nsummary: S", 3, "the list opened with"),
        ("cover:\n  image: a.png", 2, "'cover' holds a mapping"),
        ("- a\n- b", 2, "not a list of 'key: value'"),
    ],
)
def test_yaml_that_pelican_cannot_use_is_an_error_naming_the_line(read, front, line, said):
    with pytest.raises(FrontMatterFileError) as error:
        read("bad.md", f"---\n{front}\n---\n\nText.\n")
    message = str(error.value)
    assert message.startswith(f"bad.md:{line}: ") or f"/bad.md:{line}: " in message
    assert said in message
    assert "Fix: " in message


def test_read_front_matter_is_none_without_a_closing_line():
    assert read_front_matter("---\ntitle: T\n\nText") is None
    with pytest.raises(FrontMatterError):
        read_front_matter("---\n[\n---\n")


@pytest.mark.parametrize(
    ("front", "status"),
    [
        ("draft: true", "draft"),  # Hugo
        ("draft: yes", "draft"),
        ("published: false", "draft"),  # Jekyll
        ("draft: true\nstatus: published", "published"),  # the file's own Status wins
        ("published: true", None),
        ("draft: false", None),
        ('draft: "no"', None),
    ],
)
def test_hugo_and_jekyll_drafts_are_drafts(read, front, status):
    _html, meta = read("a.md", f"---\ntitle: T\n{front}\n---\n\nText.\n")
    assert meta.get("status") == status


def test_key_value_headers_between_dashes_are_read_as_a_header(read):
    header = "Title: Hiring: what I got wrong\nDate: 2026-05-12\nTags: hiring, first weeks\n"
    from_dashes = read("a.md", f"---\n{header}---\n\nText.\n")
    assert from_dashes == read("b.md", f"{header}\nText.\n")
    assert from_dashes[1]["title"] == "Hiring: what I got wrong"


def test_the_plugin_imports_only_pelican_markdown_and_yaml():
    """Installed alone (`pip install ./plugins/yaml-front-matter`) it has no coaching_kb."""
    for source in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom) and not getattr(node, "level", 0):
                names = (
                    [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                )
                assert not [n for n in names if n.split(".")[0] == "coaching_kb"], source.name
