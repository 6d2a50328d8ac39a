"""Pelican features real sites use (issue 37), built through `--settings` the site's own file:
plain Pelican builds each fixture, and `check`, `build` and `verify` agree with it."""

import importlib.util
import shutil
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from coaching_kb.build import BuildReport, build_site, load_settings
from coaching_kb.check.checks import Inspection, inspect_folder
from coaching_kb.check.foreign import setting_line
from coaching_kb.check.problems import NOTE
from coaching_kb.owner_settings import owner_overrides
from coaching_kb.run import isolated_signals
from coaching_kb.testing import ROOT, SITES, write_files
from coaching_kb.testing import parsed_html as html
from coaching_kb.verify import verify_site

SETTINGS = ROOT / "pelicanconf.py"
PNG = (SITES / "pelican_links" / "content" / "images" / "chart.png").read_bytes()


def owners_site(
    name: str, tmp_path: Path, added: dict[str, str | bytes] | None = None
) -> tuple[Inspection, BuildReport]:
    """Check and build a copy of the fixture `name` (with the `added` files) and its own
    pelicanconf.py, as `invoke check/build --settings` do; the site goes to tmp_path/output."""
    shutil.copytree(SITES / name, tmp_path / "site")
    write_files(tmp_path / "site", added or {})
    return check_and_build(tmp_path)


def built_cleanly(name: str, tmp_path: Path, added: dict[str, str | bytes] | None = None) -> Path:
    """Return the output of `owners_site`, which check and build both found fine (notes,
    such as a language the theme has no words for, are nothing to fix)."""
    found, report = owners_site(name, tmp_path, added)
    assert not [p for p in found.problems if p.severity != NOTE], found.problems
    assert not [p for p in report.problems if p.severity != NOTE], report.problems
    return tmp_path / "output"


def check_and_build(tmp_path: Path) -> tuple[Inspection, BuildReport]:
    """Check and build the owner's site in tmp_path/site into tmp_path/output."""
    overrides = owner_overrides(tmp_path / "site" / "pelicanconf.py", load_settings(SETTINGS))
    found = inspect_folder(load_settings(SETTINGS, None, overrides))
    return found, build_site(SETTINGS, None, tmp_path / "output", overrides)


def test_static_attach_and_filename_links_resolve_where_pelican_puts_them(tmp_path):
    # A {static} image on a page under pages/ was read as relative to the page (an error in
    # check and build alike), and {attach} left the files in blog/, not beside the post.
    out = built_cleanly("pelican_links", tmp_path)
    post = out / "2022" / "running-a-retro-that-changes-something.html"
    images = [img["src"] for img in html(post).select(".article__body img")]
    assert [(post.parent / src).resolve() for src in images] == [
        out / "2022" / "photo.png",
        out / "2022" / "icons" / "icon.png",
    ]
    page = out / "pages" / "about-this-blog.html"
    src = html(page).select_one(".article__body img, .page__body img, main img")["src"]
    assert (page.parent / src).resolve() == out / "images" / "chart.png"
    assert verify_site(out) == []


def test_translations_carry_their_language_and_link_each_other(tmp_path):
    # Every page said lang="en", and nothing linked a translation: Pelican lists only the
    # original, so the French and German pages were published with no way in.
    out = built_cleanly("translations", tmp_path)
    for name, lang, other, other_lang in [
        ("first-week.html", "en", "first-week-fr.html", "fr"),
        ("first-week-fr.html", "fr", "first-week.html", "en"),
        ("shorter-standups-de.html", "de", "shorter-standups.html", "en"),
        ("pages/about-fr.html", "fr", "pages/about.html", "en"),
    ]:
        page = html(out / name)
        assert page.html["lang"] == lang, name
        link = page.select_one(f"main a[hreflang='{other_lang}']")
        assert (out / name).parent.joinpath(link["href"]).resolve() == out / other, name
    assert (out / "pages" / "thanks-for-writing.html").is_file()  # hidden: published, unlisted
    assert "thanks-for-writing" not in (out / "index.html").read_text()
    assert not (out / "drafts").exists()
    # Not for search engines either: the sitemap listed both, and no page said noindex.
    sitemap = (out / "sitemap.xml").read_text()
    for hidden in ("pages/thanks-for-writing.html", "get-in-touch.html"):
        assert hidden not in sitemap, hidden
        assert html(out / hidden).select_one("meta[name=robots]")["content"] == "noindex"
        # Nor for the site's own search: every page was marked as text for Pagefind.
        assert html(out / hidden).select_one("[data-pagefind-body]") is None, hidden
    assert html(out / "first-week.html").select_one("meta[name=robots]") is None
    assert html(out / "first-week.html").select_one("[data-pagefind-body]")
    assert html(out / "pages/about.html").select_one("[data-pagefind-body]")
    assert "<lastmod>2023-04-03T00:00:00+02:00</lastmod>" in sitemap  # Europe/Paris
    assert verify_site(out) == []


def test_files_placed_by_extra_path_metadata_go_where_the_site_says(tmp_path):
    # A file of extra/ placed elsewhere (static/custom.css) was moved to the root, and pages
    # linked our drawn favicon.svg, never the site's own favicon.ico.
    out = built_cleanly("static_extras", tmp_path)
    assert (out / "static" / "custom.css").is_file()
    assert not (out / "custom.css").exists()
    assert (out / "CNAME").read_text() == "okoro.example.net\n"
    assert "Disallow: /drafts/" in (out / "robots.txt").read_text()
    icon = html(out / "hello-again.html").select_one("link[rel=icon]")
    # From the site's root: SITEURL = "" and no RELATIVE_URLS, as Pelican links it.
    assert (icon["href"], icon["type"]) == ("/favicon.ico", "image/x-icon")
    assert not (out / "favicon.svg").exists()
    assert verify_site(out) == []


def test_typogrify_without_the_package_is_one_error_at_its_setting(tmp_path):
    # Pelican read no file and said only "Could not process ./post.md" of each, with no reason.
    if importlib.util.find_spec("typogrify") is not None:
        pytest.skip("typogrify is installed here")
    write_files(tmp_path / "site", {
        "pelicanconf.py": 'SITENAME = "T"\nPATH = "content"\nTYPOGRIFY_IGNORE_TAGS = ["pre"]\n'
        "TYPOGRIFY = True\n",  # the line of TYPOGRIFY itself, not of a longer name
        "content/post.md": "Title: A post\nDate: 2024-01-01\n\n\"Quotes\" -- and dashes.\n",
        "content/other.md": "Title: Another\nDate: 2024-01-02\n\nMore.\n",
    })  # fmt: skip
    found, report = check_and_build(tmp_path)
    for problems in (found.problems, report.problems):
        assert [(Path(p.path).name, p.line, p.is_error) for p in problems] == [
            ("pelicanconf.py", 4, True)
        ]
        assert "Fix: pip install typogrify, or set TYPOGRIFY = False" in problems[0].message


def test_a_markdown_extension_not_installed_is_one_error_at_its_setting(tmp_path):
    # Each Markdown file was "Pelican cannot read this file (No module named 'pymdownx').
    # Fix: correct the markup", with Pelican's bare "Could not process" beside it.
    if importlib.util.find_spec("pymdownx") is not None:
        pytest.skip("pymdown-extensions is installed here")
    conf = """\
        SITENAME = "T"
        PATH = "content"
        MARKDOWN = {
            "extension_configs": {"toc": {}, "pymdownx.superfences": {}},
        }
        """
    write_files(tmp_path / "site", {
        "pelicanconf.py": conf,
        "content/post.md": "Title: A post\nDate: 2024-01-01\n\nText.\n",
        "content/other.md": "Title: Another\nDate: 2024-01-02\n\nMore.\n",
    })  # fmt: skip
    found, report = check_and_build(tmp_path)
    for problems in (found.problems, report.problems):
        assert [(Path(p.path).name, p.line, p.is_error) for p in problems] == [
            ("pelicanconf.py", 3, True)
        ]
        assert "'pymdownx.superfences'" in problems[0].message
        assert "Fix: pip install pymdown-extensions" in problems[0].message


def test_pelicans_warnings_about_a_link_name_its_file_and_line(tmp_path):
    # Pelican warned of both, naming the file inside its message; check and build said nothing.
    write_files(tmp_path / "site", {
        "pelicanconf.py": """\
            SITENAME = "T"
            PATH = "content"
            RELATIVE_URLS = True
            STATIC_PATHS = ["images", "files"]
            ARTICLE_URL = ARTICLE_SAVE_AS = "{date:%Y}/{slug}.html"
            """,
        "content/files/plan.txt": "a plan\n",
        "content/images/team.png": PNG,
        "content/a.md": "Title: A\nDate: 2024-01-01\n\nSee [it]({filename}/files/plan.txt).\n",
        "content/b.md": "Title: B\nDate: 2024-01-02\n\n![The team]({attach}images/team.png)\n",
        "content/c.md": "Title: C\nDate: 2025-01-03\n\n![Again]({attach}images/team.png)\n",
    })  # fmt: skip
    found, report = check_and_build(tmp_path)
    for problems in (found.problems, report.problems):
        located = sorted((Path(p.path).name, p.line, p.severity) for p in problems)
        assert located, problems
        assert located[0] == ("a.md", 4, "warning")
        assert located[1] in {("b.md", 4, "warning"), ("c.md", 4, "warning")}
        assert len(located) == 2
        said = sorted(problems, key=lambda p: p.path)
        assert "Fix: write {static}/files/plan.txt instead" in said[0].message
        assert "{attach} cannot move 'images/team.png' beside this page" in said[1].message
    assert verify_site(tmp_path / "output") == []


def test_index_pages_the_sites_direct_templates_leave_out_are_not_written(tmp_path):
    # DIRECT_TEMPLATES without "authors" and "tags": Pelican wrote neither; we wrote both.
    write_files(tmp_path / "site", {
        "pelicanconf.py": """\
            SITENAME = "T"
            PATH = "content"
            DIRECT_TEMPLATES = ["index", "categories", "archives"]
            """,
        "content/post.md": "Title: A post\nDate: 2024-01-01\nTags: craft\n\nText.\n",
    })  # fmt: skip
    overrides = owner_overrides(tmp_path / "site" / "pelicanconf.py", load_settings(SETTINGS))
    report = build_site(SETTINGS, None, tmp_path / "output", overrides)
    assert not report.problems, report.problems
    out = tmp_path / "output"
    assert not (out / "authors.html").exists()
    assert not (out / "tags.html").exists()
    assert (out / "archives.html").is_file()
    assert (out / "categories.html").is_file()
    assert (out / "search" / "index.html").is_file()  # the theme's own pages stay
    assert verify_site(out) == []


def test_a_draft_attaching_a_posts_image_leaves_it_beside_the_post(tmp_path):
    # The draft (written nowhere) moved the image first: it went to the site's root, the post
    # linked ../photo.png with a warning, and the draft's image "did not exist".
    draft = "Title: Next\nDate: 2022-10-01\nStatus: draft\n\n![b]({attach}photo.png)\n"
    out = built_cleanly("pelican_links", tmp_path, {"content/blog/zzz-draft.md": draft})
    post = out / "2022" / "running-a-retro-that-changes-something.html"
    src = html(post).select_one(".article__body img")["src"]
    assert (post.parent / src).resolve() == out / "2022" / "photo.png"
    assert not (out / "photo.png").exists()
    assert verify_site(out) == []


TRANSLATED_FRAME = """\
    Title: Ma première semaine à la tête de l'équipe
    Date: 2023-04-04
    Slug: first-week
    Lang: fr

    J'ai passé la première semaine à écouter plus qu'à parler, en notant chaque promesse.

    <iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Vidéo"></iframe>
    """


def test_a_frame_in_a_translation_is_allowed_on_its_page(tmp_path):
    # Only originals were read for frame hosts: the French page's video was blocked by its
    # own `frame-src 'self'`, and only verify said so.
    added = {"content/first-week-fr.md": TRANSLATED_FRAME}
    out = built_cleanly("translations", tmp_path, added)
    policy = html(out / "first-week-fr.html").select_one("meta[http-equiv=Content-Security-Policy]")
    assert "frame-src 'self' https://www.youtube-nocookie.com" in policy["content"]
    assert verify_site(out) == []


def test_a_translation_carries_its_description_and_its_originals_comments(tmp_path):
    # A translation had an empty canonical link and JSON-LD, no reading time, and none of the
    # comments its form adds to (the form posts to the original's slug).
    comment = "Author: Ana\nDate: 2023-04-05\nStatus: approved\n\nUseful, thank you.\n"
    found, report = owners_site("translations", tmp_path, {
        "pelicanconf.py": (SITES / "translations" / "pelicanconf.py").read_text()
        + 'COMMENTS_ENDPOINT = "https://inbox.translations.example/comments"\n'
        + 'IGNORE_FILES = ["**/.*", "comments"]\n'  # its comments folder is our comments'
        + 'SITEURL = "https://translations.example"\n',  # a dev build writes no canonical
        "content/comments/first-week/01-ana.md": comment,
    })  # fmt: skip
    assert not [p for p in found.problems if p.severity != NOTE], found.problems  # de: a note
    assert not [p for p in report.problems if p.severity != NOTE], report.problems
    page = html(tmp_path / "output" / "first-week-fr.html")
    canonical = page.select_one("link[rel=canonical]")["href"]
    assert canonical == "https://translations.example/first-week-fr.html"
    assert '"BlogPosting"' in page.select_one("script[type='application/ld+json']").get_text()
    assert "1 minute de lecture" in page.select_one("main").get_text()  # in the page's language
    assert "Useful, thank you." in page.select_one(".comments").get_text()
    assert page.select_one("form.comment-form input[name=article]")["value"] == "first-week"


def test_a_page_saved_as_index_is_the_home_when_direct_templates_leave_out_index(tmp_path):
    # check and build said "its output 'index.html' is already used by the site's own
    # 'index.html' page"; Pelican writes no index then, and the page is the home.
    write_files(tmp_path / "site", {
        "pelicanconf.py": """\
            SITENAME = "T"
            PATH = "content"
            DIRECT_TEMPLATES = ["archives", "tags"]
            """,
        "content/post.md": "Title: A post\nDate: 2024-01-01\n\nText.\n",
        "content/pages/home.md": "Title: Welcome\nSave_as: index.html\nURL:\n\nThe home page.\n",
    })  # fmt: skip
    found, report = check_and_build(tmp_path)
    assert not found.problems, found.problems
    assert not report.problems, report.problems
    out = tmp_path / "output"
    assert "The home page." in html(out / "index.html").get_text()
    assert verify_site(out) == []


def test_a_modified_date_that_does_not_parse_is_named_at_its_line(tmp_path):
    # Pelican said only "Could not process ./post.md", with no line and no fix.
    write_files(tmp_path / "site", {
        "pelicanconf.py": 'SITENAME = "T"\nPATH = "content"\n',
        "content/post.md": "Title: A post\nDate: 2023-05-01\nModified: 2023-31-05\n\nText.\n",
        "content/other.md": "Title: Another\nDate: 2024-01-02\n\nMore.\n",
    })  # fmt: skip
    found, report = check_and_build(tmp_path)
    for problems in (found.problems, report.problems):
        assert [(Path(p.path).name, p.line, p.is_error) for p in problems] == [("post.md", 3, True)]
        assert "modified date '2023-31-05' does not parse" in problems[0].message


def test_without_index_and_no_page_in_its_place_our_home_page_stays(tmp_path):
    # Every page links the home: left unwritten, each of those links would be broken.
    write_files(tmp_path / "site", {
        "pelicanconf.py": 'SITENAME = "T"\nPATH = "content"\nDIRECT_TEMPLATES = ["archives"]\n',
        "content/post.md": "Title: A post\nDate: 2024-01-01\n\nText.\n",
    })  # fmt: skip
    overrides = owner_overrides(tmp_path / "site" / "pelicanconf.py", load_settings(SETTINGS))
    report = build_site(SETTINGS, None, tmp_path / "output", overrides)
    assert not report.problems, report.problems
    assert "A post" in html(tmp_path / "output" / "index.html").get_text()
    assert verify_site(tmp_path / "output") == []


FEEDS = """
FEED_ALL_ATOM = None
FEED_ATOM = "feeds/main.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{slug}.rss.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
CATEGORY_FEED_RSS_URL = "feeds/{slug}.rss.xml?via=site"
AUTHOR_FEED_ATOM = None
"""


def test_each_feed_the_sites_settings_write_is_linked_from_the_page_it_follows(tmp_path):
    # Pelican wrote tag, category and RSS feeds, but only the all-posts Atom feed and the
    # author's Atom feed were linked: a feed reader given a tag's page found nothing. Nor
    # were Pelican's default translation feeds (feeds/all-{lang}.atom.xml), nor, on a site
    # with no all-posts Atom feed, any feed in the footer.
    conf = (SITES / "translations" / "pelicanconf.py").read_text() + FEEDS
    spanish = "Title: Acerca de\nSlug: about\nLang: es\n\nNotas.\n"  # a page: no es feed
    out = built_cleanly(
        "translations", tmp_path, {"pelicanconf.py": conf, "content/pages/about-es.md": spanish}
    )

    def feeds(page: str) -> dict[str, str]:
        """Return {linked feed, from the site's root: type} of a page's feed links."""
        found = {}
        for link in html(out / page).select("link[rel=alternate][type$='+xml']"):
            path, _, query = link["href"].partition("?")
            where = (out / page).parent.joinpath(path).resolve().relative_to(out.resolve())
            found["/" + where.as_posix() + (f"?{query}" if query else "")] = link["type"][12:]
        return found

    site = {"/feeds/all.rss.xml": "rss+xml", "/feeds/main.atom.xml": "atom+xml"}
    assert feeds("first-week-fr.html") == {**site, "/feeds/all-fr.atom.xml": "atom+xml"}
    assert feeds("shorter-standups-de.html") == {**site, "/feeds/all-de.atom.xml": "atom+xml"}
    assert feeds("pages/about-es.html") == site
    assert not (out / "feeds" / "all-es.atom.xml").exists()
    site["/feeds/all-en.atom.xml"] = "atom+xml"
    assert feeds("index.html") == site
    footer = html(out / "index.html").select_one(".site-footer a[href$='.xml']")
    assert (out / footer["href"]).resolve() == (out / "feeds" / "all.rss.xml").resolve()
    assert footer.get_text() == "RSS feed"
    assert feeds("tag/onboarding.html") == {
        **site,
        "/feeds/tag/onboarding.atom.xml": "atom+xml",
        "/feeds/tag/onboarding.rss.xml": "rss+xml",
    }
    assert feeds("category/misc.html") == {
        **site, "/feeds/misc.atom.xml": "atom+xml", "/feeds/misc.rss.xml?via=site": "rss+xml",
    }  # fmt: skip
    # AUTHOR_FEED_ATOM = None: Pelican writes no such feed, and none is linked.
    assert feeds("author/mira-castell.html") == {**site, "/feeds/mira-castell.rss.xml": "rss+xml"}
    linked = (
        "tag/onboarding.html",
        "category/misc.html",
        "first-week-fr.html",
        "shorter-standups-de.html",
    )
    for href in {h for page in linked for h in feeds(page)}:
        assert (out / href.split("?")[0].lstrip("/")).is_file(), href
    assert not (out / "feeds" / "mira-castell.atom.xml").exists()
    # A translation's feed is named by its language's name, not its code ("Field notes (de)").
    german = html(out / "shorter-standups-de.html").select_one("link[href$='all-de.atom.xml']")
    assert german["title"] == "Field notes (Deutsch)"


def test_a_template_only_the_sites_own_theme_has_is_named_there(tmp_path):
    # The warning said "add fancy.html to the theme" when the site's theme has it: ours
    # replaces that theme, so the fix is to drop the line (or build with plain Pelican).
    conf = (SITES / "translations" / "pelicanconf.py").read_text() + 'THEME = "mytheme"\n'
    _, report = owners_site("translations", tmp_path, {
        "pelicanconf.py": conf,
        "mytheme/templates/fancy.html": "{% extends 'base.html' %}",
        "content/fancy.md": "Title: Fancy\nDate: 2023-07-01\nTemplate: fancy\n\nText.\n",
    })  # fmt: skip
    [warned] = [w for w in report.warnings if "Template:" in w]
    assert "content/fancy.md:3: 'Template: fancy' asks for fancy.html" in warned
    assert str(tmp_path / "site" / "mytheme" / "templates" / "fancy.html") in warned
    assert "Fix: remove the 'Template:' line" in warned
    assert "add fancy.html" not in warned
    assert (tmp_path / "output" / "fancy.html").is_file()


def test_the_sites_own_template_overrides_are_searched_first_and_named_in_the_advice(tmp_path):
    # With no THEME, a template in the site's THEME_TEMPLATES_OVERRIDES was said to be in
    # none of the folders, and the fix was to add it to this toolkit's own theme/templates.
    conf = (SITES / "translations" / "pelicanconf.py").read_text()
    _, report = owners_site("translations", tmp_path, {
        "pelicanconf.py": conf + 'THEME_TEMPLATES_OVERRIDES = ["mytheme/templates"]\n',
        "mytheme/templates/landing.html": "<html><body>landing: {{ article.title }}</body></html>",
        "content/landing.md": "Title: Landing\nDate: 2023-07-01\nTemplate: landing\n\nText.\n",
        "content/gone.md": "Title: Gone\nDate: 2023-07-02\nTemplate: gone\n\nText.\n",
    })  # fmt: skip
    assert (tmp_path / "output" / "landing.html").read_text().startswith("<html><body>landing: ")
    [warned] = [w for w in report.warnings if "Template:" in w]
    assert "content/gone.md:3: 'Template: gone' asks for gone.html" in warned
    owners = str(tmp_path / "site" / "mytheme" / "templates")
    assert f"none of the theme's template folders ({owners}, this toolkit's theme, then" in warned
    assert f"Fix: remove the 'Template:' line, or add gone.html to {owners}" in warned
    assert "theme/templates" not in warned.replace(owners, "")


def test_a_site_without_theme_or_overrides_is_told_where_its_own_templates_go(tmp_path):
    _, report = owners_site("translations", tmp_path, {
        "content/gone.md": "Title: Gone\nDate: 2023-07-02\nTemplate: gone\n\nText.\n",
    })  # fmt: skip
    [warned] = [w for w in report.warnings if "Template:" in w]
    assert "theme/templates" not in warned, warned
    assert "add gone.html to a folder of yours and list it in THEME_TEMPLATES_OVERRIDES" in warned


def test_an_overrides_folder_written_for_the_sites_own_theme_never_breaks_ours(tmp_path):
    # A base.html copied from the site's theme (including its github.html) replaced ours: the
    # build stopped with "TemplateNotFound: github.html ... this is a bug", check said fine.
    conf = (SITES / "translations" / "pelicanconf.py").read_text()
    found, report = owners_site("translations", tmp_path, {
        "pelicanconf.py": conf + 'THEME_TEMPLATES_OVERRIDES = ["templates"]\n',
        "templates/base.html": '{% include "github.html" %}{% block content %}{% endblock %}',
        "templates/landing.html": "<html><body>landing</body></html>",
        "content/landing.md": "Title: Landing\nDate: 2023-07-01\nTemplate: landing\n\nText.\n",
    })  # fmt: skip
    assert not report.failed(), report.problems
    assert [str(p) for p in found.errors] == [str(p) for p in report.problems if p.is_error]
    assert html(tmp_path / "output" / "first-week.html").select_one("header.site-header")
    [warned] = [w for w in report.warnings if "Template:" in w]
    assert f"your {tmp_path / 'site' / 'templates' / 'landing.html'} is not used" in warned
    assert "move landing.html to a folder of its own" in warned


def test_a_setting_is_named_where_python_set_it_not_in_a_branch_after_it(tmp_path):
    """`if os.environ.get("CI"): TIMEZONE = "UTC"` after the real line: a bad TIMEZONE was
    named at the UTC line, which Python had not run."""
    conf = tmp_path / "pelicanconf.py"
    conf.write_text(
        'SITENAME = "T"\nTIMEZONE = "Europe/Pariss"\nimport os\n'
        'if os.environ.get("CI"):\n    TIMEZONE = "UTC"\n'
    )
    assert setting_line({"SETTINGS_FILE": str(conf), "PATH": str(tmp_path)}, "TIMEZONE")[1] == 2
    # Set only in branches, the last of them is the best guess.
    conf.write_text('import os\nif os.environ.get("CI"):\n    TIMEZONE = "UTC"\nelse:\n'
                    '    TIMEZONE = "Europe/Pariss"\n')  # fmt: skip
    assert setting_line({"SETTINGS_FILE": str(conf), "PATH": str(tmp_path)}, "TIMEZONE")[1] == 5


def test_a_mistyped_time_zone_is_one_error_at_its_line_with_the_nearest(tmp_path):
    # Pelican said only "Could not process post.md" (of every file, for TIMEZONE), with no
    # reason, and the comments of an article it could not read were "for a missing article".
    write_files(tmp_path / "site", {
        "pelicanconf.py": 'SITENAME = "T"\nPATH = "content"\n',
        "content/post.md": "Title: A post\nDate: 2024-01-01\nTimezone: Europe/Londn\n\nText.\n",
        "content/other.md": "Title: Another\nDate: 2024-01-02\n\nMore.\n",
    })  # fmt: skip
    found, report = check_and_build(tmp_path)
    for problems in (found.problems, report.problems):
        assert [(Path(p.path).name, p.line, p.is_error) for p in problems] == [("post.md", 3, True)]
        assert "'Europe/Londn' is not a time zone" in problems[0].message
        assert "Fix: write 'Europe/London'" in problems[0].message
    conf = tmp_path / "site" / "pelicanconf.py"
    # The last assignment is the one Python keeps, and the one named.
    conf.write_text(conf.read_text() + 'TIMEZONE = "UTC"\nTIMEZONE = "America/New_Yrok"\n')
    (tmp_path / "site" / "content" / "post.md").write_text("Title: A post\nDate: 2024-01-01\n\nX\n")
    found, report = check_and_build(tmp_path)
    for problems in (found.problems, report.problems):
        assert [(Path(p.path).name, p.line, p.is_error) for p in problems] == [
            ("pelicanconf.py", 4, True)
        ]
        assert "TIMEZONE 'America/New_Yrok' is not a time zone" in problems[0].message
        assert "Fix: write 'America/New_York'" in problems[0].message


PUBLISHED_AT = 'SITEURL = "https://lind.example"\nRELATIVE_URLS = False\n'  # as publishconf.py


def test_links_resolve_on_a_site_built_with_absolute_urls(tmp_path):
    # With RELATIVE_URLS = False (every publishconf.py), a post without `Summary:` was
    # published with `src="{static}/images/chart.png"`: a plugin read its summary before
    # Pelican knew the static files, and Pelican kept that first result for the page.
    settings = (SITES / "pelican_links" / "pelicanconf.py").read_text() + PUBLISHED_AT
    out = built_cleanly("pelican_links", tmp_path, {"pelicanconf.py": settings})
    post = html(out / "2022" / "running-a-retro-that-changes-something.html")
    body = post.select_one(".article__body")
    assert [img["src"] for img in body.select("img")] == [
        "https://lind.example/2022/photo.png",
        "https://lind.example/2022/icons/icon.png",
    ]
    assert "https://lind.example/images/chart.png" in [a["href"] for a in body.select("a")]
    assert verify_site(out, "https://lind.example") == []


EARLY_READER = """\
    from pelican import signals


    def keep_teasers(generator):
        for article in generator.articles:
            article.teaser = article.summary  # before Pelican knows the static files


    def register():
        signals.article_generator_finalized.connect(keep_teasers)
    """


def test_a_link_a_plugin_left_unresolved_fails_check_and_build_at_its_line(tmp_path):
    # A plugin of the site's own reading summaries too early left `{attach}photo.png` in the
    # published page, and check and build both said the site was fine.
    settings = (SITES / "pelican_links" / "pelicanconf.py").read_text() + PUBLISHED_AT
    settings += 'PLUGIN_PATHS = ["plugins"]\nPLUGINS = ["early_teasers"]\n'
    added = {"pelicanconf.py": settings, "plugins/early_teasers.py": EARLY_READER}
    found, report = owners_site("pelican_links", tmp_path, added)
    page = "2022/running-a-retro-that-changes-something.html"
    for problems in (found.errors, [p for p in report.problems if p.is_error]):
        left = {(Path(p.path).name, p.line, p.subject) for p in problems if page in p.message}
        assert left == {
            ("retro.md", 9, "{attach}photo.png"),
            ("retro.md", 11, "{attach}icons/icon.png"),
            ("retro.md", 13, "{static}/images/chart.png"),
            ("retro.md", 13, "{static}/downloads/checklist.txt"),
            ("retro.md", 17, "{filename}/pages/about.md"),
        }, problems
    assert not (tmp_path / "output").exists()  # a failed build publishes nothing


def test_verify_names_a_link_left_as_written_and_the_file_holding_it(tmp_path):
    # Plain Pelican with a plugin reading summaries too early (as ours did): verify called
    # `{static}/images/chart.png` a broken link, naming no source file.
    site = tmp_path / "site"
    shutil.copytree(SITES / "pelican_links", site)
    write_files(site / "plugins", {"early_teasers.py": EARLY_READER})
    overrides = {"PLUGIN_PATHS": [str(site / "plugins")], "PLUGINS": ["early_teasers"]}
    overrides |= {"SITEURL": "https://lind.example", "RELATIVE_URLS": False}
    overrides |= {"PATH": str(site / "content"), "OUTPUT_PATH": str(tmp_path / "out")}
    with isolated_signals():
        Pelican(read_settings(str(site / "pelicanconf.py"), override=overrides)).run()
    problems = verify_site(tmp_path / "out", "https://lind.example", site / "content")
    retro = site / "content" / "blog" / "retro.md"
    assert (
        "2022/running-a-retro-that-changes-something.html: <img> links {attach}photo.png as "
        f"written (written in {retro}): Pelican never resolved it. Fix: run invoke check, "
        "which names the line and why"
    ) in problems
    assert not [p for p in problems if "broken link to {" in p]
