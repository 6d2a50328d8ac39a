"""A word longer than the screen (a German compound, a pasted address, a reader's
"sooooo") wraps inside its column instead of pushing the page sideways, in Chromium."""

import pytest

from coaching_kb.build import build_site
from coaching_kb.testing import ROOT, serve, write_files

pytestmark = pytest.mark.browser

LONG = "Leadershipdevelopmentprogrammeevaluationcommitteemeetingminutes"
ADDRESS = "https://example.com/a/very/long/path/that/never/breaks/for/a/phone/screen/at/all/"
SLUG = "a-long-word"
FILES = {
    f"{SLUG}.md": f"""
        Title: {LONG} and what it taught me
        Slug: {SLUG}
        Date: 2020-01-01
        Summary: A post whose title holds {LONG}.

        A paragraph with {LONG}{LONG} in it and a bare address {ADDRESS} too.
        """,
    "other.md": "Title: Another post\nDate: 2020-01-02\n\nSomething short.\n",
    f"comments/{SLUG}/01-reader.md": f"""
        Author: MaximilianoFeatherstonehaughWolfeschlegelsteinhausenbergerdorff
        Date: 2020-01-03 10:00
        Status: approved

        Thank{"s" * 80} for this! See {ADDRESS}
        """,
    f"comments/{SLUG}/02-reply.md": f"""
        Author: Ann
        Date: 2020-01-03 11:00
        Status: approved
        Reply-To: 01-reader

        N{"o" * 80} problem.
        """,
    f"comments/{SLUG}/03-reply.md": """
        Author: Joe
        Date: 2020-01-03 12:00
        Status: approved
        Reply-To: 02-reply

        A reply to a reply.
        """,
}


@pytest.fixture(scope="module")
def long_words_url(tmp_path_factory):
    """The site above, built once for the module and served."""
    folder = tmp_path_factory.mktemp("long-words")
    write_files(folder / "content", FILES)
    report = build_site(ROOT / "pelicanconf.py", folder / "content", folder / "output")
    assert not report.errors, report.errors
    yield from serve(report.output)


@pytest.mark.parametrize("path", [f"{SLUG}/", "", "archives/"])
@pytest.mark.parametrize("width", [320, 360, 390])
def test_a_long_word_wraps_instead_of_widening_the_page(browser, long_words_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{long_words_url}/{path}")
    # Every reply form open, the deepest reply's too.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    wide = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert wide <= width, f"/{path} is {wide}px wide on a {width}px screen"


# Text wider than its column runs over the column's edge; on a desktop nothing scrolls
# sideways, so only the boxes show it.
OVERRUNS = """() => [...document.querySelectorAll('main h1, main p, .comment__author')]
  .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right >
    document.querySelector('main').getBoundingClientRect().right + 1)
  .map(e => e.tagName + '.' + e.className)"""


def test_on_a_desktop_a_long_word_stays_inside_the_text_column(browser, long_words_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{long_words_url}/{SLUG}/")
    overruns = page.evaluate(OVERRUNS)
    context.close()
    assert overruns == []


def test_an_email_address_is_not_broken_at_its_hyphen_on_a_phone(browser, sample_url):
    # "hello@northstar-" / "coaching.example" was easy to copy wrong on a 320px phone.
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(f"{sample_url}/contact/")
    lines = page.evaluate(
        "document.querySelector('main a[href^=\"mailto:\"]').getClientRects().length"
    )
    context.close()
    assert lines == 1
