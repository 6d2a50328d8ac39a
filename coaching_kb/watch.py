"""Watch the site's sources and rebuild when one changes (`invoke livereload`).

Polls modification times (no extra dependency, works on every OS and in containers where
file events are unreliable); a burst of saves makes one rebuild.
"""

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

POLL_SECONDS = 0.25


def snapshot(roots: Iterable[Path]) -> dict[str, float]:
    """Return the modification time of every file under `roots` (hidden folders skipped)."""
    times: dict[str, float] = {}
    for root in roots:
        if root.is_file():
            times[str(root)] = root.stat().st_mtime
            continue
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = [d for d in subfolders if not d.startswith((".", "__pycache__"))]
            for name in files:
                path = os.path.join(folder, name)
                try:
                    times[path] = os.stat(path).st_mtime
                except OSError:
                    continue  # removed between the listing and the look
    return times


def changed_paths(before: dict[str, float], after: dict[str, float]) -> list[str]:
    """Return the files added, removed or modified between two snapshots."""
    return sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )


def watch(
    roots: list[Path], rebuild: Callable[[list[str], bool], None], stop: Callable[[], bool]
) -> None:
    """Call `rebuild(changed, only_edits)` after each change under `roots`, until `stop()`.

    `only_edits` is False when a file was added or removed: the site's structure changed.
    """
    seen = snapshot(roots)
    while not stop():
        time.sleep(POLL_SECONDS)
        now = snapshot(roots)
        changed = changed_paths(seen, now)
        if changed:
            only_edits = seen.keys() == now.keys()
            seen = now
            rebuild(changed, only_edits)
