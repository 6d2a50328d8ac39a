"""fast_listings: the same membership answers as a list, and the same site, sooner."""

from datetime import date, timedelta
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.plugins.fast_listings.glue import SHORTEST_INDEXED
from pelican.plugins.fast_listings.listing import IndexedList

from coaching_kb.testing import ROOT


class Item:  # compared by identity, as Pelican's content is
    pass


def test_membership_is_a_lists_answer_through_every_change():
    a, b, c = Item(), Item(), Item()
    items = IndexedList([a, b])
    assert a in items and c not in items  # noqa: PT018 - one state, two questions
    items.append(c)
    assert c in items
    items.remove(a)
    assert a not in items
    items[0] = a
    assert a in items and b not in items  # noqa: PT018
    items += [b]
    del items[-1]
    assert b not in items
    items.clear()
    assert c not in items
    assert items == []


def test_pelican_content_is_compared_by_identity():
    assert Article.__eq__ is object.__eq__  # what makes the set of ids exact


def test_a_site_with_long_listings_writes_the_same_with_the_plugin(build_site):
    count = 2 * SHORTEST_INDEXED + 6  # both categories' lists are long enough to be indexed
    files = {
        f"a{n}.md": f"Title: A{n}\nDate: {date(2020, 1, 1) + timedelta(days=n)}\n"
        f"Tags: t{n % 2}, t{n % 5}\nCategory: c{n % 2}\nAuthor: W{n % 4}\n\nText {n}.\n"
        for n in range(count)
    }
    plugins = [p for p in _plugins(ROOT / "pelicanconf.py") if p != "fast_listings"]
    without, without_dates = _built(build_site, files, PLUGINS=plugins)
    with_it, with_dates = _built(build_site, files)
    assert len(with_it) > count
    assert with_it == without
    # What Pelican picked for each listing page (our theme shows `articles`, not `dates`).
    assert any(len(titles) >= SHORTEST_INDEXED for titles in with_dates.values())
    assert with_dates == without_dates


def _built(build_site, files, **settings):
    """Build; return the pages, and the `dates` each listing page was written with."""
    dates = {}

    def note(path, context):
        if "dates" in context and "article" not in context and "page" not in context:
            parts = Path(path).parts
            staging = next(i for i, part in enumerate(parts) if part.startswith(".output-"))
            dates["/".join(parts[staging + 1 :])] = [a.title for a in context["dates"]]

    signals.content_written.connect(note)
    try:
        site = build_site(files, SEARCH_ENABLED=False, **settings)
    finally:
        signals.content_written.disconnect(note)
    return _pages(site.output), dates


def _plugins(settings):
    from coaching_kb.build import load_settings

    return load_settings(settings)["PLUGINS"]


def _pages(output):
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*.html")}
