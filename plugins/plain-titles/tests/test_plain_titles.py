"""plain_titles: every reader's title is plain text, so the theme escapes it once."""

import pytest
from pelican.plugins.plain_titles.text import plain_text


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("Q&amp;A", "Q&A"),
        ("&quot;Done&quot; means done", '"Done" means done'),
        ("A <em>quiet</em> team", "A quiet team"),
        ("Plain & simple", "Plain & simple"),
        ("  Two\n  lines ", "Two lines"),
    ],
)
def test_html_titles_become_the_text_they_show(written, plain):
    assert plain_text(written) == plain


def test_a_rest_title_with_an_ampersand_is_shown_once_escaped(build_site):
    site = build_site(
        {"post.rst": "Tea & talks\n###########\n\n:date: 2024-01-01\n\nText.\n"},
        SEARCH_ENABLED=False,
    )
    assert site.page("tea-talks/index.html").select_one("h1").get_text() == "Tea & talks"
