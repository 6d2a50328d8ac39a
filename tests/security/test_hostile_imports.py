"""Hostile text in imported pages stays text: nothing runs, nothing loads from another host."""

import markdown
import pytest

from coaching_kb.content.front_matter import parse
from coaching_kb.importer.planning import plan_page
from coaching_kb.importer.writing import import_pages
from coaching_kb.testing import ROOT, review_imports, serve

PAYLOADS = [
    "<script>alert('imported')</script>",
    '<img src="https://evil.example/x.png" onerror="alert(2)">',
    "[click me](javascript:alert(3))",
    "![tracker](https://evil.example/pixel.gif)",
    '<iframe src="https://evil.example"></iframe>',
    "<a href='javascript:alert(4)'>x</a> and <svg onload=alert(5)></svg>",
    '<style>body{display:none}</style><link rel="stylesheet" href="https://evil.example/s.css">',
    "&lt;script&gt;alert(6)&lt;/script&gt;",
]
PAGE = "A hostile page title\n\nBJo Tester, Editor\n\n" + "\n\n".join(
    f"An ordinary sentence that carries a payload along with it: {payload} and then more words."
    for payload in PAYLOADS
)


def test_payloads_are_escaped_in_the_markdown():
    files, _ = plan_page("hostile.txt", PAGE)
    essay = next(parse(f.text, f.path) for f in files if f.path.startswith("essays/"))
    html = markdown.markdown(essay.body, extensions=["extra"])
    for forbidden in ("<script", "<img", "<iframe", "<a ", "<svg", "<style", "<link"):
        assert forbidden not in html
    assert "&lt;script&gt;alert('imported')&lt;/script&gt;" in html


@pytest.mark.browser
def test_imported_payloads_run_nothing_in_chromium(tmp_path, page):
    (tmp_path / "hostile.txt").write_text(PAGE)
    out = tmp_path / "content"
    assert import_pages([tmp_path / "hostile.txt"], out).errors == []
    review_imports(out)
    from coaching_kb.build import build_site

    report = build_site(ROOT / "pelicanconf.py", out, tmp_path / "site")
    assert not report.errors
    for base in serve(tmp_path / "site"):
        page.goto(f"{base}/a-hostile-page-title/")
        page.wait_for_load_state("networkidle")
        text = page.locator(".article__body").inner_text()
        assert "<script>alert('imported')</script>" in text
        for link in page.locator(".article__body a").all():
            assert not (link.get_attribute("href") or "").lower().startswith("javascript")
        assert (
            page.locator(".article__body script, .article__body img, .article__body iframe").count()
            == 0
        )
    assert page.dialogs == []
    assert page.offsite_requests == []
