"""Share cards and icons: drawn from plain text, and written by a real build."""

import struct

import pytest
from pelican.plugins.share_images.drawing import SIZE, card_key, favicon_svg, share_card_png
from pelican.plugins.share_images.settings import ShareSettings, load

from coaching_kb.errors import SettingsError


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_a_card_is_a_1200_by_630_png_and_long_titles_still_fit():
    assert png_size(share_card_png("Trust", "Topic", "Site")) == SIZE
    assert png_size(share_card_png("word " * 80, "Essay", "Site")) == SIZE
    assert card_key("A", "Essay", "Site") != card_key("A", "Topic", "Site")
    assert favicon_svg().startswith("<svg")


def test_settings_warn_of_typos_and_reject_wrong_types():
    assert load({"SHARE_IMAGES_ENABLED": False}) == (ShareSettings(enabled=False), [])
    _, warnings = load({"SHARE_IMAGES_ENABLD": True})
    assert "did you mean SHARE_IMAGES_ENABLED" in warnings[0]
    with pytest.raises(SettingsError, match="SHARE_IMAGES_PATH must be a str"):
        load({"SHARE_IMAGES_PATH": 3})


def test_every_page_gets_a_share_image_and_the_site_an_icon(build_site, tmp_path):
    site = build_site(
        {
            "a.md": "Title: A first essay\nDate: 2020-01-01\nTags: trust\n\nText.\n",
            "pages/about.md": "Title: About\n\nUs.\n",
        },
        SHARE_IMAGES_ENABLED=True,
        SHARE_IMAGES_CACHE_PATH=str(tmp_path / "cache"),
    )
    images = {}
    for page in ("", "a-first-essay", "about", "archives", "topics/trust"):
        image = site.page(page).select_one("meta[property='og:image']")["content"]
        images[page] = image
        assert png_size((site.output / page / image).resolve().read_bytes()) == SIZE
    assert len({images["a-first-essay"], images["about"], images["topics/trust"], images[""]}) == 4
    assert images["archives"].endswith(images[""][2:])  # a listing shares the site's card
    assert (site.output / "favicon.svg").is_file()
    assert len(list((tmp_path / "cache").glob("*.png"))) >= 4


def test_a_cards_words_are_in_the_sites_language(build_site, tmp_path):
    site = build_site(
        {
            "a.md": "Title: Un essai\nDate: 2020-01-01\nTags: confiance\n\nTexte.\n",
        },
        DEFAULT_LANG="fr",
        SITENAME="Carnet",
        SHARE_IMAGES_ENABLED=True,
        SHARE_IMAGES_CACHE_PATH=str(tmp_path / "cache"),
    )
    expected = {
        "un-essai": card_key("Un essai", "Essai", "Carnet"),
        "topics/confiance": card_key("confiance", "Thème", "Carnet"),
    }
    for page, key in expected.items():
        image = site.page(page).select_one("meta[property='og:image']")["content"]
        assert image.endswith(f"/{key}.png"), page
