"""What a built site holds: its HTML pages, in order, and which of them are public."""

from coaching_kb.content.pages import html_pages, public_pages
from coaching_kb.testing import write_files

PAGE = "<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_html_pages_are_the_sites_pages_in_path_order(tmp_path):
    write_files(
        tmp_path,
        {
            "index.html": "home",
            "a-b/index.html": "a-b",
            "a/index.html": "a",
            "a/b/index.html": "a/b",
            "a/notes.txt": "not a page",
            "archive.html/index.html": "a folder named like a page holds one",
            "pagefind/fragment.html": "the search bundle",
            "theme/partial.html": "the theme's files",
            "deep/theme/index.html": "only the top-level theme folder is skipped",
        },
    )
    pages = [page.relative_to(tmp_path).as_posix() for page in html_pages(tmp_path)]
    assert pages == [
        "a/b/index.html",
        "a/index.html",
        "a-b/index.html",
        "archive.html/index.html",
        "deep/theme/index.html",
        "index.html",
    ]


def test_a_noindex_page_is_left_out_however_long_its_body(tmp_path):
    long_body = "<p>Ça va — 多 words.</p>" * 100_000
    write_files(
        tmp_path,
        {
            "hidden/index.html": PAGE.format(
                head='<meta name="robots" content="noindex">', body=long_body
            ),
            "shown/index.html": PAGE.format(head="<title>Shown</title>", body=long_body),
            # Only the head is read: a robots meta far down a body is not the page's.
            "late/index.html": PAGE.format(
                head="", body=long_body + '<meta name="robots" content="noindex">'
            ),
        },
    )
    assert public_pages(tmp_path) == [("late/", ""), ("shown/", "")]
