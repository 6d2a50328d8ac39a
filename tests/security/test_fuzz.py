"""Fuzzing with Hypothesis: parsers raise only our own ContentError, sanitized comments never
carry script, and the importer never crashes or loses input text."""

import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.plugins.static_comments.sanitize import comment_html

from coaching_kb.content.comments import comment_from
from coaching_kb.content.front_matter import parse
from coaching_kb.errors import ContentError
from coaching_kb.importer.lines import decode
from coaching_kb.importer.planning import plan_page

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=1500)
SHAPES = st.sampled_from([
    "", "", "• Home", "  • About us", "Picture", "Comments are closed.", "Share in the comments...",
    "Dear Pat:", "— A Worried Reader", "3/14/2021", "August 27, 2019", "March 2020", "Archives",
    "BJo Smith, Editor", "Jo Smith, Editor// Jo writes about teams and trust every week.",
    "Jo Smith is a coach and writer.", "This post was originally published on The Review.",
    "Copyright© 2020 by Jo Smith. All rights reserved.", "1. A short numbered heading",
    "§  A long list item that reads like a sentence about leading people well.",
    "Should I take the job?", "<script>alert(1)</script>", "[x](javascript:alert(1))",
    "A perfectly ordinary paragraph with enough words in it to count as body text here.",
])  # fmt: skip
PAGES = st.lists(st.one_of(SHAPES, st.text(max_size=120)), max_size=40).map("\n".join)
WORD = re.compile(r"[a-z0-9]+")
HEADER_LINES = [
    "Author: A",
    "Date: 2024-01-01",
    "Status: approved",
    "Reply-To: x",
    "URL: javascript:x",
]
COMMENT_FILES = st.lists(st.one_of(TEXT, st.sampled_from(HEADER_LINES)), max_size=8).map("\n".join)
FUZZ = settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value) for name, value in attrs]


def attributes(html: str) -> list[tuple[str, str, str | None]]:
    """Return (tag, attribute, value) for every attribute of every tag in `html`."""
    reader = _Attributes()
    reader.feed(html)
    return reader.found


@FUZZ
@given(TEXT)
def test_front_matter_raises_only_content_errors(text):
    try:
        parse(text, "fuzz.md")
    except ContentError as error:
        assert str(error).startswith("fuzz.md:")


@FUZZ
@given(COMMENT_FILES)
def test_comment_parser_raises_only_content_errors(text):
    try:
        comment = comment_from(text, "a", "c", "c.md")
    except ContentError as error:
        assert "Fix:" in str(error)
    else:
        assert comment.author


@FUZZ
@given(st.lists(st.one_of(TEXT, st.sampled_from(["<script>", "</script>", "onerror=", "<img src=x",
       "javascript:", "<a href='", "<svg onload=", "<iframe", "<style>", "\"'>"])), max_size=12)
       .map("".join))  # fmt: skip
def test_sanitized_comments_never_carry_script(text):
    html = comment_html(text).lower()
    assert "<script" not in html
    assert "<iframe" not in html
    assert "<style" not in html
    for tag, name, value in attributes(html):
        assert not name.startswith("on"), (tag, name)
        assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)


@FUZZ
@given(st.binary(max_size=300))
def test_decoding_any_bytes_gives_text_or_a_clear_error(data):
    try:
        decode(data, "page.txt")
    except ContentError as error:
        assert str(error).startswith("page.txt:")


@settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(PAGES)
def test_importer_never_crashes_or_loses_text(text):
    files, report = plan_page("fuzz.txt", text)
    assert report.unaccounted == []
    written = set(WORD.findall(" ".join(f.text for f in files).lower()))
    for number, line in enumerate(text.splitlines(), start=1):
        fate = report.fates.get(number, "")
        if not line.strip() or fate.startswith(("dropped:", "meta:")):
            continue
        words = set(WORD.findall(line.lower()))
        assert words <= written, f"line {number} {line!r} lost {words - written}"
