#!/usr/bin/env python3
"""Set everything up and run the site or the tests, from a fresh clone, in one command.

    python3 dev.py serve   # install into .venv, then serve with live reload at :8000
    python3 dev.py test    # install into .venv (and Chromium if missing), then ruff + pytest

Only the standard library is used here, because nothing else is installed yet.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def run(*command: str | Path, check: bool = True) -> int:
    """Run a command from the project root, echoing it; return its exit status."""
    print("+", " ".join(str(part) for part in command), flush=True)
    return subprocess.run([str(part) for part in command], cwd=ROOT, check=check).returncode


PLUGIN_PROJECTS = sorted(ROOT.glob("plugins/*/pyproject.toml"))


def install_stamp() -> str:
    """Return the digest of every pyproject.toml the install reads."""
    projects = [*PLUGIN_PROJECTS, ROOT / "pyproject.toml"]
    return hashlib.sha256(b"".join(p.read_bytes() for p in projects)).hexdigest()


def install() -> None:
    """Create .venv and install the project (editable) with its test tools, unless up to date.

    Serving and testing share one install, so switching between them installs nothing.
    """
    wanted = install_stamp()
    if STAMP.exists() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    # One pip command, so the toolkit's dependencies on its plugins resolve to these folders.
    editables = [f"--editable={p.parent.relative_to(ROOT)}" for p in PLUGIN_PROJECTS]
    run(PYTHON, "-m", "pip", "install", "--quiet", *editables, "--editable=.[test]")
    STAMP.write_text(wanted)


def ensure_chromium() -> None:
    """Make a Chromium available to Playwright: Debian's package as root, else Playwright's."""
    if any(Path(p).exists() for p in CHROMIUM_PATHS) or os.environ.get("CHROMIUM_PATH"):
        return
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if is_root and shutil.which("apt-get"):
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "chromium")
        return
    if run(PYTHON, "-m", "playwright", "install", "chromium", check=False) != 0:
        sys.exit(
            "dev.py: no Chromium for the browser tests. Fix: install your system's chromium "
            "package, or set CHROMIUM_PATH to a Chromium or Chrome binary"
        )


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "serve":
        install()
        # Become the server, so stopping this process (Ctrl-C or its PID) stops the server.
        invoke = str(BIN / "invoke")
        print("+", invoke, "livereload", flush=True)
        os.chdir(ROOT)
        os.execv(invoke, [invoke, "livereload", *sys.argv[2:]])  # noqa: S606 - our own venv
    if command == "test":
        install()
        ensure_chromium()
        if run(BIN / "ruff", "check", ".", check=False) != 0:
            return 1
        return run(PYTHON, "-m", "pytest", "-q", *sys.argv[2:], check=False)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
