#!/usr/bin/env python3
"""Set everything up and run the site or the tests, from a fresh clone, in one command.

    python3 dev.py serve   # install what serving needs into .venv, then serve at :8000
    python3 dev.py test    # install that and the test tools (and Chromium), then ruff + pytest
    python3 dev.py install # install what serving and building need, nothing else (CI's deploy)

`serve` passes its other arguments on, e.g. `python3 dev.py serve --port 8001`.

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


def install(extras: str = "") -> None:
    """Create .venv and install the project (editable) with `extras`, unless already there.

    Serving needs the toolkit and its plugins only; the test tools (Playwright, gensim,
    hypothesis: most of a 700 MB .venv) come with `dev.py test`. A .venv made for testing
    serves too, so switching between them installs nothing.
    """
    wanted = install_stamp()
    if is_installed(wanted, extras):
        return
    what = f"the project and its {extras} tools" if extras else "the project"
    print(f"dev.py: installing {what} into .venv (a few minutes the first time)", flush=True)
    if not PYTHON.exists():
        print("dev.py: creating .venv", flush=True)
        venv.create(VENV, with_pip=True)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", *pip_arguments(extras))
    compile_sources()
    STAMP.write_text(f"{wanted} {extras}".strip())
    print("dev.py: .venv is ready", flush=True)


def compile_sources() -> None:
    """Byte-compile the toolkit and the plugins, as pip does for a package it copies in.

    An editable install leaves that to the first import, which never happens where
    PYTHONDONTWRITEBYTECODE is set: there every build compiled our 50 modules again, 0.04
    processor seconds, a tenth of a small site's build.
    """
    sources = [
        "coaching_kb",
        *sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("plugins/*/pelican")),
    ]
    run(PYTHON, "-m", "compileall", "-q", *sources)


def projects() -> list[Path]:
    """Return the pyproject files of every plugin, then the toolkit's."""
    return [*sorted(ROOT.glob("plugins/*/pyproject.toml")), ROOT / "pyproject.toml"]


def install_stamp() -> str:
    """Return what the install stamp records: a hash of every pyproject file."""
    return hashlib.sha256(b"".join(p.read_bytes() for p in projects())).hexdigest()


def pip_arguments(extras: str) -> list[str]:
    """Return pip's arguments installing every plugin and the toolkit, with `extras`."""
    # One pip command, so the toolkit's dependencies on its plugins resolve to these folders.
    editables = [f"--editable={p.parent.relative_to(ROOT)}" for p in projects()[:-1]]
    toolkit = f"--editable=.[{extras}]" if extras else "--editable=."
    return ["--progress-bar=on", *editables, toolkit]


def is_installed(wanted: str, extras: str) -> bool:
    """Return True when .venv holds these projects, with `extras` (a test install serves too)."""
    if not (STAMP.exists() and PYTHON.exists()):
        return False
    installed, _, installed_extras = STAMP.read_text().strip().partition(" ")
    return installed == wanted and (not extras or extras == installed_extras)


def ensure_chromium() -> None:
    """Make a Chromium available to Playwright: Debian's package as root, else Playwright's."""
    if any(runs(p) for p in CHROMIUM_PATHS) or os.environ.get("CHROMIUM_PATH"):
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


def runs(binary: str) -> bool:
    """Return True when `binary` is a browser that starts (Ubuntu's chromium-browser is a stub
    that asks for snap, which is no browser for Playwright)."""
    if not Path(binary).exists():
        return False
    try:
        done = subprocess.run([binary, "--version"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and b"snap" not in done.stdout + done.stderr


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "install":
        install()
        return 0
    if command == "serve":
        install()
        # Become the server, so stopping this process (Ctrl-C or its PID) stops the server.
        invoke = str(BIN / "invoke")
        print("+", invoke, "livereload", flush=True)
        os.chdir(ROOT)
        os.execv(invoke, [invoke, "livereload", *sys.argv[2:]])  # noqa: S606 - our own venv
    if command == "test":
        install("test")
        ensure_chromium()
        if run(BIN / "ruff", "check", ".", check=False) != 0:
            return 1
        return run(PYTHON, "-m", "pytest", "-q", *sys.argv[2:], check=False)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
