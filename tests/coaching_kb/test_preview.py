"""The live preview reloads what changed: an edited plugin, an edited setting."""

import shutil
import threading
from pathlib import Path

import pytest

from coaching_kb.build import load_settings
from coaching_kb.errors import SettingsError
from coaching_kb.owner_settings import owner_overrides
from coaching_kb.preview import Preview
from coaching_kb.testing import ROOT, SITES, write_files

ARTICLE = "Title: Ready\nDate: 2020-01-01\n\n## A heading\n\nSome text.\n"
PROBE = """
    from pelican import signals
    from pelican.generators import Generator

    class Probe(Generator):
        def generate_output(self, writer):
            with open(self.output_path + "/probe.txt", "w") as out:
                out.write("{version}")

    def add_probe(_pelican):
        return Probe

    def register():
        signals.get_generators.connect(add_probe)
"""


def settings_file(folder: Path, markdown_permalinks: bool = False) -> Path:
    """Write a small settings file using the probe plugin; return its path."""
    path = folder / "siteconf.py"
    path.write_text(
        f"PATH = {str(folder / 'content')!r}\n"
        f"PLUGIN_PATHS = [{str(folder / 'plugins')!r}]\n"
        "PLUGINS = ['probe']\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.toc': "
        f"{{'permalink': {markdown_permalinks}}}}}, 'output_format': 'html5'}}\n",
        encoding="utf-8",
    )
    return path


def site(tmp_path: Path, version: str) -> Path:
    write_files(
        tmp_path, {"content/ready.md": ARTICLE, "plugins/probe.py": PROBE.format(version=version)}
    )
    return settings_file(tmp_path)


def test_an_edited_plugin_is_loaded_afresh(tmp_path):
    settings, output = site(tmp_path, "first"), tmp_path / "output"
    with Preview(settings, tmp_path / "content", output) as preview:
        assert not preview.rebuild().failed()
        assert (output / "probe.txt").read_text() == "first"
        site(tmp_path, "second")
        assert not preview.rebuild([str(tmp_path / "plugins" / "probe.py")]).failed()
        assert (output / "probe.txt").read_text() == "second"


def test_a_changed_markdown_setting_is_applied_to_unchanged_articles(tmp_path):
    settings, output = site(tmp_path, "first"), tmp_path / "output"
    page = output / "ready.html"
    with Preview(settings, tmp_path / "content", output) as preview:
        assert not preview.rebuild().failed()
        assert "headerlink" not in page.read_text()
        settings_file(tmp_path, markdown_permalinks=True)
        assert not preview.rebuild([str(settings)]).failed()
        assert "headerlink" in page.read_text()
    # And after the preview is stopped and started again, as an owner would.
    settings_file(tmp_path, markdown_permalinks=False)
    with Preview(settings, tmp_path / "content", output) as preview:
        assert not preview.rebuild().failed()
        assert "headerlink" not in page.read_text()


def test_a_content_edit_reuses_the_build_process(tmp_path):
    settings, output = site(tmp_path, "first"), tmp_path / "output"
    with Preview(settings, tmp_path / "content", output) as preview:
        assert not preview.rebuild().failed()
        write_files(tmp_path, {"content/ready.md": ARTICLE.replace("Some text", "New text")})
        assert not preview.rebuild([str(tmp_path / "content" / "ready.md")]).failed()
        assert "New text" in (output / "ready.html").read_text()
        assert preview.restarts == 1


def test_an_edited_page_matches_the_full_build_and_a_moved_one_gets_a_full_build(tmp_path):
    """The quick page is the only page written at once: it must be the page a full build
    writes, related list, backlinks and all; a title edit that renames the page builds it all."""
    import shutil

    from coaching_kb.build import build_site

    settings, content = ROOT / "pelicanconf.py", tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    essay = content / "essays" / "the-hero-who-stays-late.md"
    page = Path("the-hero-who-stays-late", "index.html")
    with Preview(settings, content, tmp_path / "live", catch_up_seconds=None) as preview:
        assert not preview.rebuild().failed()
        home = (tmp_path / "live" / "index.html").stat().st_ino
        # At the end: the related lists (which read the opening) stay as they were.
        essay.write_text(essay.read_text() + "\nA line added in preview.\n")
        edit = preview.rebuild([str(essay)], only_edits=True)
        assert not edit.failed()
        assert (tmp_path / "live" / "index.html").stat().st_ino == home  # only its page written
        assert not build_site(settings, content, tmp_path / "full").failed()
        live, full = (tmp_path / site / page for site in ("live", "full"))
        assert b"A line added in preview." in live.read_bytes()
        for kept in (b'class="related', b'class="backlinks"', b'rel="prev"', b"comments-heading"):
            assert kept in full.read_bytes()  # what only the whole site could work out
        assert live.read_bytes() == full.read_bytes()
        essay.write_text(essay.read_text() + "\nA second save.\n")  # before the full build
        assert not preview.rebuild([str(essay)], only_edits=True).failed()
        assert (tmp_path / "live" / "index.html").stat().st_ino == home
        assert b"A second save." in live.read_bytes()
        assert not preview.catch_up().failed()  # the full build that follows
        assert (tmp_path / "live" / "index.html").stat().st_ino != home
        assert not build_site(settings, content, tmp_path / "full").failed()
        assert (tmp_path / "live" / page).read_bytes() == full.read_bytes()
        other = content / "essays" / "giving-feedback-upwards.md"  # one without comments
        other.write_text(other.read_text().replace("Title: ", "Title: Renamed: ", 1))
        assert not preview.rebuild([str(other)], only_edits=True).failed()
        assert not (tmp_path / "live" / "giving-feedback-upwards").exists()
        assert b"Renamed: " in (tmp_path / "live" / "index.html").read_bytes()


def test_the_full_build_follows_a_quick_page_once_the_saves_stop(tmp_path):
    settings, output = site(tmp_path, "first"), tmp_path / "output"
    done, reports = threading.Event(), []

    def caught_up(report):
        reports.append(report)
        done.set()

    with Preview(settings, tmp_path / "content", output, caught_up, 0.2) as preview:
        assert not preview.rebuild().failed()
        (output / "probe.txt").unlink()  # only a full build writes it again
        write_files(tmp_path, {"content/ready.md": ARTICLE.replace("Some text", "New text")})
        quick = preview.rebuild([str(tmp_path / "content" / "ready.md")], only_edits=True)
        assert quick.written
        assert not (output / "probe.txt").exists()  # the quick page only, so far
        assert "New text" in (output / "ready.html").read_text()
        assert done.wait(timeout=120)
        assert not reports[0].failed()
        assert (output / "probe.txt").read_text() == "first"


QA_PAGE = "i-miss-doing-the-work-and-i-am-good-at-managing-it"


def test_a_quick_question_and_page_match_the_full_build(tmp_path):
    """A Q&A (its letter split from its answer) and a page, saved together, quickly."""
    import shutil

    from coaching_kb.build import build_site

    settings, content = ROOT / "pelicanconf.py", tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    edited = {
        content / "qa" / "i-miss-doing-the-work.md": Path(QA_PAGE, "index.html"),
        content / "pages" / "about.md": Path("about", "index.html"),
    }
    with Preview(settings, content, tmp_path / "live", catch_up_seconds=None) as preview:
        assert not preview.rebuild().failed()
        home = (tmp_path / "live" / "index.html").stat().st_ino
        for source in edited:
            source.write_text(source.read_text() + "\nA line added in preview.\n")
        assert preview.rebuild([str(s) for s in edited], only_edits=True).written
        assert (tmp_path / "live" / "index.html").stat().st_ino == home
    assert not build_site(settings, content, tmp_path / "full").failed()
    for page in edited.values():
        live, full = (tmp_path / site / page for site in ("live", "full"))
        assert b"A line added in preview." in live.read_bytes()
        assert live.read_bytes() == full.read_bytes()
    assert b'class="letter__body"' in (tmp_path / "full" / QA_PAGE / "index.html").read_bytes()


def test_a_settings_file_broken_while_previewing_is_an_error_at_its_line(tmp_path):
    """A typo saved in the settings file while the preview ran broke its build process with a
    traceback, and no later save was built: the preview stopped without a word."""
    settings, output = site(tmp_path, "first"), tmp_path / "output"
    good = settings.read_text()
    with Preview(settings, tmp_path / "content", output) as preview:
        assert not preview.rebuild().failed()
        for broken, line in (('SITEURL = "\n', 5), ("SITENAME = SITE_NAME\n", 5)):
            settings.write_text(good + broken)
            failed = preview.rebuild([str(settings)])
            [error] = failed.errors
            assert error.startswith(f"{settings}:{line}: "), error
            assert "Fix: " in error
            assert "Traceback" not in error
        settings.write_text(good)
        assert not preview.rebuild([str(settings)]).failed()
        assert (output / "probe.txt").read_text() == "first"


def test_a_broken_settings_file_is_named_at_its_line(tmp_path):
    settings = tmp_path / "pelicanconf.py"
    settings.write_text('SITENAME = "Notes"\nTIMEZONE = "UTC\n')
    with pytest.raises(SettingsError) as raised:
        load_settings(settings)
    assert str(raised.value).startswith(f"{settings}:2: unterminated string literal")
    assert f"Fix: correct {settings} at line 2" in str(raised.value)


def test_an_owners_settings_saved_while_previewing_are_read_again(tmp_path):
    """`invoke livereload --settings` rebuilt when the owner saved their pelicanconf.py, with
    the settings it had read at start: a new SITENAME never showed."""
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    owner, ours, output = (
        tmp_path / "site" / "pelicanconf.py",
        ROOT / "pelicanconf.py",
        tmp_path / "out",
    )
    overrides = owner_overrides(owner, load_settings(ours))
    content = Path(overrides["PATH"])
    with Preview(ours, content, output, overrides=overrides, owner=owner) as preview:
        assert not preview.rebuild().failed()
        owner.write_text(
            owner.read_text(encoding="utf-8").replace("Notas de liderança", "Outro nome")
        )
        assert not preview.rebuild([str(owner)]).failed()
        assert "<title>Outro nome</title>" in (output / "index.html").read_text(encoding="utf-8")
        owner.write_text(owner.read_text(encoding="utf-8") + 'SITEURL = "\n')
        line = len(owner.read_text(encoding="utf-8").splitlines())
        [error] = preview.rebuild([str(owner)]).errors
        assert error.startswith(f"{owner}:{line}: unterminated string literal"), error
