"""A reader's letter, built for real: its Pelican link placeholders resolve nothing, the feed
carries the same cleaned letter as the page, and what the page drops fails no check."""

import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from coaching_kb.build import build_site
from coaching_kb.testing import ROOT, write_files

SECRET = "the-owners-private-words"  # noqa: S105 (a file's text, no password)
HOSTILE_LETTER = (
    "Dear coach, my notes are [here]({attach}../../secret.txt), "
    "[there](|filename|../../secret.txt), [static]({static}/../../secret.txt), "
    "[gone]({filename}/nothing-here.md) and "
    '<a href="{attach}../../secret.txt">raw</a>.\n\n'
    '![x](x" onerror=alert(1)) ![pixel](https://tracker.example/p.gif) '
    "[js](javascript:alert(document.domain)) and ![local]({static}/../../secret.txt)\n"
)
TITLE = "Notes <img src=x> &lt;script&gt; & co"  # a reader's title: text, shown as typed
FILES = {
    "essays/plain.md": "Title: Plain\nDate: 2026-01-01\n\nAn essay of the owner's own.\n",
    "qa/20260102-notes.md": (
        f"Title: {TITLE}\nSlug: notes\nDate: 2026-01-02\nType: qa\nAsker: Sam\n\n"
        f"{HOSTILE_LETTER}\n<!-- answer -->\n\n"
        "Keep your notes [with you]({filename}/essays/plain.md).\n"
    ),
    "comments/plain/20260103-eve.md": (
        "Author: Eve\nDate: 2026-01-03\nStatus: approved\n\n"
        "Look [here]({attach}../../../secret.txt) and [there](|static|../../../secret.txt).\n"
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("letters")
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    write_files(root / "content", FILES)
    overrides = {"FEED_ALL_ATOM": "feeds/all.atom.xml", "SITEURL": "https://site.example"}
    report = build_site(ROOT / "pelicanconf.py", root / "content", root / "output", overrides)
    return root / "output", report


def test_a_letters_placeholders_publish_no_file(site):
    output, _ = site
    copied = [path for path in output.rglob("*") if path.is_file() and SECRET in path.read_text(
        encoding="utf-8", errors="ignore")]  # fmt: skip
    assert copied == []
    assert not list(output.rglob("secret.txt"))
    page = (output / "notes" / "index.html").read_text(encoding="utf-8")
    assert "secret.txt" not in page
    assert "{attach}" not in page
    assert "|filename|" not in page


def test_the_answer_keeps_the_owners_links(site):
    output, _ = site
    html = (output / "notes" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one('a[href$="/plain/"]')


def test_a_comments_placeholders_stay_inert(site):
    output, _ = site
    body = BeautifulSoup((output / "plain" / "index.html").read_text(encoding="utf-8"),
                         "html.parser").select_one("#comment-20260103-eve")  # fmt: skip
    assert "Look" in body.get_text()
    assert not [a for a in body.select(".comment__body a") if a.get("href")]


def feed_of(output: Path) -> BeautifulSoup:
    """Return the Atom feed parsed (html.parser: the project does not install lxml)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup((output / "feeds" / "all.atom.xml").read_text(encoding="utf-8"),
                             "html.parser")  # fmt: skip


def test_the_feed_carries_the_letter_the_page_shows(site):
    output, _ = site
    feed = feed_of(output)
    (letter,) = [e.content.get_text() for e in feed.select("entry") if "Dear coach" in e.get_text()]
    for hostile in ("javascript:", "tracker.example", "onerror", "secret.txt", "<img"):
        assert hostile not in letter, hostile


def test_reader_markup_the_page_drops_fails_no_check(site):
    _, report = site
    assert report.errors == []
    assert report.warnings == []


def test_the_secret_is_outside_content(site):  # the test's own premise
    output, _ = site
    assert (Path(output).parent / "secret.txt").read_text(encoding="utf-8") == SECRET


def test_the_feed_titles_a_letter_as_its_page_does(site):
    output, _ = site
    feed = feed_of(output)
    page = BeautifulSoup(
        (output / "notes" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    titles = [entry.title.get_text() for entry in feed.select("entry")]
    assert page.select_one("h1").get_text(strip=True) == TITLE
    assert TITLE in titles
