"""How much memory this process has used at most: for the bench."""

import sys
from pathlib import Path


def peak_memory_mb() -> float:
    """Return this process's peak resident memory in MB (0 where the OS does not say).

    Linux's ru_maxrss carries the parent's peak across fork and exec, so a build started by
    the bench would report the bench's memory: the kernel's own high-water mark of this
    process's memory (VmHWM) is read instead where there is one.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
