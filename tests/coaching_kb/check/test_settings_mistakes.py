"""A mistake in a site's settings file is one error at that setting's line, with the fix, in
`check` and `build` alike: never "this is a bug", a bare "Could not process" per file, or
every Markdown file blamed for MARKDOWN's typo."""

from pathlib import Path

import pytest

from coaching_kb.build import build_site, load_settings
from coaching_kb.check.checks import inspect_folder
from coaching_kb.owner_settings import owner_overrides
from coaching_kb.testing import ROOT, write_files

SETTINGS = ROOT / "pelicanconf.py"
OWNERS = 'AUTHOR = "Kim"\nSITENAME = "Kim"\nPATH = "content"\nDEFAULT_LANG = "en"\n'
FILES = {
    "content/hello.md": "Title: Hello\nDate: 2024-01-01\n\nHi.\n",
    "content/second.md": "Title: Second\nDate: 2024-01-02\n\nAgain.\n",
}
MISTAKES = {  # the settings written, and the settings (with lines) an error must name
    "TIMEZONE": ('TIMEZONE = "Europe/Berln"\n', {("TIMEZONE", 5)}),
    "a {field} no content has": (
        'ARTICLE_URL = "{slugg}.html"\nARTICLE_SAVE_AS = "{slugg}.html"\n',
        {("ARTICLE_URL", 5), ("ARTICLE_SAVE_AS", 6)},
    ),
    "FILENAME_METADATA": ('FILENAME_METADATA = r"(?P<date>\\d{4}"\n', {("FILENAME_METADATA", 5)}),
    "DEFAULT_DATE": ('TIMEZONE = "UTC"\nDEFAULT_DATE = "yesterday"\n', {("DEFAULT_DATE", 6)}),
    "TEMPLATE_PAGES": (
        'TIMEZONE = "UTC"\nTEMPLATE_PAGES = {"src/books.html": "books.html"}\n',
        {("TEMPLATE_PAGES", 6)},
    ),
    "MARKDOWN": (
        'TIMEZONE = "UTC"\n'
        'MARKDOWN = {"extension_configs": {"markdown.extensions.toc": {"permalnk": True}}}\n',
        {("MARKDOWN", 6)},
    ),
}


def named_settings(problems, settings_file: Path) -> set[tuple[str, int]]:
    """Return (setting, line) for each problem; a problem elsewhere fails the test."""
    assert all(p.path == str(settings_file) and p.is_error for p in problems), problems
    assert all("Fix: " in p.message and "bug" not in p.message for p in problems)
    return {(p.message.split(" ", 1)[0], p.line) for p in problems}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_settings_mistake_is_named_at_its_line_by_check_and_build(tmp_path, mistake):
    written, expected = MISTAKES[mistake]
    write_files(tmp_path / "site", {**FILES, "pelicanconf.py": OWNERS + written})
    settings_file = tmp_path / "site" / "pelicanconf.py"
    overrides = owner_overrides(settings_file, load_settings(SETTINGS))
    found = inspect_folder(load_settings(SETTINGS, None, overrides))
    assert named_settings(found.problems, settings_file) == expected
    report = build_site(SETTINGS, None, tmp_path / "output", overrides)
    assert named_settings(report.problems, settings_file) == expected
    assert not (tmp_path / "output").exists()


def test_the_command_line_names_the_setting_and_exits_non_zero(tmp_path, task):
    write_files(tmp_path, {**FILES, "pelicanconf.py": OWNERS + MISTAKES["TIMEZONE"][0]})
    result = task("build", "--settings", str(tmp_path / "pelicanconf.py"))
    assert result.returncode == 1
    said = result.stdout + result.stderr
    assert f"{tmp_path / 'pelicanconf.py'}:5: TIMEZONE 'Europe/Berln' is not a time zone" in said
    for wrong in ("Traceback", "bug", "Could not process"):
        assert wrong not in said
