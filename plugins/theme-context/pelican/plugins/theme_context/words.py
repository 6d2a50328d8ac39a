"""The theme's words in a page's language: catalogs kept as plain JSON, one file a language.

A catalog is `<folder>/<lang>.json`: {"plural": "n > 1", "messages": {"English": "Translation",
"%(num)s minute": ["%(num)s minuto", "%(num)s minutos"]}}. A list holds the plural forms, in
the order the `plural` expression (gettext's, C syntax) numbers them. English, the language the
templates are written in, needs no catalog.
"""

import gettext
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SOURCE_LANGUAGE = "en"


class CatalogError(ValueError):
    """A catalog file that cannot be read; the message names the file and the fix."""


class Catalog(gettext.NullTranslations):
    """One language's messages, answering as Python's gettext translations do (the
    English text itself where the catalog has none)."""

    def __init__(self, messages: dict[str, Any], plural: str) -> None:
        super().__init__()
        self.messages = messages
        self.plural = gettext.c2py(plural)
        self.base: Catalog | None = None

    def gettext(self, message: str) -> str:
        found = self.messages.get(message)
        if isinstance(found, str):
            return found
        return self._fallback.gettext(message) if self._fallback else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.forms(singular)
        if forms:  # counted by this catalog's rule, even with its language's words (pt_BR's)
            return forms[min(self.plural(n), len(forms) - 1)]
        return singular if n == 1 else plural

    def forms(self, message: str) -> list[str]:
        """Return the plural forms of `message` here, else in the catalogs this one falls
        back to ([] where none has them)."""
        forms = self.messages.get(message)
        if isinstance(forms, list):
            return forms
        return self.base.forms(message) if self.base else []

    def add_fallback(self, fallback: "gettext.NullTranslations") -> None:
        super().add_fallback(fallback)
        if self.base is None and isinstance(fallback, Catalog):
            self.base = fallback  # the language's catalog a regional one completes


def read_catalog(path: Path) -> Catalog:
    """Read one catalog file, or raise CatalogError naming it (and the message at fault)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        messages, plural = dict(data["messages"]), data.get("plural", "n != 1")
        catalog = Catalog(messages, plural)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CatalogError(
            f"{path}: cannot read this theme catalog ({error}). Fix: write it as "
            '{"plural": "n != 1", "messages": {"English text": "translation"}}'
        ) from None
    for message, translated in messages.items():
        if fault := message_fault(message, translated):
            raise CatalogError(f'{path}: the message "{message}" {fault}')
    return catalog


# What a translation may hold of %: a placeholder, `%(name)s`, or a percent sign, `%%`.
FORMATTING = re.compile(r"%\(\w+\)s|%%")


def message_fault(message: str, translated: Any) -> str:
    """Return what is wrong with one message's translation and the fix ("" when nothing is).

    A message counting something (`%(num)s` in its English) takes a list of plural forms,
    others one text: given the other way the page would silently show the English. A lone %
    would stop the build, and a straight quote would end the attribute some messages fill.
    """
    counted = "%(num)s" in message
    if counted and not (isinstance(translated, list) and translated):
        return 'counts something. Fix: give its plural forms as a list, ["one", "many"]'
    if not counted and not isinstance(translated, str):
        return "counts nothing. Fix: give its translation as one text, not a list"
    for form in translated if counted else [translated]:
        if not isinstance(form, str):
            return "has a form that is not text. Fix: write each form in quotes"
        if "%" in FORMATTING.sub("", form):
            return "has a lone %. Fix: write %% for a percent sign"
        if '"' in form:
            return 'has a straight quote ("). Fix: write typographic quotes (“ ”) or &quot;'
    return ""


def variants(lang: str) -> list[str]:
    """Return the catalog names a language code may use, most specific first:
    "pt-BR" gives ["pt_BR", "pt"]."""
    code = lang.strip().replace("-", "_")
    base, _, region = code.partition("_")
    base = base.lower()
    return [f"{base}_{region.upper()}", base] if region else [base]


def language_tag(lang: str) -> str:
    """Return `lang` as the BCP 47 tag HTML's `lang` and the browser's Intl expect: Pelican
    lower-cases DEFAULT_LANG ("pt_br"), and "pt_br" is no tag ("pt_BR" gives "pt-BR")."""
    base, *rest = str(lang).strip().replace("_", "-").split("-")
    parts = [base.lower()]
    for part in rest:
        # A region is two letters (upper case), a script four (title case).
        parts.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part)
    return "-".join(parts)


# Common languages by their own names, for links to a translation ("Français", not "fr").
LANGUAGE_NAMES = {
    "ar": "العربية", "ca": "Català", "cs": "Čeština", "da": "Dansk", "de": "Deutsch",
    "el": "Ελληνικά", "en": "English", "es": "Español", "fi": "Suomi", "fr": "Français",
    "he": "עברית", "hi": "हिन्दी", "hu": "Magyar", "id": "Bahasa Indonesia", "it": "Italiano",
    "ja": "日本語", "ko": "한국어", "nb": "Norsk bokmål", "nl": "Nederlands", "no": "Norsk",
    "pl": "Polski", "pt": "Português", "ro": "Română", "ru": "Русский", "sv": "Svenska",
    "tr": "Türkçe", "uk": "Українська", "vi": "Tiếng Việt", "zh": "中文",
}  # fmt: skip


def language_name(lang: str) -> str:
    """Return a language's name in that language, its region after it ("Português (BR)" for
    pt_BR); a language the table lacks keeps its code."""
    base, _, region = str(lang).strip().replace("-", "_").partition("_")
    name = LANGUAGE_NAMES.get(base.lower())
    if name is None:
        return str(lang)
    return f"{name} ({region.upper()})" if region else name


@dataclass
class Words:
    """Every catalog of a build, by name ("pt", "pt_BR"), and which one a page gets."""

    catalogs: dict[str, Catalog]
    default_lang: str = SOURCE_LANGUAGE
    chosen: dict[str, gettext.NullTranslations] = field(default_factory=dict)

    def for_language(self, lang: str | None) -> gettext.NullTranslations:
        """Return the words for a page in `lang`: its own catalog (a regional one falls back to
        its language's), else the site's DEFAULT_LANG's, else English."""
        key = lang or ""
        if key not in self.chosen:
            self.chosen[key] = self.choose(key)
        return self.chosen[key]

    def choose(self, lang: str) -> gettext.NullTranslations:
        for candidate in (lang, self.default_lang) if lang else (self.default_lang,):
            names = variants(candidate)
            if names[-1] == SOURCE_LANGUAGE:
                return gettext.NullTranslations()
            found = [self.catalogs[name] for name in names if name in self.catalogs]
            if found:
                return found[0]
        return gettext.NullTranslations()


def load_words(folder: Path, default_lang: str) -> Words:
    """Return the catalogs in `folder`, for a site whose pages default to `default_lang`."""
    catalogs = {path.stem: read_catalog(path) for path in sorted(folder.glob("*.json"))}
    for name, catalog in catalogs.items():
        base = variants(name)[-1]
        if base != name and base in catalogs:
            catalog.add_fallback(catalogs[base])  # pt_BR's missing words are pt's
    return Words(catalogs, default_lang or SOURCE_LANGUAGE)
