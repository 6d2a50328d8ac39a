"""Moderation from the command line, end to end: add, triage, approve, spam, then build."""

import subprocess
import sys
from pathlib import Path

from coaching_kb.moderation.private import PrivateStore
from coaching_kb.testing import ROOT, write_files

SITE = {
    "essays/one.md": "Title: One\nDate: 2026-01-01\n\nText.\n",
}
EMAIL = """From: Jo Reader <jo@example.org>
Subject: Comment on one
Content-Type: text/plain; charset=utf-8

URL: https://jo.example
Reply-To: 01-first

I tried the three questions and they **worked**.
"""


def comment_files(content: Path) -> list[Path]:
    return sorted((content / "comments" / "one").glob("*.md"))


def test_add_triage_approve_spam_round_trip(tmp_path, task):
    content = tmp_path / "content"
    write_files(content, SITE)
    write_files(
        content,
        {
            "comments/one/01-first.md": (
                "Author: First\nDate: 2026-01-02\nStatus: approved\n\nFirst!\n"
            )
        },
    )

    added = task("comment-add", "--article", "one", "--content", str(content), stdin=EMAIL)
    assert added.returncode == 0, added.stderr
    junk = task(
        "comment-add",
        "--article",
        "one",
        "--author",
        "bot",
        "--content",
        str(content),
        stdin="this is a test comment",
    )
    assert junk.returncode == 0, junk.stderr
    files = [p for p in comment_files(content) if p.name != "01-first.md"]
    assert len(files) == 2
    jo = next(p for p in files if "jo-reader" in p.name)
    text = jo.read_text()
    assert "Status: pending" in text
    assert "jo@example.org" not in text  # personal data stays out of git
    store = PrivateStore(tmp_path / ".inbox" / "private.sqlite")
    assert store.email_of(f"content/comments/one/{jo.name}") == "jo@example.org"
    assert "Reply-To: 01-first" in text
    assert "**worked**" in text

    triaged = task("comment-triage", "--content", str(content))
    assert "1 marked as spam" in triaged.stdout
    bot = next(p for p in files if p != jo)
    assert "Status: spam" in bot.read_text()
    assert "this is a test comment" in bot.read_text()  # never deleted

    output = tmp_path / "output"
    assert task("build", "--content", str(content), "--output", str(output)).returncode == 0
    assert "three questions" not in (output / "one" / "index.html").read_text()

    approved = task("comment-approve", "--path", str(jo))
    assert approved.returncode == 0, approved.stderr
    assert task("build", "--content", str(content), "--output", str(output)).returncode == 0
    html = (output / "one" / "index.html").read_text()
    assert "<strong>worked</strong>" in html
    assert "jo@example.org" not in html
    assert 'href="https://jo.example"' in html

    spammed = task("comment-spam", "--path", str(jo))
    assert spammed.returncode == 0
    assert "Status: spam" in jo.read_text()


def test_moderating_a_missing_file_says_so_without_traceback(tmp_path, task):
    result = task("comment-approve", "--path", str(tmp_path / "nope.md"))
    assert result.returncode == 2
    assert "no such comment file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_comment_sent_by_email_is_dated_when_it_was_sent(tmp_path, task):
    # Moderation happens hours or days later: the comment shows when the reader wrote it.
    content = tmp_path / "content"
    write_files(content, SITE)
    sent = EMAIL.replace("Subject:", "Date: Mon, 5 Jan 2026 10:02:00 +0100\nSubject:")
    added = task("comment-add", "--article", "one", "--content", str(content), stdin=sent)
    assert added.returncode == 0, added.stderr
    [comment] = comment_files(content)
    assert "Date: 2026-01-05 09:02:00" in comment.read_text()  # in UTC, as the inbox writes
    assert comment.name.startswith("20260105-090200-")


def test_comment_add_names_a_source_it_cannot_read_and_writes_nothing(tmp_path, task):
    """A mistyped --source, a folder, or an email saved in Latin-1 was a Python traceback (or,
    on standard input, a comment with its accented letters turned into '?' marks)."""
    content = tmp_path / "content"
    write_files(content, SITE)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("From: Lé <le@example.org>\n\nTrès utile.\n".encode("latin-1"))
    sources = {
        str(tmp_path / "missing.txt"): "does not exist",
        str(tmp_path): "is a folder",
        str(latin): "is not UTF-8 text",
    }
    for source, what in sources.items():
        added = task("comment-add", "--article", "one", "--source", source, "--content",
                     str(content))  # fmt: skip
        assert added.returncode == 2, added.stdout + added.stderr
        assert "Traceback" not in added.stderr
        assert f"comment-add: {source} {what}. Fix: " in added.stderr
    piped = subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "comment-add", "--article", "one",
         "--content", str(content)], input=latin.read_bytes(), capture_output=True, check=False,
    )  # fmt: skip
    assert piped.returncode == 2, piped.stdout + piped.stderr
    assert b"comment-add: standard input is not UTF-8 text. Fix: " in piped.stderr
    assert comment_files(content) == []
