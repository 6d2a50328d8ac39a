"""The importer on our own fixture pages (every rule), its safety, and the seeds when present."""

import re
import shutil
from pathlib import Path

import pytest

from coaching_kb.content.front_matter import parse
from coaching_kb.importer.planning import plan_page
from coaching_kb.importer.writing import import_pages
from coaching_kb.testing import ROOT, review_imports

PAGES = Path(__file__).parent / "pages"
TOPICS = ROOT / "content" / "topics"
WORD = re.compile(r"[a-z0-9]+")


def plan(name: str):
    text = (PAGES / name).read_text(encoding="utf-8")
    files, report = plan_page(name, text)
    return {f.path: parse(f.text, f.path) for f in files}, report, text


def posts(files):
    return {path: doc for path, doc in files.items() if path.startswith(("essays/", "qa/"))}


def test_untitled_essay_gets_a_proposed_title_and_its_comments_with_junk_as_spam():
    files, report, _ = plan("essay_with_comments.txt")
    (essay,) = posts(files).values()
    assert essay.get("title") == "When I took over the night shift at the depot"
    assert "title proposed" in essay.get("review")
    assert "## 1. Fixing instead of teaching" in essay.body
    assert "Which habit from your old job is hardest" in essay.body  # the post's own questions
    comments = [doc for path, doc in files.items() if path.startswith("comments/")]
    assert len(comments) == 5
    spam = sorted(doc.body for doc in comments if doc.get("status") == "spam")
    assert spam == ["...", "testing the comment form", "this is a test comment"]
    assert (report.comments, report.spam) == (5, 3)


def test_byline_is_cleaned_and_split_and_bio_becomes_a_profile():
    files, _, _ = plan("company_post.txt")
    essay = files["essays/why-our-best-engineers-became-coaches.md"]
    assert essay.get("author") == "Dana Whitcombe"
    assert "## What we changed" in essay.body
    assert "Chief Operating Officer//" not in essay.body
    profile = files["authors/dana-whitcombe.md"]
    assert profile.get("role") == "Chief Operating Officer"
    assert profile.body.startswith("Dana has run engineering")


def test_page_of_posts_becomes_one_essay_each_with_source_and_profile():
    files, report, _ = plan("multi_post.txt")
    titles = sorted(doc.get("title") for doc in posts(files).values())
    assert titles == ["Ask before you advise", "Calm is contagious", "Small promises, kept"]
    calm = files["essays/calm-is-contagious.md"]
    assert calm.get("original-source") == "The Operations Review"
    assert "## Practise the first sentence" in calm.body
    assert "originally published" not in calm.body
    assert {doc.get("author") for doc in posts(files).values()} == {"Morgan Ellery"}
    assert report.authors == ["Morgan Ellery"]
    assert files["authors/morgan-ellery.md"].body.startswith("After twenty years")


def test_chrome_is_dropped_and_the_date_title_list_and_closed_comments_are_kept():
    files, report, _ = plan("menu_post.txt")
    (essay,) = posts(files).values()
    assert essay.get("title") == "Delegating When Time Is Short - Part 2"
    assert essay.get("date") == "2021-03-14"
    assert essay.get("author") == "Sam Rivera"
    assert essay.get("comments") == "closed"
    assert "- She kept one task for herself, and only one." in essay.body
    chrome = ("Book a Session", "Picture", "March 2021", "555-0142", "Riverside Studios")
    chrome += ("Copyright", "Follow me", "LEADERSHIP MENTOR", "Comments are closed")
    for line in chrome:
        assert line not in essay.body
    assert len(report.dropped) == 32


def test_advice_letter_becomes_a_qa_with_letter_answer_and_columnist():
    files, report, _ = plan("advice_letter.txt")
    qa = files["qa/should-i-take-the-promotion-nobody-else-wants.md"]
    assert qa.get("type") == "qa"
    assert qa.get("author") == "Pat Morgan"
    letter, answer = qa.body.split("<!-- answer -->")
    assert "six years" in letter
    assert "stay where I am happy?" in letter
    assert "Being asked because nobody else" in answer
    assert "- Could you try the role for a fixed period" in answer
    assert "Email Pat" not in qa.body
    assert files["authors/pat-morgan.md"].get("role") == "Denver based leadership coach"
    assert report.questions == 1


def test_signed_letter_keeps_the_pseudonym():
    files, _, _ = plan("signed_letter.txt")
    qa = files["qa/my-peers-resent-my-promotion.md"]
    assert qa.get("asker") == "Lonely at the Top Table"
    assert "Lonely at the Top Table" not in qa.body


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.txt")))
def test_every_line_is_imported_or_reported_dropped(name):
    files, report, text = plan(name)
    assert report.unaccounted == []
    dropped = {line.number for line in report.dropped}
    assert set(report.fates) == {n for n, line in enumerate(text.splitlines(), 1) if line.strip()}
    written = set(WORD.findall(" ".join(f.body + " " + " ".join(f.meta.values())
                                        for f in files.values()).lower()))  # fmt: skip
    for number, line in enumerate(text.splitlines(), start=1):
        words = set(WORD.findall(line.lower()))
        if not words or number in dropped or report.fates[number].startswith("meta:"):
            continue  # dropped lines are listed; meta lines became fields such as Date
        missing = words - written
        assert len(missing) <= max(1, len(words) // 4), f"{name}:{number} lost {missing}"


def test_check_suggests_topics_for_imported_essays(tmp_path):
    import shutil

    from coaching_kb.build import load_settings
    from coaching_kb.check.checks import inspect_folder

    content = tmp_path / "content"
    shutil.copytree(TOPICS, content / "topics")
    import_pages([PAGES / "multi_post.txt"], content / "imported")
    review_imports(content / "imported")
    hints = inspect_folder(load_settings(ROOT / "pelicanconf.py", content)).hints
    essay = [h for h in hints if "small-promises-kept.md:1: hint:" in h]
    assert essay, hints
    assert "Trust" in essay[0]


def test_dry_run_then_write_then_rerun_is_identical_and_edits_are_kept(tmp_path):
    pages = sorted(PAGES.glob("*.txt"))
    dry = import_pages(pages, tmp_path / "out", dry_run=True)
    assert {what for _, what in dry.files} == {"would write"}
    assert not (tmp_path / "out").exists()
    first = import_pages(pages, tmp_path / "out")
    assert {what for _, what in first.files} == {"written"}
    snapshot = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*.md")}
    again = import_pages(pages, tmp_path / "out")
    assert {what for _, what in again.files} == {"unchanged"}
    assert snapshot == {p: p.read_bytes() for p in (tmp_path / "out").rglob("*.md")}
    edited = tmp_path / "out" / "essays" / "calm-is-contagious.md"
    edited.write_text(edited.read_text() + "\nMy own addition.\n")
    kept = dict(import_pages(pages, tmp_path / "out").files)
    assert kept[edited].startswith("kept")
    assert "My own addition." in edited.read_text()
    forced = dict(import_pages(pages, tmp_path / "out", force=True).files)
    assert forced[edited] == "written"
    assert "My own addition." not in edited.read_text()
    assert not list((tmp_path / "out").rglob(".*"))  # no temporary files left behind


def test_unreadable_pages_are_reported_and_the_rest_import(tmp_path, task):
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\x00\x00",
        "latin.txt": "caf\xe9".encode("latin-1"),
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text((PAGES / "company_post.txt").read_text())
    result = task("import", "--pages", str(tmp_path), "--dest", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "empty.txt:1: the file is empty" in result.stderr
    assert "binary.txt:1: this is a binary file" in result.stderr
    assert "latin.txt:1: the file is not UTF-8" in result.stderr
    assert (tmp_path / "out" / "essays" / "why-our-best-engineers-became-coaches.md").exists()


def test_imported_fixtures_pass_check_and_build_alone_once_reviewed(tmp_path, task):
    out = tmp_path / "imported"
    assert import_pages(sorted(PAGES.glob("*.txt")), out).errors == []
    unreviewed = task("check", "--content", str(out))
    assert unreviewed.returncode == 1  # nothing made up: the owner must say what was unknown
    assert "the importer asks you to review: date unknown" in unreviewed.stdout
    assert "Imported author" not in unreviewed.stdout + "".join(
        p.read_text() for p in out.rglob("*.md")
    )
    review_imports(out)
    assert task("check", "--content", str(out)).returncode == 0
    built = task("build", "--content", str(out), "--output", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "calm-is-contagious" / "index.html").exists()


def test_an_imported_qa_is_signed_by_its_columnist_from_import_to_build(tmp_path, task):
    # A site with author profiles refuses an unsigned answer: the importer credits the
    # columnist the letter greets ("Dear Pat,"), with a profile, so a reviewed import builds.
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    letter = str(PAGES / "signed_letter.txt")
    imported = task("import", "--pages", letter, "--dest", str(content / "imported"))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    checked = task("check", "--content", str(content))
    assert checked.returncode == 1  # until the owner reviews: the date, the columnist's name
    assert "Review:" in checked.stdout
    assert "no 'Author:'" not in checked.stdout
    review_imports(content / "imported")
    checked = task("check", "--content", str(content))
    assert checked.returncode == 0, checked.stdout
    out = tmp_path / "output"
    assert task("build", "--content", str(content), "--output", str(out)).returncode == 0
    page = (out / "my-peers-resent-my-promotion" / "index.html").read_text()
    assert 'href="../authors/pat/"' in page or "/authors/pat/" in page
