"""Every kind of bad content: `check` and `build` name the file, exit non-zero, print no
traceback, and the last good site stays where it was."""

import shutil
from pathlib import Path

import pytest

from coaching_kb.testing import run_task, run_tasks, write_files

GOOD = {
    "authors/ann-lee.md": "Name: Ann Lee\n\nAnn coaches.\n",
    "topics/trust.md": "Name: Trust\n\nTrust matters.\n",
    "essays/good.md": "Title: Good\nDate: 2026-01-01\nAuthor: Ann Lee\nTags: trust\n\nFine.\n",
}
OK = "Date: 2026-01-01\nAuthor: Ann Lee\n"
BAD = {
    "missing title": ("essays/bad.md", f"{OK}\nNo title here.\n", "essays/bad.md:1"),
    "empty title": ("essays/bad.md", f"Title:\n{OK}\nText.\n", "essays/bad.md:1"),
    "unparsable date": ("essays/bad.md", "Title: T\nDate: Smarch 41\n\nText.\n", "essays/bad.md:2"),
    "unknown author": ("essays/bad.md", "Title: T\nDate: 2026-01-01\nAuthor: Bo\n\nx\n", "bad.md:3"),
    "unknown topic": ("essays/bad.md", f"Title: T\n{OK}Tags: trsut\n\nx\n", "essays/bad.md:4"),
    "duplicate slug": ("essays/bad.md", f"Title: Good\n{OK}\nAgain.\n", "essays/bad.md"),
    "link to missing file": ("essays/bad.md", f"Title: T\n{OK}\n[x]({{filename}}nope.md)\n", "bad.md:5"),
    "comment on missing article": (
        "comments/nothing/a.md", "Author: X\nDate: 2026-01-02\nStatus: approved\n\nHi\n",
        "comments/nothing",
    ),
    "comment without author": (
        "comments/good/a.md", "Date: 2026-01-02\nStatus: approved\n\nHi\n", "comments/good/a.md:1"
    ),
    "comment without date": (
        "comments/good/a.md", "Author: X\nStatus: approved\n\nHi\n", "comments/good/a.md:1"
    ),
    "unknown reply-to": (
        "comments/good/a.md",
        "Author: X\nDate: 2026-01-02\nStatus: approved\nReply-To: zz\n\nHi\n",
        "good/a.md",
    ),
    "invalid UTF-8": ("essays/bad.md", b"Title: Caf\xe9\nDate: 2026-01-01\n\nx\n", "essays/bad.md:1"),
    "empty file": ("essays/bad.md", b"", "essays/bad.md:1"),
    "binary file named .md": ("essays/bad.md", b"\x89PNG\r\n\x1a\n\x00\x00", "essays/bad.md:1"),
    "10 MB article": (
        "essays/bad.md", f"Title: Huge\n{OK}\n".encode() + b"word " * 2_100_000, "essays/bad.md:1"
    ),
}  # fmt: skip
CYCLE = {
    # Published: a reader's pending or spam comment never stops a build, whatever it names.
    "comments/good/a.md": "Author: X\nDate: 2026-01-02\nStatus: approved\nReply-To: b\n\nA\n",
    "comments/good/b.md": "Author: Y\nDate: 2026-01-03\nStatus: approved\nReply-To: a\n\nB\n",
}


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The good site's output, built once by `invoke build`; each case starts from a copy."""
    folder = tmp_path_factory.mktemp("good")
    write_files(folder / "content", GOOD)
    built = run_task("build", "--content", str(folder / "content"), "--output", str(folder / "out"))
    assert built.returncode == 0, built.stdout + built.stderr
    return folder / "out"


@pytest.mark.parametrize("case", [*BAD, "reply cycle"])
def test_bad_content_fails_check_and_build_clearly(case, tmp_path, good_site):
    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, GOOD)
    shutil.copytree(good_site, output)  # the last good site, as `invoke build` wrote it
    last_good = (output / "good" / "index.html").read_text()
    if case == "reply cycle":
        write_files(content, CYCLE)
        where = "comments/good/"
    else:
        path, data, where = BAD[case]
        write_files(content, {path: data})
    commands = (["check"], ["build", "--output", str(output)])
    both = run_tasks(*([*command, "--content", str(content)] for command in commands))
    for command, result in zip(commands, both, strict=True):  # check reads, build writes
        said = result.stdout + result.stderr
        assert result.returncode != 0, f"{command[0]} accepted {case}"
        assert where in said, f"{command[0]} did not name {where} for {case}:\n{said}"
        assert "Fix:" in said
        assert "Traceback" not in said
    assert (output / "good" / "index.html").read_text() == last_good
    # Nothing half-built is left.
    assert not list(tmp_path.glob(".output-*"))
