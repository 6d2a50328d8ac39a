"""Meaning from WordLlama: cached by text, skipped for languages it does not know, lists full."""

import json
from pathlib import Path

import numpy as np
from pelican.plugins.related_topics.analysis import Analysed
from pelican.plugins.related_topics.embeddings import (
    EmbeddingCache,
    backend,
    meaning_matrix,
    text_of,
)
from pelican.plugins.related_topics.scoring import Doc
from pelican.plugins.related_topics.settings import RelatedSettings

DOCS = [
    Doc("a.md", "Handing work to your team", body="Delegate the decisions, not only the chores."),
    Doc("b.md", "Letting others own the outcome", body="Give people the whole problem to solve."),
    Doc("c.md", "Sourdough at home", body="Flour, water, salt and a patient starter."),
    Doc("d.md", "Führung ohne Kontrolle", body="Vertrauen statt Kontrolle im Team.", lang="de"),
]


def counting(calls: list[int]):
    embed = backend("wordllama")

    def wrapped(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return embed(texts)

    return wrapped


def test_an_unchanged_article_is_never_embedded_twice(tmp_path):
    calls: list[int] = []
    first = meaning_matrix(DOCS, counting(calls), EmbeddingCache(str(tmp_path), "wordllama"))
    again = meaning_matrix(DOCS, counting(calls), EmbeddingCache(str(tmp_path), "wordllama"))
    assert calls == [3]  # three English docs, embedded once, read back from the cache after
    assert np.array_equal(first, again)


def test_meaning_ranks_by_sense_and_skips_languages_it_does_not_cover(tmp_path):
    meaning = meaning_matrix(DOCS, backend("wordllama"), EmbeddingCache("", "wordllama"))
    near = meaning @ meaning.T
    assert near[0, 1] > near[0, 2]  # delegation is nearer to ownership than to bread
    assert not meaning[3].any()  # German: the term model alone relates it


def test_every_article_gets_the_full_related_list(build_site):
    files = {
        f"p{n}.md": f"Title: Post {n}\nDate: 2020-01-0{n}\n\nWords {n} here.\n" for n in range(1, 8)
    }
    site = build_site(files)
    entries = json.loads((site.output / "related.json").read_text())["articles"]
    assert [len(e["related"]) for e in entries] == [5] * 7


def test_pooling_equals_wordllamas_own_embed():
    import wordllama

    model = wordllama.WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, disable_download=True
    )
    texts = [  # one space between words, as text_of writes them
        "One.",
        " ".join(["Trust grows when the team sees you keep small promises."] * 60),
        "Ünïcode — “fine” naïve café 日本語",
        "Words met before: trust grows.",
        "",
        "\u2581odd \u2581\u2581 spaces",
    ]
    embed = backend("wordllama")
    ours = np.vstack([embed(texts[:3]), embed(texts[3:])])  # the second batch reuses words
    with np.errstate(invalid="ignore"):  # it divides the empty text's zero vector by 0
        theirs = model.embed(texts, norm=True)  # pads to the longest text, pools with a mask
    assert np.allclose(ours[:4], theirs[:4], atol=1e-5)
    assert np.allclose(ours[5], theirs[5], atol=1e-5)
    assert not ours[4].any()  # nothing to mean (WordLlama divides by zero)


def test_embedded_text_has_single_spaces():
    doc = Doc("a.md", "Title", summary="Short  one", body="<p>Line one\n\n  two</p>\n<p>x</p>")
    assert text_of(doc) == "Title. Short one Line one two x"


def test_one_backends_vectors_never_serve_another():
    analysed = Analysed()
    analysed.embed_early(DOCS, RelatedSettings(embedding="wordllama"))
    assert analysed.embeddings_for(RelatedSettings(embedding="wordllama")).vectors
    # The same texts for another backend: vectors are keyed by text, so they must start over.
    other = analysed.embeddings_for(RelatedSettings(embedding="use-multilingual"))
    assert other.name == "use-multilingual"
    assert not other.vectors
