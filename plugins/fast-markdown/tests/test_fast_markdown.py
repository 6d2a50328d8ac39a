"""One Markdown object per build gives the same site as Pelican's one per file."""

from pathlib import Path

from coaching_kb.build import build_site, load_settings
from coaching_kb.testing import ROOT, write_files

SETTINGS = ROOT / "pelicanconf.py"
TRICKY = {
    "a.md": "Title: A\nDate: 2020-01-01\nSummary: Has *emphasis*[^1].\n\n## Same heading\n\n"
    "Text with a note[^1].\n\n[^1]: The note of A.\n",
    "b.md": "Title: B\nDate: 2020-01-02\n\n## Same heading\n\nNo note here, and no Summary.\n",
    "c.md": "Date: 2020-01-03\n\n# Title from a heading\n\n## Same heading\n\nA third.\n",
}


def built_files(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in output.rglob("*")
        if p.is_file() and "pagefind" not in p.parts
    }


def test_the_site_is_byte_identical_with_and_without_reuse(tmp_path):
    write_files(tmp_path / "content", TRICKY)
    plugins = load_settings(SETTINGS)["PLUGINS"]
    without = {
        "PLUGINS": [p for p in plugins if p != "pelican.plugins.fast_markdown"],
        "SEARCH_ENABLED": False,
    }
    for content in (tmp_path / "content", ROOT / "content"):
        fast = build_site(SETTINGS, content, tmp_path / "fast", {"SEARCH_ENABLED": False})
        slow = build_site(SETTINGS, content, tmp_path / "slow", without)
        assert not fast.failed()
        assert not slow.failed()
        assert built_files(tmp_path / "fast") == built_files(tmp_path / "slow")
        if content != ROOT / "content":
            page = (tmp_path / "fast" / "b" / "index.html").read_text()
            assert "The note of A" not in page  # no state carried from one file to the next
