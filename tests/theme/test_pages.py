"""Every page type renders, with the parts a reader and a search engine expect."""

import json
import xml.etree.ElementTree as ET

import pytest

from coaching_kb.testing import ROOT

PAGE_TYPES = {
    "": "home",
    "the-hero-who-stays-late": "essay",
    "my-team-goes-quiet-when-i-speak": "qa",
    "topics/delegation": "topic",
    "topics": "topics",
    "authors/nadia-okafor": "author",
    "authors": "authors",
    "archives": "archives",
    "archives/2026/03": "month",
    "section/ask-the-coach": "section",
    "section": "sections",
    "search": "search",
    "about": "page",
    "404.html": "not found",
}


def jsonld_types(page):
    return {
        json.loads(s.string)["@type"] for s in page.select('script[type="application/ld+json"]')
    }


@pytest.mark.parametrize("path", list(PAGE_TYPES))
def test_page_type_renders_with_landmarks_and_one_h1(sample_site, path):
    page = sample_site.page(path)
    assert page.select_one("html")["lang"] == "en"
    assert page.select_one("a.skip-link")["href"] == "#main"
    assert page.select_one("main#main")
    assert page.select_one("header")
    assert page.select_one("footer")
    assert len(page.select("h1")) == 1
    assert page.select_one('meta[http-equiv="Content-Security-Policy"]')
    if path not in ("", "404.html"):
        assert page.select_one("nav.breadcrumbs")
        assert "BreadcrumbList" in jsonld_types(page)


@pytest.mark.parametrize("path", ["the-hero-who-stays-late", "topics/delegation", "about"])
def test_breadcrumb_data_never_gives_the_home_page_as_the_current_page(sample_site, path):
    # The last crumb is the page itself: schema.org lets it go without an address; giving
    # it the home page's address tells search engines the page is the home page.
    crumbs = next(
        data
        for s in sample_site.page(path).select('script[type="application/ld+json"]')
        if (data := json.loads(s.string))["@type"] == "BreadcrumbList"
    )["itemListElement"]
    assert crumbs[0]["item"].endswith("/")
    assert "item" not in crumbs[-1]
    assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))


def test_essay_page_has_every_part(sample_site):
    page = sample_site.page("the-hero-who-stays-late")
    assert page.select_one(".byline a[rel=author]")["href"] == "../authors/dele-mensah/"
    assert page.select_one(".byline time")["datetime"].startswith("2026-01-19")
    assert "min read" in page.select_one(".article__facts").get_text()
    assert page.select(".article__facts a[rel=tag]")
    assert page.select_one(".related")
    assert page.select_one(".comments")
    assert page.select_one("form.comment-form label[for=comment-body]")
    assert page.select_one(".prev-next a[rel=prev]")
    # A dev build (SITEURL empty) has no absolute address to give: no canonical, no og:url.
    assert page.select_one("link[rel=canonical]") is None
    assert page.select_one('meta[property="og:url"]') is None
    assert page.select_one('meta[property="og:title"]')["content"] == "The hero who stays late"
    assert page.select_one('meta[name="twitter:card"]')
    assert "BlogPosting" in jsonld_types(page)


def test_author_page_has_person_jsonld(sample_site):
    page = sample_site.page("authors/priya-raman")
    person = next(
        json.loads(s.string)
        for s in page.select('script[type="application/ld+json"]')
        if '"Person"' in s.string
    )
    assert person["name"] == "Priya Raman"
    assert person["jobTitle"] == "People leader and coach"


def test_home_has_intro_latest_writing_questions_and_topics(sample_site):
    page = sample_site.page("")
    assert page.select_one(".masthead h1:not(.visually-hidden)")
    assert page.select_one(".masthead__lede")
    featured = page.select("section[aria-labelledby=latest-qa] .article-list__item a")
    latest = page.select("section[aria-labelledby=latest-essays] .article-list__item a")
    assert 1 <= len(featured) <= 3
    assert latest
    assert not {a["href"] for a in featured} & {a["href"] for a in latest}  # never listed twice
    assert len(page.select(".topic-cards__item")) == 6


def test_newsletter_form_only_when_its_action_is_set(build_site):
    files = {"a.md": "Title: A\nDate: 2020-01-01\n\nText.\n"}
    assert not build_site(files).page("a").select_one("form.newsletter")
    site = build_site(files, NEWSLETTER_ACTION="https://news.example/subscribe")
    form = site.page("a").select_one("form.newsletter")
    assert form["action"] == "https://news.example/subscribe"
    assert form.select_one("label[for=newsletter-email]")


def test_production_build_has_feeds_sitemap_and_robots(build_site):
    files = {
        "authors/ann-lee.md": "Name: Ann Lee\n\nBio.\n",
        "topics/trust.md": "Name: Trust\n\nTrust matters.\n",
        "a.md": "Title: A\nDate: 2020-01-01\nAuthor: Ann Lee\nTags: trust\n\nText.\n",
        "pages/about.md": "Title: About\nSlug: about\n\nUs.\n",
    }
    site = build_site(files, settings="publishconf.py", SITEURL="https://example.org/kb")
    assert not site.report.errors, site.report.errors
    for feed in (
        "feeds/all.atom.xml",
        "topics/trust/feed.atom.xml",
        "authors/ann-lee/feed.atom.xml",
    ):
        root = ET.parse(site.output / feed).getroot()  # noqa: S314 - our own output
        assert root.tag.endswith("feed")
    head = site.page("a").select("link[rel=alternate]")
    assert head[0]["href"] == "https://example.org/kb/feeds/all.atom.xml"
    assert (
        site.page("topics/trust")
        .select_one("link[rel=alternate]")["href"]
        .endswith("topics/trust/feed.atom.xml")
    )
    sitemap = ET.parse(site.output / "sitemap.xml").getroot()  # noqa: S314
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = {loc.text for loc in sitemap.iter(f"{namespace}loc")}
    base = "https://example.org/kb/"
    assert {base, f"{base}a/", f"{base}about/", f"{base}topics/trust/"} <= locations
    robots = (site.output / "robots.txt").read_text()
    assert "Sitemap: https://example.org/kb/sitemap.xml" in robots
    assert site.page("a").select_one("link[rel=canonical]")["href"] == "https://example.org/kb/a/"
    assert site.page("a").select_one('meta[property="og:url"]')["content"] == f"{base}a/"
    for page, path in [("", ""), ("about", "about/"), ("topics/trust", "topics/trust/")]:
        assert site.page(page).select_one("link[rel=canonical]")["href"] == base + path


def test_css_has_dark_scheme_print_rules_and_highlighting():
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text()
    assert "prefers-color-scheme: dark" in css
    assert "@media print" in css
    assert ".highlight .k" in css
