"""Any folder of Markdown builds; a failed build names the problem and keeps the old site."""

import gc
import os
import subprocess
import sys
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


def test_the_build_leaves_the_garbage_collector_alone(tmp_path):
    # Freezing what was read measured within the noise (a paired A/B at 1,000 articles): issue
    # 33 keeps such machinery only for a fifth of a build.
    from pelican import signals

    from coaching_kb.build import build_site

    frozen = []

    def note_frozen(_path, **_context):
        frozen.append(gc.get_freeze_count())

    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    signals.content_written.connect(note_frozen)
    try:
        assert build_site(ROOT / "pelicanconf.py", content, output).written
    finally:
        signals.content_written.disconnect(note_frozen)
    assert frozen
    assert max(frozen) == 0


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
    assert not list(tmp_path.glob(".output-*"))
    assert (tmp_path / ".cache" / "pelican").is_dir()


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
    problems = check_folder(load_settings(settings, tmp_path / "content"))
    assert [p.message for p in problems] == [report.problems[0].message]


@pytest.mark.parametrize("name", ["check", "build"])
def test_a_missing_content_folder_is_named_with_its_fix(tmp_path, task, name):
    missing = tmp_path / "no-such-folder"
    result = task(name, "--content", str(missing))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{missing}: no such content folder. Fix: pass --content" in result.stderr


def test_a_rebuild_replaces_the_site_and_removes_copies_stopped_builds_left(tmp_path):
    from coaching_kb.build import build_site

    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    assert build_site(ROOT / "pelicanconf.py", content, output).written
    left = tmp_path / ".output-old-x1y2z3"  # as a build stopped during its clean-up leaves it
    write_files(left, {"index.html": "<p>An old page</p>"})
    (content / "old-post.md").unlink()
    write_files(content, {"new.md": "Title: A new post\nDate: 2021-02-03\n\nNew text.\n"})
    report = build_site(ROOT / "pelicanconf.py", content, output)
    assert report.written
    assert (output / "a-new-post" / "index.html").is_file()
    assert not (output / "an-imported-post").exists()  # nothing stale survives
    # The site this build replaced is set aside whole, for the next build to remove.
    retired = [p for p in tmp_path.iterdir() if p.name not in (".cache", "content", "output")]
    assert [p.name[: len(".output-old-")] for p in retired] == [".output-old-"]
    assert retired[0] != left
    assert (retired[0] / "an-imported-post" / "index.html").is_file()
    assert build_site(ROOT / "pelicanconf.py", content, output).written
    assert not retired[0].exists()


def test_clean_finds_what_builds_left_beside_the_site_and_nothing_else(tmp_path):
    from coaching_kb.staging import leftovers

    output = tmp_path / "output"
    left = [tmp_path / ".output-building-b2", tmp_path / ".output-old-a1"]
    owned = [tmp_path / ".output-notes", tmp_path / "output-old-c3"]  # not names builds give
    for folder in (output, *left, *owned):
        folder.mkdir()
    assert sorted(leftovers(output)) == left


def site_files(folder: Path) -> dict[str, bytes]:
    """Return every file of a built site but the search bundle (its file names vary)."""
    files = (p for p in folder.rglob("*") if p.is_file() and "pagefind" not in p.parts)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_an_unchanged_file_is_read_from_pelicans_cache_and_an_edited_one_again(tmp_path):
    from coaching_kb.build import build_site
    from coaching_kb.reader_cache import cache_root

    settings, content, output = ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    assert build_site(settings, content, output).written
    kept = list(cache_root(output).glob("*/ArticlesGenerator-Readers"))
    assert len(kept) == 1  # Pelican's reader cache, in a folder named after what shapes it
    first = kept[0].read_bytes()
    assert b"Some text about listening." in first
    write_files(content, {"old-post.md": PLAIN["old-post.md"].replace("listening", "silence")})
    assert build_site(settings, content, output).written
    assert "about silence" in (output / "an-imported-post" / "index.html").read_text()
    assert b"about silence" in kept[0].read_bytes()


def test_a_change_to_the_settings_starts_a_fresh_reader_cache(tmp_path):
    from coaching_kb.build import build_site
    from coaching_kb.reader_cache import cache_root, reading_fingerprint

    settings, content, output = ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    same = [reading_fingerprint(load_settings(settings, content), settings) for _ in range(2)]
    changed = load_settings(settings, content, {"TYPOGRIFY": True})
    assert same[0] == same[1] != reading_fingerprint(changed, settings)
    assert build_site(settings, content, output).written
    assert build_site(settings, content, output, {"TYPOGRIFY": True}).written
    assert [p.name for p in cache_root(output).iterdir()] == [
        reading_fingerprint(changed, settings)
    ]


def test_settings_pickle_cannot_hold_turn_only_the_reader_cache_off(tmp_path):
    from coaching_kb.build import build_site
    from coaching_kb.reader_cache import cache_root

    def shout(text: str) -> str:  # a local function: pickle refuses it, and Pelican's
        return text.upper()  # cache pickles the settings with every file it keeps

    settings, content, output = ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "output"
    write_files(content, PLAIN)
    for _ in range(2):
        report = build_site(settings, content, output, {"SITE_HOOK": shout})
        assert report.written
        assert not report.problems, report.problems
    assert not cache_root(output).exists()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_numpy_does_one_thread_of_work_in_a_build(tmp_path):
    # OpenBLAS's spinning threads cost a small site a third of its build's processor time.
    count = "import os, coaching_kb, numpy; print(len(os.listdir('/proc/self/task')))"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    said = subprocess.run([sys.executable, "-c", count], env=env, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert said.stdout.strip() == "1"


POST = "Title: One\nDate: 2026-01-05\n\nA post.\n"


@pytest.mark.parametrize(
    ("siteurl", "endpoint", "why"),
    [
        ("https://notes.example", "http://127.0.0.1:8100/comments", "an address on this machine"),
        ("https://notes.example", "http://localhost:8100/comments", "an address on this machine"),
        ("https://notes.example", "http://inbox.notes.example/comments", "a plain http address"),
    ],
)
def test_a_published_site_never_sends_readers_to_an_endpoint_they_cannot_use(
    build_site, siteurl, endpoint, why
):
    # The README's local inbox trial puts 127.0.0.1 in pelicanconf.py; publishconf imports it.
    site = build_site({"essays/one.md": POST}, SITEURL=siteurl, COMMENTS_ENDPOINT=endpoint)
    [error] = [e for e in site.report.errors if "COMMENTS_ENDPOINT" in e]
    assert f"COMMENTS_ENDPOINT is '{endpoint}', {why}" in error
    assert "Fix: set COMMENTS_ENDPOINT in publishconf.py" in error
    assert not (site.output / "one").exists()  # the build was refused


@pytest.mark.parametrize(
    ("siteurl", "endpoint"),
    [
        ("", "http://127.0.0.1:8100/comments"),  # the README's local trial
        ("http://127.0.0.1:8000", "http://127.0.0.1:8100/comments"),
        ("https://notes.example", "https://inbox.notes.example/comments"),
    ],
)
def test_endpoints_a_sites_readers_can_use_pass(build_site, siteurl, endpoint):
    site = build_site({"essays/one.md": POST}, SITEURL=siteurl, COMMENTS_ENDPOINT=endpoint)
    assert not site.report.errors, site.report.errors
