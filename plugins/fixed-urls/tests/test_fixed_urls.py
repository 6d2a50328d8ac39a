"""fixed_urls: every page the same as without the plugin, with URLs worked out once."""

from pathlib import Path

from pelican import signals

from coaching_kb.build import load_settings
from coaching_kb.testing import ROOT

FILES = {
    "one.md": "Title: One\nDate: 2024-03-01\nTags: trust\nSummary: See two.\n\n"
    "Read [two]({filename}two.md) and [moved]({filename}moved.md).\n",
    "two.md": "Title: Two\nDate: 2024-03-02\nSlug: second\nTags: trust\n\nText.\n",
    "two-fr.md": "Title: Deux\nDate: 2024-03-02\nSlug: second\nLang: fr\nTags: trust\n\nTexte.\n",
    "moved.md": "Title: Moved\nDate: 2024-03-03\nURL: elsewhere/moved.html\n"
    "Save_as: elsewhere/moved.html\n\nText.\n",
    "pages/about.md": "Title: About\n\nAbout [one]({filename}../one.md).\n",
}


def test_a_site_writes_the_same_with_its_urls_fixed(build_site):
    plugins = [
        p
        for p in load_settings(ROOT / "pelicanconf.py")["PLUGINS"]
        if p != "pelican.plugins.fixed_urls"
    ]
    without = _pages(build_site(FILES, PLUGINS=plugins, SEARCH_ENABLED=False).output)
    urls: dict[str, str] = {}

    def note(_generator, content):  # as each is written, long after reading
        urls[content.title] = content.__dict__.get("override_url", "")

    written = (signals.article_generator_write_article, signals.page_generator_write_page)
    for signal in written:
        signal.connect(note)
    try:
        with_it = _pages(build_site(FILES, SEARCH_ENABLED=False).output)
    finally:
        for signal in written:
            signal.disconnect(note)
    assert with_it == without
    assert 'href="../elsewhere/moved.html"' in with_it["one/index.html"].decode()
    assert set(urls) == {"One", "Two", "Deux", "Moved", "About"}
    assert [title for title, url in urls.items() if not url] == []  # all pinned ...
    assert urls["Moved"] == "elsewhere/moved.html"  # ... and an author's URL left as written


def _pages(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in output.rglob("*")
        if p.suffix in {".html", ".xml", ".json"}
    }
