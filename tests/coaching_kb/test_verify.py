"""`invoke verify`: a clean sample site, imported seeds, and a broken site with every fault."""

import pytest

from coaching_kb.testing import ROOT, SEEDS, review_imports, write_files
from coaching_kb.verify import verify_site

PAGE = "<!doctype html><html><head><title>t</title>{head}</head><body>{body}</body></html>"


def test_sample_site_verifies_clean(sample_site, task):
    assert verify_site(sample_site.output) == []
    result = task("verify", "--output", str(sample_site.output))
    assert result.returncode == 0
    assert "is fine" in result.stdout


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_imported_seeds_verify_clean(tmp_path):
    from coaching_kb.build import build_site
    from coaching_kb.importer.writing import import_pages

    out = tmp_path / "imported"
    import_pages(sorted(SEEDS.glob("*.txt")), out)
    review_imports(out)
    report = build_site(ROOT / "pelicanconf.py", out, tmp_path / "site")
    assert not report.errors
    assert verify_site(tmp_path / "site") == []


def test_every_fault_in_a_broken_site_is_reported(tmp_path, task):
    site = tmp_path / "site"
    write_files(site, {
        "index.html": PAGE.format(head='<link rel="stylesheet" href="missing.css">', body=(
            '<a href="about/">ok</a> <a href="gone/">gone</a> <a href="about/#nowhere">anchor</a>'
            '<img src="https://tracker.example/p.gif" alt="x">'
            '<div class="article__body"><a href="https://example.org/essay">fine in text</a></div>'
            '<a href="javascript:alert(1)">bad</a><div><p>unclosed div</body></html>'
        )),
        "about/index.html": PAGE.format(head="", body='<h1 id="top">About</h1>'),
        "search/index.html": PAGE.format(head='<meta name="robots" content="noindex">', body=""),
        "feeds/all.atom.xml": "<feed><entry></feed>",
        "sitemap.xml": '<urlset><url><loc>http://127.0.0.1:8000/</loc></url></urlset>',
    })  # fmt: skip
    problems = "\n".join(verify_site(site))
    assert "index.html: broken link to missing.css" in problems
    assert "index.html: broken link to gone/" in problems
    assert "that page has no #nowhere" in problems
    assert "<img> loads https://tracker.example/p.gif from another host" in problems
    assert "example.org/essay" not in problems
    assert "javascript: URL" in problems
    assert "unclosed" in problems or "not closed" in problems
    assert "feeds/all.atom.xml: not well-formed XML" in problems
    assert "sitemap.xml: does not list about/" in problems
    assert "search/" not in problems
    result = task("verify", "--output", str(site))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_a_production_build_verifies_with_the_site_url_it_was_built_with(tmp_path, task):
    output = tmp_path / "published"
    assert task("publish", "--output", str(output)).returncode == 0
    result = task("verify", "--output", str(output))  # no --site-url: read from the site
    assert result.returncode == 0, result.stdout
    assert "is fine" in result.stdout


def test_a_form_posts_elsewhere_only_where_the_pages_policy_lets_it(tmp_path):
    policy = (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
        "form-action 'self' https://inbox.example/comments\">"
    )
    forms = (
        '<form action="https://inbox.example/comments" method="post"></form>'
        '<form action="https://collector.example/steal" method="post"></form>'
    )
    write_files(tmp_path, {"index.html": PAGE.format(head=policy, body=forms)})
    problems = verify_site(tmp_path)
    assert "index.html: <form> loads https://collector.example/steal from another host" in problems
    assert not [p for p in problems if "inbox.example" in p]
