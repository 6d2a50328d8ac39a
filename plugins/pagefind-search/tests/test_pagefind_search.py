"""pagefind_search on its own: the core on plain data, and real Pelican builds of tiny sites
on Pelican's default theme (no theme or toolkit of ours)."""

import functools
import gzip
import http.server
import json
import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pelican import Pelican, signals
from pelican.plugins.pagefind_search.glue import index_output, note_written
from pelican.plugins.pagefind_search.indexing import (
    PagefindError,
    bundle_key,
    index_site,
    pagefind_command,
    remove_bundle,
    run_pagefind,
)
from pelican.plugins.pagefind_search.marking import mark_files, theme_marks
from pelican.plugins.pagefind_search.settings import SearchSettings, load
from pelican.plugins.pagefind_search.synonyms import parse_synonyms
from pelican.settings import read_settings

LOGGER = "pelican.plugins.pagefind_search.glue"


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("boss, manager\n", [["boss", "manager"]]),
        ("# a comment\n\n  One on One , 1:1,one-on-one \n", [["one on one", "1:1", "one-on-one"]]),
        ("boss, Boss, manager, , \n", [["boss", "manager"]]),
        ("", []),
    ],
)
def test_synonym_groups_are_read_one_a_line(text, groups):
    assert parse_synonyms(text, "syn.txt") == (groups, [])


def test_a_synonym_line_with_nothing_to_match_names_its_file_line_and_fix():
    groups, errors = parse_synonyms("boss, manager\nburnout\nboss, boss\n", "content/syn.txt")
    assert groups == [["boss", "manager"]]
    assert len(errors) == 2
    assert errors[0].startswith("content/syn.txt:2: 'burnout' has nothing to match. Fix: ")
    assert errors[1].startswith("content/syn.txt:3: ")


def test_settings_default_and_warn_about_unknown_keys_but_not_pelicans_own():
    settings, warnings, errors = load({"SEARCH_URL": "search/", "SEARCH_SAVE_AS": "x.html"})
    assert settings == SearchSettings()
    assert warnings == errors == []
    _, warnings, _ = load({"SEARCH_BUNDEL_DIR": "x"})
    assert warnings == ["unknown setting SEARCH_BUNDEL_DIR. Fix: did you mean SEARCH_BUNDLE_DIR?"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"SEARCH_ENABLED": "yes"}, r"SEARCH_ENABLED = 'yes' is not True or False\. Fix: .*= True"),
        ({"SEARCH_BUNDLE_DIR": "../up"}, r"not a folder inside the output\. Fix: "),
        ({"SEARCH_BUNDLE_DIR": "/abs"}, r"not a folder inside the output"),
        ({"SEARCH_BUNDLE_DIR": "."}, r"'\.' is the output folder itself.*\. Fix: .*'pagefind'"),
        ({"SEARCH_BUNDLE_DIR": "./"}, r"is the output folder itself"),
    ],
)
def test_settings_that_cannot_work_say_how_to_fix_them(raw, message):
    settings, _, [error] = load(raw)
    assert re.search(message, error)
    assert settings == SearchSettings()  # the default kept for what cannot work


def test_another_search_plugins_settings_are_named_and_no_far_name_is_guessed():
    other = {"SEARCH_MODE": "output", "SEARCH_HTML_SELECTOR": "main", "SEARCH_BOX": True}
    _, warnings, _ = load(other | {"PLUGINS": ["pelican.plugins.sitemap"]})
    assert warnings == [
        f"{key} is a pelican-search setting, unused by pagefind_search. Fix: remove it, as "
        "pelican-search is not in PLUGINS"
        for key in ("SEARCH_HTML_SELECTOR", "SEARCH_MODE")
    ]  # and a theme's SEARCH_BOX, like none of ours, is left alone
    assert load(other | {"PLUGINS": ["search"]})[1] == []  # pelican-search runs: they are its
    _, warnings, _ = load({"SEARCH_LANG": "fr", "PLUGINS": []})
    assert warnings == ["unknown setting SEARCH_LANG. Fix: did you mean SEARCH_LANGUAGE?"]


def test_the_command_is_pagefinds_documented_one_in_the_sites_language(tmp_path):
    command = pagefind_command(tmp_path, tmp_path / "out" / "pagefind", "fr")
    assert command[1:] == ["--site", str(tmp_path), "--output-path", str(tmp_path / "out" /
                           "pagefind"), "--force-language", "fr"]  # fmt: skip
    assert "--force-language" not in pagefind_command(tmp_path, tmp_path / "pagefind", "")


def test_the_command_starts_pagefinds_binary_without_starting_python(tmp_path):
    binary = Path(pagefind_command(tmp_path, tmp_path / "pagefind", "")[0])
    assert binary.name.startswith("pagefind")  # the wheel's binary, not sys.executable
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("pagefind ")


def test_a_binary_named_by_pagefinds_variable_is_left_to_python_m_pagefind(tmp_path, monkeypatch):
    binary = tmp_path / "pagefind"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))  # pagefind's own lookup honours it
    command = pagefind_command(tmp_path, tmp_path / "pagefind", "")
    assert command[:3] == [sys.executable, "-m", "pagefind"]


def test_pagefind_failing_is_an_error_saying_what_to_do(tmp_path):
    (tmp_path / "index.html").write_text("<p>x</p>")
    with pytest.raises(PagefindError, match=r"Pagefind failed \(exit \d+\): .*Fix: "):
        run_pagefind(tmp_path, "index.html/pagefind")


def test_a_python_traceback_from_pagefind_is_cut_to_its_last_line(tmp_path, monkeypatch):
    failing = tmp_path / "pagefind"
    failing.write_text(
        "#!/bin/sh\necho 'Traceback (most recent call last):' >&2\n"
        "echo '  File \"x.py\", line 9, in <module>' >&2\necho 'OSError: it broke' >&2\nexit 1\n"
    )
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    (tmp_path / "site").mkdir()
    with pytest.raises(PagefindError) as raised:
        run_pagefind(tmp_path / "site", "pagefind")
    said = str(raised.value)
    assert "Pagefind failed (exit 1): OSError: it broke. Fix: reinstall it" in said
    assert "File " not in said


@pytest.fixture
def build(tmp_path, caplog):
    """Build a tiny site with Pelican's default theme and only this plugin; return the output."""

    def run(files: dict[str, str], **overrides) -> Path:
        content, output = tmp_path / "content", tmp_path / "output"
        for name, text in files.items():
            (content / name).parent.mkdir(parents=True, exist_ok=True)
            (content / name).write_text(text, encoding="utf-8")
        settings = read_settings(override={
            "PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_CONTENT": False,
            "PLUGINS": ["pelican.plugins.pagefind_search"], "SITEURL": "", **overrides,
        })  # fmt: skip
        caplog.set_level(logging.INFO, logger=LOGGER)
        try:
            Pelican(settings).run()
        finally:
            signals.finalized.disconnect(index_output)  # receivers outlive a build
            signals.content_written.disconnect(note_written)
        return output

    return run


ARTICLES = {
    "a.md": "Title: Handing over the rota\nDate: 2024-01-01\n\nDelegation starts small.\n",
    "b.md": "Title: Late nights\nDate: 2024-01-02\n\nThe leader was exhausted.\n",
}


def test_a_default_theme_site_gets_a_bundle_in_its_language_and_the_synonyms(build, caplog):
    files = ARTICLES | {"search-synonyms.txt": "# ours\nburnout, Exhausted\n"}
    output = build(files, DEFAULT_LANG="fr")
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["fr"]
    assert (output / "pagefind" / "pagefind.js").is_file()
    synonyms = json.loads((output / "pagefind" / "synonyms.json").read_text())
    assert synonyms == {"groups": [["burnout", "exhausted"]]}
    said = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert len(said) == 1
    assert said[0].startswith("pagefind_search: ")
    assert " pages indexed (fr), 1 synonym groups, in " in said[0]
    assert int(said[0].split()[1]) >= 2  # both articles, and the theme's other pages


def test_a_rebuild_leaves_no_stale_bundle_file(build):
    output = build(ARTICLES)
    stale = output / "pagefind" / "fragment" / "en_stale.pf_fragment"
    stale.write_bytes(b"left by an older build")
    output = build(ARTICLES, DELETE_OUTPUT_DIRECTORY=False)
    assert (output / "pagefind" / "pagefind.js").is_file()
    assert not stale.exists()


def test_a_bad_synonym_line_is_an_error_and_the_site_is_still_searchable(build, caplog):
    output = build(ARTICLES | {"search-synonyms.txt": "boss, manager\nburnout\n"})
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "search-synonyms.txt:2: 'burnout' has nothing to match. Fix: " in errors[0]
    assert json.loads((output / "pagefind" / "synonyms.json").read_text())["groups"] == [
        ["boss", "manager"]
    ]


def test_pagefind_failing_in_a_build_is_an_error_and_the_pages_are_still_written(build, caplog):
    output = build(ARTICLES, SEARCH_BUNDLE_DIR="index.html/pagefind")
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert errors[0].startswith("pagefind_search: ")
    assert "Pagefind failed" in errors[0]
    assert "Fix: " in errors[0]
    assert (output / "handing-over-the-rota.html").is_file()


def test_search_can_be_turned_off(build):
    output = build(ARTICLES, SEARCH_ENABLED=False)
    assert (output / "index.html").is_file()
    assert not (output / "pagefind").exists()


@pytest.mark.parametrize("setting", [{"SEARCH_ENABLED": False}, {"SEARCH_ENABLED": "yes"}])
def test_no_bundle_written_removes_the_one_an_earlier_build_left(build, caplog, setting):
    output = build(ARTICLES)
    assert (output / "pagefind" / "pagefind.js").is_file()
    output = build(ARTICLES, DELETE_OUTPUT_DIRECTORY=False, **setting)
    assert (output / "index.html").is_file()
    assert not (output / "pagefind").exists()  # it would search the old pages
    said = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert any("removed the old one in " in line for line in said)


def test_every_setting_problem_is_reported_in_one_run(build, caplog):
    build(ARTICLES, SEARCH_ENABLED="yes", SEARCH_BUNDLE_DIR="/abs", SEARCH_LANG="fr")
    said = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == LOGGER]
    assert (logging.WARNING, "pagefind_search: unknown setting SEARCH_LANG. Fix: did you mean "
            "SEARCH_LANGUAGE?") in said  # fmt: skip
    errors = [message for level, message in said if level == logging.ERROR]
    assert len(errors) == 2
    assert "SEARCH_ENABLED = 'yes' is not True or False" in errors[0]
    assert "SEARCH_BUNDLE_DIR = '/abs' is not a folder inside the output" in errors[1]


def test_a_missing_pagefind_binary_path_names_it_and_the_fix_with_no_traceback(
    build, caplog, monkeypatch, tmp_path
):
    build(ARTICLES)
    missing = tmp_path / "nowhere" / "pagefind"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(missing))
    caplog.clear()
    output = build(ARTICLES, DELETE_OUTPUT_DIRECTORY=False)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == [
        f"pagefind_search: PAGEFIND_BINARY_PATH is {missing}, which is no program. Fix: set it "
        "to Pagefind's binary, or unset it to use the one pagefind[extended] installs"
    ]
    assert (output / "index.html").is_file()
    assert not (output / "pagefind").exists()  # the earlier build's bundle is gone


def test_a_setting_that_cannot_work_is_an_error_not_a_traceback(build, caplog):
    output = build(ARTICLES, SEARCH_BUNDLE_DIR="../elsewhere")
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == [
        "pagefind_search: SEARCH_BUNDLE_DIR = '../elsewhere' is not a folder inside the output. "
        "Fix: write a relative path, e.g. SEARCH_BUNDLE_DIR = 'pagefind'"
    ]
    assert not (output.parent / "elsewhere").exists()


PAGE = (
    "<html lang='en'><body><main><h1>{0}</h1><p>{0} is the subject here.</p></main></body></html>"
)


def test_an_unchanged_site_gets_its_kept_bundle_and_a_changed_one_is_indexed_again(tmp_path):
    site, kept = tmp_path / "site", tmp_path / "kept"
    site.mkdir()
    (site / "a.html").write_text(PAGE.format("Delegation"))
    assert index_site(site, "pagefind", "en", kept) == 1
    [key] = [p.name for p in kept.iterdir()]
    assert key == bundle_key(site, "pagefind", "en")
    marker = Path("fragment", "en_kept.pf_fragment")  # what only a copy of the kept one holds
    (kept / key / "bundle" / marker).write_text("kept")
    assert index_site(site, "pagefind", "en", kept) == 1
    assert (site / "pagefind" / marker).read_text() == "kept"
    (site / "b.html").write_text(PAGE.format("Burnout"))
    assert index_site(site, "pagefind", "en", kept) == 2  # a new page: indexed again
    assert not (site / "pagefind" / marker).exists()
    assert [p.name for p in kept.iterdir()] == [bundle_key(site, "pagefind", "en")]  # only one


@pytest.mark.parametrize(
    "change",
    [
        lambda site: (site / "a.html").write_text(PAGE.format("Delegating")),  # a page's bytes
        lambda site: (site / "a.html").rename(site / "c.html"),  # its path
        lambda site: (site.parent / "pagefind.yml").write_text("exclude_selectors: [h1]\n"),
        # a page in a folder named like a page, as `{slug}.html/index.html` addresses make
        lambda site: (site / "b.html").mkdir() or (site / "b.html" / "index.html").write_text("B"),
    ],
)
def test_the_bundle_key_changes_with_each_thing_that_shapes_the_bundle(tmp_path, change,
                                                                       monkeypatch):  # fmt: skip
    monkeypatch.chdir(tmp_path)  # Pagefind reads its configuration file from where it runs
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text(PAGE.format("Delegation"))
    (site / "pagefind").mkdir()
    (site / "pagefind" / "x.html").write_text("the bundle itself is not read")
    before = bundle_key(site, "pagefind", "en")
    assert bundle_key(site, "pagefind", "fr") != before
    assert bundle_key(site, "search", "en") != before
    (site / "pagefind" / "x.html").write_text("changed")
    assert bundle_key(site, "pagefind", "en") == before
    change(site)
    assert bundle_key(site, "pagefind", "en") != before


def test_a_site_that_caches_what_it_reads_keeps_its_bundle_in_pelicans_cache(build, tmp_path):
    cache = tmp_path / "cache"
    output = build(ARTICLES, CACHE_CONTENT=True, CACHE_PATH=str(cache))
    kept = cache / "pagefind_search"
    [key] = [p.name for p in kept.iterdir()]
    assert key == bundle_key(output, "pagefind", "en")


def test_a_setting_problem_names_the_settings_file_used_and_the_one_it_was_written_in(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(ARTICLES["a.md"], encoding="utf-8")
    (tmp_path / "pelicanconf.py").write_text(
        "TIMEZONE = 'UTC'\nPLUGINS = ['pelican.plugins.pagefind_search']\n"
        "SEARCH_LANGAUGE = 'en'\nSEARCH_ENABLED = 'yes'\n"
    )
    (tmp_path / "publishconf.py").write_text(
        "import os, sys\nsys.path.append(os.curdir)\nfrom pelicanconf import *\n"
        "SITEURL = 'https://example.org'\n"
    )
    command = [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", "out"]
    wide = os.environ | {"COLUMNS": "500"}  # Pelican's log wraps lines at the terminal's width
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=wide)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert (
        "pagefind_search: publishconf.py (from pelicanconf.py): unknown setting SEARCH_LANGAUGE."
        " Fix: did you mean SEARCH_LANGUAGE?" in said
    )
    assert "pagefind_search: publishconf.py (from pelicanconf.py): SEARCH_ENABLED = 'yes'" in said


def indexed(output: Path) -> dict[str, str]:
    """Return each indexed page's address and the title Pagefind gives its results."""
    found = {}
    for fragment in (output / "pagefind" / "fragment").iterdir():
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[record["url"]] = record["meta"]["title"]
    return found


MARKED = ARTICLES | {
    "c.md": 'Title: Q&A: "again"\nDate: 2024-01-03\nTags: sleep\n\nNights again.\n',
    "d.md": "Title: Not yet\nDate: 2024-01-04\nStatus: draft\n\nUnfinished.\n",
    "pages/about.md": "Title: About us\n\nWe write.\n",
}


def test_in_a_theme_that_marks_nothing_results_are_the_articles_and_pages_by_their_titles(build):
    # Pelican's default theme: its first <h1> is the site's name, on every page.
    assert indexed(build(MARKED)) == {
        "/handing-over-the-rota.html": "Handing over the rota",
        "/late-nights.html": "Late nights",
        "/qa-again.html": 'Q&A: "again"',
        "/pages/about-us.html": "About us",
    }


def test_marking_can_be_turned_off(build):
    output = build(MARKED, SEARCH_MARK_CONTENT=False)
    assert set(indexed(output).values()) == {"A Pelican Blog"}  # what the issue saw
    assert "data-pagefind" not in (output / "late-nights.html").read_text(encoding="utf-8")


def test_a_theme_that_marks_its_pages_is_left_as_it_is(tmp_path):
    marked, plain = tmp_path / "marked.html", tmp_path / "plain.html"
    marked.write_text("<body><main data-pagefind-body><h1>A</h1></main></body>", "utf-8")
    plain.write_text('<body class="x"><h1>Site</h1><p>B</p></body>', "utf-8")
    assert theme_marks([plain, marked])
    assert not theme_marks([plain])
    told = tmp_path / "told.html"  # an article about Pagefind: its words are no mark
    told.write_text("<body><p>Write <code>&lt;main data-pagefind-body&gt;</code></p></body>")
    assert not theme_marks([told])
    assert mark_files({plain: "B &amp; C"}) == 1
    assert plain.read_text("utf-8") == (
        '<body class="x" data-pagefind-body><span hidden data-pagefind-ignore '
        'data-pagefind-meta="title">B &amp; C</span><h1>Site</h1><p>B</p></body>'
    )


def test_a_page_showing_other_articles_as_cards_is_marked_whole(tmp_path):
    page = tmp_path / "post.html"
    page.write_text("<body><article class=card>Other</article><article>Mine</article></body>")
    mark_files({page: "Mine"})
    assert page.read_text().startswith("<body data-pagefind-body><span hidden")
    assert page.read_text().count("data-pagefind-body") == 1


def indexed_text(output: Path) -> dict[str, str]:
    """Return each indexed page's address and the text Pagefind holds as the page's."""
    found = {}
    for fragment in (output / "pagefind" / "fragment").iterdir():
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[record["url"]] = record["content"]
    return found


@pytest.mark.parametrize(
    ("bundle_dir", "site_file"),
    [("theme", "theme/css/main.css"), ("pages", "pages/about-us.html")],
)
def test_a_bundle_folder_holding_the_sites_files_is_refused_and_none_of_them_removed(
    build, caplog, bundle_dir, site_file
):
    output = build(MARKED, SEARCH_BUNDLE_DIR=bundle_dir)
    assert (output / site_file).is_file()
    [error] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert error.startswith(
        f"pagefind_search: SEARCH_BUNDLE_DIR = '{bundle_dir}' holds files Pagefind did not "
        f"write ({bundle_dir}/"
    )
    assert error.endswith(
        "no search bundle written, so that none of them is removed. Fix: give the bundle a "
        "folder of its own, e.g. SEARCH_BUNDLE_DIR = 'pagefind'"
    )
    assert not (output / bundle_dir / "pagefind-entry.json").exists()


def test_a_file_of_the_sites_in_the_bundles_own_folder_stops_search_not_the_file(build, caplog):
    output = build(ARTICLES)
    (output / "pagefind" / "notes.txt").write_text("the owner's")
    output = build(ARTICLES, DELETE_OUTPUT_DIRECTORY=False)
    [error] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert "holds files Pagefind did not write (pagefind/notes.txt)" in error
    assert error.endswith("Fix: move those files out of pagefind/, the search bundle's folder")
    assert [p.name for p in (output / "pagefind").iterdir()] == ["notes.txt"]  # old bundle gone


def test_only_the_files_pagefind_wrote_are_removed_from_its_folder(build, tmp_path):
    output = build(ARTICLES)
    bundle = output / "pagefind"
    assert (bundle / "pagefind-entry.json").is_file()
    (bundle / "notes.txt").write_text("the owner's")
    (bundle / "fragment" / "keep.txt").write_text("the owner's too")
    remove_bundle(bundle)
    assert sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*")) == [
        "fragment", "fragment/keep.txt", "notes.txt"
    ]  # fmt: skip
    (bundle / "notes.txt").unlink()
    (bundle / "fragment" / "keep.txt").unlink()
    remove_bundle(bundle)
    assert not bundle.exists()


def test_a_page_an_earlier_build_left_in_the_output_is_never_searchable(build):
    build(MARKED)
    draft = ARTICLES["b.md"].replace("\n\n", "\nStatus: draft\n\n", 1)
    output = build({"b.md": draft}, DELETE_OUTPUT_DIRECTORY=False)
    assert "data-pagefind-body" in (output / "late-nights.html").read_text()  # left, marked
    assert "/late-nights.html" not in indexed(output)
    assert "/handing-over-the-rota.html" in indexed(output)


def test_a_cache_folder_that_cannot_be_written_is_one_warning_and_search_still_works(
    build, caplog, tmp_path
):
    (tmp_path / "a-file").write_text("not a folder")  # fails for root too, unlike chmod
    cache = tmp_path / "a-file" / "cache"
    output = build(ARTICLES | {"search-synonyms.txt": "boss, manager\n"}, CACHE_CONTENT=True,
                   CACHE_PATH=str(cache))  # fmt: skip
    assert (output / "pagefind" / "synonyms.json").is_file()
    assert "/late-nights.html" in indexed(output)
    said = [r.getMessage() for r in caplog.records if "pagefind_search" in r.name]
    warnings = [line for line in said if "cannot keep" in line]
    assert len(warnings) == 1
    assert f"in {cache / 'pagefind_search'} (" in warnings[0]
    assert "Fix: set CACHE_PATH to a folder this build can write" in warnings[0]


@pytest.mark.parametrize("theme", ["notmyidea", "simple"])
def test_the_sites_name_menu_and_links_are_no_pages_text(build, theme):
    chrome = {
        "SITENAME": "Quokka Gazette", "THEME": theme, "MENUITEMS": [("Wombat menu", "#")],
        "LINKS": [("Jinja2", "#")], "SOCIAL": [("Another social link", "#")],
    }  # fmt: skip
    text = indexed_text(build(MARKED, **chrome))
    assert set(text) == {"/handing-over-the-rota.html", "/late-nights.html", "/qa-again.html",
                         "/pages/about-us.html"}  # fmt: skip
    assert "We write." in text["/pages/about-us.html"]
    for page, words in text.items():
        for word in ("Quokka", "Wombat", "Jinja2", "social"):
            assert word not in words, (page, word)


README = Path(__file__).resolve().parents[1] / "README.md"
CSP = "script-src 'self' 'wasm-unsafe-eval'"  # what the README says the search page needs


class CspHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder with the README's Content-Security-Policy on every response."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.mark.browser
def test_the_readmes_search_snippet_works_under_the_readmes_csp(build, page, tmp_path):
    snippet = re.search(r"quickest UI.*?```html\n(.*?)```", README.read_text(), re.S).group(1)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "search.html").write_text(
        '{% extends "base.html" %}{% block content %}' + snippet + "{% endblock %}"
    )
    output = build(ARTICLES, THEME_TEMPLATES_OVERRIDES=[str(templates)],
                   DIRECT_TEMPLATES=["index", "search"])  # fmt: skip
    handler = functools.partial(CspHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search.html")
        page.fill(".pagefind-ui__search-input", "delegation", timeout=10000)
        page.wait_for_selector(".pagefind-ui__result-link", timeout=30000)
        assert page.locator(".pagefind-ui__result-link").first.inner_text() == (
            "Handing over the rota"
        )
    finally:
        server.shutdown()
        server.server_close()
    assert not [error for error in page.errors if "Content Security Policy" in error]


def test_writing_selected_pages_keeps_the_others_searchable(build):
    output = build(ARTICLES)
    selected = str(output / "late-nights.html")  # `pelican --write-selected` writes it alone
    output = build(ARTICLES, DELETE_OUTPUT_DIRECTORY=False, WRITE_SELECTED=[selected])
    assert {"/handing-over-the-rota.html", "/late-nights.html"} <= set(indexed(output))
