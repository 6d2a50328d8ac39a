"""sitemap: sitemap.xml lists every page a search engine may index; robots.txt points to it."""

import xml.etree.ElementTree as ET

import pytest
from pelican.plugins.sitemap_robots.documents import robots_txt, sitemap_xml

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def entries(xml: str) -> list[tuple[str, str | None]]:
    """Return (loc, lastmod or None) of each <url>, in document order."""
    root = ET.fromstring(xml)  # noqa: S314 - XML this test suite made
    return [
        (u.findtext("s:loc", namespaces=NS), u.findtext("s:lastmod", namespaces=NS)) for u in root
    ]


@pytest.mark.parametrize(
    ("base", "pages", "expected"),
    [
        (
            "https://coach.example/",
            [("b/", ""), ("", ""), ("a/", "2024-05-01")],
            [
                ("https://coach.example/", None),
                ("https://coach.example/a/", "2024-05-01"),
                ("https://coach.example/b/", None),
            ],
        ),
        ("https://coach.example", [("x/", ""), ("x/", "")], [("https://coach.example/x/", None)]),
        (
            "https://coach.example",
            [("q&a/<1>/", "")],
            [("https://coach.example/q&a/<1>/", None)],  # escaped in the XML, read back intact
        ),
        ("https://coach.example", [], []),
    ],
)
def test_sitemap_xml(base, pages, expected):
    assert entries(sitemap_xml(base, pages)) == expected


def test_a_local_build_still_gets_absolute_urls():
    [(loc, _)] = entries(sitemap_xml("", [("a/", "")]))
    assert loc.startswith("http") and loc.endswith("/a/")  # noqa: PT018 - one URL, two ends
    assert robots_txt("").splitlines()[-1].startswith("Sitemap: http")


def test_robots_txt_allows_everything_and_names_the_sitemap():
    assert robots_txt("https://coach.example/") == (
        "User-agent: *\nAllow: /\nSitemap: https://coach.example/sitemap.xml\n"
    )


FILES = {
    "one.md": "Title: One\nDate: 2024-05-01\n\nText.\n",
    "two.md": "Title: Two\nDate: 2024-05-02 09:30\nModified: 2024-06-03 18:05\n\nText.\n",
    "pages/about.md": "Title: About\n\nAbout us.\n",
    # Written by Pelican, but not for search engines: a hidden post and page, a draft for review.
    "contact.md": "Title: Contact\nDate: 2024-05-03\nStatus: hidden\n\nWrite.\n",
    "pages/thanks.md": "Title: Thanks\nStatus: hidden\n\nThanks.\n",
    "pages/plans.md": "Title: Plans\nStatus: draft\n\nLater.\n",
    "static/hidden.html": '<html><head><meta name="robots" content="noindex"></head></html>',
    "static/shown.html": "<html><head><title>Shown</title></head></html>",
}
# No HTML reader: the two .html files are published as they are, as a theme's page would be.
SITE = {
    "SITEURL": "https://coach.example",
    "STATIC_PATHS": ["static"],
    "READERS": {"html": None},
    "TIMEZONE": "America/Sao_Paulo",
    "DRAFT_PAGE_SAVE_AS": "drafts/pages/{slug}.html",  # a draft published for review
}


def test_the_sitemap_lists_the_written_pages_but_not_a_noindex_one(build_alone):
    site = build_alone("sitemap_robots", FILES, **SITE)
    locs = {loc for loc, _ in entries((site.output / "sitemap.xml").read_text())}
    expected = {"", "one.html", "two.html", "pages/about.html", "static/shown.html"}
    assert {f"https://coach.example/{url}" for url in expected} <= locs
    assert "https://coach.example/static/hidden.html" not in locs
    assert all(loc.startswith("https://coach.example/") for loc in locs)
    assert (site.output / "contact.html").exists()
    assert (site.output / "drafts/pages/plans.html").exists()
    unlisted = {"contact.html", "pages/thanks.html", "drafts/pages/plans.html"}
    assert not {f"https://coach.example/{url}" for url in unlisted} & locs


def test_the_sitemap_gives_each_post_its_last_change_in_the_sites_timezone(build_alone):
    site = build_alone("sitemap_robots", FILES, **SITE)
    lastmod = dict(entries((site.output / "sitemap.xml").read_text()))
    assert lastmod["https://coach.example/one.html"] == "2024-05-01T00:00:00-03:00"
    assert lastmod["https://coach.example/two.html"] == "2024-06-03T18:05:00-03:00"  # Modified:
    assert lastmod["https://coach.example/pages/about.html"] is None  # a page with no date


def test_robots_txt_is_written_naming_the_sitemap(build_alone):
    site = build_alone("sitemap_robots", FILES, **SITE)
    assert "Sitemap: https://coach.example/sitemap.xml" in (site.output / "robots.txt").read_text()


def test_the_sites_own_robots_txt_is_kept(build_alone):
    own = {**FILES, "static/robots.txt": "User-agent: *\nDisallow: /\n"}
    moved = {"static/robots.txt": {"path": "robots.txt"}}
    site = build_alone("sitemap_robots", own, **SITE, EXTRA_PATH_METADATA=moved)
    assert (site.output / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


def test_sitemap_enabled_false_writes_neither_file(build_alone):
    site = build_alone("sitemap_robots", FILES, **SITE, SITEMAP_ENABLED=False)
    assert (site.output / "one.html").exists()
    assert not (site.output / "sitemap.xml").exists()
    assert not (site.output / "robots.txt").exists()
