"""Other people's sites, built their way (issue 37): the fixtures in tests/sites/ of each shape."""

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pelican.settings import read_settings

from coaching_kb.build import build_site, load_settings
from coaching_kb.check.checks import inspect_folder
from coaching_kb.check.foreign import plugin_problem
from coaching_kb.check.locales import available
from coaching_kb.check.problems import NOTE
from coaching_kb.content.policy import allows, parse_policy
from coaching_kb.scaffold import ESSAY_PROMPTS
from coaching_kb.testing import ROOT, SITES, copy_site, run_task, write_files
from coaching_kb.testing import parsed_html as html
from coaching_kb.verify import verify_site

ATOM_TITLE = "{http://www.w3.org/2005/Atom}title"


@pytest.fixture(scope="module")
def escaped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The escaped_titles site built with production settings (feeds on)."""
    tmp_path = tmp_path_factory.mktemp("escaped")
    out = tmp_path / "output"
    report = build_site(ROOT / "publishconf.py", copy_site("escaped_titles", tmp_path), out)
    assert not report.failed(), report.problems
    return out


TITLES = {
    "retiring-the-v1-v2-apis/index.html": "Retiring the v1 & v2 APIs",
    "small-tools-versus-everything-included/index.html": 'Small tools versus "everything included"',
    "tea-talks-one-to-ones-that-work/index.html": 'Tea & talks: "one-to-ones" that work',
    "questions-answers/index.html": 'Questions & "answers"',
}


@pytest.mark.parametrize("page", sorted(TITLES))
def test_titles_of_every_reader_are_escaped_once_on_their_page(escaped_site, page):
    shown = html(escaped_site / page)
    assert shown.select_one("h1").get_text() == TITLES[page]  # the search index's title too
    assert shown.title.get_text().startswith(TITLES[page])


def test_no_title_is_escaped_twice_in_any_page_or_data_file(escaped_site):
    for path in escaped_site.rglob("*"):
        if path.suffix in (".html", ".json"):  # a feed's HTML summary is rightly escaped twice
            text = path.read_text(encoding="utf-8")
            for twice in ("&amp;amp;", "&amp;quot;", "&amp;#34;"):
                assert twice not in text, path


def test_feeds_related_lists_and_neighbours_show_the_plain_title(escaped_site):
    for feed in escaped_site.rglob("*.atom.xml"):
        titles = [t.text for t in ET.parse(feed).iter(ATOM_TITLE)]  # noqa: S314 - our build
        assert all("&" not in t.replace("& ", "") for t in titles), (feed, titles)
    feed = ET.parse(escaped_site / "feeds" / "all.atom.xml")  # noqa: S314 - our build
    assert "Retiring the v1 & v2 APIs" in [t.text for t in feed.iter(ATOM_TITLE)]
    related = json.loads((escaped_site / "related.json").read_text(encoding="utf-8"))
    assert "Retiring the v1 & v2 APIs" in json.dumps(related, ensure_ascii=False)
    neighbour = html(escaped_site / "small-tools-versus-everything-included" / "index.html")
    links = [a.get_text(" ", strip=True) for a in neighbour.select("a")]
    assert any(text.endswith("Retiring the v1 & v2 APIs") for text in links), links


def test_every_missing_image_is_an_error_located_like_a_broken_link(build_site, task):
    post = """\
        Title: Charts
        Date: 2024-01-01

        ![A chart]({static}/images/nope.png)

        ![Another](nope2.jpg)

        ![A third](/images/nope3.png)

        ![This one is there](/images/there.png)
        """
    site = build_site({"charts.md": post, "images/there.png": PNG})
    assert site.report.failed()
    located = sorted((p.line, p.is_error) for p in site.report.problems if "nope" in p.message)
    assert located == [(4, True), (6, True), (8, True)]
    assert not [p for p in site.report.problems if "there.png" in p.message]
    checked = task("check", "--content", str(site.content))
    assert checked.returncode == 1
    for line in (4, 6, 8):
        assert f"charts.md:{line}: " in checked.stdout
    assert "Cannot get modification stamp" not in checked.stdout + checked.stderr


def test_a_missing_image_is_named_as_written_with_the_file_it_needs(build_site):
    # Not the page's output path ('charts/nope2.jpg'): the author wrote 'nope2.jpg' beside
    # essays/charts.md, so the file to add is essays/nope2.jpg.
    post = """\
        Title: Charts
        Date: 2024-01-01

        ![Another](nope2.jpg)

        ![A third](<sub/nope3.png>)

        <img alt="Fourth" src="/images/nope4.png">
        """
    site = build_site({"essays/charts.md": post})
    messages = {p.line: p.message for p in site.report.problems if "nope" in p.message}
    expected = {
        4: ("nope2.jpg", "content/essays/nope2.jpg"),
        6: ("sub/nope3.png", "content/essays/sub/nope3.png"),
        8: ("/images/nope4.png", "content/images/nope4.png"),
    }
    for line, (written, needed) in expected.items():
        assert messages[line].startswith(f"image '{written}' does not exist: there is no "), (
            messages[line]
        )
        assert f"{needed}, so the page would show it broken" in messages[line]
    assert not any("charts/" in message for message in messages.values())


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def test_images_and_frames_from_other_hosts_are_allowed_by_each_page(tmp_path):
    out = tmp_path / "output"
    report = build_site(ROOT / "pelicanconf.py", copy_site("remote_images", tmp_path), out)
    assert not report.problems, report.problems
    page = html(out / "field-notes-from-a-team-offsite" / "index.html")
    meta = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    policy = parse_policy(meta["content"])
    image = page.select_one("img")["src"]
    frame = page.select_one("iframe")["src"]
    assert allows(policy, "img", image)
    assert allows(policy, "iframe", frame)
    assert allows(policy, "iframe", "https://maps.example.net/embed?venue=harbour-hall")
    assert not allows(policy, "iframe", "https://elsewhere.example.com/x")
    assert not allows(policy, "script", "https://cdn.example.com/widget.js")
    assert verify_site(out) == []


def test_check_warns_about_blocked_and_plain_http_resources(build_site):
    post = """\
        Title: Widgets
        Date: 2024-01-01

        <img src="http://example.org/old.png" alt="An old chart">

        <script src="https://cdn.example.com/widget.js"></script>

        <iframe src="https://player.example.com/v/1" title="A talk"></iframe>
        """
    site = build_site({"widgets.md": post}, CSP_FRAME_SRC=["https://video.example.com"])
    warned = {p.line: p.message for p in site.report.problems if not p.is_error}
    assert "plain http" in warned[4]
    assert "blocks" in warned[6]
    assert "CSP_FRAME_SRC" in warned[8]
    assert not site.report.failed()  # warnings only: the page is still published


def test_an_unknown_rest_directive_names_itself_and_the_missing_plugin(tmp_path):
    content = copy_site("plugin_directive", tmp_path)
    found = inspect_folder(load_settings(ROOT / "pelicanconf.py", content))
    [problem] = found.problems
    assert problem.path.endswith("first-talk.rst")
    assert problem.line == 9
    assert "'youtube'" in problem.message
    assert "plugin" in problem.message
    assert "PLUGINS" in problem.message


def test_a_template_in_content_is_recognised_and_the_site_still_builds(tmp_path):
    out = tmp_path / "output"
    content = copy_site("template_in_content", tmp_path)
    report = build_site(ROOT / "pelicanconf.py", content, out)
    assert not report.failed(), report.problems
    [problem] = report.problems
    assert problem.path.endswith("custom_index.html")
    assert "template" in problem.message
    assert "Title:" not in problem.message
    assert (out / "welcome-to-the-team-notes" / "index.html").is_file()


def test_an_html_page_without_a_title_gets_advice_for_html(build_site):
    site = build_site({"pages/about.html": "<html><head></head><body><p>Hi</p></body></html>"})
    [problem] = [p for p in site.report.problems if "title" in p.message]
    assert "<title>" in problem.message


def test_a_draft_is_never_published_but_is_checked(tmp_path):
    out = tmp_path / "output"
    content = copy_site("draft_post", tmp_path)
    write_files(content, {"authors/sam-ortiz.md": "Name: Sam Ortiz\n\nSam coaches.\n"})
    report = build_site(ROOT / "pelicanconf.py", content, out)
    assert not report.failed(), report.problems
    assert not (out / "drafts").exists()
    assert not list(out.rglob("notes-for-a-talk-on-hiring*"))
    [author] = [p for p in report.problems if "Priya Raman" in p.message]
    assert author.path.endswith("not-yet.md")
    assert not author.is_error  # a draft's typo is a warning until it is published
    assert verify_site(out) == []


def test_a_published_essay_with_the_templates_prompts_is_refused(build_site):
    post = (
        "Title: Saying no\nDate: 2024-01-01\n\n"
        f"{ESSAY_PROMPTS[0]}\n\n## What is really going on\n\nWe said no twice.\n"
    )
    site = build_site({"essays/saying-no.md": post})
    assert site.report.failed()
    assert any(ESSAY_PROMPTS[0] in error for error in site.report.errors)


def test_every_warning_shown_names_a_file(tmp_path):
    content = copy_site("relative_images", tmp_path)
    report = build_site(ROOT / "pelicanconf.py", content, tmp_path / "output")
    assert all(p.path for p in report.problems), report.problems


@pytest.fixture(scope="module")
def portuguese_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The portuguese_site fixture built through `invoke build --settings` its own file."""
    tmp_path = tmp_path_factory.mktemp("pt")
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    out = tmp_path / "output"
    settings = tmp_path / "site" / "pelicanconf.py"
    built = run_task("build", "--settings", str(settings), "--output", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    checked = run_task("check", "--settings", str(settings))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    return out


def test_the_owners_language_urls_pagination_and_feeds_win(portuguese_site):
    page = html(portuguese_site / "primeira-reuniao.html")  # the owner's {slug}.html layout
    assert page.html["lang"] == "pt"
    assert page.select_one("h1").get_text() == "A primeira reunião com a equipe"
    assert (portuguese_site / "paginas" / "sobre.html").is_file()
    assert (portuguese_site / "feeds" / "todos.atom.xml").is_file()
    assert len(html(portuguese_site / "index.html").select(".article-list__title")) == 2
    assert verify_site(portuguese_site) == []  # the link written as segunda-reuniao.html works


def test_search_indexes_the_owners_language(portuguese_site):
    entry = json.loads((portuguese_site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["pt"]


def test_our_plugins_and_theme_are_added_to_the_owners_settings(portuguese_site):
    assert (portuguese_site / "search" / "index.html").is_file()
    assert html(portuguese_site / "primeira-reuniao.html").select_one("[data-pagefind-body]")


def test_the_owners_tags_stay_pelicans_tag_pages_never_topic_hubs(portuguese_site):
    # The owner's file sets no TAG_SAVE_AS: Pelican's default tag/{slug}.html is theirs.
    assert not (portuguese_site / "topics").exists()
    tag_page = html(portuguese_site / "tag" / "equipe.html")
    titles = {a.get_text(strip=True) for a in tag_page.select(".article-list__title a")}
    assert "A primeira reunião com a equipe" in titles, titles
    assert (portuguese_site / "tags.html").is_file()
    post = html(portuguese_site / "primeira-reuniao.html")
    assert [a["href"] for a in post.select('a[rel="tag"]')] == ["/tag/equipe.html"]


def test_our_sites_own_promise_and_inboxes_never_appear_on_the_owners_site(portuguese_site):
    # Their file sets no description, no comment or question inbox and no address: their
    # pages must not carry ours (our readers' forms would collect their readers' comments).
    ours = read_settings(str(ROOT / "pelicanconf.py"))
    home = html(portuguese_site / "index.html")
    assert ours["SITE_DESCRIPTION"] not in str(home)
    assert home.select_one('meta[name="description"]')["content"] == "Notas de liderança"
    for page in portuguese_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for setting in ("COMMENTS_MODERATION_EMAIL", "QA_SUBMIT_EMAIL"):
            assert ours[setting] not in text, (page, setting)
    post = html(portuguese_site / "primeira-reuniao.html")
    assert not post.select("form.comment-form, form.comment-reply-form")


def test_keep_going_publishes_what_is_fine_and_lists_what_is_not(tmp_path, task):
    content = copy_site("plugin_directive", tmp_path)
    write_files(
        content, {"broken-image.md": "Title: Slides\nDate: 2022-11-01\n\n![Slides](gone.png)\n"}
    )
    out = tmp_path / "output"
    strict = task("build", "--content", str(content), "--output", str(out))
    assert strict.returncode == 1
    assert not out.exists()  # without --keep-going: all or nothing, as before
    kept = task("build", "--content", str(content), "--output", str(out), "--keep-going")
    assert kept.returncode == 1  # published, but not everything
    assert "Traceback" not in kept.stdout + kept.stderr
    skipped = [line for line in kept.stderr.splitlines() if line.startswith("  skipped: ")]
    assert len(skipped) == 2, kept.stderr
    assert any("first-talk.rst:9: unknown reST directive 'youtube'" in s for s in skipped)
    assert any("broken-image.md:4: image" in s and "Fix:" in s for s in skipped)
    assert (out / "speaking-at-a-meetup" / "index.html").is_file()
    assert not (out / "slides").exists()
    assert verify_site(out) == []


def test_keep_going_never_publishes_a_link_to_a_file_it_left_out(tmp_path, task):
    content = copy_site("plugin_directive", tmp_path)
    linking = (
        "Title: Notes on the talk\nDate: 2022-11-02\n\nSee [the talk]({filename}first-talk.rst).\n"
    )
    write_files(content, {"notes.md": linking})
    out = tmp_path / "output"
    kept = task("build", "--content", str(content), "--output", str(out), "--keep-going")
    skipped = [line for line in kept.stderr.splitlines() if line.startswith("  skipped: ")]
    assert any("first-talk.rst:9: unknown reST directive 'youtube'" in s for s in skipped)
    [notes] = [s for s in skipped if "notes.md" in s]
    assert "notes.md:4: link to 'first-talk.rst', which this build leaves out" in notes
    assert (out / "speaking-at-a-meetup" / "index.html").is_file()
    assert not any("{filename}" in page.read_text() for page in out.rglob("*.html"))
    assert verify_site(out) == []


def test_an_owners_site_is_built_beside_its_settings_never_into_our_output(tmp_path, task):
    # Pelican writes a site to output/ beside where it runs; ours, while `invoke serve` of our
    # own site is serving it, must stay ours.
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    built = task("build", "--settings", str(tmp_path / "site" / "pelicanconf.py"))
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "output" / "primeira-reuniao.html").is_file()
    assert f"built {tmp_path / 'site' / 'output'} in " in built.stdout


def test_a_settings_file_that_is_not_there_is_one_line_with_the_fix(tmp_path, task):
    result = task("build", "--settings", str(tmp_path / "nope.py"), "--output", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "nope.py: no such settings file. Fix:" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_typo_in_the_owners_settings_is_named_at_its_line_as_typed(tmp_path, task):
    """Our own settings file's typo was named at its line; the owner's (--settings) said only
    'cannot be read', with no line, in check and build alike."""
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    conf = tmp_path / "site" / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "SITEURL = SITE_URL\n", encoding="utf-8")
    line = len(conf.read_text(encoding="utf-8").splitlines())
    (tmp_path / "elsewhere").mkdir()
    typed = "../site/pelicanconf.py"
    for name in ("check", "build"):
        result = task(name, "--settings", typed, cwd=tmp_path / "elsewhere")
        assert result.returncode == 2, result.stdout + result.stderr
        said = result.stderr.strip().splitlines()[-1]
        assert said.startswith(f"error: {typed}:{line}: NameError: name 'SITE_URL'"), said
        assert f"Fix: correct {typed} at line {line}" in said
        assert "Traceback" not in result.stdout + result.stderr


def owners_site(tmp_path: Path, settings: str = "", files: dict | None = None) -> Path:
    """Build a copy of portuguese_site with `settings` added to its file; return the output."""
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    conf = tmp_path / "site" / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + settings, encoding="utf-8")
    write_files(tmp_path / "site" / "content", files or {})
    out = tmp_path / "output"
    built = run_task("build", "--settings", str(conf), "--output", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    return out


def menu_of(page: Path) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in html(page).select(".site-nav a")]


def test_where_the_owner_sets_nothing_the_menu_sections_and_dates_are_pelicans(
    portuguese_site,
):
    # Pelican's own menu (the pages, then the categories, as its themes show them) and its
    # categories (a post's folder names it): never our "Essays" and "Coaches".
    home = portuguese_site / "index.html"
    # From the site's root: SITEURL = "" and no RELATIVE_URLS, as Pelican links it.
    assert menu_of(home) == [("Sobre", "/paginas/sobre.html"), ("posts", "/category/posts.html")]
    post = html(portuguese_site / "primeira-reuniao.html")
    assert "Essays" not in post.select_one(".breadcrumbs, nav[aria-label]").get_text()
    # The owner's DEFAULT_DATE_FORMAT, on the archives too (our "1 Mar" was English).
    days = [t.get_text() for t in html(portuguese_site / "archives.html").select("time")]
    assert days[:3] == ["01/03/2023", "13/02/2023", "06/02/2023"], days


def test_the_owners_menu_category_and_date_formats_win(tmp_path):
    out = owners_site(
        tmp_path,
        'MENUITEMS = (("Arquivo", "archives.html"), ("GitHub", "https://github.com/ana-ribeiro"))\n'
        "DISPLAY_PAGES_ON_MENU = False\nDISPLAY_CATEGORIES_ON_MENU = False\n"
        'USE_FOLDER_AS_CATEGORY = False\nDEFAULT_CATEGORY = "Crônicas"\n'
        'DATE_FORMATS = {"pt": "%d.%m.%Y"}\n'
        'IGNORE_FILES = ["**/.*", "comments"]\n',  # its comments folder is our comments'
        {"comments/primeira-reuniao/01-joao.md":
         "Author: João\nDate: 2023-02-07 10:00\nStatus: approved\n\nObrigado.\n"},
    )  # fmt: skip
    assert menu_of(out / "index.html") == [
        ("Arquivo", "/archives.html"), ("GitHub", "https://github.com/ana-ribeiro")
    ]  # fmt: skip
    post = out / "primeira-reuniao.html"
    assert ("Crônicas", "/category/cronicas.html") in [
        (a.get_text(strip=True), a["href"]) for a in html(post).select("a")
    ]
    times = [t.get_text() for t in html(post).select("time")]
    assert times == ["06.02.2023", "07.02.2023"], times  # the post's date, the comment's
    assert verify_site(out) == []


def test_the_owners_archives_address_is_where_every_page_links(tmp_path):
    out = owners_site(tmp_path, 'ARCHIVES_SAVE_AS = "archives.html"\n')  # Pelican's own name
    assert (out / "archives.html").is_file()
    footer = html(out / "primeira-reuniao.html").select_one(".site-footer a")
    assert footer["href"] == "/archives.html"
    assert verify_site(out) == []  # our theme linked every page to archives/, which is not


def test_a_site_that_publishes_no_category_pages_builds_and_links_none(tmp_path):
    # Pelican then files no post under a default category (its folder still names one).
    out = owners_site(tmp_path, 'CATEGORY_SAVE_AS = ""\nUSE_FOLDER_AS_CATEGORY = False\n')
    post = html(out / "primeira-reuniao.html")
    assert [li.get_text(strip=True) for li in post.select(".breadcrumbs li")] == [
        "Início", "A primeira reunião com a equipe"  # the theme's words in the site's language
    ]  # fmt: skip
    assert not list(out.glob("category/*"))
    assert verify_site(out) == []


def test_a_site_that_publishes_no_archives_or_authors_page_links_to_neither(tmp_path):
    out = owners_site(tmp_path, 'ARCHIVES_SAVE_AS = ""\nAUTHORS_SAVE_AS = ""\n')
    assert not (out / "archives.html").exists()
    assert not (out / "authors.html").exists()
    for page in ("index.html", "primeira-reuniao.html", "search/index.html", "404.html"):
        words = [a.get_text(strip=True) for a in html(out / page).select("a")]
        # In the site's language: "Archives", "See every article by date", "every article by date".
        assert not {"Arquivo", "Ver todos os artigos por data", "todos os artigos por data"} & set(
            words
        ), (page, words)
    assert verify_site(out) == []


def test_verify_with_settings_checks_the_owners_own_build(tmp_path, task):
    """`build --settings` writes beside the owner's file; `verify --settings` must check that
    site, not ours (which it used to call fine)."""
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    settings = tmp_path / "site" / "pelicanconf.py"
    assert task("build", "--settings", str(settings)).returncode == 0
    theirs = tmp_path / "site" / "output"
    (theirs / "feedback-sem-rodeios.html").unlink()  # a page gone: their links break
    verified = task("verify", "--settings", str(settings))
    assert verified.returncode == 1, verified.stdout + verified.stderr
    assert "broken link to /feedback-sem-rodeios.html" in verified.stdout
    assert str(theirs) in verified.stderr


def test_a_plugin_the_site_lists_but_lacks_is_a_warning_naming_its_settings_line(tmp_path, task):
    """Most Pelican sites list plugins; one not installed here used to stop the build with
    "Cannot load plugin `liquid_tags`", naming no file and no fix. Pelican goes on without it:
    a warning, located, with the fix. One whose job a plugin of ours does (yaml_metadata,
    neighbors) got the same "not installed" warning: it is a note naming ours, once, and
    never stops a strict check."""
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    conf = tmp_path / "site" / "pelicanconf.py"
    conf.write_text(
        conf.read_text() + 'PLUGIN_PATHS = ["plugins"]\n'
        'PLUGINS = ["yaml_metadata", "pelican.plugins.neighbors", "liquid_tags"]\n'
    )
    line = len(conf.read_text().splitlines())
    built = task("build", "--settings", str(conf), "--output", str(tmp_path / "out"))
    assert built.returncode == 0, built.stdout + built.stderr
    said = f"warning: {conf}:{line}: plugin 'liquid_tags' cannot be loaded"
    assert said in built.stderr, built.stderr
    assert "Fix: install it (pip install pelican-liquid-tags" in built.stderr
    for name, ours in (("yaml_metadata", "yaml_front_matter"),
                       ("pelican.plugins.neighbors", "article_meta")):  # fmt: skip
        note = f"note: {conf}:{line}: plugin '{name}' is not needed here: {ours}, which"
        assert built.stderr.count(note) == 1, built.stderr
    assert "'yaml_metadata' cannot be loaded" not in built.stderr
    strict = task("check", "--settings", str(conf), "--strict")
    assert strict.returncode == 1
    assert said in strict.stdout, strict.stdout
    conf.write_text(conf.read_text().replace(', "liquid_tags"', ""))
    assert task("check", "--settings", str(conf), "--strict").returncode == 0  # notes only
    write_files(
        conf.parent / "content",
        {"slides.md": "Title: Slides\nDate: 2022-11-01\n\n![S](gone.png)\n"},
    )
    kept = task("build", "--settings", str(conf), "--output", str(tmp_path / "kept"),
                "--keep-going", "--strict")  # fmt: skip
    assert "skipped 1 file" in kept.stderr, kept.stdout + kept.stderr  # a note is no failure
    assert (tmp_path / "kept" / "primeira-reuniao.html").is_file()


@pytest.mark.parametrize(
    ("name", "pip_name"),
    [("liquid_tags", "pelican-liquid-tags"), ("pelican_liquid_tags", "pelican-liquid-tags"),
     ("pelican.plugins.liquid_tags", "pelican-liquid-tags"), ("pelican-toc", "pelican-toc"),
     ("liquid_tags.img", "pelican-liquid-tags")],  # an old module of a package: the package
)  # fmt: skip
def test_the_pip_name_in_a_missing_plugins_fix_has_one_pelican_prefix(name, pip_name):
    said = plugin_problem(name, "pelicanconf.py", 3).message
    assert f"Fix: install it (pip install {pip_name} for" in said, said


def test_a_pelican_prefixed_name_of_a_plugin_ours_replaces_is_a_note():
    assert plugin_problem("pelican_yaml_metadata", "pelicanconf.py", 3).severity == NOTE


def test_a_site_on_pelicans_default_addresses_keeps_every_address(tmp_path, task):
    """pelican-quickstart's settings set no URL patterns: the site's addresses are Pelican's
    (`slug.html`, `pages/`, `category/`, `author/`, `archives.html`, `index2.html`, feeds
    in `feeds/`). Built with --settings they must stay, or every inbound link and the links
    the owner wrote break; ours used to move each post to `slug/`."""
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    conf = tmp_path / "site" / "pelicanconf.py"
    kept = [line for line in conf.read_text().splitlines() if "_URL" not in line
            and "_SAVE_AS" not in line and not line.startswith("FEED_")]  # fmt: skip
    conf.write_text("\n".join(kept) + "\n")
    out = tmp_path / "out"
    built = task("build", "--settings", str(conf), "--output", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    for address in ("primeira-reuniao.html", "pages/sobre.html", "category/posts.html",
                    "author/ana-ribeiro.html", "archives.html", "index2.html",
                    "feeds/all.atom.xml", "tag/equipe.html"):  # fmt: skip
        assert (out / address).is_file(), address
    assert not (out / "primeira-reuniao").exists()
    assert verify_site(out) == []  # the owner's link to segunda-reuniao.html works


def locale_site(tmp_path: Path, settings: str) -> Path:
    """The portuguese_site with `settings` added to its own file; return that file."""
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    settings_file = tmp_path / "site" / "pelicanconf.py"
    settings_file.write_text(settings_file.read_text() + settings)
    return settings_file


@pytest.mark.skipif(not available("pt_BR.UTF-8"), reason="no pt_BR.UTF-8 locale on this machine")
def test_month_names_are_in_the_owners_locale_where_the_machine_has_it(tmp_path):
    settings = locale_site(
        tmp_path, 'LOCALE = ("pt_BR.UTF-8",)\nDEFAULT_DATE_FORMAT = "%d de %B de %Y"\n'
    )
    out = tmp_path / "output"
    built = run_task("build", "--settings", str(settings), "--output", str(out), env={"CI": "true"})
    assert built.returncode == 0, built.stdout + built.stderr
    assert (
        html(out / "primeira-reuniao.html").select_one("time").get_text()
        == "06 de fevereiro de 2023"
    )
    archives = [t.get_text() for t in html(out / "archives.html").select("time")]
    assert "13 de fevereiro de 2023" in archives, archives


def test_a_locale_this_machine_lacks_is_a_warning_at_its_line(tmp_path):
    settings = locale_site(
        tmp_path, 'LOCALE = ("xx_XX.UTF-8",)\nDEFAULT_DATE_FORMAT = "%d de %B de %Y"\n'
    )
    line = settings.read_text().splitlines().index('LOCALE = ("xx_XX.UTF-8",)') + 1
    checked = run_task("check", "--settings", str(settings))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"/site/pelicanconf.py:{line}: LOCALE names xx_XX.UTF-8" in checked.stdout
    assert "months" not in checked.stdout
    assert "in English. Fix: install it" in checked.stdout
    strict = run_task("build", "--settings", str(settings), "--output", str(tmp_path / "out"),
                      env={"CI": "true"})  # fmt: skip
    assert strict.returncode == 1  # the deploy stops rather than publish English month names
    numbers = locale_site(tmp_path / "numbers", 'LOCALE = ("xx_XX.UTF-8",)\n')  # %d/%m/%Y
    assert "LOCALE" not in run_task("check", "--settings", str(numbers)).stdout


def test_a_date_formats_locale_this_machine_lacks_is_one_error_and_no_crash(tmp_path):
    settings = locale_site(tmp_path, 'DATE_FORMATS = {"pt": ("xx_XX.UTF-8", "%d %B %Y")}\n')
    for task in (("check",), ("build", "--output", str(tmp_path / "out"))):
        done = run_task(*task, "--settings", str(settings))
        said = done.stdout + done.stderr
        assert done.returncode == 1, said
        assert "DATE_FORMATS['pt'] names the locale 'xx_XX.UTF-8'" in said
        assert "bug" not in said
        assert "Traceback" not in said
        assert "Could not process" not in said


def test_a_publishconf_importing_its_own_pelicanconf_gets_the_owners_not_ours(tmp_path):
    """pelican-quickstart's publishconf.py imports `pelicanconf` from the working folder; run
    from ours, or after ours was read, it must still be the owner's file beside it."""
    settings = locale_site(tmp_path, "")
    publish = settings.with_name("publishconf.py")
    publish.write_text(
        "import os\nimport sys\n\nsys.path.append(os.curdir)\nfrom pelicanconf import *\n\n"
        'SITEURL = "https://ana.example"\n'
    )
    out = tmp_path / "output"
    built = run_task("build", "--settings", str(publish), "--output", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    page = html(out / "primeira-reuniao.html")
    assert page.title.get_text().endswith("Notas de liderança"), page.title
    assert page.html["lang"] == "pt"


def test_a_setting_from_an_imported_file_is_named_at_its_own_line(tmp_path):
    settings = locale_site(tmp_path, 'LOCALE = ("xx_XX.UTF-8",)\nDEFAULT_DATE_FORMAT = "%d %B"\n')
    publish = settings.with_name("publishconf.py")
    publish.write_text("from pelicanconf import *\n\nFEED_DOMAIN = SITEURL\n")
    line = settings.read_text().splitlines().index('LOCALE = ("xx_XX.UTF-8",)') + 1
    checked = run_task("check", "--settings", str(publish))
    assert f"/site/pelicanconf.py:{line}: LOCALE names xx_XX.UTF-8" in checked.stdout


def test_a_date_formats_locale_for_a_language_with_no_post_is_a_warning_at_its_entry(tmp_path):
    settings = locale_site(
        tmp_path,
        'DATE_FORMATS = {\n    "pt": "%d/%m/%Y",\n    "ja": ("xx_XX.UTF-8", "%Y-%m-%d"),\n}\n',
    )
    line = settings.read_text().splitlines().index('    "ja": ("xx_XX.UTF-8", "%Y-%m-%d"),') + 1
    out = tmp_path / "out"
    built = run_task("build", "--settings", str(settings), "--output", str(out))
    assert built.returncode == 0, built.stdout + built.stderr  # plain Pelican builds it too
    assert f"/site/pelicanconf.py:{line}: DATE_FORMATS['ja']" in built.stdout + built.stderr
    assert (out / "primeira-reuniao.html").is_file()
