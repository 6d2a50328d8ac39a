"""Turn prose into terms: lower-case words of any script, stop words dropped, lightly stemmed."""

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

WORD = re.compile(r"[^\W\d_](?:[\w']*[^\W_])?", re.UNICODE)
MARKUP = re.compile(r"<[^>]*>|&#?\w+;")
ASCII_BREAKS = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalpha() or c == "'")}
)
# Chinese and Japanese have no spaces between words; overlapping character pairs stand in.
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
STOP_WORD_TEXT = """
anything everything nothing anyone everyone someone ones
a about above after again against all almost also am an and any are aren as at be
because been before being below between both but by can could did didn do does doesn
doing don down during each either else even ever every few for from further get gets
getting got had hadn has hasn have haven having he her here hers herself him himself
his how however i if in into is isn it its itself just know let like ll make makes many
may me might more most much must my myself need never no nor not now of off often on
once one only or other others our ours ourselves out over own per perhaps quite rather
re really same say says she should shouldn since so some something still such than that
the their theirs them themselves then there these they thing things this those though
through to too under until up upon us ve very was wasn way we well were weren what when
where whether which while who whom whose why will with within without won would wouldn
yet you your yours yourself yourselves s t d m o y
"""
STOP_WORDS = frozenset(STOP_WORD_TEXT.split())
# Longest first; each needs a stem of at least three letters left.
SUFFIXES = (
    "ational", "fulness", "iveness", "ization", "ations", "ation", "ments", "ness", "ment",
    "ings", "ing", "ities", "ity", "ies", "ied", "ed", "ly", "es", "s",
)  # fmt: skip


def fold(text: str) -> str:
    """Return `text` lower-cased with accents removed from Latin letters."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """Return a light stem of an English-looking word; other scripts pass through unchanged."""
    if not word.isascii() or len(word) <= 4:
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix == "ies":
                return base + "y"
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                return base[:-1]  # stopping -> stop
            return base
    return word


def raw_words(text: str) -> Counter[str]:
    """Return how often each lower-cased token occurs in `text` (markup removed).

    ASCII punctuation and digits become spaces in one C-level pass; anything else a token
    still holds (curly quotes, dashes, other scripts) is sorted out once per distinct token
    by word_parts.
    """
    return Counter(MARKUP.sub(" ", text).lower().translate(ASCII_BREAKS).split())


@lru_cache(maxsize=1 << 18)
def word_parts(token: str) -> tuple[str, ...]:
    """Return the folded words one token stands for: its words, CJK as character pairs."""
    parts: list[str] = []
    for word in WORD.findall(fold(token)):
        runs = CJK_RUN.findall(word)
        if runs:
            parts += [run[i : i + 2] for run in runs for i in range(max(1, len(run) - 1))]
        else:
            parts.append(word.replace("'", ""))
    return tuple(parts)


@lru_cache(maxsize=1 << 18)
def word_terms(word: str) -> tuple[str, ...]:
    """Return the terms one raw word contributes (empty for stop words), memoised per word."""
    return tuple(term for term, _ in stemmed_parts(word))


def tokens(text: str) -> list[str]:
    """Return the lower-cased tokens of `text` in order, markup removed."""
    return MARKUP.sub(" ", text).lower().translate(ASCII_BREAKS).split()


def words(text: str) -> list[str]:
    """Return the words of `text` in order, folded, stop words kept."""
    return [part for token in tokens(text) for part in word_parts(token)]


def terms(text: str) -> list[str]:
    """Return the stemmed content terms of `text`, in order."""
    return [term for token in tokens(text) for term in word_terms(token)]


def term_counts(text: str) -> Counter[str]:
    """Return how often each content term occurs in `text`."""
    return counts_of_words(raw_words(text))


def counts_of_words(word_counts: Mapping[str, int]) -> Counter[str]:
    """Return term counts from raw word counts; fast, as each distinct word is seen once."""
    counts: Counter[str] = Counter()
    for word, times in word_counts.items():
        found = word_terms(word)
        if len(found) == 1:  # the common case, kept cheap
            counts[found[0]] += times
        else:
            for term in found:
                counts[term] += times
    return counts


@lru_cache(maxsize=1 << 18)
def stemmed_parts(word: str) -> tuple[tuple[str, str], ...]:
    """Return (term, folded word) for each content part of one raw word, memoised."""
    return tuple(
        (stem(part), part) for part in word_parts(word) if part not in STOP_WORDS and len(part) > 1
    )


def surface_forms(text: str, wanted: set[str] | None = None) -> dict[str, str]:
    """Return, for each stem in `text` (or just the wanted ones), its most frequent word form."""
    return forms_of_words(raw_words(text), wanted)


def forms_of_words(
    word_counts: Mapping[str, int], wanted: set[str] | None = None
) -> dict[str, str]:
    """Return, for each stem of the counted words (or just the wanted ones), its commonest form."""
    totals: Counter[tuple[str, str]] = Counter()
    for word, times in word_counts.items():
        for term, part in stemmed_parts(word):
            if wanted is None or term in wanted:
                totals[term, part] += times
    best: dict[str, tuple[int, str]] = {}
    for (term, part), times in totals.items():
        seen = best.get(term)
        if seen is None or (times, seen[1]) > (seen[0], part):  # ties go to the first in order
            best[term] = (times, part)
    return {term: part for term, (_, part) in best.items()}
