"""fast_listings: the same membership answers as a list, and the same site, sooner."""

from fast_listings.listing import IndexedList
from pelican.contents import Article

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


def test_a_tag_heavy_site_is_byte_identical_with_the_plugin(build_site):
    files = {
        f"a{n}.md": f"Title: A{n}\nDate: 2020-01-{n + 1:02d}\nTags: t{n % 3}, t{n % 5}\n"
        f"Category: c{n % 2}\nAuthor: W{n % 4}\n\nText {n}.\n"
        for n in range(12)
    }
    settings = ROOT / "pelicanconf.py"
    plugins = [p for p in _plugins(settings) if p != "fast_listings"]
    without = _pages(build_site(files, SEARCH_ENABLED=False, PLUGINS=plugins).output)
    with_it = _pages(build_site(files, SEARCH_ENABLED=False).output)
    assert len(with_it) > 20
    assert with_it == without


def _plugins(settings):
    from coaching_kb.build import load_settings

    return load_settings(settings)["PLUGINS"]


def _pages(output):
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*.html")}
