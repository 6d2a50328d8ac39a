"""A chain of replies of any length builds, and check says what the build does."""

import pytest

from coaching_kb.build import build_site, load_settings
from coaching_kb.check.checks import inspect_folder
from coaching_kb.content.comments import MAX_REPLY_DEPTH
from coaching_kb.testing import ROOT, write_files

LENGTH = 300  # a reader posted this many replies, each to their last; the owner approved them


def chain() -> dict[str, str]:
    files = {"essays/target.md": "Title: Target\nDate: 2026-01-01\n\nAn essay.\n"}
    for number in range(LENGTH):
        reply = f"Reply-To: c{number - 1:03}\n" if number else ""
        files[f"comments/target/c{number:03}.md"] = (
            f"Author: Reader\nDate: 2026-01-02 10:{number // 60:02}:{number % 60:02}\n"
            f"Status: approved\n{reply}\nReply number {number}.\n"
        )
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("chain")
    write_files(root / "content", chain())
    settings = ROOT / "pelicanconf.py"
    report = build_site(settings, root / "content", root / "output")
    checked = inspect_folder(load_settings(settings, root / "content", {}))
    return root / "output", report, checked


def test_a_long_chain_of_replies_builds_and_check_agrees(built):
    output, report, checked = built
    assert report.errors == []
    assert [p for p in checked.problems if p.is_error] == []
    assert (output / "target" / "index.html").is_file()


def test_every_reply_is_shown_nested_no_deeper_than_the_cap(built):
    from bs4 import BeautifulSoup

    output, _, _ = built
    page = BeautifulSoup((output / "target" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")  # fmt: skip
    shown = page.select("li.comment")
    assert len(shown) == LENGTH
    deepest = max(len(c.find_parents("li", class_="comment")) for c in shown)
    assert deepest == MAX_REPLY_DEPTH
    first, last = page.select_one("#comment-c000"), page.select_one(f"#comment-c{LENGTH - 1:03}")
    assert last in first.descendants  # still in the conversation it answers
