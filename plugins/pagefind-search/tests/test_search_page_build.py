"""Our site's search in real builds: what is indexed, the search page's markup, the synonyms."""

import json

import pytest

from coaching_kb.build import build_site
from coaching_kb.testing import ROOT, copy_site, parsed_html


def test_sample_site_has_a_search_bundle_and_page(sample_site):
    assert (sample_site.output / "pagefind" / "pagefind.js").exists()
    page = sample_site.page("search")
    assert page.select_one("input#search-query")["data-bundle"] == "../pagefind/pagefind.js"
    assert "needs JavaScript" in page.select_one("noscript").decode_contents()
    assert page.select_one("noscript a")["href"] == "../topics/"


def test_the_owners_synonyms_are_published_with_the_bundle(sample_site):
    groups = json.loads((sample_site.output / "pagefind" / "synonyms.json").read_text())["groups"]
    assert ["boss", "manager", "line manager"] in groups
    assert any("burnout" in group and "exhausted" in group for group in groups)


def test_no_results_offers_the_main_topics_and_ask_the_coach(sample_site):
    page = sample_site.page("search")
    empty = page.select_one("#search-empty")
    assert page.select_one("#search-status")["role"] == "status"
    # Right under the box, before the results (whose kept height pushed it off screen).
    order = [el.get("id") for el in page.select("#search-status, #search-empty, #search-results")]
    assert order == ["search-status", "search-empty", "search-results"]
    links = {a.get_text(strip=True): a["href"] for a in empty.select("a")}
    assert links["Delegation"] == "../topics/delegation/"
    assert links["Ask the Coach: send your own question"] == "../section/ask-the-coach/"
    assert links["All topics"] == "../topics/"


def test_the_search_page_knows_every_topic_and_its_aliases(sample_site):
    topics = sample_site.page("search").select("#search-topics li")
    confidence = next(li for li in topics if li.get_text(strip=True) == "Confidence")
    assert confidence["data-url"] == "../topics/confidence/"
    assert "impostor syndrome" in confidence["data-names"].split("|")
    assert len(topics) >= 12


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
    assert form.select_one("input[type=search]")["name"] == "q"
    assert form.select_one("label")["for"] == form.select_one("input[type=search]")["id"]
    # The search page moves focus into the results when the reader came from this box.
    assert form.select_one("input[type=hidden]")["name"] == "from"


def test_search_can_be_turned_off(build_site):
    site = build_site({"a.md": "Title: A\nDate: 2020-01-01\n\nText.\n"}, SEARCH_ENABLED=False)
    assert not (site.output / "pagefind").exists()


# The start state: what a reader sees on the search page before typing, and without script.


def start_links(page):
    """Return the start state's ways in (not its example searches): text -> address."""
    return {a.get_text(" ", strip=True): a["href"] for a in page.select("#search-start .chips a")}


def test_the_start_state_offers_topics_examples_and_ask_the_coach(sample_site):
    page = sample_site.page("search")
    start = page.select_one("#search-start")
    assert start.select_one(".search-start__lead").get_text(strip=True)
    links = start_links(page)
    assert links["All topics"] == "../topics/"
    assert links["Ask the Coach: send your own question"] == "../section/ask-the-coach/"
    featured = [a.get_text(strip=True) for a in page.select("#search-start .chips a")][:6]
    assert len(featured) == 6
    for href in links.values():
        assert (sample_site.output / "search" / href / "index.html").resolve().is_file()
    # Example searches are topics of this site, none of them already a chip.
    topic_names = {li.get_text(strip=True) for li in page.select("#search-topics li")}
    examples = page.select(".search-start__examples a")
    assert len(examples) == 3
    for example in examples:
        assert example.get_text(strip=True) in topic_names - set(featured)
        assert example["href"].startswith("?q=")


def test_the_start_state_and_no_results_share_their_ways_in(sample_site):
    page = sample_site.page("search")
    ways = [[a["href"] for a in page.select(f"{box} .chips a")]
            for box in ("#search-start", "#search-empty")]  # fmt: skip
    assert ways[0] == ways[1]
    assert ways[0]


def test_a_site_of_tags_starts_from_its_own_topics(tmp_path):
    site = built("untagged_mentions", tmp_path)
    links = start_links(site)
    assert links["remote work"] == "../topics/remote-work/"
    assert (tmp_path / "output" / "topics" / "remote-work" / "index.html").is_file()
    assert [a.get_text() for a in site.select(".search-start__examples a")] == ["remote work"]


def test_a_site_without_topics_starts_from_every_article_by_date(tmp_path):
    site = built("bare_site", tmp_path)
    assert start_links(site) == {"Every article by date": "../archives/"}
    assert (tmp_path / "output" / "archives" / "index.html").is_file()
    assert not site.select(".search-start__examples")


def built(shape, tmp_path):
    """Build the fixture site `shape` (tests/sites/); return its parsed search page."""
    content = copy_site(shape, tmp_path)
    report = build_site(ROOT / "pelicanconf.py", content, tmp_path / "output")
    assert not report.failed(), report.problems
    return parsed_html(tmp_path / "output" / "search" / "index.html")
