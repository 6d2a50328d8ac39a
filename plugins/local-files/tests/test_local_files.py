"""local_files: a link or image written relative to its source file works from the built page."""

from posixpath import dirname, join, normpath
from urllib.parse import unquote, urlsplit

import pytest
from pelican.plugins.local_files.links import is_local, mark_local_files


@pytest.mark.parametrize(
    ("value", "local"),
    [
        ("diagram.png", True),
        ("../shared/sheet.pdf", True),
        ("files/a%20b.pdf?download=1", True),
        ("https://example.org/a.png", False),
        ("//cdn.example.org/a.png", False),
        ("mailto:someone@example.org", False),
        ("/images/a.png", False),  # from the site root: Pelican's own business
        ("#notes", False),
        ("?page=2", False),
        ("{static}/images/a.png", False),
        ("{filename}other.md", False),
        ("", False),
    ],
)
def test_is_local(value, local):
    assert is_local(value) is local


FILES_OF_THE_SITE = {"diagram.png", "files/a b.pdf"}


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<img src="diagram.png">', '<img src="{static}diagram.png">'),
        ("<a href='files/a%20b.pdf'>", "<a href='{static}files/a%20b.pdf'>"),
        ('<img src="missing.png">', None),  # not a file of the site: left for check to report
        ('<a href="https://example.org/diagram.png">', None),
        ('<a href="{static}diagram.png">', None),
    ],
)
def test_mark_local_files(html, expected):
    assert mark_local_files(html, FILES_OF_THE_SITE.__contains__) == (expected or html)


FILES = {
    "essays/deep/post.md": """\
        Title: Linked
        Date: 2024-05-01

        ![Diagram](diagram.png)

        Fill in [the worksheet](files/sheet%20one.pdf) before [the next post](other.md).
        """,
    "essays/deep/other.md": "Title: Other\nDate: 2024-05-02\n\nText.\n",
    "essays/deep/diagram.png": b"\x89PNG\r\n\x1a\n not really a picture",
    "essays/deep/files/sheet one.pdf": b"%PDF-1.4 a worksheet",
    "pages/about.md": "Title: About\n\n![The team](team.jpg)\n",
    "pages/team.jpg": b"\xff\xd8 a photo",
}
NESTED = {
    "ARTICLE_URL": "posts/{slug}/",
    "ARTICLE_SAVE_AS": "posts/{slug}/index.html",
    "RELATIVE_URLS": True,
}


def published(site, page_path: str, url: str) -> bytes:
    """Return the bytes of the published file `url` reaches from the page at `page_path`."""
    path = unquote(urlsplit(url).path)
    target = path.lstrip("/") if path.startswith("/") else join(dirname(page_path), path)
    return (site.output / normpath(target)).read_bytes()


def test_an_articles_relative_image_and_file_are_published_and_reached(build_alone):
    site = build_alone("local_files", FILES, **NESTED)
    page = site.page("posts/linked/index.html")
    image = page.select_one("img")["src"]
    sheet = page.find("a", string="the worksheet")["href"]
    assert published(site, "posts/linked/index.html", image) == FILES["essays/deep/diagram.png"]
    assert published(site, "posts/linked/index.html", sheet) == b"%PDF-1.4 a worksheet"


def test_a_link_to_another_source_file_is_left_to_pelican(build_alone):
    site = build_alone("local_files", FILES, **NESTED)
    link = site.page("posts/linked/index.html").find("a", string="the next post")["href"]
    assert link == "other.md"


def test_a_pages_relative_image_is_published_and_reached(build_alone):
    site = build_alone("local_files", FILES)
    src = site.page("pages/about.html").select_one("img")["src"]
    assert published(site, "pages/about.html", src) == b"\xff\xd8 a photo"
