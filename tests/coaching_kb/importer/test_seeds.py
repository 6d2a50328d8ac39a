"""The five seed pages from ../shared/seeds, imported into a temp folder (skipped when absent)."""

import json
import shutil

import pytest

from coaching_kb.content.front_matter import parse
from coaching_kb.importer.writing import import_pages
from coaching_kb.testing import ROOT, SEEDS, review_imports, run_task

pytestmark = [
    pytest.mark.seeds,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout"),
]
CHROME = ("Enter Your Email", "Schedule with Rita", "Picture", "Copyright", "All rights reserved",
          "January 2021", "Telephone", "By appointment", "Contact Us", "Share in the comments",
          "Comments are closed", "View my profile", "About Joan Lloyd")  # fmt: skip


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds") / "imported"
    run = import_pages(sorted(SEEDS.glob("*.txt")), out)
    assert run.errors == []
    docs = {p.relative_to(out).as_posix(): parse(p.read_text(), str(p)) for p in out.rglob("*.md")}
    return out, run, docs


def by_title(docs, title):
    return next(
        d for p, d in docs.items() if p.startswith(("essays", "qa")) and d.get("title") == title
    )


def test_first_seed_is_one_essay_with_its_comments_junk_as_spam(imported):
    _, run, docs = imported
    report = next(r for r in run.reports if r.source.startswith("000_"))
    assert (report.essays, report.questions) == (1, 0)
    assert report.comments >= 20
    spam = [d for p, d in docs.items() if p.startswith("comments/") and d.get("status") == "spam"]
    assert {d.body for d in spam} >= {"this is a test comment", "..."}
    assert report.unaccounted == []


def test_company_post_by_russ_levanway(imported):
    doc = by_title(imported[2], "A Tale of Two Skill Sets")
    assert doc.get("author") == "Russ Levanway"
    assert imported[2]["authors/russ-levanway.md"].get("role") == "President"


def test_mary_jo_asmus_page_is_ten_essays_and_a_profile(imported):
    _, run, docs = imported
    report = next(r for r in run.reports if r.source.startswith("002_"))
    assert report.essays == 10
    ten = [d for p, d in docs.items() if d.get("imported-from", "").startswith("002_")]
    assert len(ten) == 10
    assert {d.get("author") for d in ten} == {"Mary Jo Asmus"}
    assert "The courage to listen" in {d.get("title") for d in ten}
    assert docs["authors/mary-jo-asmus.md"].body


def test_rita_ernst_post_with_its_date(imported):
    doc = by_title(imported[2], "Roadblocks to Success - Part 3")
    assert doc.get("author") == "Rita Ernst"
    assert doc.get("date") == "2019-08-27"
    assert doc.get("comments") == "closed"


def test_dear_joan_letter_is_a_qa_answered_by_joan_lloyd(imported):
    doc = by_title(imported[2], "The choice between technical specialty and managing")
    assert doc.get("type") == "qa"
    assert doc.get("author") == "Joan Lloyd"
    letter, answer = doc.body.split("<!-- answer -->")
    assert "eight months ago" in letter
    assert "eight months ago" not in answer


def test_no_chrome_line_in_any_body(imported):
    for path, doc in imported[2].items():
        for chrome in CHROME:
            assert chrome not in doc.body, f"{path} holds {chrome!r}"


@pytest.fixture(scope="module")
def merged(imported, tmp_path_factory):
    """Our sample content with the reviewed seeds beside it, checked and built once with
    `invoke` for the two tests below: (what check printed and returned, the built site)."""
    folder = tmp_path_factory.mktemp("merged")
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(imported[0], content / "imported")
    review_imports(content / "imported")
    checked = run_task("check", "--content", str(content))
    site = folder / "site"
    built = run_task("build", "--content", str(content), "--output", str(site))
    assert built.returncode == 0, built.stdout + built.stderr
    return checked, site


def test_imported_seeds_check_build_alone_and_merged_with_related_links(
    imported, merged, tmp_path, task
):
    out = tmp_path / "reviewed"
    shutil.copytree(imported[0], out)
    assert task("check", "--content", str(out)).returncode == 1  # until the owner reviews
    review_imports(out)
    assert task("check", "--content", str(out)).returncode == 0
    assert task("build", "--content", str(out), "--output", str(tmp_path / "alone")).returncode == 0
    checked, site = merged
    assert checked.returncode == 0, checked.stdout
    entries = json.loads((site / "related.json").read_text())["articles"]
    crossing = [
        e for e in entries
        if e["source_path"].startswith("imported/")
        and any(not r["source_path"].startswith("imported/") for r in e["related"])
    ]  # fmt: skip
    assert crossing  # old writing links to new
    assert (site / "pagefind" / "pagefind.js").exists()
    assert "roadblocks-to-success-part-3" in (site / "sitemap.xml").read_text()


@pytest.mark.browser
def test_search_finds_old_and_new_writing_together(merged, page):
    from coaching_kb.testing import serve, wait_for_results

    for base in serve(merged[1]):
        page.goto(f"{base}/search/?q=hero")
        wait_for_results(page)
        titles = page.locator(".search-result__title").all_inner_texts()
        assert "Roadblocks to Success - Part 3" in titles  # imported
        assert "The hero who stays late" in titles  # ours
