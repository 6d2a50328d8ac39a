"""navigation: the header menu shows only the entries whose page this build writes."""

from dataclasses import dataclass

import pytest
from pelican.plugins.navigation.glue import available, existing_urls


@dataclass(frozen=True)
class Linked:
    url: str


MENU = (("Home", ""), ("Essays", "section/essays/"), ("About", "about/"), ("Topics", "topics/"))


@pytest.mark.parametrize(
    ("urls", "labels"),
    [
        ({"", "section/essays/", "about/", "topics/"}, ["Home", "Essays", "About", "Topics"]),
        ({"", "about/"}, ["Home", "About"]),  # in the owner's order
        ({"section/essays"}, []),  # the URL as written in MENU_LINKS, slash and all
        (set(), []),
    ],
)
def test_available(urls, labels):
    assert [label for label, _ in available(MENU, urls)] == labels


def test_existing_urls_are_the_pages_sections_authors_and_indexes_written():
    context = {
        "pages": [Linked("about/")],
        "categories": [(Linked("section/essays/"), [])],
        "authors": [(Linked("authors/ann/"), [])],
        "topic_hubs": [Linked("topics/feedback/")],
    }
    urls = existing_urls(context)
    expected = {"about/", "section/essays/", "authors/ann/", "authors/", "topics/"}
    assert expected <= urls
    assert {"", "archives/", "search/"} <= urls  # written by every build
    assert "topics/" not in existing_urls({})
    assert "authors/" not in existing_urls({})


def menu(site) -> list[str]:
    return [a.get_text() for a in site.page("").select("nav.site-nav a")]


def test_a_bare_site_lists_only_what_it_has(build_site):
    site = build_site({"essay.md": "Title: One\nDate: 2024-05-01\n\nText.\n"}, SEARCH_ENABLED=False)
    assert menu(site) == ["Essays"]


def test_a_full_site_lists_every_entry_in_the_owners_order(build_site):
    files = {
        "essay.md": "Title: One\nDate: 2024-05-01\nAuthor: Ann Lee\nTags: trust\n\nText.\n",
        "qa.md": "Title: Two\nDate: 2024-05-02\nType: qa\n\nQ?\n\n<!-- answer -->\n\nA.\n",
        "pages/about.md": "Title: About\n\nWho we are.\n",
    }
    site = build_site(files, SEARCH_ENABLED=False)
    assert menu(site) == ["Essays", "Ask the Coach", "Topics", "Coaches", "About"]
