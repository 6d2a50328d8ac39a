"""The automatic list's few words in the article's language: its heading and the openings of
its reasons. Pure.

The plugin writes its reasons in English (`related.json` keeps them so, for tooling); the list
it adds to a page says them in the page's language when this table has it, else in the site's
DEFAULT_LANG's, else in English.
"""

HEADING = "Related articles"
# The reasons' openings, as reason_for writes them, and the reasons that are one phrase.
OPENINGS = ("Shared topics: ", "Both discuss: ", "Close in meaning: ")
WHOLE = ("Close in meaning", "Similar wording")

NBSP = "\u00a0"  # French puts one before a colon
WORDS = {
    "en": {},
    "fr": {
        HEADING: "Articles liés",
        "Shared topics: ": f"Thèmes communs{NBSP}: ",
        "Both discuss: ": f"Traitent tous deux de{NBSP}: ",
        "Close in meaning: ": f"Sens proche{NBSP}: ",
        "Close in meaning": "Sens proche",
        "Similar wording": "Vocabulaire semblable",
    },
    "pt": {
        HEADING: "Artigos relacionados",
        "Shared topics: ": "Temas em comum: ",
        "Both discuss: ": "Ambos tratam de: ",
        "Close in meaning: ": "Próximo no sentido: ",
        "Close in meaning": "Próximo no sentido",
        "Similar wording": "Vocabulário semelhante",
    },
}  # pt_BR says these as pt does


def words_for(lang: str, default_lang: str = "") -> dict[str, str]:
    """Return the words of a page in `lang` ("pt_BR" and "pt-br" take pt's), else those of
    the site's `default_lang`, else English ({})."""
    for candidate in (lang, default_lang):
        code = str(candidate or "").strip().lower().replace("-", "_")
        for name in (code, code.partition("_")[0]):
            if name in WORDS:
                return WORDS[name]
    return {}


def reason_in(words: dict[str, str], reason: str) -> str:
    """Return a reason in `words` (a reason it cannot place, as it is)."""
    if reason in WHOLE:
        return words.get(reason, reason)
    for opening in OPENINGS:
        if reason.startswith(opening):
            return words.get(opening, opening) + reason.removeprefix(opening)
    return reason
