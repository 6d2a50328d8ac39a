"""The best configuration (RELATED_EMBEDDING = 'mpnet', the `mpnet` extra).

Skipped unless the extra is installed; the default install must explain how to get it.
"""

import importlib.metadata
import importlib.util
import json

import numpy as np
import pytest
from pelican.plugins.related_topics.embeddings import (
    MPNET_PACKAGES,
    EmbeddingCache,
    backend,
    meaning_matrix,
)
from pelican.plugins.related_topics.scoring import Doc

from coaching_kb.errors import SettingsError


def installed() -> bool:
    try:
        for package in MPNET_PACKAGES:
            importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        return False
    return all(importlib.util.find_spec(n) for n in ("torch", "sentence_transformers"))


INSTALLED = installed()
needs_extra = pytest.mark.skipif(not INSTALLED, reason="the mpnet extra is not installed")

DOCS = [
    Doc("a.md", "Delegating work", body="Hand the decision to your team and trust them with it."),
    Doc("b.md", "Letting go", body="Give people the whole problem and let them own the outcome."),
    Doc("c.md", "Baking bread", body="Flour, water and salt make a sourdough loaf."),
]


@pytest.mark.skipif(INSTALLED, reason="the mpnet extra is installed")
def test_without_the_extra_the_setting_says_how_to_install_it():
    backend.cache_clear()
    with pytest.raises(SettingsError, match=r"pip install -e '\.\[mpnet\]'"):
        backend("mpnet")


@needs_extra
def test_it_ranks_by_sense_and_loads_the_model_only_to_embed(tmp_path):
    embed = backend("mpnet")
    store = EmbeddingCache(str(tmp_path), "mpnet")
    rows = meaning_matrix(DOCS, embed, store)
    assert rows.shape == (3, 768)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-4)
    assert rows[0] @ rows[1] > rows[0] @ rows[2]
    # A build whose articles are all cached never loads the model (torch is slow to start).
    fresh = type(embed)(embed.parts, embed.folder)
    again = meaning_matrix(DOCS, fresh, EmbeddingCache(str(tmp_path), "mpnet"))
    assert fresh.model is None
    assert np.array_equal(rows, again)


@needs_extra
def test_a_site_built_with_it_relates_by_sense(build_site, tmp_path):
    files = {d.key: f"Title: {d.title}\nDate: 2020-01-0{n}\n\n{d.body}\n" for n, d in
             enumerate(DOCS, 1)}  # fmt: skip
    cache = tmp_path / "related-cache"
    site = build_site(files, RELATED_EMBEDDING="mpnet", RELATED_CACHE_PATH=str(cache))
    assert not site.report.errors
    lists = {e["source_path"]: e["related"] for e in
             json.loads((site.output / "related.json").read_text())["articles"]}  # fmt: skip
    assert lists["a.md"][0]["source_path"] == "b.md"
    reason = site.page("delegating-work").select_one(".related__reason").get_text()
    assert reason.startswith("Close in meaning")
    with np.load(cache / "embeddings-mpnet.npz") as stored:
        assert stored["vectors"].shape == (3, 768)  # this backend's, not WordLlama's 256


@needs_extra
def test_weights_are_stored_as_bfloat16_once(tmp_path):
    import torch
    from pelican.plugins.related_topics.model_parts import in_bfloat16
    from safetensors.torch import load_file, save_file

    weights = tmp_path / "model.safetensors"
    save_file({"dense": torch.ones(4, 4), "positions": torch.arange(4)}, weights)
    in_bfloat16(weights)
    stored = load_file(weights)
    assert stored["dense"].dtype == torch.bfloat16
    assert stored["positions"].tolist() == [0, 1, 2, 3]  # not a float: kept as it was
    written = weights.stat().st_mtime_ns
    in_bfloat16(weights)
    assert weights.stat().st_mtime_ns == written
