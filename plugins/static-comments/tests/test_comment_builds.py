"""static_comments on a built site: approved comments only, threaded, counted, closable."""

from datetime import UTC, datetime

from pelican.plugins.static_comments.glue import published_threads

from coaching_kb.build import load_settings
from coaching_kb.check.checks import check_folder
from coaching_kb.content.comments import Comment
from coaching_kb.testing import ROOT


def comment(cid: str, day: int, status: str = "approved", reply_to: str = "") -> Comment:
    return Comment(cid, "post", "A", datetime(2026, 1, day, tzinfo=UTC), status, "Hi", reply_to)


def test_only_approved_comments_are_published_and_threaded():
    comments = [
        comment("a", 1),
        comment("b", 2, reply_to="a"),
        comment("c", 3, status="pending"),
        comment("d", 4, status="spam"),
        comment("e", 5, reply_to="c"),  # its parent waits for moderation: shown at the top
    ]
    roots = published_threads(comments)
    assert [n.comment.id for n in roots] == ["a", "e"]
    assert [n.comment.id for n in roots[0].replies] == ["b"]


def comment_file(day: int, status: str, body: str, reply_to: str = "") -> str:
    reply = f"Reply-To: {reply_to}\n" if reply_to else ""
    return f"Author: Reader {day}\nDate: 2026-01-{day:02}\nStatus: {status}\n{reply}\n{body}\n"


FILES = {
    "target.md": "Title: Target\nDate: 2026-01-01\n\nAn essay.\n",
    "closed.md": "Title: Closed\nDate: 2026-01-01\nComments: closed\n\nAnother.\n",
    "comments/target/01-first.md": comment_file(2, "approved", "First thoughts."),
    "comments/target/02-later.md": comment_file(4, "approved", "A later thought."),
    "comments/target/03-reply.md": comment_file(5, "approved", "A reply.", "01-first.md"),
    "comments/target/04-waiting.md": comment_file(6, "pending", "Not yet read."),
    "comments/target/05-junk.md": comment_file(7, "spam", "Buy things."),
    "comments/closed/01-before.md": comment_file(3, "approved", "Said before closing."),
}


def test_approved_comments_are_shown_threaded_and_counted(build_site):
    page = build_site(FILES, SEARCH_ENABLED=False).page("target")
    comments = page.select_one(".comments")
    assert comments.select_one("h2").get_text().strip() == "3 comments"
    top = comments.select(":scope > .comments__list > li")
    assert [li["id"] for li in top] == ["comment-01-first", "comment-02-later"]
    assert [li["id"] for li in top[0].select("li")] == ["comment-03-reply"]
    assert "Not yet read." not in page.get_text()
    assert "Buy things." not in page.get_text()
    assert page.select_one("form.comment-form")


def test_closed_comments_keep_what_was_said_and_take_no_more(build_site):
    page = build_site(FILES, SEARCH_ENABLED=False).page("closed")
    assert "Said before closing." in page.select_one("#comment-01-before").get_text()
    assert page.select_one(".comments__closed")
    assert not page.select_one("form.comment-form")


def test_comments_for_a_missing_article_are_an_error_with_the_nearest_slug(build_site):
    files = {**FILES, "comments/targt/01-x.md": comment_file(2, "approved", "Lost.")}
    site = build_site(files, SEARCH_ENABLED=False)
    [error] = [e for e in site.report.errors if "targt" in e]
    assert "comments for a missing article 'targt'" in error
    assert "did you mean 'target'?" in error


def test_a_translation_of_a_closed_article_takes_no_comments_either(build_site):
    files = {
        **FILES,
        "closed-fr.md": "Title: Fermé\nDate: 2026-01-01\nSlug: closed\nLang: fr\n\nUn autre.\n",
    }
    site = build_site(files, SEARCH_ENABLED=False, COMMENTS_ENDPOINT="https://inbox.example/c")
    [translation] = [p for p in site.output.rglob("*.html") if "Un autre." in p.read_text()]
    page = translation.read_text()
    assert "Said before closing." in page  # its original's comments
    assert 'class="comment-form"' not in page  # the inbox refuses them: the original is closed


def test_a_site_that_takes_no_comments_writes_no_comments_json(build_site):
    site = build_site(FILES, SEARCH_ENABLED=False, COMMENTS_MODERATION_EMAIL="")
    assert site.page("target").select_one("#comment-01-first")  # what was said still shows
    assert not (site.output / "comments.json").exists()


def test_a_published_reply_to_a_waiting_comment_is_a_warning_naming_both(build_site, tmp_path):
    """An approved reply whose parent was still pending was published, alone, and check said
    nothing: the owner never learned that the comment it answers was not approved."""
    reply = comment_file(8, "approved", "Answering.", "04-waiting.md")
    files = {**FILES, "comments/target/06-answer.md": reply}
    site = build_site(files, SEARCH_ENABLED=False)
    checked = check_folder(load_settings(ROOT / "pelicanconf.py", tmp_path / "content"))
    for warnings in (site.report.warnings, [p.located for p in checked if p.is_warning]):
        [warned] = [w for w in warnings if "06-answer.md" in w]
        assert "comments/target/06-answer.md: a published reply to " in warned
        assert "comments/target/04-waiting.md, which is pending" in warned
        assert "Fix: approve " in warned
        assert "comments/target/04-waiting.md too (Status: approved)" in warned
    assert not site.report.errors
    # Shown on its own, as a comment, until its parent is approved.
    top = site.page("target").select(".comments > .comments__list > li")
    assert "comment-06-answer" in [li["id"] for li in top]
