"""The folders a build writes in: the site before last is reused, never a half-built site shown.

A build writes into a sibling of the output and swaps it in only when it succeeds. The site
the swap retires is kept as the spare, and the next build writes there: rewriting a file that
exists costs a fraction of creating it (a third of a 1,200-topic site's build went to
creating folders and files).
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from coaching_kb.pelican_runs import Output


def spare_folder(final: Path) -> Path:
    """Return where the site a build replaced is kept, for the next build to write into."""
    return final.with_name(f".{final.name}-spare")


def staging_folder(final: Path) -> tuple[Path, bool]:
    """Return the folder to build in, and whether it holds an earlier build (the spare)."""
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}-building-", dir=final.parent))
    try:
        spare_folder(final).rename(staging)  # atomic: of two builds at once, only one takes it
    except OSError:  # no spare (a first build), or another build took it
        return staging, False
    return staging, True


def keep_only(folder: Path, outputs: list[Output]) -> None:
    """Delete from `folder` every file the build will not write again, and every folder that
    will hold none of its files: what is left, the build overwrites; nothing stale survives.

    A file with a second name (a hard link) or a symbolic link goes too, so that writing it
    never changes a file outside this folder.
    """
    keep = {os.path.normpath(output.save_as) for output in outputs}
    folders = {str(parent) for name in keep for parent in Path(name).parents}
    stack = [""]
    while stack:
        relative = stack.pop()
        with os.scandir(folder / relative) as entries:
            for entry in entries:
                name = os.path.join(relative, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    if name in folders:
                        stack.append(name)
                    else:
                        shutil.rmtree(entry.path)
                elif name not in keep or entry.is_symlink() or entry.stat().st_nlink > 1:
                    os.unlink(entry.path)


def set_aside(staging: Path, final: Path, recycled: bool) -> None:
    """After a failed build, give back the spare it took (the next build tidies it again)."""
    if recycled:
        with contextlib.suppress(OSError):
            staging.rename(spare_folder(final))
            return
    shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, final: Path) -> None:
    """Move the finished site into place; the old one becomes the spare after the move."""
    retired = final.with_name(f".{final.name}-old-{staging.name.rsplit('-', 1)[-1]}")
    if final.exists():
        final.rename(retired)
    staging.rename(final)
    with contextlib.suppress(OSError):  # a spare already there: this one is removed
        retired.rename(spare_folder(final))
    # With any old copy a stopped build left behind.
    remove_in_background(sorted(final.parent.glob(f".{final.name}-old-*")))


REMOVE = "import shutil, sys\nfor path in sys.argv[1:]: shutil.rmtree(path, ignore_errors=True)"


def remove_in_background(folders: list[Path]) -> None:
    """Delete folders in a process of their own, so the build is done once the new site is in
    place: removing the old copy of a 10,000-article site took over a second."""
    if not folders:
        return
    try:
        subprocess.Popen(  # not waited for: it exits once the folders are gone
            [sys.executable, "-c", REMOVE, *map(str, folders)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C meant for the build does not stop it halfway
        )
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
