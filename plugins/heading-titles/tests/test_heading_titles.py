"""heading_titles: a Markdown file without `Title:` takes its first `# Heading` as its title."""

import pytest
from pelican.plugins.heading_titles.headings import title_from_heading


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<h1>Hello</h1>\n<p>Text</p>", ("Hello", "<p>Text</p>")),
        (
            '<h1 id="x">Say <em>no</em> &amp; mean it</h1>\n<p>T</p>',
            ("Say no & mean it", "<p>T</p>"),
        ),
        ("<H1>Upper</H1>", ("Upper", "")),
        ("<h1>Two\nlines</h1>", ("Two\nlines", "")),
        ("<p>Intro</p><h1>Later</h1>", None),  # only a heading that opens the text
        ("<h2>Second level</h2>", None),
        ("<h1> <img src=x> </h1><p>T</p>", None),  # a heading with no words names nothing
        ("", None),
    ],
)
def test_title_from_heading(content, expected):
    assert title_from_heading(content) == expected


FILES = {
    "untitled.md": """\
        Date: 2024-05-01

        # Leading without a title

        The body of the post.
        """,
    "titled.md": """\
        Title: Its own title
        Date: 2024-05-02

        # A heading kept in the body

        More text.
        """,
}


def test_the_first_heading_becomes_the_title_once(build_alone):
    site = build_alone("heading_titles", FILES)
    page = site.page("leading-without-a-title.html")
    assert page.title.get_text().strip().endswith("Leading without a title")
    body = page.select_one(".entry-content")
    assert "The body of the post." in body.get_text()
    assert "Leading without a title" not in body.get_text()  # not shown twice


def test_a_given_title_wins_and_the_heading_stays(build_alone):
    site = build_alone("heading_titles", FILES)
    page = site.page("its-own-title.html")
    assert page.select_one(".entry-content h1").get_text() == "A heading kept in the body"
