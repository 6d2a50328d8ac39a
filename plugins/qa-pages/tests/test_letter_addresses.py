"""A reader's title never takes an address anything else of the site writes: the general rule,
checked against every name a real build writes at the output's root."""

import pytest

from coaching_kb.build import build_site
from coaching_kb.content.slugs import slug_of
from coaching_kb.testing import ROOT, write_files

SITE = {
    "essays/plain.md": "Title: Plain\nDate: 2026-01-01\n\nAn essay of the owner's own.\n",
    "pages/about.md": "Title: About\n\nWho writes here.\n",
    "topics/delegation.md": "Name: Delegation\n\nHanding work over.\n",
    "images/logo.txt": "a static file in a folder of its own",
}


def letter(number: int, title: str) -> tuple[str, str]:
    stem = f"202601{number // 28 + 1:02}-{slug_of(title) or 'reader-question'}"
    return f"qa/{stem}-{number}.md", (
        f"Title: {title}\nSlug: {stem}-{number}\nDate: 2026-01-02 10:{number % 60:02}\n"
        f"Type: qa\nAsker: Reader {number}\n\nDear coach, letter {number} asks a question.\n\n"
        f"<!-- answer -->\n\nAnswer-marker-{number}.\n"
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("addresses")
    write_files(root / "first", SITE)
    first = build_site(ROOT / "pelicanconf.py", root / "first", root / "out1")
    assert first.errors == []
    names = sorted({path.name.split(".")[0] for path in (root / "out1").iterdir()})
    # A title for every name the site writes, one shaped like the inbox's own addresses, and
    # two letters whose titles give one address.
    titles = [*names, "About", "20260101 about-0", "Topics", "Topics"]
    letters = dict(letter(number, title) for number, title in enumerate(titles))
    write_files(root / "second", {**SITE, **letters})
    second = build_site(ROOT / "pelicanconf.py", root / "second", root / "out2")
    return root, names, titles, second


def test_the_site_writes_the_names_the_rule_must_know(builds):
    _, names, _, _ = builds
    assert {"topics", "pagefind", "theme", "about", "images", "search"} <= set(names)


def test_letters_titled_after_anything_the_site_writes_all_build(builds):
    root, names, titles, report = builds
    assert report.errors == []
    out = root / "out2"
    assert {path.name.split(".")[0] for path in out.iterdir()} >= set(names)
    pages = [
        p for p in out.rglob("index.html") if "Answer-marker-" in p.read_text(encoding="utf-8")
    ]
    for number in range(len(titles)):
        marker = f"Answer-marker-{number}."
        own = [p for p in pages if f"<p>{marker}</p>" in p.read_text(encoding="utf-8")]
        assert own, f"letter {number} ({titles[number]!r}) has no page"
    assert (out / "topics" / "index.html").is_file()
    assert "Delegation" in (out / "topics" / "index.html").read_text(encoding="utf-8")
    assert list((out / "pagefind").glob("pagefind*.js"))
