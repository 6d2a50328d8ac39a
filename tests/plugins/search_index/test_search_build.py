"""Search indexing in real builds: what is indexed, and a clear error when Pagefind fails."""

import pytest

from coaching_kb.errors import SiteError
from coaching_kb.search import run_pagefind


def test_sample_site_has_a_search_bundle_and_page(sample_site):
    assert (sample_site.output / "pagefind" / "pagefind.js").exists()
    page = sample_site.page("search")
    assert page.select_one("input#search-query")["data-bundle"] == "../pagefind/pagefind.js"
    assert "needs JavaScript" in page.select_one("noscript").decode_contents()
    assert page.select_one("noscript a")["href"] == "../topics/"


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("the-hero-who-stays-late", "Essay"),
        ("my-team-goes-quiet-when-i-speak", "Q&A"),
        ("topics/delegation", "Topic"),
        ("about", "Page"),
        ("authors/dele-mensah", "Coach"),
    ],
)
def test_articles_hubs_and_authors_are_indexed_with_their_type(sample_site, page, kind):
    body = sample_site.page(page).select_one("[data-pagefind-body]")
    assert body["data-pagefind-filter"] == f"type:{kind}"


@pytest.mark.parametrize("page", ["", "archives", "section/essays", "topics", "authors"])
def test_listing_and_archive_pages_are_not_indexed(sample_site, page):
    assert not sample_site.page(page).select("[data-pagefind-body]")


def test_every_page_has_a_search_box_that_works_without_script(sample_site):
    form = sample_site.page("the-hero-who-stays-late").select_one("form.site-search")
    assert form["action"] == "../search/"
    assert form.select_one("input")["name"] == "q"
    assert form.select_one("label")["for"] == form.select_one("input")["id"]


def test_pagefind_failure_is_a_clear_error(tmp_path):
    with pytest.raises(SiteError, match=r"search_index: Pagefind failed .*Fix:"):
        run_pagefind(tmp_path / "no-such-site", "pagefind")


def test_search_can_be_turned_off(build_site):
    site = build_site({"a.md": "Title: A\nDate: 2020-01-01\n\nText.\n"}, SEARCH_ENABLED=False)
    assert not (site.output / "pagefind").exists()
