"""The before-and-after screenshots: the first screens only, small palette PNGs."""

import pytest
from PIL import Image

from coaching_kb.screenshots import compare_in

pytestmark = pytest.mark.browser


def test_the_comparison_keeps_the_first_screens_small(browser, sample_site, tmp_path):
    written = compare_in(
        browser,
        sample_site.output,
        tmp_path,
        {"home": ("", 2, True), "qa": ("my-team-goes-quiet-when-i-speak/", 1, False)},
    )
    names = sorted(path.name for path in written)
    assert names == [
        "home-1280-dark.png", "home-1280-light.png", "home-390-dark.png", "home-390-light.png",
        "qa-1280-light.png", "qa-390-light.png",
    ]  # fmt: skip
    for path in written:
        with Image.open(path) as shot:
            assert shot.mode == "P"  # a palette: text stays crisp at a fraction of the size
            screens = 2 if path.name.startswith("home") else 1
            assert shot.height <= screens * 844
        assert path.stat().st_size < 150_000
