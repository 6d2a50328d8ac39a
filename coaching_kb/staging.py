"""The folder a build writes in, beside the output, and the swap that puts it in place.

A build writes into a fresh sibling of the output and swaps it in only when it succeeds, so
a failed or stopped build never leaves a half-written site where the good one was.
"""

import shutil
import tempfile
from pathlib import Path


def staging_folder(final: Path) -> Path:
    """Return a new, empty folder beside `final` to build in."""
    return Path(tempfile.mkdtemp(prefix=f".{final.name}-building-", dir=final.parent))


def discard(staging: Path) -> None:
    """Remove the staging folder of a failed build."""
    shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, final: Path) -> None:
    """Move the finished site into place, then remove the one it replaces."""
    retired = final.with_name(f".{final.name}-old-{staging.name.rsplit('-', 1)[-1]}")
    if final.exists():
        final.rename(retired)
    staging.rename(final)
    # With any old copy a stopped build left behind.
    for old in final.parent.glob(f".{final.name}-old-*"):
        shutil.rmtree(old, ignore_errors=True)
