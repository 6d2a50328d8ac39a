"""The one place that touches Pelican's private body attribute still matches Pelican."""

import copy
import datetime

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from coaching_kb.content.body import BODY_ATTRIBUTE, body_of, set_body

UPGRADE = (
    "Pelican no longer keeps a content object's body in {name!r}: coaching_kb.content.body "
    "must follow it (every plugin that reads or rewrites a body goes through it)"
)


def article(html: str) -> Article:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    metadata = {"title": "A title", "date": datetime.datetime(2020, 1, 1)}
    return Article(html, metadata=metadata, settings=settings, source_path="a.md", context={})


def test_the_body_is_what_the_reader_made():
    made = article("<p>As read, <a href='{filename}/b.md'>unresolved</a>.</p>")
    assert BODY_ATTRIBUTE in vars(made), UPGRADE.format(name=BODY_ATTRIBUTE)
    assert body_of(made) == "<p>As read, <a href='{filename}/b.md'>unresolved</a>.</p>"


def test_a_new_body_is_what_pelican_renders():
    made = article("<p>Old text.</p>")
    set_body(made, "<p>New text.</p>")
    assert made.content == "<p>New text.</p>", UPGRADE.format(name=BODY_ATTRIBUTE)
    assert body_of(made) == "<p>New text.</p>"
