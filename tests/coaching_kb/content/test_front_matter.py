import pytest

from coaching_kb.content.front_matter import parse, render, split_list
from coaching_kb.errors import ContentError


def test_header_keys_are_case_insensitive_and_remember_their_lines():
    doc = parse("Title: Hello\nDATE: 2026-01-01\n\nBody text\nmore", "a.md")
    assert doc.get("title") == "Hello"
    assert doc.get("Date") == "2026-01-01"
    assert doc.line_of("date") == 2
    assert doc.body == "Body text\nmore"
    assert doc.body_line == 4


def test_indented_lines_continue_the_previous_value():
    doc = parse("Summary: one\n    two\n\nx", "a.md")
    assert doc.get("summary") == "one two"


def test_file_without_header_is_all_body():
    doc = parse("Just text, no header.\n", "a.md")
    assert doc.meta == {}
    assert doc.body.startswith("Just text")


def test_malformed_header_line_names_file_and_line():
    with pytest.raises(ContentError, match=r"^a\.md:2: .*Fix:"):
        parse("Title: ok\nthis is not a key\n\nbody", "a.md")


def test_render_round_trips_and_drops_empty_values():
    text = render({"Author": "Ann", "Email": "", "Status": "pending"}, "Hi there")
    doc = parse(text, "c.md")
    assert doc.meta == {"author": "Ann", "status": "pending"}
    assert doc.body == "Hi there"


@pytest.mark.parametrize(
    ("value", "items"),
    [("a, b ,c", ["a", "b", "c"]), ("", []), (" , x,", ["x"])],
)
def test_split_list(value, items):
    assert split_list(value) == items
