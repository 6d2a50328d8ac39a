"""Any folder of Markdown builds; a failed build names the problem and keeps the old site."""

import gc
import os
import shutil
import time
from pathlib import Path

import pytest

from coaching_kb.build import load_settings
from coaching_kb.testing import ROOT, write_files

PLAIN = {
    "old-post.md": "Title: An imported post\nDate: 2019-08-27\n\nSome text about listening.\n",
    "another.md": "Title: Another\nDate: 2020-01-01\nTags: anything goes\n\nMore text.\n",
}


def test_folder_without_topics_authors_or_comments_builds(build_site):
    site = build_site(PLAIN)
    assert not site.report.errors
    assert site.page("an-imported-post").find("h1").get_text() == "An imported post"
    hub = site.page("topics/anything-goes")
    assert "Another" in hub.get_text()
    # What was read is kept out of the collector's passes only while the build runs.
    assert gc.get_freeze_count() == 0


def test_unparsable_date_fails_the_build_and_keeps_the_last_good_site(tmp_path, task):
    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    assert task("build", "--content", str(content), "--output", str(output)).returncode == 0
    good = (output / "index.html").read_text()
    write_files(content, {"broken.md": "Title: Broken\nDate: not a date\n\nText\n"})
    result = task("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "broken.md" in result.stderr
    assert "build failed: 1 error above" in result.stderr
    assert (output / "index.html").read_text() == good
    # Nothing half-built is left; Pelican's reader cache is kept for the next build.
    assert [p.name for p in tmp_path.glob(".output-*")] == [".output-cache"]


def test_strict_build_treats_warnings_as_errors(tmp_path):
    from coaching_kb.build import build_site, load_settings
    from coaching_kb.testing import ROOT

    write_files(tmp_path / "plugins", {"warns.py": """
        import logging
        from pelican import signals
        def warn(pelican):
            logging.getLogger(__name__).warning("warns: something to look at")
        def register():
            signals.initialized.connect(warn)
    """})  # fmt: skip
    write_files(tmp_path / "content", PLAIN)
    plugins = load_settings(ROOT / "pelicanconf.py")["PLUGINS"]
    overrides = {"PLUGIN_PATHS": [str(tmp_path / "plugins")], "PLUGINS": [*plugins, "warns"]}
    output = tmp_path / "output"
    relaxed = build_site(ROOT / "pelicanconf.py", tmp_path / "content", output, overrides)
    assert not relaxed.failed()
    assert relaxed.warnings == ["warns: something to look at"]
    (output / "marker").write_text("last good site")
    strict = build_site(
        ROOT / "pelicanconf.py", tmp_path / "content", output, overrides, strict=True
    )
    assert strict.failed(strict=True)
    assert (output / "marker").exists()  # the failed strict build left the good site alone


def test_tags_without_letters_and_unknown_statuses_are_caught(tmp_path, task):
    write_files(tmp_path / "content", {
        "a.md": "Title: A\nDate: 2020-01-01\nTags: ???\n\nText.\n",
        "b.md": "Title: B\nDate: 2020-01-01\nStatus: publised\n\nText.\n",
    })  # fmt: skip
    result = task("check", "--content", str(tmp_path / "content"))
    assert result.returncode == 1
    assert "a.md:3: topic '???' has no letters" in result.stdout
    assert "b.md:3: status 'publised'" in result.stdout


def test_pelican_command_line_builds_any_folder_with_every_plugin(tmp_path):
    import subprocess
    import sys

    from coaching_kb.testing import ROOT

    content = tmp_path / "c"
    write_files(content, PLAIN)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-o",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "o" / "an-imported-post" / "index.html").exists()


def plain_site_with_plugin(tmp_path: Path, plugin: str) -> Path:
    """Write PLAIN content and a settings file adding `plugin` (from tmp_path/plugins) to
    ours; return the settings file."""
    write_files(tmp_path / "content", PLAIN)
    settings = tmp_path / "conf.py"
    settings.write_text(
        f"import runpy\nglobals().update(runpy.run_path({str(ROOT / 'pelicanconf.py')!r}))\n"
        f"PLUGIN_PATHS = [{str(tmp_path / 'plugins')!r}]\n"
        f"PLUGINS = [*PLUGINS, {plugin!r}]\n"
    )
    return settings


def test_a_plugin_crash_is_one_clear_error_not_a_traceback(tmp_path, task):
    write_files(tmp_path / "plugins", {"crashes.py": """
        from pelican import signals
        def crash(generator):
            raise RuntimeError("boom")
        def register():
            signals.article_generator_finalized.connect(crash)
    """})  # fmt: skip
    settings = plain_site_with_plugin(tmp_path, "crashes")
    from coaching_kb.build import build_site
    from coaching_kb.check.checks import check_folder

    report = build_site(settings, tmp_path / "content", tmp_path / "output")
    assert report.errors == [
        "the build stopped: RuntimeError: boom in crashes.py:3. Fix: this "
        "is a bug; run again with --verbose and report the traceback it shows"
    ]
    assert not (tmp_path / "output").exists()
    assert gc.get_freeze_count() == 0
    problems = check_folder(load_settings(settings, tmp_path / "content"))
    assert [p.message for p in problems] == [report.problems[0].message]


def test_the_live_preview_rebuild_gives_the_same_site_as_a_full_build(tmp_path):
    import shutil

    from coaching_kb.build import build_site, rebuild_while_writing

    def pages(output):
        return {
            p.relative_to(output).as_posix(): p.read_bytes()
            for p in output.rglob("*")
            if p.is_file() and "pagefind" not in p.parts
        }

    settings, cache = ROOT / "pelicanconf.py", tmp_path / "cache"
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    full = build_site(settings, content, tmp_path / "full")
    cold = rebuild_while_writing(settings, content, tmp_path / "live", cache)  # fills the cache
    essay = content / "essays" / "the-hero-who-stays-late.md"
    essay.write_text(essay.read_text() + "\nOne more line.\n")
    warm = rebuild_while_writing(settings, content, tmp_path / "live", cache)  # reads from it
    assert [r.failed() for r in (full, cold, warm)] == [False, False, False]
    assert list(cache.iterdir())
    again = build_site(settings, content, tmp_path / "full")
    assert pages(tmp_path / "live") == pages(tmp_path / "full")
    assert (
        b"One more line"
        in (tmp_path / "live" / "the-hero-who-stays-late" / "index.html").read_bytes()
    )
    assert not again.failed()


def test_an_edited_page_from_the_live_preview_matches_the_full_build(tmp_path):
    """The preview relates and rewrites only the edited article: that page must still be the
    page a full build writes, related list and all."""
    import shutil

    from coaching_kb.build import build_site, rebuild_while_writing

    settings, cache = ROOT / "pelicanconf.py", tmp_path / "cache"
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    assert not rebuild_while_writing(settings, content, tmp_path / "live", cache).failed()
    essay = content / "essays" / "the-hero-who-stays-late.md"
    essay.write_text(
        essay.read_text().replace("\n\n", "\n\nA short line, added while previewing.\n\n", 1)
    )
    edit = rebuild_while_writing(settings, content, tmp_path / "live", cache, [str(essay)])
    assert not edit.failed()
    assert not build_site(settings, content, tmp_path / "full").failed()
    page = Path("the-hero-who-stays-late", "index.html")
    live, full = (tmp_path / site / page for site in ("live", "full"))
    assert b"A short line, added while previewing." in live.read_bytes()
    assert b'class="related' in full.read_bytes()
    assert live.read_bytes() == full.read_bytes()


def test_an_edit_that_moves_its_page_gets_a_full_build(tmp_path):
    """A title edit renames the slug: writing only the new page would leave the old one
    (and every list linking to it) behind, so the preview builds the whole site."""
    from coaching_kb.build import rebuild_while_writing

    content = tmp_path / "content"
    write_files(content, {"a.md": "Title: First title\nDate: 2020-01-01\n\nText.\n",
                          "b.md": "Title: Other\nDate: 2020-01-02\n\nMore.\n"})  # fmt: skip
    settings, site, cache = ROOT / "pelicanconf.py", tmp_path / "site", tmp_path / "cache"
    assert not rebuild_while_writing(settings, content, site, cache).failed()
    assert (site / "first-title" / "index.html").is_file()
    (content / "a.md").write_text("Title: Better title\nDate: 2020-01-01\n\nText.\n")
    report = rebuild_while_writing(settings, content, site, cache, [str(content / "a.md")])
    assert not report.failed()
    assert (site / "better-title" / "index.html").is_file()
    assert not (site / "first-title").exists()
    assert b"Better title" in (site / "index.html").read_bytes()


@pytest.mark.parametrize("name", ["check", "build"])
def test_a_missing_content_folder_is_named_with_its_fix(tmp_path, task, name):
    missing = tmp_path / "no-such-folder"
    result = task(name, "--content", str(missing))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{missing}: no such content folder. Fix: pass --content" in result.stderr


def test_a_rebuild_keeps_the_site_it_replaced_and_removes_copies_stopped_builds_left(tmp_path):
    from coaching_kb.build import build_site

    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    assert build_site(ROOT / "pelicanconf.py", content, output).written
    left = tmp_path / ".output-old-x1y2z3"  # as a build stopped during its clean-up leaves it
    write_files(left, {"index.html": "<p>An old page</p>"})
    write_files(content, {"new.md": "Title: A new post\nDate: 2021-02-03\n\nNew text.\n"})
    report = build_site(ROOT / "pelicanconf.py", content, output)
    assert report.written
    assert (output / "a-new-post" / "index.html").is_file()  # in place once the build returns
    # The replaced site is kept for the next build to write into; what a stopped build left
    # is removed by a process of its own, after the build.
    assert not (tmp_path / ".output-spare" / "a-new-post").exists()
    deadline = time.monotonic() + 30
    while left.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [".output-cache", ".output-spare", "content", "output"]


def site_files(folder: Path) -> dict[str, bytes]:
    """Return every file of a built site but the search bundle (its file names vary)."""
    files = (p for p in folder.rglob("*") if p.is_file() and "pagefind" not in p.parts)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_a_build_into_the_site_before_last_leaves_nothing_stale_and_writes_nothing_outside(
    tmp_path,
):
    from coaching_kb.build import build_site

    settings, content, output = ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    for _ in range(2):
        assert build_site(settings, content, output).written
    spare = tmp_path / ".output-spare"
    # The kept copy turned as hostile as it can get: a page nobody writes any more, a file
    # where a folder goes, a folder where a file goes, and pages that are other names of a
    # file outside the site (a hard link, a symbolic link).
    mine = tmp_path / "mine.html"
    mine.write_text("the owner's own file")
    write_files(spare, {"gone/index.html": "a stale page"})
    shutil.rmtree(spare / "archives")
    (spare / "archives").write_text("a file where a folder goes")
    (spare / "index.html").unlink()
    write_files(spare, {"index.html/stale.html": "a folder where a file goes"})
    for page, link in (("another", os.link), ("an-imported-post", os.symlink)):
        (spare / page / "index.html").unlink()
        link(mine, spare / page / "index.html")
    (content / "old-post.md").unlink()  # and the content changed: a post gone, one new
    write_files(content, {"new.md": "Title: A new post\nDate: 2021-02-03\n\nNew text.\n"})

    assert build_site(settings, content, output).written
    assert build_site(settings, content, tmp_path / "fresh" / "output").written
    assert site_files(output) == site_files(tmp_path / "fresh" / "output")
    assert mine.read_text() == "the owner's own file"


def test_a_page_the_build_would_write_unchanged_is_left_as_it_is(tmp_path):
    from coaching_kb.build import build_site

    settings, content, output = ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    assert build_site(settings, content, output).written
    pages = sorted(output.rglob("*.html"))
    first = {page: page.stat() for page in pages if "pagefind" not in page.parts}
    assert len(first) > 10
    for _ in range(2):  # the second build writes into the first one's folder
        assert build_site(settings, content, output).written
    for page, stat in first.items():  # the very same file, not written since
        assert (page.stat().st_ino, page.stat().st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)


def test_the_writer_keeping_unchanged_files_still_refuses_to_write_a_file_twice(tmp_path):
    from jinja2 import Template
    from pelican.writers import FileOverwriteFailedError

    from coaching_kb.pelican_runs import KeepingWriter

    writer = KeepingWriter(str(tmp_path), settings=load_settings(ROOT / "pelicanconf.py"))
    page = tmp_path / "page.html"
    writer.write_file("page.html", Template("first"), {})
    with pytest.raises(FileOverwriteFailedError):
        writer.write_file("page.html", Template("second"), {})
    writer.write_file("page.html", Template("third"), {}, override_output=True)
    assert page.read_text() == "third"


def test_an_unchanged_file_is_read_from_pelicans_cache_and_an_edited_one_again(tmp_path):
    from coaching_kb.build import build_site
    from coaching_kb.reader_cache import cache_folder

    settings, content, output = ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    assert build_site(settings, content, output).written
    kept = list(cache_folder(output).glob("*/ArticlesGenerator-Readers"))
    assert len(kept) == 1  # Pelican's reader cache, in a folder named after what shapes it
    first = kept[0].read_bytes()
    assert b"Some text about listening." in first
    write_files(content, {"old-post.md": PLAIN["old-post.md"].replace("listening", "silence")})
    assert build_site(settings, content, output).written
    assert "about silence" in (output / "an-imported-post" / "index.html").read_text()
    assert b"about silence" in kept[0].read_bytes()


def test_a_change_to_the_settings_starts_a_fresh_reader_cache(tmp_path):
    from coaching_kb.build import build_site
    from coaching_kb.reader_cache import cache_folder, reading_fingerprint

    settings, content, output = ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    same = [reading_fingerprint(load_settings(settings, content), settings) for _ in range(2)]
    changed = load_settings(settings, content, {"TYPOGRIFY": True})
    assert same[0] == same[1] != reading_fingerprint(changed, settings)
    assert build_site(settings, content, output).written
    assert build_site(settings, content, output, {"TYPOGRIFY": True}).written
    assert [p.name for p in cache_folder(output).iterdir()] == [
        reading_fingerprint(changed, settings)
    ]


def test_settings_pickle_cannot_hold_turn_only_the_reader_cache_off(tmp_path):
    from coaching_kb.build import build_site
    from coaching_kb.reader_cache import cache_folder

    def shout(text: str) -> str:  # a local function: pickle refuses it, and Pelican's
        return text.upper()  # cache pickles the settings with every file it keeps

    settings, content, output = ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    for _ in range(2):
        report = build_site(settings, content, output, {"SITE_HOOK": shout})
        assert report.written
        assert not report.problems, report.problems
    assert not cache_folder(output).exists()


def test_the_articles_read_are_out_of_the_collectors_passes_while_plugins_work_on_them(
    tmp_path,
):
    # Plugins' handlers make bursts of objects after reading: a full pass over every
    # article then costs a tenth of a second or more on a big site.
    write_files(tmp_path / "plugins", {"frozen.py": """
        import gc
        from pelican import signals
        SEEN = []
        def note(generator):
            SEEN.append((len(generator.articles), gc.get_freeze_count()))
        def register():
            signals.article_generator_finalized.connect(note)
    """})  # fmt: skip
    settings = plain_site_with_plugin(tmp_path, "frozen")
    from coaching_kb.build import build_site

    report = build_site(settings, tmp_path / "content", tmp_path / "output")
    assert not report.errors
    import frozen

    ((articles, frozen_objects),) = frozen.SEEN
    assert articles == 2
    assert frozen_objects > 0
    assert gc.get_freeze_count() == 0
