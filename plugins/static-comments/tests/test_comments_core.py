"""The comment core: parsing, threading, cycles, junk, sanitizing. No build."""

from datetime import UTC, datetime

import pytest
from pelican.plugins.static_comments.sanitize import comment_html, safe_url
from pelican.plugins.static_comments.threads import CommentNode, count, thread

from coaching_kb.content.comments import Comment, check_replies, comment_from
from coaching_kb.errors import ContentError
from coaching_kb.moderation.spam import junk_reason


def make(cid, day, reply_to="", status="approved"):
    return Comment(cid, "a", cid, datetime(2026, 1, day, tzinfo=UTC), status, "x", reply_to)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("Date: 2026-01-01\n\nHi", r"c\.md:1: comment has no 'Author:'"),
        ("Author: A\n\nHi", r"c\.md:1: comment has no 'Date:'"),
        ("Author: A\nDate: someday\n\nHi", r"c\.md:2: date 'someday' is not a date"),
        ("Author: A\nDate: 2026-01-01\nStatus: ok\n\nHi", r"c\.md:3: status 'ok'"),
        ("Author: A\nDate: 2026-01-01\nReplyTo: b\n\nHi", r"c\.md:3: .*did you mean 'Reply-To:'"),
    ],
)
def test_bad_comment_files_name_the_line_and_fix(text, error):
    with pytest.raises(ContentError, match=error):
        comment_from(text, "a", "c", "c.md")


def test_comment_defaults_to_pending_and_keeps_optional_fields():
    comment = comment_from(
        "Author: A\nDate: 2026-01-01 10:00\nReply-To: b.md\nURL: https://x.org\n\nHi", "s", "c", "c"
    )
    assert comment.status == "pending"
    assert comment.reply_to == "b"
    assert comment.date == datetime(2026, 1, 1, 10, 0, tzinfo=UTC)


def test_thread_nests_replies_oldest_first_and_keeps_orphans():
    nodes = [
        CommentNode(make("c", 3, "a"), "", ""),
        CommentNode(make("a", 1), "", ""),
        CommentNode(make("b", 2), "", ""),
        CommentNode(make("d", 4, "hidden-parent"), "", ""),
    ]
    roots = thread(nodes)
    assert [n.comment.id for n in roots] == ["a", "b", "d"]
    assert [n.comment.id for n in roots[0].replies] == ["c"]
    assert count(roots) == 4


def test_ties_in_date_are_broken_by_file_name():
    roots = thread([CommentNode(make("b", 1), "", ""), CommentNode(make("a", 1), "", "")])
    assert [n.comment.id for n in roots] == ["a", "b"]


def test_unknown_reply_and_cycles_are_reported_once():
    comments = [make("a", 1, "c"), make("b", 2, "a"), make("c", 3, "b"), make("d", 4, "zzz")]
    messages = [str(e) for e in check_replies(comments)]
    assert sum("circle" in m for m in messages) == 1
    assert sum("Reply-To 'zzz'" in m for m in messages) == 1


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("", "empty"),
        ("  !!! ... ??? ", "punctuation only"),
        ("this is a test comment", "test post"),
        ("Testing 123", "test post"),
        ("https://spam.example www.spam.example", "links only"),
        ("[click](https://spam.example)", "links only"),
        ("I tested this idea with my team and it worked.", None),
        ("Great read: https://example.org/more has more.", None),
    ],
)
def test_junk_reason(body, reason):
    assert junk_reason(body) == reason


PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    '<p style="position:fixed">x</p><style>body{display:none}</style>',
    '<svg onload="alert(1)"></svg>',
    "<a href='https://ok.example' onclick='alert(1)'>ok</a>",
    "<scr<script>ipt>alert(1)</script>",
    '<object data="https://evil.example/x.swf"></object>',
    '<form action="https://evil.example"><input name=x></form>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitized_html_carries_no_script_style_or_foreign_embed(payload):
    html = comment_html(payload).lower()
    for forbidden in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "<iframe",
        "<style",
        "style=",
        "<svg",
        "<object",
        "<form",
        "<input",
        "<img",
    ):
        assert forbidden not in html


def test_links_get_rel_and_text_survives():
    html = comment_html("See [the post](https://example.org) **now**")
    assert 'rel="nofollow ugc noopener"' in html
    assert "<strong>now</strong>" in html


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://a.org/x", True),
        ("javascript:alert(1)", False),
        ('https://a.org/"onmouseover=x', False),
        ("data:text/html,x", False),
        ("http://ok.example", True),
    ],
)
def test_safe_url(url, kept):
    assert (safe_url(url) == url) is kept
