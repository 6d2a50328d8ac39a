"""Script-injection attempts in a comment's body, author name and URL render as inert text."""

import pytest

from coaching_kb.testing import serve

HOSTILE = {
    "essays/target.md": "Title: Target\nDate: 2026-01-01\n\nAn ordinary essay.\n",
    "comments/target/01-evil.md": (
        'Author: <script>alert("name")</script><img src=x onerror=alert(2)>\n'
        "Date: 2026-01-02\n"
        "Status: approved\n"
        "URL: javascript:alert(3)\n\n"
        "Hello <script>alert(4)</script> there "
        "<img src=https://evil.example/p.png onerror=alert(5)> "
        "[click](javascript:alert(6)) <iframe src=https://evil.example></iframe>\n"
    ),
    "comments/target/02-link.md": (
        'Author: Ann"><b>bold</b>\nDate: 2026-01-03\nStatus: approved\n'
        'URL: https://ok.example/"onmouseover="alert(7)\n\nFine.\n'
    ),
}


def test_hostile_comment_is_escaped_in_the_html(build_site):
    site = build_site(HOSTILE)
    page = site.page("target")
    comment = page.select_one("#comment-01-evil")
    assert '<script>alert("name")</script>' in comment.select_one(".comment__author").get_text()
    assert not comment.select("script, img, iframe")
    assert not comment.select_one(".comment__author a")  # javascript: URL dropped
    assert "Hello" in comment.get_text()
    assert not page.select_one("#comment-02-link .comment__author a")
    assert not page.select("b")


@pytest.mark.browser
def test_hostile_comment_runs_nothing_in_chromium(build_site, page):
    site = build_site(HOSTILE)
    for base in serve(site.output):
        page.goto(f"{base}/target/")
        page.wait_for_load_state("networkidle")
        author = page.locator("#comment-01-evil .comment__author").inner_text()
        assert 'alert("name")' in author
        assert "Hello" in page.locator("#comment-01-evil .comment__body").inner_text()
        page.locator("#comment-01-evil .comment__body a").first.click()
    assert page.dialogs == []
    assert page.offsite_requests == []
