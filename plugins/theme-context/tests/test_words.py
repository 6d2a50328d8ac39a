"""The theme's words: which catalog a page gets, plural forms, and every catalog complete."""

import json
import re
from pathlib import Path

import jinja2
import pytest
from jinja2.ext import GETTEXT_FUNCTIONS, extract_from_ast
from pelican.plugins.theme_context.glue import (
    REASON_OPENINGS,
    SITE_SAY,
    WHOLE_REASONS,
    reason_in,
)
from pelican.plugins.theme_context.words import CatalogError, language_tag, load_words, variants
from pelican.plugins.topics import glue as topics_glue
from pelican.plugins.topics import topic_map

from coaching_kb.content import replies as inbox_replies

THEME = Path(__file__).resolve().parents[3] / "theme"
CATALOGS = THEME / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def write_catalog(folder: Path, name: str, messages: dict, plural: str = "n != 1") -> None:
    text = json.dumps({"plural": plural, "messages": messages}, ensure_ascii=False)
    (folder / f"{name}.json").write_text(text, encoding="utf-8")


@pytest.fixture
def words(tmp_path):
    write_catalog(tmp_path, "pt", {"Search": "Pesquisar", "Home": "Início"})
    write_catalog(tmp_path, "pt_BR", {"Search": "Buscar"}, plural="n > 1")
    write_catalog(
        tmp_path, "fr", {"%(num)s minute": ["%(num)s minute", "%(num)s minutes"]}, "n > 1"
    )
    return tmp_path


@pytest.mark.parametrize(
    ("lang", "expected"), [("pt-BR", ["pt_BR", "pt"]), ("pt_br", ["pt_BR", "pt"]), ("FR", ["fr"])]
)
def test_a_language_code_names_its_catalogs_most_specific_first(lang, expected):
    assert variants(lang) == expected


@pytest.mark.parametrize(
    ("lang", "tag"),
    [("pt_br", "pt-BR"), ("en", "en"), ("EN-gb", "en-GB"), ("zh_hant_tw", "zh-Hant-TW")],
)
def test_a_language_is_written_as_the_tag_browsers_read(lang, tag):
    assert language_tag(lang) == tag


def test_a_regional_catalog_falls_back_to_its_language_then_english(words):
    brazilian = load_words(words, "pt").for_language("pt-BR")
    assert brazilian.gettext("Search") == "Buscar"
    assert brazilian.gettext("Home") == "Início"  # only in pt.json
    assert brazilian.gettext("Atom feed") == "Atom feed"  # in no catalog


def test_a_page_in_english_gets_english_words_on_a_site_in_another_language(words):
    assert load_words(words, "pt").for_language("en").gettext("Search") == "Search"
    assert load_words(words, "pt").for_language("en-GB").gettext("Search") == "Search"


def test_a_language_without_a_catalog_gets_the_sites_default_language(words):
    assert load_words(words, "pt").for_language("de").gettext("Search") == "Pesquisar"
    assert load_words(words, "de").for_language("de").gettext("Search") == "Search"
    assert load_words(words, "en").for_language("fr").ngettext("%(num)s minute", "", 3) == (
        "%(num)s minutes"
    )


@pytest.mark.parametrize(
    ("n", "form"), [(0, "%(num)s minute"), (1, "%(num)s minute"), (2, "%(num)s minutes")]
)
def test_plural_forms_follow_the_catalogs_rule(words, n, form):
    assert load_words(words, "fr").for_language("fr").ngettext("%(num)s minute", "x", n) == form


def test_a_catalog_that_cannot_be_read_is_named_with_the_fix(tmp_path):
    (tmp_path / "de.json").write_text('{"messages": {"Search": ', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"de\.json: cannot read this theme catalog.*Fix: "):
        load_words(tmp_path, "de")


def test_a_regional_catalog_counts_by_its_own_rule_with_its_languages_forms(words):
    write_catalog(words, "pt", {"%(num)s comment": ["%(num)s comentário", "%(num)s comentários"]})
    brazilian = load_words(words, "pt").for_language("pt-BR")  # pt_BR.json: "n > 1"
    assert brazilian.ngettext("%(num)s comment", "%(num)s comments", 0) == "%(num)s comentário"
    assert brazilian.ngettext("%(num)s comment", "%(num)s comments", 2) == "%(num)s comentários"
    portuguese = load_words(words, "pt").for_language("pt")  # "n != 1"
    assert portuguese.ngettext("%(num)s comment", "%(num)s comments", 0) == "%(num)s comentários"


@pytest.mark.parametrize(
    ("message", "translated", "fault"),
    [
        ("Search", "Suche (100% lokal)", r'"Search" has a lone %\. Fix: write %% for'),
        ("%(num)s minute", "%(num)s Minuten", r'"%\(num\)s minute" counts something\. Fix: '),
        ("Search", ["Suche", "Suchen"], r'"Search" counts nothing\. Fix: give'),
        ("Nothing matched", 'Keine Treffer für "x"', r'"Nothing matched" has a straight quote'),
        (
            "%(num)s minute",
            ["%(num)s Minute", 2],
            r'"%\(num\)s minute" has a form that is not text\. Fix: ',
        ),
    ],
)
def test_a_message_that_would_break_or_show_english_is_named_with_the_fix(
    tmp_path, message, translated, fault
):
    write_catalog(tmp_path, "de", {"Home": "Start", message: translated})
    with pytest.raises(CatalogError, match=rf"de\.json: the message {fault}"):
        load_words(tmp_path, "de")


def test_a_catalog_may_write_percent_signs_and_placeholders(tmp_path):
    write_catalog(tmp_path, "de", {"Search %(site)s": "Suche in %(site)s (100%% lokal)"})
    german = load_words(tmp_path, "de").for_language("de")
    assert german.gettext("Search %(site)s") % {"site": "X"} == "Suche in X (100% lokal)"


def test_related_reasons_are_given_in_the_pages_words(words):
    write_catalog(
        words,
        "pt",
        {"Both discuss: ": "Ambos tratam de: ", "Similar wording": "Vocabulário semelhante"},
    )
    portuguese = load_words(words, "pt").for_language("pt")
    assert (
        reason_in(portuguese, "Both discuss: equipa, rotina") == "Ambos tratam de: equipa, rotina"
    )
    assert reason_in(portuguese, "Similar wording") == "Vocabulário semelhante"
    assert reason_in(portuguese, "A reason we do not know") == "A reason we do not know"


def template_messages() -> dict[str, bool]:
    """Every message the theme's templates pass to `_()` or `ngettext()`, and the plugins' the
    catalogs hold: whether it is plural."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    # Besides the templates': the related reasons, the topics plugin's maps and search line,
    # and the comment inbox's replies (static_comments writes them into comments.json).
    found = dict.fromkeys([*REASON_OPENINGS, *WHOLE_REASONS, *topics_glue.MESSAGES], False)
    found |= dict.fromkeys(inbox_replies.MESSAGES, False)
    found |= {message: "%(num)s" in message for message in topic_map.MESSAGES}
    for path in THEME.joinpath("templates").rglob("*.html"):
        tree = env.parse(path.read_text("utf-8"))
        for _line, function, message in extract_from_ast(tree, (*GETTEXT_FUNCTIONS, SITE_SAY)):
            found[message if isinstance(message, str) else message[0]] = function == "ngettext"
    return found


def catalog(name: str) -> dict:
    return json.loads((CATALOGS / f"{name}.json").read_text(encoding="utf-8"))["messages"]


# Every catalog the theme ships: a full one per language, a regional one (pt_BR) only its changes.
SHIPPED = sorted(path.stem for path in CATALOGS.glob("*.json"))
FULL = [name for name in SHIPPED if "_" not in name]


@pytest.mark.parametrize("name", FULL)
def test_each_full_catalog_has_every_message_of_the_templates_and_no_other(name):
    assert set(catalog(name)) == set(template_messages())


@pytest.mark.parametrize("name", sorted(set(SHIPPED) - set(FULL)))
def test_each_regional_catalog_has_only_messages_of_the_templates(name):
    assert set(catalog(name)) <= set(template_messages())


def test_exactly_the_messages_that_count_something_have_a_num_placeholder():
    # A catalog is checked by this rule (read_catalog), so it must hold for the templates.
    assert {m: "%(num)s" in m for m in template_messages()} == template_messages()


@pytest.mark.parametrize("name", SHIPPED)
def test_translations_keep_the_placeholders_and_give_plural_forms_as_lists(name):
    is_plural = template_messages()
    for message, translated in catalog(name).items():
        assert isinstance(translated, list) == is_plural[message], message
        for form in translated if isinstance(translated, list) else [translated]:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(message)), form


def test_the_brazilian_catalog_holds_only_what_differs_from_the_portuguese():
    portuguese, brazilian = catalog("pt"), catalog("pt_BR")
    assert set(brazilian) <= set(portuguese)
    assert all(brazilian[m] != portuguese[m] for m in brazilian)
