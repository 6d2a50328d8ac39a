"""Every command block of the README runs verbatim in a fresh copy of the project.

The copy holds the tracked files as they are now, a `.venv` pointing at this checkout's, and
a bare repository as `origin`, so `git push` works. A command that serves (`livereload`,
`dev.py serve`) runs until the site answers, then gets Ctrl-C. `python3 dev.py test` is
the one block left out: it is this test suite (CI runs it verbatim in `.ci/run`).
"""

import os
import re
import runpy
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from coaching_kb.testing import ROOT

BLOCK = re.compile(r"```sh\n(?P<body>.*?)```", re.DOTALL)
SERVES = re.compile(r"\b(invoke livereload|dev\.py serve|invoke comment-inbox)\b")
PORT = re.compile(r"--port (\d+)")
LEFT_OUT = ("python3 dev.py test",)
EMAIL = """From: Sam Reader <sam@example.org>
Subject: About the ninety days

The part about writing down what you stopped doing helped me this week.
"""


def readme_blocks() -> list[str]:
    blocks = [m["body"] for m in BLOCK.finditer((ROOT / "README.md").read_text())]
    return [b for b in blocks if b.strip() not in LEFT_OUT]


def git(*arguments: str, cwd: Path) -> None:
    subprocess.run(["git", *arguments], cwd=cwd, check=True, capture_output=True)


def install_is_current() -> bool:
    """Return True when dev.py would not reinstall (it must not, into the shared .venv)."""
    stamp = ROOT / ".venv" / ".installed"
    wanted = runpy.run_path(str(ROOT / "dev.py"))["install_stamp"]()
    return stamp.is_file() and stamp.read_text() == wanted


@pytest.fixture
def fresh_copy(tmp_path: Path) -> Path:
    """The project's tracked files, committed in a new repository with a bare origin."""
    if not install_is_current():
        pytest.skip("the .venv is older than pyproject.toml: run python3 dev.py test first")
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    copy = tmp_path / "project"
    for relative in filter(None, listed.split("\0")):
        if (ROOT / relative).is_file():
            (copy / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / relative, copy / relative)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    (copy / "email.txt").write_text(EMAIL)
    shutil.copytree(ROOT / "tests" / "coaching_kb" / "importer" / "pages", copy / "old-site")
    git("init", "-q", "-b", "main", cwd=copy)
    git("init", "-q", "--bare", str(tmp_path / "origin.git"), cwd=tmp_path)
    for setting in (("user.name", "Test Author"), ("user.email", "author@example.org")):
        git("config", *setting, cwd=copy)
    git("add", "-A", cwd=copy)
    git("commit", "-q", "-m", "fresh copy", cwd=copy)
    git("remote", "add", "origin", str(tmp_path / "origin.git"), cwd=copy)
    git("push", "-q", "-u", "origin", "main", cwd=copy)
    return copy


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def serve_then_stop(prefix: str, line: str, copy: Path, env: dict[str, str]) -> None:
    """Run a serving command until it answers on its port, then stop it as Ctrl-C does."""
    port = int(PORT.search(line)[1]) if PORT.search(line) else 8000
    probe, expected = ("health", b'"ok"') if "comment-inbox" in line else ("", b"<html")
    server = subprocess.Popen(
        ["bash", "-c", f"{prefix}\n{line}"], cwd=copy, env=env, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 240
    try:
        while True:
            try:
                url = f"http://127.0.0.1:{port}/{probe}"
                with urllib.request.urlopen(url, timeout=5) as page:
                    assert expected in page.read()
                    break
            except OSError:
                assert server.poll() is None, f"{line!r} stopped: {server.stdout.read()}"
                assert time.monotonic() < deadline, f"{line!r} never served"
                time.sleep(0.5)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # never leave a server holding the port
            raise AssertionError(f"{line!r} did not stop on Ctrl-C") from None


@pytest.mark.skipif(not port_is_free(8000), reason="port 8000, the README's, is in use")
@pytest.mark.parametrize("number", range(len(readme_blocks())))
def test_readme_block_runs_verbatim(number, fresh_copy):
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join([str(ROOT / ".venv" / "bin"), env.get("PATH", "")])
    done: list[str] = ["set -e"]
    for line in readme_blocks()[number].splitlines():
        if not line.strip():
            continue
        if SERVES.search(line):
            serve_then_stop("\n".join(done), line, fresh_copy, env)
            continue
        done.append(line)
        result = subprocess.run(
            ["bash", "-c", "\n".join(done)], cwd=fresh_copy, env=env,
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        assert result.returncode == 0, f"{line!r} failed:\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stdout + result.stderr
        if not line.lstrip().startswith((".", "source ")):
            done.pop()  # run each command once; keep only what sets up the shell
