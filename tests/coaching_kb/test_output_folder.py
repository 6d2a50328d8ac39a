"""An owner's output folder and caches (`--settings`): the build keeps what Pelican keeps there
(OUTPUT_RETENTION, files it did not write), never takes a folder holding the sources, and
keeps its reader cache apart from the one plain Pelican fills."""

import subprocess
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from coaching_kb.build import build_site, load_settings
from coaching_kb.owner_settings import owner_overrides
from coaching_kb.run import isolated_signals
from coaching_kb.testing import ROOT, parsed_html, write_files

SETTINGS = ROOT / "pelicanconf.py"
OWNERS = 'AUTHOR = "Pat Quinn"\nSITENAME = "Pat\'s pages"\nSITEURL = ""\nPATH = "content"\n'
OWNERS += 'TIMEZONE = "UTC"\nDEFAULT_LANG = "en"\n'
POST = "Title: Hello\nDate: 2024-01-01\n\nHello there.\n"


def owners_build(site: Path, output: Path | None = None):
    """Build the owner's site in `site` as `invoke build --settings` does."""
    overrides = owner_overrides(site / "pelicanconf.py", load_settings(SETTINGS))
    output = output or Path(overrides.get("OUTPUT_PATH") or site / "output")  # as Pelican does
    return build_site(SETTINGS, None, output, overrides)


def git(folder: Path, *arguments: str) -> str:
    command = ["git", "-C", str(folder), "-c", "user.email=p@q.example", "-c", "user.name=P"]
    return subprocess.run([*command, *arguments], capture_output=True, text=True, check=True).stdout


def test_a_github_pages_output_keeps_its_git_and_cname(tmp_path):
    # The build swapped in a fresh folder: the deploy repository's .git and CNAME were set
    # aside with the old site, and the next build deleted them.
    site = tmp_path / "site"
    settings = OWNERS + 'DELETE_OUTPUT_DIRECTORY = True\nOUTPUT_RETENTION = [".git", "CNAME"]\n'
    write_files(site, {"pelicanconf.py": settings, "content/hello.md": POST})
    output = site / "output"
    write_files(output, {"CNAME": "pat.example.com\n", "stale.html": "<p>old</p>"})
    git(output, "init", "-q")
    git(output, "add", "-A")
    git(output, "commit", "-qm", "deploy")
    for _ in range(2):  # the second build removes what the first set aside
        assert owners_build(site).written
    assert git(output, "log", "--format=%s").split() == ["deploy"]
    assert (output / "CNAME").read_text() == "pat.example.com\n"
    assert (output / "hello.html").is_file()
    assert not (output / "stale.html").exists()  # DELETE_OUTPUT_DIRECTORY: Pelican removes it
    beside = [p.name for p in site.iterdir() if p.name.startswith(".output-")]
    assert all(not (site / name / ".git").exists() for name in beside), beside


def test_without_delete_output_directory_what_the_build_did_not_write_stays(tmp_path):
    # Pelican's default: nothing in the output folder is removed; the build's files replace
    # their older copies.
    site = tmp_path / "site"
    write_files(site, {"pelicanconf.py": OWNERS, "content/hello.md": POST})
    output = site / "output"
    write_files(output, {"notes.txt": "mine\n", "drafts/plan.html": "<p>a plan</p>"})
    write_files(output, {"hello.html": "<p>an older copy</p>"})
    assert owners_build(site).written
    assert (output / "notes.txt").read_text() == "mine\n"
    assert (output / "drafts" / "plan.html").read_text() == "<p>a plan</p>"
    assert "Hello there." in (output / "hello.html").read_text()


def test_an_output_folder_holding_the_sources_is_refused_and_nothing_moves(tmp_path, task):
    # OUTPUT_PATH = "." moved the owner's pelicanconf.py, content/ and notes aside, and the
    # next build deleted them.
    site = tmp_path / "site"
    write_files(site, {"pelicanconf.py": OWNERS + 'OUTPUT_PATH = "."\n', "content/hello.md": POST})
    write_files(site, {"NOTES.txt": "mine\n"})
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = task("build", "--settings", str(site / "pelicanconf.py"))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line == (
        f"error: {site / 'pelicanconf.py'}:7: OUTPUT_PATH is {site}, which holds the content "
        "folder and this settings file: a build replaces what its output folder holds. Fix: "
        'set OUTPUT_PATH = "output" (a folder of its own), or pass --output'
    )
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    checked = task("check", "--settings", str(site / "pelicanconf.py"))  # check agrees
    assert (checked.returncode, checked.stderr.splitlines()) == (2, [line])


def test_an_owners_reader_cache_is_never_shared_with_ours(tmp_path):
    # With the owner's CACHE_CONTENT = True, both builds used their CACHE_PATH: ours showed
    # what plain Pelican's readers made of a YAML title (its quotes kept), and filled their
    # cache with what our plugins' readers made.
    site = tmp_path / "site"
    settings = OWNERS + 'CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\nCACHE_PATH = "cache"\n'
    post = '---\ntitle: "Why: a story"\ndate: 2024-01-01\n---\n\nBody text.\n'
    write_files(site, {"pelicanconf.py": settings, "content/yaml-post.md": post})
    plain = {"PLUGINS": [], "OUTPUT_PATH": str(tmp_path / "plain")}
    with isolated_signals():  # their usual `pelican` run, first
        Pelican(read_settings(str(site / "pelicanconf.py"), override=plain)).run()
    theirs = {p: p.read_bytes() for p in (site / "cache").rglob("*") if p.is_file()}
    assert theirs
    assert owners_build(site).written
    page = parsed_html(site / "output" / "why-a-story.html")
    assert page.select_one("h1").get_text(strip=True) == "Why: a story"
    assert {p: p.read_bytes() for p in (site / "cache").rglob("*") if p.is_file()} == theirs
