"""Turn prose into terms: lower-case words of any script, stop words dropped, lightly stemmed."""

import re
import unicodedata
from collections import Counter

WORD = re.compile(r"[^\W\d_](?:[\w']*[^\W_])?", re.UNICODE)
TAG = re.compile(r"<[^>]+>")
ENTITY = re.compile(r"&[#a-zA-Z0-9]+;")
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
    decomposed = unicodedata.normalize("NFKD", text.lower())
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


def words(text: str) -> list[str]:
    """Return the words of `text` (HTML tags and entities removed), folded, stop words kept."""
    plain = ENTITY.sub(" ", TAG.sub(" ", text))
    found = []
    for word in WORD.findall(fold(plain)):
        runs = CJK_RUN.findall(word)
        if runs:
            found += [run[i : i + 2] for run in runs for i in range(max(1, len(run) - 1))]
        else:
            found.append(word.replace("'", ""))
    return found


def terms(text: str) -> list[str]:
    """Return the stemmed content terms of `text`, in order."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1]


def surface_forms(text: str) -> dict[str, str]:
    """Return, for each stem in `text`, the word form it appears as most often."""
    forms: dict[str, Counter[str]] = {}
    for word in words(text):
        if word not in STOP_WORDS and len(word) > 1:
            forms.setdefault(stem(word), Counter())[word] += 1
    return {term: counts.most_common(1)[0][0] for term, counts in forms.items()}
