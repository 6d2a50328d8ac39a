"""Say which words made two articles "close in meaning" when they share no topic or term.

With static word embeddings an article's vector is, in effect, an average of its words'
vectors. So the pair of words, one strong word from each article, whose vectors are nearest
is the honest reason to show: "“deadline” here, “schedule” there". Plain data in and out.
"""

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from coaching_kb.content.words import forms_of_words

from .scoring import Doc, Match, Model, row_entries

Embed = Callable[[list[str]], np.ndarray]
WORDS_PER_DOC = 8  # each article's strongest terms are the candidates
# Below this cosine a word pair is no reason a reader would accept ("pope" and "dioxide" came
# out at 0.15, "iraq" and "iraqi" at 0.78): then the reason says only "close in meaning".
MIN_WORD_SIMILARITY = 0.3


def strongest_terms(model: Model, row: int, count: int = WORDS_PER_DOC) -> list[str]:
    """Return a doc's `count` heaviest terms, heaviest first (ties by term)."""
    columns, weights = row_entries(model.matrix, row)
    pairs = zip(weights.tolist(), columns.tolist(), strict=True)
    order = sorted(pairs, key=lambda p: (-p[0], p[1]))
    return [model.terms[column] for _, column in order[:count]]


def nearest_pair(
    mine: Sequence[str], theirs: Sequence[str], vectors: Mapping[str, np.ndarray]
) -> tuple[str, str] | None:
    """Return the (mine, theirs) pair of different words whose vectors are closest, if close
    enough to be a reason."""
    best, found = MIN_WORD_SIMILARITY - 1e-9, None
    for a in mine:
        for b in theirs:
            if a != b and a in vectors and b in vectors:
                similarity = float(vectors[a] @ vectors[b])
                if similarity > best:
                    best, found = similarity, (a, b)
    return found


def explain_meaning(
    matches: list[list[Match]],
    docs: Sequence[Doc],
    model: Model,
    word_counts: Mapping[str, int],
    embed: Embed,
) -> list[list[Match]]:
    """Return the matches, those with no shared topic or term given their nearest word pair.

    `word_counts` (the corpus's words, unstemmed) spell each stem as writers do: the
    embedding knows words, not stems.
    """
    row_of = {doc.key: row for row, doc in enumerate(docs)}
    bare = [(row, m) for row, found in enumerate(matches) for m in found
            if not m.shared_topics and not m.shared_terms]  # fmt: skip
    if not bare:
        return matches
    candidates = {
        row: strongest_terms(model, row) for pair in bare for row in (pair[0], row_of[pair[1].key])
    }
    forms = forms_of_words(word_counts, {t for terms in candidates.values() for t in terms})
    words = sorted({forms.get(t, t) for terms in candidates.values() for t in terms})
    vectors = dict(zip(words, np.asarray(embed(words), dtype=np.float32), strict=True))
    by_stem = {t: vectors[forms.get(t, t)] for terms in candidates.values() for t in terms}
    explained = [list(found) for found in matches]
    for row, match in bare:
        pair = nearest_pair(candidates[row], candidates[row_of[match.key]], by_stem)
        if pair is not None:
            position = explained[row].index(match)
            explained[row][position] = match._replace(meaning_terms=pair)
    return explained
