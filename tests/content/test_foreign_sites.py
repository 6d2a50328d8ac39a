"""Other people's sites, built their way (issue 37): the fixtures in tests/sites/ of each shape."""

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coaching_kb.build import build_site
from coaching_kb.testing import ROOT

SITES = ROOT / "tests" / "sites"
ATOM_TITLE = "{http://www.w3.org/2005/Atom}title"


def copy_site(name: str, tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SITES / name, content)
    return content


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def escaped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The escaped_titles site built with production settings (feeds on)."""
    tmp_path = tmp_path_factory.mktemp("escaped")
    out = tmp_path / "output"
    report = build_site(ROOT / "publishconf.py", copy_site("escaped_titles", tmp_path), out)
    assert not report.failed(), report.problems
    return out


TITLES = {
    "retiring-the-v1-v2-apis/index.html": "Retiring the v1 & v2 APIs",
    "small-tools-versus-everything-included/index.html": 'Small tools versus "everything included"',
    "tea-talks-one-to-ones-that-work/index.html": 'Tea & talks: "one-to-ones" that work',
    "questions-answers/index.html": 'Questions & "answers"',
}


@pytest.mark.parametrize("page", sorted(TITLES))
def test_titles_of_every_reader_are_escaped_once_on_their_page(escaped_site, page):
    shown = html(escaped_site / page)
    assert shown.select_one("h1").get_text() == TITLES[page]  # the search index's title too
    assert shown.title.get_text().startswith(TITLES[page])


def test_no_title_is_escaped_twice_in_any_page_or_data_file(escaped_site):
    for path in escaped_site.rglob("*"):
        if path.suffix in (".html", ".json"):  # a feed's HTML summary is rightly escaped twice
            text = path.read_text(encoding="utf-8")
            for twice in ("&amp;amp;", "&amp;quot;", "&amp;#34;"):
                assert twice not in text, path


def test_feeds_related_lists_and_neighbours_show_the_plain_title(escaped_site):
    for feed in escaped_site.rglob("*.atom.xml"):
        titles = [t.text for t in ET.parse(feed).iter(ATOM_TITLE)]  # noqa: S314 - our build
        assert all("&" not in t.replace("& ", "") for t in titles), (feed, titles)
    feed = ET.parse(escaped_site / "feeds" / "all.atom.xml")  # noqa: S314 - our build
    assert "Retiring the v1 & v2 APIs" in [t.text for t in feed.iter(ATOM_TITLE)]
    related = json.loads((escaped_site / "related.json").read_text(encoding="utf-8"))
    assert "Retiring the v1 & v2 APIs" in json.dumps(related, ensure_ascii=False)
    neighbour = html(escaped_site / "small-tools-versus-everything-included" / "index.html")
    links = [a.get_text(" ", strip=True) for a in neighbour.select("a")]
    assert any(text.endswith("Retiring the v1 & v2 APIs") for text in links), links
