"""`invoke check` on a folder of broken files: each problem with its file and line."""

from pathlib import Path

import pytest

from coaching_kb.build import load_settings
from coaching_kb.check.checks import check_folder
from coaching_kb.scaffold import SUMMARY_PLACEHOLDER
from coaching_kb.testing import ROOT, run_tasks, write_files

GOOD_TOPIC = "Name: Delegation\nAliases: delegating\n\nHanding work over.\n"
GOOD_AUTHOR = "Name: Ann Lee\nRole: Coach\n\nAnn coaches.\n"
GOOD_SITE = {
    "topics/delegation.md": GOOD_TOPIC,
    "authors/ann-lee.md": GOOD_AUTHOR,
    "essays/good.md": "Title: Good\nDate: 2026-01-01\nAuthor: Ann Lee\n\nFine.\n",
}
BROKEN = {
    "topics/delegation.md": GOOD_TOPIC,
    "authors/ann-lee.md": GOOD_AUTHOR,
    "essays/good.md": "Title: Good\nDate: 2026-01-01\nAuthor: Ann Lee\nTags: delegation\n\nFine.\n",
    "essays/no-title.md": "Date: 2026-01-01\nAuthor: Ann Lee\n\nText.\n",
    "essays/empty-title.md": "Title:\nDate: 2026-01-01\n\nText.\n",
    "essays/bad-date.md": "Title: Bad date\nAuthor: Ann Lee\nDate: 31st of Smarch\n\nText.\n",
    "essays/typo.md": "Title: Typo\nDate: 2026-01-01\nAuthor: Ann Lee\nSumary: oops\n\nText.\n",
    "essays/dupe-one.md": "Title: Same name\nDate: 2026-01-01\nAuthor: Ann Lee\n\nOne.\n",
    "essays/dupe-two.md": "Title: Same Name\nDate: 2026-01-02\nAuthor: Ann Lee\n\nTwo.\n",
    "essays/link.md": (
        "Title: Link\nDate: 2026-01-01\nAuthor: Ann Lee\n\nFine line.\n"
        "See [this]({filename}missing.md).\n"
    ),
    "essays/who.md": "Title: Who\nDate: 2026-01-01\nAuthor: Bob Stranger\n\nText.\n",
    "essays/near.md": "Title: Near\nDate: 2026-01-01\nAuthor: Anne Lee\n\nText.\n",
    "essays/topic.md": "Title: Topic\nDate: 2026-01-01\nAuthor: Ann Lee\nTags: delegaton\n\nX.\n",
    "essays/alt.md": "Title: Alt\nDate: 2026-01-01\nAuthor: Ann Lee\n\n![](photo.png)\n",
    "essays/qa.md": "Title: Q\nDate: 2026-01-01\nAuthor: Ann Lee\nType: qa\n\nNo separator.\n",
    "essays/empty.md": "",
    "essays/binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "essays/latin1.md": "Title: Caf\xe9\nDate: 2026-01-01\n\nline\ncaf\xe9 again\n".encode(
        "latin-1"
    ),
    "comments/no-such-article/a.md": "Author: X\nDate: 2026-01-01\nStatus: approved\n\nHi\n",
    "comments/good/a.md": "Date: 2026-01-01\nStatus: approved\n\nno author\n",
    "comments/good/b.md": "Author: Y\nDate: 2026-01-01\nStatus: maybe\n\nbad status\n",
    "comments/good/c.md": "Author: Z\nDate: 2026-01-01\nStatus: approved\nReply-To: nobody\n\nx\n",
}
EXPECTED = [
    ("essays/no-title.md", 1, "title is missing"),
    ("essays/empty-title.md", 1, "title is missing"),
    ("essays/bad-date.md", 3, "does not parse"),
    ("essays/typo.md", 4, "did you mean 'Summary:'"),
    ("essays/dupe-two.md", 1, "is already used by"),
    ("essays/link.md", 6, "link to 'missing.md'"),
    ("essays/who.md", 3, "unknown author 'Bob Stranger'"),
    ("essays/near.md", 3, "unknown author 'Anne Lee'. Fix: did you mean 'Ann Lee'?"),
    ("essays/topic.md", 4, "did you mean 'Delegation'"),
    ("essays/alt.md", 5, "no alt text"),
    ("essays/qa.md", 6, "no '<!-- answer -->' line"),
    ("essays/empty.md", 1, "the file is empty"),
    ("essays/binary.md", 1, "binary file"),
    ("essays/latin1.md", 1, "not UTF-8"),
    ("comments/no-such-article", 0, "missing article 'no-such-article'"),
    ("comments/good/a.md", 1, "no 'Author:'"),
    ("comments/good/b.md", 3, "status 'maybe'"),
    ("comments/good/c.md", 0, "Reply-To 'nobody'"),
]


@pytest.fixture
def broken_folder(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    write_files(content, BROKEN)
    return content


def test_every_problem_is_found_with_its_file_and_line(broken_folder):
    problems = check_folder(load_settings(ROOT / "pelicanconf.py", broken_folder))
    found = [(Path(p.path).as_posix(), p.line, p.message) for p in problems]
    for path, line, text in EXPECTED:
        matching = [f for f in found if f[0].endswith(path) and text in f[2]]
        assert matching, f"{path}: no problem mentioning {text!r} in {found}"
        assert matching[0][1] == line, matching
        assert "Fix:" in matching[0][2]
    assert not [f for f in found if f[0].endswith("good.md")]


def test_invoke_check_prints_path_line_and_fails_without_traceback(broken_folder, task):
    result = task("check", "--content", str(broken_folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "bad-date.md:3: date '31st of Smarch' does not parse. Fix:" in result.stdout
    assert f"{len(EXPECTED)} problems" in result.stderr or "problems" in result.stderr


def test_sample_content_passes_check(task):
    result = task("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": hint: " not in result.stdout  # every sample article has its topics


def test_check_hints_topics_for_untagged_articles_and_still_passes(tmp_path, task):
    from coaching_kb.testing import ROOT, write_files

    files = {
        "handing-over.md": "Title: Handing work to the team\nDate: 2020-01-01\n\n"
        "Delegate the work: agree the outcome, hand over the decision and let the team "
        "decide how. Delegating is letting go of the method, not of the result.\n",
        "tagged.md": "Title: Listening first\nDate: 2020-01-02\nTags: Listening\n\n"
        "Ask, listen to the whole answer, and summarise it before you suggest anything.\n",
        "draft.md": "Title: Unfinished\nDate: 2020-01-03\nStatus: draft\n\n"
        "Delegate, delegate, delegate.\n",
    }
    for topic in (ROOT / "content" / "topics").glob("*.md"):
        files[f"topics/{topic.name}"] = topic.read_text(encoding="utf-8")
    write_files(tmp_path / "content", files)
    result = task("check", "--content", str(tmp_path / "content"))
    assert result.returncode == 0, result.stdout + result.stderr
    hints = [line for line in result.stdout.splitlines() if ": hint: " in line]
    assert len(hints) == 1
    assert "handing-over.md:1: hint: no Tags yet; its text suggests Delegation" in hints[0]
    assert "(1 hint above)" in result.stdout


def test_a_bad_date_does_not_hide_the_other_problems_of_its_file(tmp_path):
    write_files(tmp_path, {
        "topics/delegation.md": GOOD_TOPIC,
        "authors/ann-lee.md": GOOD_AUTHOR,
        "essays/many.md": "Title: Many\nDate: someday\nAuthor: Ann Lee\nSumary: x\n\n![](a.png)\n",
    })  # fmt: skip
    problems = check_folder(load_settings(ROOT / "pelicanconf.py", tmp_path))
    found = {(p.line, p.message.split(".")[0]) for p in problems if p.path.endswith("many.md")}
    lines = sorted(line for line, _ in found)
    assert lines == [2, 4, 6], found  # the date, the misspelt key, the image without alt text


def test_link_syntax_inside_code_is_text_not_a_broken_link(tmp_path):
    code = (
        "Title: Code\nDate: 2026-01-01\n\n```\nSee [it]({filename}missing.md)\n```\n\n"
        "    {static}x.png\n"
    )
    write_files(tmp_path, {"essays/code.md": code})
    problems = check_folder(load_settings(ROOT / "pelicanconf.py", tmp_path))
    assert not [p for p in problems if p.is_error], problems


def test_a_link_with_an_escaped_space_names_the_file_as_pelican_reads_it(tmp_path):
    # Pelican tries a target as written, then with its %-escapes undone: check does the same.
    write_files(tmp_path, {
        "essays/Team notes.md": "Title: Notes\nDate: 2026-01-01\n\nNotes.\n",
        "essays/a.md": "Title: A\nDate: 2026-01-02\n\n[n]({filename}Team%20notes.md)\n",
        "essays/b.md": "Title: B\nDate: 2026-01-03\n\n[n]({filename}Team%20nots.md)\n",
    })  # fmt: skip
    problems = check_folder(load_settings(ROOT / "pelicanconf.py", tmp_path))
    errors = [(Path(p.path).name, p.message) for p in problems if p.is_error]
    assert [name for name, _ in errors] == ["b.md"], errors
    assert "Team%20nots.md" in errors[0][1]


def test_a_readers_email_left_in_a_comment_or_letter_is_an_error(tmp_path, task):
    """#35 finding 4: old inboxes wrote addresses into git; `check` names each line to delete."""
    folder = tmp_path / "content"
    write_files(folder, {
        **GOOD_SITE,
        "comments/good/01-sam.md": "Author: Sam\nDate: 2026-01-02\nStatus: approved\n"
                                   "Email: sam@example.org\n\nThanks.\n",
        "qa/letter.md": "Title: A letter\nDate: 2026-01-03\nAuthor: Ann Lee\nType: qa\n"
                        "Asker: Stuck\nAsker-Email: stuck@example.org\nStatus: draft\n\n"
                        "Dear Ann, help.\n\n<!-- answer -->\n\nAn answer.\n",
    })  # fmt: skip
    result = task("check", "--content", str(folder))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "comments/good/01-sam.md:4: 'Email:' keeps a reader's e-mail address" in result.stdout
    assert "qa/letter.md:6: 'Asker-Email:' keeps a reader's e-mail address" in result.stdout
    assert result.stdout.count("Fix: delete the line") == 2


def test_a_bad_date_hides_no_author_topic_template_text_or_image_in_check_and_build(tmp_path):
    """A file Pelican gives up on (its date) still gets every other check, in one run."""
    folder = tmp_path / "content"
    write_files(folder, {
        **GOOD_SITE,
        "essays/many.md": "Title: Many\nDate: 31/31/2026\nAuthor: Bob Stranger\n"
                          f"Tags: delegaton\nSummary: {SUMMARY_PLACEHOLDER}\n\n"
                          "![A chart]({static}/images/nope.png)\n",
    })  # fmt: skip
    for command, out in failed_check_and_build(folder, tmp_path / "out"):
        assert "many.md:2: date '31/31/2026' does not parse" in out, (command, out)
        assert "many.md:3: unknown author 'Bob Stranger'" in out, (command, out)
        assert "many.md:4: unknown topic 'delegaton'. Fix: did you mean 'Delegation'?" in out
        assert f"many.md:5: '{SUMMARY_PLACEHOLDER}' is the template's text" in out
        assert "many.md:7: image '{static}/images/nope.png' does not exist" in out, out


@pytest.mark.parametrize(
    ("written", "line", "fix"),
    [
        ("07/12/2026", "Date: 07/12/2026", "write 2026-12-07 for 7 December 2026, or 2026-07-12 "
         "for 12 July 2026"),
        ("12.07.2026 10:30", "Date: 12.07.2026 10:30", "write 2026-07-12 10:30 for 12 July "
         "2026, or 2026-12-07 10:30 for 7 December 2026"),
        ("07/12/2026 23:30:45 -05:00", "Date: 07/12/2026 23:30:45 -05:00",
         "write 2026-12-07 23:30:45 -05:00 for 7 December 2026, or 2026-07-12 23:30:45 -05:00"),
        ("07/12/2026", '<meta name="date" content="07/12/2026">', "write 2026-12-07 for"),
    ],
)  # fmt: skip
def test_a_date_whose_day_and_month_could_swap_is_an_error_in_check_and_build(
    tmp_path, written, line, fix
):
    folder = tmp_path / "content"
    page = f"<html><head><title>When</title>\n{line}\n</head><body>T</body></html>"
    markdown = f"Title: When\n{line}\n\nText.\n"
    when = {"essays/when.html": page} if line.startswith("<") else {"essays/when.md": markdown}
    write_files(folder, {
        **when,
        "essays/clear.md": "Title: Clear\nDate: 7 December 2026\nModified: 2026-07-12\n\nX.\n",
        "essays/iso.md": "Title: ISO\nDate: 2026-12-07 10:20\n\nText.\n",
        "essays/us.md": "Title: US\nDate: 12/31/2026\n\nText.\n",
    })  # fmt: skip
    for command, out in failed_check_and_build(folder, tmp_path / "out"):
        assert f"{next(iter(when))}:2: date '{written}' could be read" in out, (command, out)
        assert f"Fix: {fix}" in out, (command, out)
        for fine in ("clear.md", "iso.md", "us.md"):
            assert fine not in out, out


def failed_check_and_build(folder: Path, output: Path) -> list[tuple[str, str]]:
    """Run `check` and `build` on `folder` side by side; return what each printed, both having
    failed."""
    printed = []
    commands = (["check"], ["build", "--output", str(output)])
    both = run_tasks(*([*command, "--content", str(folder)] for command in commands))
    for (command, *_), result in zip(commands, both, strict=True):  # check reads, build writes
        out = result.stdout + result.stderr  # build lists its problems on stderr
        assert result.returncode == 1, out
        printed.append((command, out))
    return printed
