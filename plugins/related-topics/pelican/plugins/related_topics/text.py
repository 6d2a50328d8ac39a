"""Plain text, passages and terms from an article's HTML: what both scorers read. Pure."""

import functools
import html
import itertools
import re
from collections import Counter

from . import function_words as closed_class

TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
WORD = re.compile(r"([^\W_]+)(?:['’][^\W_]+)*")  # the group: the part before an apostrophe
# Chinese and Japanese have no spaces between words: overlapping character pairs stand in.
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# English only: in other languages the IDF weighs common words down on its own.
STOP_WORD_TEXT = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further get had has have having he her here hers herself him himself his how i if in into is
it its itself just may me might more most must my myself no nor not now of off on once one
only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too two under until
up us use used using very was we were what when where which while who whom why will with
would you your yours yourself yourselves
"""
STOP_WORDS = frozenset(STOP_WORD_TEXT.split())


def plain_text(markup: str) -> str:
    """Return the text of an HTML fragment: tags out, entities decoded, spaces single."""
    return " ".join(html.unescape(TAG.sub(" ", markup)).split())


def passages(text: str, words: int, limit: int) -> list[str]:
    """Return the text cut into at most `limit` runs of `words` words (one '' for no text).

    Long posts are embedded passage by passage rather than cut at the opening: a sentence
    model reads about 250 tokens, and a post's subject is not always in its first lines.
    """
    found = text.split()
    runs = [" ".join(found[start : start + words]) for start in range(0, len(found), words)]
    return runs[:limit] or [""]


def stem(word: str, lang: str) -> str:
    """Return an English word without a plural ending; other languages pass through."""
    if not lang.startswith("en") or len(word) <= 3 or not word.isascii():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words_of(text: str) -> list[str]:
    """Return the lower-cased words of `text`, contractions cut at the apostrophe."""
    found = WORD.findall(text.lower())
    # isascii() first: it answers at once for most texts, where the scan took 0.04 s a
    # thousand articles.
    if text.isascii() or not CJK_RUN.search(text):
        return found
    pairs = []
    for word in found:
        is_cjk = CJK_RUN.fullmatch(word) and len(word) > 1
        pairs += [word[i : i + 2] for i in range(len(word) - 1)] if is_cjk else [word]
    return pairs


def term_counts(text: str, lang: str) -> tuple[Counter[str], dict[str, str]]:
    """Return the counts of the terms of `text` (stop words out, plurals folded, and each
    two terms that follow one another as one more term) and, for each term, the word form
    seen most (the first in alphabetical order on a tie), for reasons a reader can read."""
    found = words_of(text)
    seen = Counter(found)
    counts: Counter[str] = Counter()
    forms: dict[str, str] = {}
    term_for: dict[str, str] = {}
    # Each distinct word once: a 600-word article has about 300.
    for word in sorted(seen):
        term = term_for[word] = term_of(word, lang)
        if term:
            times = seen[word]
            counts[term] += times
            if term not in forms or times > seen[forms[term]]:
                forms[term] = word
    # dict.update, not Counter's (a loop in Python): a pair, spaced, is never a single term.
    dict.update(counts, term_pairs(list(map(term_for.__getitem__, found))))
    return counts, forms


def term_pairs(sequence: list[str]) -> dict[str, int]:
    """Return the counts of two different terms next to each other (no stop word between):
    "user research" or "open source" says more than its words apart. Chosen on the
    development halves: 18F 0.679 to 0.691, rOpenSci 0.681 to 0.684, Lee 0-24 0.889 to 0.891."""
    pairs = Counter(itertools.pairwise(sequence))
    return {f"{a} {b}": times for (a, b), times in pairs.items() if a and b and a != b}


# Remembered: a site repeats its words across articles (1,000 articles, 100,000 look-ups).
@functools.lru_cache(maxsize=1 << 16)
def term_of(word: str, lang: str) -> str:
    """Return the term a word counts as: '' for a stop word, a number or a single letter."""
    if len(word) < 2 or word.isdigit() or (lang.startswith("en") and word in STOP_WORDS):
        return ""
    return stem(word, lang)


@functools.cache
def unsaid_terms(lang: str, written: str) -> frozenset[str]:
    """Return the terms a reason never names for an article in `lang` whose words are mostly
    in `written` ('' when no language stands out): both languages' function words, general
    verbs and a web address's parts (function_words.py)."""
    found = closed_class.unsaid_words(lang) | closed_class.unsaid_words(written or lang)
    return frozenset(found | {stem(word, lang) for word in found})


@functools.cache
def function_words(lang: str) -> frozenset[str]:
    """Return the function words of `lang` ("much", "every", "très", "muito") as terms: words
    that never say what two articles share (function_words.py). `lang` may be a locale."""
    found = closed_class.function_words(lang)
    return frozenset(found | {stem(word, lang) for word in found})
