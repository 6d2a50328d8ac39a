"""related_topics in real builds: Pelican's own command on its default theme, as a user runs it.

Each build runs `pelican` in a fresh process, so no signal receiver or cached module of one
build leaks into the next.
"""

import gzip
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican.plugins.related_topics import TEMPLATES
from pelican.plugins.related_topics.words import reason_in, words_for

PLUGIN = Path(__file__).resolve().parents[1]
# Four short articles on two subjects, shared by the plugin's build tests.
ARTICLES = json.loads((Path(__file__).parent / "articles.json").read_text(encoding="utf-8"))


def build(
    site: Path, python: str = sys.executable, articles: dict = ARTICLES, **settings: object
) -> subprocess.CompletedProcess:
    """Build `site`/content with `pelican` and `settings`, on Pelican's default theme."""
    for name, text in articles.items():
        (site / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "content" / name).write_text(text, encoding="utf-8")
    lines = [f"{key} = {value!r}" for key, value in settings.items()]
    conf = site / "conf.py"
    conf.write_text("\n".join(["SITEURL = ''", "TIMEZONE = 'UTC'", *lines]) + "\n")
    command = [python, "-m", "pelican", "content", "-s", "conf.py", "-o", "output"]
    wide = os.environ | {"COLUMNS": "500"}  # Pelican's log wraps lines at the terminal's width
    return subprocess.run(command, cwd=site, capture_output=True, text=True, check=False, env=wide)


def related_json(site: Path) -> dict:
    return json.loads((site / "output" / "related.json").read_text(encoding="utf-8"))


def listed(site: Path, page: str) -> list[str]:
    """Return the titles the automatic list shows on an article page."""
    html = BeautifulSoup((site / "output" / page).read_text(encoding="utf-8"), "html.parser")
    return [a.get_text() for a in html.select("aside.related-topics li a")]


FULL_NAME = {"PLUGINS": ["pelican.plugins.related_topics"]}  # editable installs: by full name


def test_default_theme_shows_related_lists_that_link_to_real_pages(tmp_path):
    result = build(tmp_path, **FULL_NAME)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert listed(tmp_path, "the-deadline-slipped.html")[0] == "Running late"
    assert listed(tmp_path, "spring-garden.html")[0] == "Flowers in pots"
    page = BeautifulSoup((tmp_path / "output" / "spring-garden.html").read_text(), "html.parser")
    for link in page.select("aside.related-topics a"):
        assert (tmp_path / "output" / link["href"].lstrip("/")).is_file()
    reason = page.select_one(".related-topics__reason").get_text()
    assert reason.startswith(("Close in meaning", "Both discuss"))
    for item in page.select("aside.related-topics li"):  # a quote never repeats the link's title
        title, reason = (item.select_one(c).get_text() for c in ("a", ".related-topics__reason"))
        assert not reason.startswith(f"Close in meaning: “{title}.")
    assert (tmp_path / "cache" / "related_topics" / "keys.npy").is_file()  # under CACHE_PATH


def test_a_theme_that_shows_the_list_itself_turns_the_automatic_one_off(tmp_path):
    result = build(tmp_path, RELATED_TOPICS_AUTO_INSERT=False, **FULL_NAME)
    assert result.returncode == 0, result.stderr
    assert listed(tmp_path, "spring-garden.html") == []
    assert related_json(tmp_path)["articles"][0]["related"]


def test_changing_how_text_is_prepared_gives_the_lists_a_cold_cache_gives(tmp_path):
    cache = str(tmp_path / "shared-cache")
    build(tmp_path / "a", RELATED_TOPICS_CACHE_PATH=cache, **FULL_NAME)
    before = related_json(tmp_path / "a")
    build(tmp_path / "a", RELATED_TOPICS_CACHE_PATH=cache, RELATED_TOPICS_PASSAGE_WORDS=3,
          **FULL_NAME)  # fmt: skip
    warm = related_json(tmp_path / "a")
    build(tmp_path / "b", RELATED_TOPICS_PASSAGE_WORDS=3, **FULL_NAME)
    assert warm == related_json(tmp_path / "b")
    assert warm != before  # the quoted passages are now three words long


# A reST title, which Pelican makes HTML ("&amp;", "&quot;"), and a summary quoting a tag.
MARKUP_ARTICLES = {
    "fit.rst": 'Racks & "panniers" for touring\n##############################\n\n'
    ":date: 2024-01-01\n\nRacks and panniers carry the load of a long tour; mount them low.\n",
    "log.md": "Title: Keep a ride log\nDate: 2024-01-02\nSummary: A `<del>` tag strikes out"
    " missed training sessions.\n\nWrite the distance after every outing.\n",
    "bags.md": "Title: Bags for a long tour\nDate: 2024-01-03\n\nPanniers on racks carry the"
    " load of a tour better than a backpack.\n",
    "diary.md": "Title: Training diary\nDate: 2024-01-04\n\nNote each session in a notebook so"
    " progress is visible.\n",
}
# A theme that shows the list itself with the plugin's macro, as the README says.
MACRO_THEME = """{% extends "!theme/article.html" %}
{% block content %}{{ super() }}
{% from "related_topics.html" import related_topics %}
{{ related_topics(article.related, SITEURL) }}
{% endblock %}
"""


def macro_theme(site: Path) -> dict:
    """Return the settings of a theme that includes the plugin's macro (written in `site`)."""
    folder = site / "macro-theme"
    folder.mkdir(parents=True)
    (folder / "article.html").write_text(MACRO_THEME, encoding="utf-8")
    overrides = [str(TEMPLATES), str(folder)]
    return {"THEME_TEMPLATES_OVERRIDES": overrides, "RELATED_TOPICS_AUTO_INSERT": False}


@pytest.mark.parametrize("route", ["automatic list", "theme's macro"])
def test_titles_show_once_escaped_and_a_quoted_tag_is_never_a_tag(tmp_path, route):
    theme = macro_theme(tmp_path) if route == "theme's macro" else {}
    result = build(tmp_path, articles=MARKUP_ARTICLES, **theme, **FULL_NAME)
    assert result.returncode == 0, result.stderr
    pages = sorted((tmp_path / "output").glob("*.html"))
    asides = [
        aside
        for page in pages
        for aside in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
            "aside.related-topics"
        )
    ]
    assert len(asides) == len(MARKUP_ARTICLES)
    titles = {a.get_text() for aside in asides for a in aside.select("a")}
    assert 'Racks & "panniers" for touring' in titles
    reasons = [small.get_text() for aside in asides for small in aside.select("small")]
    assert any("A <del> tag" in reason for reason in reasons)
    assert not [aside for aside in asides if aside.select("del")]
    # Search finds a page through its own text, not the titles listed under it.
    assert all(aside.has_attr("data-pagefind-ignore") for aside in asides)


def test_a_site_search_never_finds_a_page_through_its_related_list(tmp_path):
    pytest.importorskip("pelican.plugins.pagefind_search")
    plugins = [*FULL_NAME["PLUGINS"], "pelican.plugins.pagefind_search"]
    result = build(tmp_path, PLUGINS=plugins)
    assert result.returncode == 0, result.stderr
    assert listed(tmp_path, "spring-garden.html")[0] == "Flowers in pots"
    # What Pagefind indexed for each page: its fragments, gzipped JSON after a signature.
    fragments = (tmp_path / "output" / "pagefind" / "fragment").glob("*.pf_fragment")
    indexed = [
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")) for f in fragments
    ]
    [garden] = [page["content"] for page in indexed if page["url"] == "/spring-garden.html"]
    assert "Tomatoes" in garden
    assert "Flowers in pots" not in garden


def test_the_text_read_has_the_titles_words_not_its_html(tmp_path):
    result = build(tmp_path, articles=MARKUP_ARTICLES, **FULL_NAME)
    assert result.returncode == 0, result.stderr
    reasons = [r["reason"] for a in related_json(tmp_path)["articles"] for r in a["related"]]
    # The quote starts after the title, found as the plain text the model read.
    assert any(r.startswith("Close in meaning: “Racks and panniers carry") for r in reasons)
    said = " ".join(reasons).replace(",", " ").split()
    assert not {"&amp;", "amp", "quot", "&quot;panniers&quot;"} & set(said)
    # related.json is for tooling: its titles are plain text, not the HTML pages show.
    titles = {a["source_path"]: a["title"] for a in related_json(tmp_path)["articles"]}
    assert titles["fit.rst"] == 'Racks & "panniers" for touring'


# A small French site: "la", "le" and "et" are in most of its articles.
FRENCH_ARTICLES = {
    f"{n}.md": f"Title: {title}\nDate: 2024-02-0{n + 1}\nLang: fr\n\n{text}\n"
    for n, (title, text) in enumerate(
        [
            (
                "Semer les tomates",
                "Semez les tomates en mars et gardez la terre humide sous le châssis.",
            ),
            (
                "Tailler la vigne",
                "Taillez la vigne en février, et brûlez le bois malade loin du potager.",
            ),
            ("Arroser le potager", "Arrosez le matin et paillez la terre pour garder le frais."),
            ("Récolter le miel", "Le miel se récolte en été, et les abeilles gardent la réserve."),
        ]
    )
}


def test_reasons_never_name_words_in_most_of_a_small_sites_articles(tmp_path):
    result = build(tmp_path, articles=FRENCH_ARTICLES, RELATED_TOPICS_MODEL="", **FULL_NAME)
    assert result.returncode == 0, result.stderr
    reasons = [r["reason"] for a in related_json(tmp_path)["articles"] for r in a["related"]]
    said = [reason.removeprefix("Both discuss: ").split(", ") for reason in reasons]
    assert reasons
    assert not [terms for terms in said if {"la", "le", "et"} & set(terms)]
    assert "Both discuss: terre" in reasons  # a word two of them share is still said


SHORT_TEXTS = [
    "It's pretty much up to you.",
    "It is up to you.",
    "You've pretty much answered your own question.",
    "The meeting ran an hour over.",
    "Write the goal down where you will see it.",
]


def test_a_short_text_finds_the_one_that_means_the_same_and_says_so_not_the_words(tmp_path):
    # The words the first and third share ("pretty much") must not outrank the meaning the
    # first and second share, which a stop-word-stripped term model cannot see; nor be the
    # reason: the model, which carries nearly all of a sentence's score, is.
    articles = {
        f"{n}.md": f"Title: Text {n}\nDate: 2024-01-0{n + 1}\n\n{text}\n"
        for n, text in enumerate(SHORT_TEXTS)
    }
    result = build(tmp_path, articles=articles, **FULL_NAME)
    assert result.returncode == 0, result.stderr
    lists = {a["source_path"]: a["related"] for a in related_json(tmp_path)["articles"]}
    assert lists["0.md"][0]["source_path"] == "1.md"
    reasons = {(a, r["source_path"]): r["reason"] for a, found in lists.items() for r in found}
    quoted = "“You've pretty much answered your own question.”"
    assert reasons[("0.md", "2.md")] == f"Close in meaning: {quoted}"
    named = [r.removeprefix("Both discuss: ").split(", ") for r in reasons.values()]
    assert not [words for words in named if {"much", "pretty", "text"} & set(words)]
    assert "Similar wording" not in reasons.values()


# Small sites: two articles on one subject; two that share only words saying nothing, each in
# fewer than half of the site's articles ("aussi", "très", "peu"; "much", "every", "turn").
FUNCTION_WORDS_ONLY = {
    "fr": [
        ("chaine", "Huiler la chaîne", "Huilez la chaîne du vélo après la pluie."),
        ("pignons", "Nettoyer les pignons", "Une chaîne de vélo use les pignons."),
        ("seigle", "Pains de seigle", "La pâte de seigle colle aussi un peu, très souvent."),
        ("routeur", "Placer le routeur", "Le routeur est aussi très peu visible au salon."),
        ("semis", "Semer en mars", "Semez les tomates sous abri."),
    ],
    "en": [
        ("chaine", "Oiling a chain", "Oil the bicycle chain after rain."),
        ("pignons", "Cleaning sprockets", "A bicycle chain wears the sprockets down."),
        ("seigle", "Rye loaves", "Turn rye dough: it sticks much more, every single time."),
        ("routeur", "Router placement", "Turn a router hidden in a cupboard: much, every evening."),
        ("semis", "Sowing in March", "Sow tomatoes under glass."),
    ],
    # General adjectives, nouns and light verbs ("good", "best", "way", "thing", "use").
    "en-general": [
        ("chaine", "Oiling a chain", "Oil the bicycle chain after rain."),
        ("pignons", "Cleaning sprockets", "A bicycle chain wears the sprockets down."),
        ("seigle", "Rye loaves", "A good way to use rye dough: the best thing is a cold oven."),
        ("routeur", "Router placement", "A good way to use a router: the best thing is a shelf."),
        ("semis", "Sowing in March", "Sow tomatoes under glass."),
    ],
}


@pytest.mark.parametrize("kind", ["fr", "en", "en-general"])
def test_articles_sharing_only_words_that_say_nothing_are_not_related(tmp_path, kind):
    lang = kind[:2]
    articles = {
        f"{name}.md": f"Title: {title}\nDate: 2024-01-0{n + 1}\nLang: {lang}\n\n{text}\n"
        for n, (name, title, text) in enumerate(FUNCTION_WORDS_ONLY[kind])
    }
    result = build(tmp_path, articles=articles, DEFAULT_LANG=lang, RELATED_TOPICS_MODEL="",
                   **FULL_NAME)  # fmt: skip
    assert result.returncode == 0, result.stderr
    entries = related_json(tmp_path)["articles"]
    lists = {a["source_path"]: a["related"] for a in entries}
    assert [r["source_path"] for r in lists["chaine.md"]] == ["pignons.md"]
    assert lists["seigle.md"] == lists["routeur.md"] == []
    [router] = [a["url"] for a in entries if a["source_path"] == "routeur.md"]
    assert listed(tmp_path, router) == []


# Two articles that share content words the stop-words package's English list holds
# ("computer", "research", "problem", "group"), and one function word ("every"); three others.
LISTED_CONTENT_WORDS = [
    ("lab", "Our lab", "The computer group ran research on every problem with the printer."),
    ("study", "A study", "Research on a computer problem the group saw every day at the desk."),
    ("rye", "Rye loaves", "Rye dough sticks to the board."),
    ("router", "Router placement", "A router hidden in a cupboard loses signal."),
    ("sowing", "Sowing in March", "Sow tomatoes under glass."),
]


def test_a_reason_names_the_content_words_a_long_stop_list_holds_never_a_function_word(tmp_path):
    articles = {
        f"{name}.md": f"Title: {title}\nDate: 2024-01-0{n + 1}\n\n{text}\n"
        for n, (name, title, text) in enumerate(LISTED_CONTENT_WORDS)
    }
    result = build(tmp_path, articles=articles, RELATED_TOPICS_MODEL="", **FULL_NAME)
    assert result.returncode == 0, result.stderr
    lists = {a["source_path"]: a["related"] for a in related_json(tmp_path)["articles"]}
    [match] = lists["lab.md"]
    assert match["source_path"] == "study.md"
    named = match["reason"].removeprefix("Both discuss: ").split(", ")
    assert match["reason"].startswith("Both discuss: ")
    assert {"computer", "research", "problem", "group"} >= set(named)
    assert len(named) == 3


EMPTY_ARTICLES = {
    # A title and nothing else, close in meaning to the two on gardens; front matter only,
    # with a tag the spring garden has; and a title-only post with a summary (it has text).
    "stub.md": "Title: Growing tomatoes and roses\nDate: 2024-01-05\n\n",
    "tagged.md": "Title: Notes\nDate: 2024-01-06\nTags: gardening\n",
    "summary.md": "Title: Basil\nDate: 2024-01-07\nSummary: Basil grows in pots in the sun.\n",
}


def test_an_article_with_no_text_is_listed_and_given_a_list_only_by_shared_topics(tmp_path):
    garden = ARTICLES["garden.md"].replace("Date: 2024-01-03", "Date: 2024-01-03\nTags: gardening")
    articles = {**ARTICLES, "garden.md": garden, **EMPTY_ARTICLES}
    result = build(tmp_path, articles=articles, **FULL_NAME)
    assert result.returncode == 0, result.stderr
    lists = {a["source_path"]: a["related"] for a in related_json(tmp_path)["articles"]}
    assert lists["stub.md"] == []
    assert [r["reason"] for r in lists["tagged.md"]] == ["Shared topics: gardening"]
    for key, found in lists.items():
        listed_here = {r["source_path"]: r["reason"] for r in found}
        assert "stub.md" not in listed_here, key
        assert (
            listed_here.get("tagged.md", "Shared topics: gardening") == "Shared topics: gardening"
        )
    assert lists["summary.md"]  # a summary is text: it relates as any article does
    assert listed(tmp_path, "growing-tomatoes-and-roses.html") == []


def test_a_translation_shows_its_originals_list_linking_its_languages_pages(tmp_path):
    def portuguese(name: str, title: str, text: str) -> str:
        slug = {"deadline.md": "the-deadline-slipped", "late.md": "running-late"}[name]
        return f"Title: {title}\nDate: 2024-02-01\nLang: pt\nSlug: {slug}\n\n{text}\n"

    articles = {
        **ARTICLES,
        "pt/deadline.md": portuguese("deadline.md", "O prazo escorregou", "A entrega atrasou."),
        "pt/late.md": portuguese("late.md", "Atrasados", "O lançamento está atrasado."),
    }
    result = build(tmp_path, articles=articles, **FULL_NAME)
    assert result.returncode == 0, result.stderr
    assert listed(tmp_path, "the-deadline-slipped.html")[0] == "Running late"
    page = tmp_path / "output" / "the-deadline-slipped-pt.html"
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = html.select("aside.related-topics li a")
    assert links[0].get_text() == "Atrasados"
    assert links[0]["href"] == "/running-late-pt.html"
    english = listed(tmp_path, "the-deadline-slipped.html")
    assert [a.get_text() for a in links[1:]] == english[1:]  # no translation: the original
    # The English link's quote is the English article's: never shown under the Portuguese one.
    said = reasons(tmp_path, "the-deadline-slipped.html")
    assert said[0].startswith("Close in meaning: “")
    # In the page's language (the list it adds speaks it).
    in_portuguese = [reason_in(words_for("pt"), r) for r in ["Close in meaning", *said[1:]]]
    assert reasons(tmp_path, "the-deadline-slipped-pt.html") == in_portuguese


def reasons(site: Path, page: str) -> list[str]:
    """Return the reasons the automatic list gives on an article page."""
    html = BeautifulSoup((site / "output" / page).read_text(encoding="utf-8"), "html.parser")
    return [small.get_text() for small in html.select("aside.related-topics li small")]


def test_an_article_with_no_original_links_its_languages_pages_where_there_are(tmp_path):
    tagged = ARTICLES["deadline.md"].replace("\n\n", "\nTags: planning\n\n", 1)
    pt_deadline = "Title: O prazo escorregou\nDate: 2024-02-01\nLang: pt\n"
    pt_deadline += "Slug: the-deadline-slipped\n"
    articles = {
        **ARTICLES,
        "deadline.md": tagged,
        "pt/deadline.md": pt_deadline + "Tags: planning\n\nA entrega atrasou.\n",
        "pt/plan.md": "Title: Cronogramas\nDate: 2024-02-02\nLang: pt\nTags: planning\n\n"
        "Um cronograma honesto conta com as férias.\n",
    }
    result = build(tmp_path, articles=articles, **FULL_NAME)
    assert result.returncode == 0, result.stderr
    page = tmp_path / "output" / "cronogramas-pt.html"
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = html.select("aside.related-topics li a")
    assert [(a.get_text(), a["href"]) for a in links][:1] == [
        ("O prazo escorregou", "/the-deadline-slipped-pt.html")
    ]


def test_unknown_and_other_plugins_settings_are_one_warning_not_a_traceback(tmp_path):
    result = build(tmp_path, RELATED_TOPICS_MAXX=3, RELATED_POSTS_MAX=2, RELATED_MAX=1,
                   RELATED_TOPIC_MAX=4, SIMILAR_POSTS_MAX_COUNT=2, RELATED_POSTS_LIMIT=6,
                   **FULL_NAME)  # fmt: skip
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "Traceback" not in said
    assert said.count("set what it does not use") == 1
    assert "conf.py set what it does not use" in said
    assert "RELATED_TOPICS_MAXX: did you mean RELATED_TOPICS_MAX?" in said
    assert "RELATED_TOPIC_MAX: did you mean RELATED_TOPICS_MAX?" in said
    assert "RELATED_MAX: now called RELATED_TOPICS_MAX" in said
    assert "RELATED_POSTS_MAX: a pelican-related-posts setting: use RELATED_TOPICS_MAX" in said
    assert (
        "SIMILAR_POSTS_MAX_COUNT: a pelican-similar-posts setting: use RELATED_TOPICS_MAX" in said
    )
    assert "RELATED_POSTS_LIMIT" not in said  # another plugin's, and like none of ours


def test_a_cache_folder_that_cannot_be_written_is_one_warning_and_the_site_is_built(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")  # fails for root too, unlike chmod
    cache = tmp_path / "a-file" / "cache"
    result = build(tmp_path, RELATED_TOPICS_CACHE_PATH=str(cache), **FULL_NAME)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "Traceback" not in said
    assert said.count("cannot write its cache") == 1
    assert f"related_topics: cannot write its cache in {cache} (" in said
    assert "Fix: set RELATED_TOPICS_CACHE_PATH (or Pelican's CACHE_PATH) to a folder" in said
    assert listed(tmp_path, "the-deadline-slipped.html")
    assert related_json(tmp_path)["articles"]


@pytest.mark.parametrize("off", [None, ""])
def test_json_save_as_none_or_empty_writes_no_related_json_as_pelicans_own_do(tmp_path, off):
    result = build(tmp_path, RELATED_TOPICS_JSON_SAVE_AS=off, RELATED_TOPICS_MODEL="",
                   **FULL_NAME)  # fmt: skip
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "RELATED_TOPICS_JSON_SAVE_AS" not in said
    assert (tmp_path / "output" / "the-deadline-slipped.html").is_file()
    assert not (tmp_path / "output" / "related.json").exists()


def test_a_setting_warning_names_the_settings_file_used_and_the_one_it_was_written_in(tmp_path):
    build(tmp_path, **FULL_NAME)
    (tmp_path / "pelicanconf.py").write_text(
        "TIMEZONE = 'UTC'\nPLUGINS = ['pelican.plugins.related_topics']\n"
        "RELATED_TOPICS_MAXIMUM = 3\nRELATED_TOPICS_MIN_SCORE = 1.5\n"
    )
    (tmp_path / "publishconf.py").write_text(
        "import os, sys\nsys.path.append(os.curdir)\nfrom pelicanconf import *\n"
        "SITEURL = 'https://example.org'\n"
    )
    command = [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", "out"]
    wide = os.environ | {"COLUMNS": "500"}
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=wide)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "publishconf.py (from pelicanconf.py) set what it does not use (ignored)" in said
    assert "RELATED_TOPICS_MAXIMUM: did you mean RELATED_TOPICS_MAX?" in said
    assert (
        "publishconf.py (from pelicanconf.py): RELATED_TOPICS_MIN_SCORE = 1.5 is out of range: "
        "it must be from 0.0 to 1.0" in said
    )


def test_the_standalone_plugin_and_the_toolkit_give_the_same_lists(build_site, tmp_path):
    result = build(tmp_path / "standalone", **FULL_NAME)
    assert result.returncode == 0, result.stderr
    toolkit = build_site(ARTICLES)  # the toolkit's build, settings and theme
    assert not toolkit.report.errors, toolkit.report.errors

    def lists(data: dict) -> dict[str, list[str]]:
        return {
            a["source_path"]: [r["source_path"] for r in a["related"]] for a in data["articles"]
        }

    ours = json.loads((toolkit.output / "related.json").read_text(encoding="utf-8"))
    assert lists(ours) == lists(related_json(tmp_path / "standalone"))
    assert all(lists(ours).values())


@pytest.mark.slow
def test_pip_install_into_a_fresh_virtualenv_is_the_whole_set_up(tmp_path):
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True, system_site_packages=False)
    python = str(environment / "bin" / "python")
    # Markdown too, as any Pelican site written in Markdown has it (Pelican does not require it).
    # With the other general plugins, as a site wanting related lists and search installs them.
    search, yaml = PLUGIN.parent / "pagefind-search", PLUGIN.parent / "yaml-front-matter"
    plugins = [str(PLUGIN), str(search), str(yaml)]
    # --no-compile: byte-compiling all 4,000 modules pip puts in (numpy, scipy...) is pip's
    # business, not the set-up's: 10 s of processor time of this test's 30-40.
    install = [python, "-m", "pip", "install", "--quiet", "--no-compile", *plugins, "markdown"]
    installed = subprocess.run(install, capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stderr
    # yaml_front_matter needs nothing of the toolkit: YAML read, a Hugo draft kept a draft.
    front = "---\ntitle: {}\ndate: 2026-05-01\n{}\n---\n\nWe met.\n"
    posts = {"retro.md": front.format("Sprint #3 and the retro", "tags: [retros]"),
             "wip.md": front.format("Not ready", "draft: true")}  # fmt: skip
    result = build(tmp_path / "yaml", python=python, articles=posts)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "yaml" / "output" / "sprint-3-and-the-retro.html").is_file()
    assert not (tmp_path / "yaml" / "output" / "not-ready.html").exists()
    # No PLUGINS setting: Pelican finds the installed namespace plugins by itself. Relative
    # URLs, as many sites build: the list's links are relative to the page.
    site = tmp_path / "site"
    result = build(site, python=python, RELATIVE_URLS=True)
    assert result.returncode == 0, result.stderr
    assert listed(site, "the-deadline-slipped.html")[0] == "Running late"
    page = BeautifulSoup((site / "output" / "the-deadline-slipped.html").read_text(), "html.parser")
    assert page.select_one("aside.related-topics a")["href"] == "./running-late.html"
    assert page.select("[data-pagefind-body]")  # marked for search in the default theme
    assert (site / "output" / "pagefind" / "pagefind-ui.js").is_file()


# A Portuguese site: three posts sharing a tag, and one in English with no original.
PORTUGUESE = {
    "equipa.md": "Title: A equipa nova\nDate: 2024-01-01\nTags: equipa\n\n"
    "Uma equipa nova precisa de reuniões curtas e de rotinas claras.\n",
    "rotina.md": "Title: Rotinas da equipa\nDate: 2024-01-02\nTags: equipa\n\n"
    "As rotinas da equipa nascem de reuniões curtas.\n",
    "ferias.md": "Title: Férias da equipa\nDate: 2024-01-03\nTags: equipa\n\n"
    "Antes das férias, a equipa combina quem cobre cada tarefa.\n",
    "team.md": "Title: A new team\nDate: 2024-01-04\nLang: en\nTags: equipa\n\n"
    "A new team needs short meetings and clear routines.\n",
    "urlaub.md": "Title: Urlaub im Team\nDate: 2024-01-05\nLang: de\nTags: equipa\n\n"
    "Vor dem Urlaub klärt das Team, wer welche Aufgabe übernimmt.\n",
}
ENGLISH_OPENINGS = ("Shared topics", "Both discuss", "Close in meaning", "Similar wording")


def automatic_list(site: Path, page: str) -> tuple[str, str, list[str], str | None]:
    """Return the automatic list's heading, its aria-label, its reasons and its lang."""
    html = BeautifulSoup((site / "output" / page).read_text(encoding="utf-8"), "html.parser")
    aside = html.select_one("aside.related-topics")
    reasons = [r.get_text() for r in aside.select(".related-topics__reason")]
    return aside.h2.get_text(), aside["aria-label"], reasons, aside.get("lang")


def test_the_automatic_list_speaks_the_articles_language(tmp_path):
    # On a Portuguese site the list Pelican's default theme gets said "Related articles" and
    # "Shared topics: equipa".
    result = build(tmp_path, articles=PORTUGUESE, DEFAULT_LANG="pt", RELATED_TOPICS_MODEL="",
                   **FULL_NAME)  # fmt: skip
    assert result.returncode == 0, result.stderr
    heading, label, reasons, lang = automatic_list(tmp_path, "a-equipa-nova.html")
    assert (heading, label, lang) == ("Artigos relacionados", "Artigos relacionados", "pt")
    assert reasons
    assert all(r.startswith("Temas em comum: ") for r in reasons), reasons
    # An English post with no Portuguese original is published as an original: its own words.
    heading, _, reasons, lang = automatic_list(tmp_path, "a-new-team-en.html")
    assert (heading, lang) == ("Related articles", "en")
    assert reasons[0].startswith(ENGLISH_OPENINGS), reasons
    # A German one, which the plugin has no words for, got the site's Portuguese words under
    # the page's <html lang="de">: English, said to be English.
    heading, _, reasons, lang = automatic_list(tmp_path, "urlaub-im-team-de.html")
    assert (heading, lang) == ("Related articles", "en")
    assert reasons[0].startswith(ENGLISH_OPENINGS), reasons
    # related.json is for tooling: its reasons stay the plugin's own (English) words.
    entries = related_json(tmp_path)["articles"]
    assert all(r["reason"].startswith(ENGLISH_OPENINGS) for a in entries for r in a["related"])


def test_the_owner_may_name_the_automatic_list(tmp_path):
    result = build(tmp_path, articles=PORTUGUESE, DEFAULT_LANG="pt", RELATED_TOPICS_MODEL="",
                   RELATED_TOPICS_HEADING="Leia também", **FULL_NAME)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "RELATED_TOPICS_HEADING" not in result.stdout + result.stderr  # a setting it knows
    for page in ("a-equipa-nova.html", "a-new-team-en.html"):
        assert automatic_list(tmp_path, page)[:2] == ("Leia também", "Leia também")
