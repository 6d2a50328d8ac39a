"""The theme speaks each page's language (issue 37): a Portuguese and a French site built through
their own settings, with no English word of the theme left on any page, and each page's words
following its own language (a translation in English, an article in French on an English site).
"""

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from coaching_kb.testing import ROOT, SITES, run_task, serve, write_files
from coaching_kb.testing import parsed_html as parse

CATALOGS = ROOT / "theme" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)s")
# What a page shows of its writing, not of the theme (a summary under a link, a body).
WRITING = ".article__body, .article-list__summary, .related__summary, [data-summary]"
# Attributes the theme writes words into, for screen readers and the search script.
SCRIPT_WORDS = ("found-one", "found-other", "found-none", "through-topics", "filed-under", "or")
WORDED_ATTRIBUTES = ("aria-label", "placeholder", "title", *(f"data-{n}" for n in SCRIPT_WORDS))


def build(name: str, tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    """Build the fixture site `name` through `invoke build --settings` its own file."""
    shutil.copytree(SITES / name, tmp_path / "site")
    write_files(tmp_path / "site" / "content", extra or {})
    out = tmp_path / "output"
    built = run_task(
        "build", "--settings", str(tmp_path / "site" / "pelicanconf.py"), "-o", str(out)
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return out


@pytest.fixture(scope="module")
def portuguese_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build("portuguese_site", tmp_path_factory.mktemp("pt"))


# About 700 words: a three-minute read.
LONG_POST = "Title: Une longue lecture\nDate: 2024-05-06\nSlug: longue\n\n" + (
    "Dans cette note, j'écris lentement sur l'écoute avant de décider. " * 70
)


# An English post with no French original: Pelican publishes it as an original.
ENGLISH_ONLY = "Title: Quiet hiring\nDate: 2024-04-12\nSlug: quiet-hiring\nLang: en\n\nA note.\n"


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    extra = {"posts/longue.md": LONG_POST, "posts/quiet-hiring.md": ENGLISH_ONLY}
    return build("french_site", tmp_path_factory.mktemp("fr"), extra)


def english_words(lang: str) -> list[str]:
    """The theme's English texts a page in `lang` must not show: each message of the catalog
    (the parts around its placeholders) whose translation is not the same words."""
    messages = json.loads((CATALOGS / f"{lang}.json").read_text("utf-8"))["messages"]
    found = set()
    for message, translated in messages.items():
        forms = " ".join(translated if isinstance(translated, list) else [translated])
        parts = PLACEHOLDER.split(html.unescape(re.sub(r"<[^>]+>", "", message)))
        # A word the same in both languages is not left in English ("Page", "Archives" in French).
        found.update(p.strip(" .:") for p in parts if not is_in(p.strip(" .:"), forms))
    return sorted(part for part in found if len(part) > 1)


def is_in(words: str, text: str) -> bool:
    """Whether `words` stand in `text` as whole words."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


def theme_text(path: Path) -> str:
    """The words the theme writes on a page: its text without the writing, and its attributes."""
    page = parse(path)
    for writing in page.select(WRITING):
        writing.decompose()
    attributes = [
        str(tag.get(name))
        for tag in page.find_all(True)
        for name in WORDED_ATTRIBUTES
        if tag.get(name)
    ]
    return " ".join([page.get_text(" "), *attributes])


def english_left(site: Path, lang: str) -> dict[str, list[str]]:
    """Each page in `lang` of the site, with the theme's English texts it still shows."""
    words = english_words(lang)
    found = {}
    for path in sorted(site.rglob("*.html")):
        if parse(path).html.get("lang") != lang:
            continue
        text = theme_text(path)
        left = [w for w in words if is_in(w, text)]
        found[str(path.relative_to(site))] = left
    return found


PAGE_TYPES = {"index.html", "archives.html", "tags.html", "authors.html", "categories.html"}
PAGE_TYPES |= {"404.html", "search/index.html"}


@pytest.mark.parametrize(("site", "lang"), [("portuguese_site", "pt"), ("french_site", "fr")])
def test_no_english_word_of_the_theme_is_left_on_any_page(request, site, lang):
    left = english_left(request.getfixturevalue(site), lang)
    assert set(left) >= PAGE_TYPES  # every page type was looked at
    assert any(p.startswith("tag/") for p in left)
    assert any(p.startswith("author/") for p in left)
    assert {page: words for page, words in left.items() if words} == {}


def test_counts_take_the_plural_form_of_the_language(portuguese_site, french_site):
    assert "1 minuto de leitura" in theme_text(portuguese_site / "primeira-reuniao.html")
    assert "3 artigos" in theme_text(portuguese_site / "authors.html")
    assert "1 minute de lecture" in theme_text(french_site / "deleguer-sans-disparaitre.html")
    assert "3 minutes de lecture" in theme_text(french_site / "longue.html")


def test_a_translation_in_english_gets_english_words_on_a_french_site(french_site):
    english = parse(french_site / "ecouter-avant-de-trancher-en.html")
    assert english.html["lang"] == "en"
    assert english.select_one(".skip-link").get_text() == "Skip to the text"
    assert english.select_one("#related-heading").get_text() == "Related reading"
    assert "1 min read" in english.select_one(".article__facts:not(.translations)").get_text()
    french = parse(french_site / "ecouter-avant-de-trancher.html")
    assert french.select_one("#related-heading").get_text() == "À lire aussi"
    reasons = [r.get_text() for r in french.select(".related__reason")]
    assert reasons
    assert not [r for r in reasons if r.startswith(("Shared topics", "Both discuss"))]
    # One search index, in the site's language: its filters and labels were "Essay" beside
    # "Essai", two kinds for one.
    for page in (english, french):
        marked = page.select_one("[data-pagefind-body]")
        assert marked["data-pagefind-filter"] == "type:Essai", marked["data-pagefind-filter"]
        assert marked["data-pagefind-meta"] == "type:Essai"


def test_every_page_plain_pelican_writes_is_written_on_a_french_site(french_site, tmp_path):
    # Reported: an English post with no French original was not written. Pelican writes it
    # (`quiet-hiring-en.html`, an original, as no post of its group is in DEFAULT_LANG).
    site, plain = french_site.parent / "site", tmp_path / "plain"
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(plain)]
    subprocess.run(command, cwd=site, capture_output=True, check=True)
    pages = {str(p.relative_to(plain)) for p in plain.rglob("*.html")}
    assert "quiet-hiring-en.html" in pages
    assert pages <= {str(p.relative_to(french_site)) for p in french_site.rglob("*.html")}
    # From the site's root: its SITEURL is "" and it sets no RELATIVE_URLS, as Pelican links.
    assert 'href="/quiet-hiring-en.html"' in (french_site / "archives.html").read_text("utf-8")


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build("translations", tmp_path_factory.mktemp("en"))


def test_an_article_in_french_on_an_english_site_gets_french_words(english_site):
    french = parse(english_site / "first-week-fr.html")
    assert french.html["lang"] == "fr"
    assert french.select_one(".skip-link").get_text() == "Aller au texte"
    # Each other language by its own name, not its code ("Traductions : en").
    assert french.select_one(".translations").get_text() == "Traductions\u00a0: English"
    assert french.select_one(".translations a")["hreflang"] == "en"
    english = parse(english_site / "shorter-standups.html").select_one(".translations a")
    assert (english.get_text(), english["lang"], english["hreflang"]) == ("Deutsch", "de", "de")
    # German has no catalog: the site's own language, English.
    german = parse(english_site / "shorter-standups-de.html")
    assert german.select_one(".skip-link").get_text() == "Skip to the text"


@pytest.mark.browser
def test_the_search_pages_messages_are_in_portuguese(page, portuguese_site):
    for base in serve(portuguese_site):
        status = search_page_status(page, base)
        page.fill("#search-query", "reunião")
        expect(status).to_have_text("2 resultados para “reunião”")
        page.fill("#search-query", "zzqx")
        expect(status).to_have_text("Nada encontrado para “zzqx”.")
        assert page.errors == []


def search_page_status(page: Any, base: str) -> Any:
    """Open the served site's search page once its script is ready; return its status line."""
    page.goto(f"{base}/search/")
    page.wait_for_selector("form[data-ready]", state="attached")
    return page.locator("#search-status")


# The sample site (topics, Q&A, comments, forms) as a Brazilian owner publishes it: Pelican
# lower-cases DEFAULT_LANG to "pt_br".
BRAZILIAN = {
    "DEFAULT_LANG": "pt_BR",
    "COMMENTS_ENDPOINT": "https://inbox.example/comments",
    "QA_SUBMIT_ENDPOINT": "https://inbox.example/questions",
    "NEWSLETTER_ACTION": "https://news.example/subscribe",
}


@pytest.fixture(scope="module")
def brazilian_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coaching_kb.build import build_site

    out = tmp_path_factory.mktemp("pt_BR") / "output"
    report = build_site(ROOT / "pelicanconf.py", ROOT / "content", out, BRAZILIAN)
    assert report.written, report.errors
    return out


def test_a_regional_language_is_written_as_a_valid_tag(brazilian_sample):
    assert parse(brazilian_sample / "index.html").html["lang"] == "pt-BR"
    assert parse(brazilian_sample / "search" / "index.html").html["lang"] == "pt-BR"


def test_a_regional_catalogs_plural_rule_counts_the_words_of_its_language(brazilian_sample):
    # pt_BR.json says "n > 1" (zero is singular); the comment counts are pt.json's words.
    counts = " ".join(theme_text(path) for path in brazilian_sample.glob("*/index.html"))
    assert re.search(r"\b0 comentário\b", counts)
    assert not re.search(r"\b0 comentários\b", counts)


@pytest.mark.browser
def test_search_works_on_a_site_whose_language_has_a_region(page, brazilian_sample):
    for base in serve(brazilian_sample):
        status = search_page_status(page, base)
        page.fill("#search-query", "feedback")
        expect(status).to_have_text(re.compile(r"^\d+ resultados para “feedback”$"))
        # A query with `$&` or `$'` in it is shown as typed, not read as a replacement pattern.
        page.fill("#search-query", "zz$&q$'")
        expect(status).to_have_text("Nada encontrado para “zz$&q$'”.")
        assert page.errors == []


@pytest.mark.parametrize("site", ["portuguese_site", "french_site"])
def test_a_site_without_questions_names_no_questions_section(request, site):
    built = request.getfixturevalue(site)
    named = [
        str(p.relative_to(built)) for p in built.rglob("*.html") if "Ask the Coach" in theme_text(p)
    ]
    assert named == []


def test_a_catalog_message_that_would_break_the_build_is_named_by_check_and_build(tmp_path):
    from coaching_kb.build import build_site, load_settings
    from coaching_kb.check.checks import check_folder

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    german = json.loads((CATALOGS / "fr.json").read_text("utf-8"))
    german["messages"]["Search"] = "Suche (100% lokal)"
    (theme / "translations" / "de.json").write_text(json.dumps(german), "utf-8")
    content = SITES / "french_site" / "content"
    overrides = {"THEME": str(theme), "DEFAULT_LANG": "de"}
    expected = f'{theme / "translations" / "de.json"}: the message "Search" has a lone %. Fix: '
    built = build_site(ROOT / "pelicanconf.py", content, tmp_path / "output", overrides)
    assert [e for e in built.errors if e.startswith(expected)] == built.errors != []
    checked = check_folder(load_settings(ROOT / "pelicanconf.py", content, overrides))
    assert [f"{p.path}: {p.message}".startswith(expected) for p in checked] == [True]


def test_a_catalog_without_the_inboxs_replies_is_one_warning_from_check_and_build(tmp_path):
    # A de.json copied from fr.json before the inbox's replies were translated: comments.json
    # held "replies": {"de": {}} (the inbox answers in English) and nothing said so.
    from coaching_kb.build import build_site, load_settings
    from coaching_kb.check.checks import check_folder
    from coaching_kb.content.replies import MESSAGES

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    german = json.loads((CATALOGS / "fr.json").read_text("utf-8"))
    for message in MESSAGES:
        del german["messages"][message]
    (theme / "translations" / "de.json").write_text(json.dumps(german), "utf-8")
    content = SITES / "french_site" / "content"
    overrides = {"THEME": str(theme), "DEFAULT_LANG": "de", "SEARCH_ENABLED": False,
                 "COMMENTS_ENDPOINT": "http://127.0.0.1:9/comments"}  # fmt: skip
    catalog = theme / "translations" / "de.json"
    first = f'("{MESSAGES[0]}", "{MESSAGES[1]}", "{MESSAGES[2]}", …)'
    lacks = f"lacks {len(MESSAGES)} of the comment inbox's {len(MESSAGES)} replies {first}"
    built = build_site(ROOT / "pelicanconf.py", content, tmp_path / "output", overrides)
    assert not built.failed(), built.errors
    warned = [w for w in built.warnings if "replies" in w]
    assert len(warned) == 1, built.warnings
    assert warned[0].startswith(f"{catalog}: {lacks}"), warned
    assert "Fix: add them to its" in warned[0]
    checked = check_folder(load_settings(ROOT / "pelicanconf.py", content, overrides))
    said = [f"{p.path}: {p.message}" for p in checked if "replies" in p.message]
    assert said == warned, said


def test_the_topic_maps_and_the_line_search_reads_are_in_the_sites_language(brazilian_sample):
    index = (brazilian_sample / "topics" / "index.html").read_text("utf-8")
    assert "Mapa dos temas: os temas relacionados ficam próximos" in index
    assert re.search(r"<title>[^<]+: \d+ artigos</title>", index)
    hubs = [path.read_text("utf-8") for path in brazilian_sample.glob("topics/*/index.html")]
    assert any("Mapa dos temas: os temas relacionados ficam lado a lado" in h for h in hubs)
    pages = [path.read_text("utf-8") for path in brazilian_sample.glob("*/index.html")]
    assert any("Arquivado em " in page for page in pages)
    english = ("Map of topics", " article</title>", " articles</title>", "Filed under")
    assert [w for w in english for page in [index, *hubs, *pages] if w in page] == []


def test_the_owners_related_topics_heading_names_the_themes_list(tmp_path):
    # RELATED_TOPICS_HEADING did nothing on our theme (it shows article.related itself, which
    # said "Related reading"), and nothing said so.
    from coaching_kb.build import build_site

    routine = "Title: Team routine {0}\nDate: 2024-01-0{0}\nTags: teams\n\nShort meetings {0}.\n"
    write_files(tmp_path / "content", {f"a{i}.md": routine.format(i) for i in (1, 2, 3)})
    overrides = {"RELATED_TOPICS_HEADING": "Read <next>", "RELATED_TOPICS_MODEL": "",
                 "SEARCH_ENABLED": False}  # fmt: skip
    built = build_site(ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "site", overrides)
    assert not built.failed(), built.errors
    page = parse(tmp_path / "site" / "team-routine-1" / "index.html")
    assert page.select_one("#related-heading").get_text() == "Read <next>"


def test_a_translation_has_no_empty_more_articles_landmark(french_site):
    # A translation has no previous or next article: its nav was an empty landmark.
    english = parse(french_site / "ecouter-avant-de-trancher-en.html")
    assert english.select_one("nav.prev-next") is None
    original = parse(french_site / "ecouter-avant-de-trancher.html")
    assert original.select("nav.prev-next a")


def test_a_related_item_in_another_language_says_its_language(french_site):
    english = parse(french_site / "ecouter-avant-de-trancher-en.html")
    items = english.select(".related__item, .backlinks .related__item")
    assert items
    for item in items:
        assert item.get("lang") == "fr", item
    french = parse(french_site / "ecouter-avant-de-trancher.html")
    assert not french.select(".related__item[lang]")


def reply_chain(slug: str, length: int) -> dict[str, str]:
    """`length` comments on `slug`, each replying to the one before."""
    files = {}
    for n in range(1, length + 1):
        reply_to = f"Reply-To: {n - 1:02d}-c\n" if n > 1 else ""
        files[f"comments/{slug}/{n:02d}-c.md"] = (
            f"Author: Leitor {n}\nDate: 2024-05-{n:02d} 10:00\nStatus: approved\n{reply_to}\n"
            f"Comentário {n}.\n"
        )
    return files


def test_a_reply_below_the_indent_cap_says_whom_it_answers(tmp_path):
    # site.css stops indenting at the fourth level of replies: deeper ones line up with the
    # third and read as its answers unless each names the comment it replies to.
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    with (tmp_path / "site" / "pelicanconf.py").open("a") as settings:
        settings.write('IGNORE_FILES = [".#*", "comments"]\n')
    write_files(tmp_path / "site" / "content", reply_chain("feedback-sem-rodeios", 11))
    out = tmp_path / "output"
    built = run_task(
        "build", "--settings", str(tmp_path / "site" / "pelicanconf.py"), "-o", str(out)
    )
    assert built.returncode == 0, built.stdout + built.stderr
    page = parse(out / "feedback-sem-rodeios.html")
    marks = {
        li["id"]: li.select_one(":scope > article .comment__parent")
        for li in page.select("li.comment")
    }
    assert len(marks) == 11
    for n in range(1, 5):  # top level and three levels of replies: the indent shows whom
        assert marks[f"comment-{n:02d}-c"] is None
    for n in range(5, 12):  # every reply from the fourth level on, past the nesting cap too
        mark = marks[f"comment-{n:02d}-c"]
        assert mark.get_text(" ", strip=True) == f"em resposta a Leitor {n - 1}"
        assert mark.select_one("a")["href"] == f"#comment-{n - 1:02d}-c"
