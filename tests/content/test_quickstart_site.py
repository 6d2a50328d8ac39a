"""A pelican-quickstart site built with `--settings` (review49b): where its file sets nothing,
it keeps what Pelican gave it, never what our own settings say of our site."""

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from coaching_kb.build import load_settings
from coaching_kb.check.checks import inspect_folder
from coaching_kb.check.problems import NOTE
from coaching_kb.owner_settings import owner_overrides
from coaching_kb.testing import ROOT, SITES, run_task, write_files
from coaching_kb.testing import parsed_html as html

# Enough posts that our own index size (12) would paginate where Pelican writes one page.
MORE_POSTS = 12


@dataclass
class Built:
    settings: Path
    output: Path
    checked: subprocess.CompletedProcess
    verified: subprocess.CompletedProcess


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The quickstart_site with a dozen more posts: checked, built and verified."""
    tmp_path = tmp_path_factory.mktemp("quickstart")
    shutil.copytree(SITES / "quickstart_site", tmp_path / "site")
    posts = {
        f"workshop-note-{n:02}.md": f"Title: Workshop note {n}\nDate: 2024-01-{n:02}\n\nNote {n}.\n"
        for n in range(1, MORE_POSTS + 1)
    }
    write_files(tmp_path / "site" / "content", posts)
    settings = tmp_path / "site" / "pelicanconf.py"
    out = tmp_path / "output"
    checked = run_task("check", "--settings", str(settings))
    built = run_task("build", "--settings", str(settings), "--output", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    verified = run_task("verify", "--settings", str(settings), "--output", str(out))
    return Built(settings, out, checked, verified)


def test_posts_in_folders_named_like_our_data_folders_are_the_sites_posts(quickstart):
    # topics/, comments/ and authors/ are its categories: Pelican publishes every post in them.
    out = quickstart.output
    for post in ("choosing-a-keyboard", "on-comment-sections", "writers-i-reread"):
        assert (out / f"{post}.html").is_file(), post
    for category in ("topics", "comments", "authors"):
        assert (out / "category" / f"{category}.html").is_file(), category
    assert not (out / "topics").exists()  # no topic hub made of a post
    assert quickstart.checked.returncode == 0, quickstart.checked.stdout
    assert "author profile" not in quickstart.checked.stdout


def test_links_are_absolute_from_the_sites_own_address(quickstart):
    # Its file sets SITEURL and no RELATIVE_URLS: Pelican writes absolute links; ours were
    # relative (our own RELATIVE_URLS = True) and `verify` took its feeds for another host.
    out = quickstart.output
    post = html(out / "choosing-a-keyboard.html")
    assert post.select_one('meta[property="og:url"]')["content"] == (
        "https://lee.example.org/choosing-a-keyboard.html"
    )
    home = html(out / "index.html")
    assert home.select_one('link[rel="canonical"]')["href"] == "https://lee.example.org/"
    assert post.select_one(".breadcrumbs a")["href"] == "https://lee.example.org/"
    assert quickstart.verified.returncode == 0, quickstart.verified.stdout
    assert "another host" not in quickstart.verified.stdout


def test_the_blogroll_and_social_links_are_in_the_footer_escaped(quickstart):
    footer = html(quickstart.output / "writers-i-reread.html").select_one(".site-footer")
    links = [(a.get_text(), a["href"]) for a in footer.select(".site-footer__links a")]
    assert links == [
        ("Pelican", "https://getpelican.com/"),
        ("Python.org", "https://www.python.org/"),
        ("Jigs <& fixtures>", "https://jigs.example.org/?kind=dovetail&size=small"),
        ("Mastodon", "https://hachyderm.io/@leepark"),
    ]
    headings = [p.get_text().split(":")[0] for p in footer.select(".site-footer__links")]
    assert headings == ["Links", "Social"]
    raw = (quickstart.output / "writers-i-reread.html").read_text(encoding="utf-8")
    assert "Jigs &lt;&amp; fixtures&gt;" in raw
    assert quickstart.verified.returncode == 0, quickstart.verified.stdout  # links it chose


def test_where_the_site_sets_no_pagination_or_date_format_pelicans_apply(quickstart):
    # Pelican writes every post on one home page and dates as "%a %d %B %Y".
    out = quickstart.output
    assert not (out / "index2.html").exists()
    assert len(html(out / "index.html").select(".article-list__title")) == MORE_POSTS + 3
    day = html(out / "choosing-a-keyboard.html").select_one(".byline time").get_text()
    assert day == "Sat 02 March 2024"


# A site that publishes no author, category or tag pages, with a page of its own theme's,
# relative links and a feed Pelican links at its SITEURL.
RESTRICTED = """
AUTHOR_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "archives", "tags", "categories", "authors", "contact"]
THEME_TEMPLATES_OVERRIDES = ["overrides"]
RELATIVE_URLS = True
FEED_ALL_ATOM = "feeds/all.atom.xml"
"""


@pytest.fixture(scope="module")
def restricted(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The quickstart_site with RESTRICTED added to its settings: built and verified."""
    tmp_path = tmp_path_factory.mktemp("restricted")
    shutil.copytree(SITES / "quickstart_site", tmp_path / "site")
    settings = tmp_path / "site" / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + RESTRICTED, encoding="utf-8")
    out = tmp_path / "output"
    built = run_task("build", "--settings", str(settings), "--output", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    verified = run_task("verify", "--settings", str(settings), "--output", str(out))
    return Built(settings, out, built, verified)


def test_verify_takes_the_sites_address_from_its_settings(restricted):
    # Its pages are relative (canonical too), its feed link absolute: verify, reading the
    # address from the relative canonical, called the site's own feed another host's.
    home = html(restricted.output / "index.html")
    assert home.select_one('link[rel="alternate"]')["href"].startswith("https://lee.example.org/")
    assert "another host" not in restricted.verified.stdout


def test_the_sites_own_direct_template_is_written_from_its_overrides(restricted):
    contact = html(restricted.output / "contact.html")
    assert contact.select_one("h1").get_text() == "Contact"
    assert (restricted.output / "search" / "index.html").is_file()  # our theme's own page


def test_author_tag_and_category_pages_not_written_are_linked_nowhere(restricted):
    out = restricted.output
    assert not (out / "author").exists()
    assert not (out / "tag").exists()
    assert not (out / "category").exists()
    post = html(out / "choosing-a-keyboard.html")
    assert "Lee Park" in post.select_one(".byline").get_text()
    assert "tools" in post.select_one(".article__facts").get_text()
    for page in ("choosing-a-keyboard.html", "tags.html", "categories.html", "authors.html"):
        hrefs = [a["href"] for a in html(out / page).select("a[href]")]
        assert not [h for h in hrefs if "/author/" in h or "/tag/" in h or "/category/" in h], (
            page,
            hrefs,
        )
    assert restricted.verified.returncode == 0, restricted.verified.stdout


@pytest.fixture(scope="module")
def german_checked(tmp_path_factory: pytest.TempPathFactory) -> list:
    """`check`'s problems on the quickstart_site in German, naming a page no folder has, with
    an English post translated into Spanish."""
    tmp_path = tmp_path_factory.mktemp("german")
    shutil.copytree(SITES / "quickstart_site", tmp_path / "site")
    settings = tmp_path / "site" / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + 'DEFAULT_LANG = "de"\nDIRECT_TEMPLATES = ["index", "guestbook"]\n',
        encoding="utf-8",
    )
    spanish = (
        "Title: Elegir un teclado\nDate: 2024-03-02\nSlug: choosing-a-keyboard\nLang: es\n\nHola.\n"
    )
    write_files(tmp_path / "site" / "content", {"topics/elegir-un-teclado.md": spanish})
    ours = ROOT / "pelicanconf.py"
    site = load_settings(ours, None, owner_overrides(settings, load_settings(ours)))
    return inspect_folder(site).problems


def test_a_direct_template_no_folder_has_is_an_error_at_its_settings_line(german_checked):
    [missing] = [p for p in german_checked if "guestbook" in p.message]
    assert missing.is_error
    conf = (SITES / "quickstart_site" / "pelicanconf.py").read_text(encoding="utf-8")
    assert missing.path.endswith("site/pelicanconf.py")
    assert missing.line == len(conf.splitlines()) + 2  # the second line the fixture adds
    assert "DIRECT_TEMPLATES names 'guestbook'" in missing.message
    assert "Fix: put guestbook.html in a folder THEME_TEMPLATES_OVERRIDES names" in str(missing)


def test_a_language_the_theme_has_no_words_for_is_noted_once_with_the_fix(german_checked):
    notes = [p for p in german_checked if p.severity == NOTE and "has no words in" in p.message]
    by_language = {p.message.split("'")[1]: p for p in notes}
    assert sorted(by_language) == ["de", "es"], notes  # once each
    german, spanish = by_language["de"], by_language["es"]
    assert german.path.endswith("pelicanconf.py")
    assert german.line
    assert spanish.path.endswith("elegir-un-teclado.md")
    assert spanish.line == 4
    assert "Fix: copy" in german.message
    assert "translations/de.json" in german.message
    assert not [p for p in german_checked if p.is_error and "guestbook" not in p.message]
