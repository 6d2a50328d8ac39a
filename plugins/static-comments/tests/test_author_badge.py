"""The "Author" badge marks only what the owner marked: a reader typing the writer's name
(any case, any spacing, look-alike letters) is shown as a reader."""

import pytest

from coaching_kb.build import build_site
from coaching_kb.content.comments import comment_from
from coaching_kb.errors import ContentError
from coaching_kb.testing import ROOT, write_files


def comment(author: str, minute: int, marked: str = "") -> str:
    mark = f"By-Author: {marked}\n" if marked else ""
    return f"Author: {author}\nDate: 2026-01-02 10:{minute:02}\nStatus: approved\n{mark}\nHello.\n"


FILES = {
    "essays/target.md": "Title: Target\nDate: 2026-01-01\nAuthor: Dele Mensah\n\nAn essay.\n",
    "comments/target/01-lower.md": comment("dele mensah", 1),
    "comments/target/02-shouted.md": comment("DELE   MENSAH", 2),
    "comments/target/03-cyrillic.md": comment("D\u0435le Mensah", 3),
    "comments/target/04-same-name.md": comment("Dele Mensah", 4),
    "comments/target/05-refused.md": comment("Dele Mensah", 5, marked="no"),
    "comments/target/06-writer.md": comment("Dele Mensah", 6, marked="yes"),
}


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory):
    from bs4 import BeautifulSoup

    root = tmp_path_factory.mktemp("badge")
    write_files(root / "content", FILES)
    build_site(ROOT / "pelicanconf.py", root / "content", root / "output")
    html = (root / "output" / "target" / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_only_the_comment_the_owner_marked_has_the_author_badge(page):
    shown = page.select("li.comment")
    assert len(shown) == 6
    marked = [li["id"] for li in page.select("li.comment--by-author")]
    assert marked == ["comment-06-writer"]
    assert len(page.select(".badge--author")) == 1


def test_a_by_author_line_that_is_neither_yes_nor_no_names_its_line():
    with pytest.raises(ContentError, match=r"^c\.md:4: .*By-Author: maybe.*Fix: "):
        comment_from(comment("Dele Mensah", 1, marked="maybe"), "target", "c", "c.md")
