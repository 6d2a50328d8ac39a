"""Lightness: no other hosts, small CSS, almost no script, lazy sized images."""

import re
import struct
from urllib.parse import urlparse

from pelican.plugins.images.sizing import enhance_images, image_size

from coaching_kb.testing import ROOT

# Where a link to another host is the author's or reader's own writing, not a resource.
TEXT_AREAS = (
    ".article__body, .letter__body, .answer__body, .comment, .profile__links, .profile__bio, "
    ".first-published, link[rel=canonical]"
)


def offsite(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) and parsed.scheme in ("http", "https", "")


def test_no_page_loads_anything_from_another_host(sample_site):
    checked = 0
    for path in sample_site.output.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        page = sample_site.page(str(path.relative_to(sample_site.output)))
        for node in page.select(TEXT_AREAS):
            node.decompose()
        for tag in page.select("[src], link[href], [action], [srcset], [poster], [data]"):
            for attr in ("src", "href", "action", "srcset", "poster", "data"):
                value = tag.get(attr)
                if value and not value.startswith("mailto:"):
                    assert not offsite(value), f"{path}: {tag}"
        assert "@import" not in str(page)
        checked += 1
    assert checked > 40


def test_css_is_one_small_file():
    css = list((ROOT / "theme" / "static" / "css").glob("*.css"))
    assert len(css) == 1
    assert css[0].stat().st_size < 30_000
    assert not re.search(r"url\((?!['\"]?data:)", css[0].read_text())


def test_article_pages_run_only_the_small_enhancement_script(sample_site):
    for path in ("the-hero-who-stays-late", "my-team-goes-quiet-when-i-speak"):
        page = sample_site.page(path)
        scripts = [s for s in page.select("script") if s.get("type") != "application/ld+json"]
        assert [s["src"] for s in scripts] == ["../theme/js/site.js"]
        assert all(not s.string for s in scripts)
    assert (ROOT / "theme" / "static" / "js" / "site.js").stat().st_size < 2_000


PNG = (
    b"\x89PNG\r\n\x1a\n"
    + b"\x00\x00\x00\rIHDR"
    + struct.pack(">II", 640, 360)
    + b"\x08\x02\x00\x00\x00"
)


def test_image_sizes_are_read_from_headers():
    assert image_size(PNG) == (640, 360)
    assert image_size(b"GIF89a" + struct.pack("<HH", 12, 34)) == (12, 34)
    jpeg = b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08" + struct.pack(">HH", 300, 400)
    assert image_size(jpeg + b"\x00" * 8) == (400, 300)
    assert image_size(b"not an image") is None


def test_images_in_articles_are_lazy_and_sized(build_site):
    site = build_site(
        {
            "images/team.png": PNG,
            "a.md": (
                "Title: A\nDate: 2020-01-01\n\n"
                "![A team at a whiteboard]({static}/images/team.png)\n"
            ),
        }
    )
    img = site.page("a").select_one(".article__body img")
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("640", "360")
    assert img["alt"] == "A team at a whiteboard"
    assert enhance_images('<img src="x.png" loading="eager">', lambda _: None) == (
        '<img src="x.png" loading="eager" decoding="async">'
    )
