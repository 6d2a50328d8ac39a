"""For the tests: an owner's project in a temp folder, and the inbox under uvicorn beside it."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from coaching_kb.testing import ROOT, write_files

ESSAY = "leading-quietly"
OWNER_SITE = {
    "essays/leading-quietly.md": "Title: Leading quietly\nDate: 2026-01-05\n\nListen first.\n",
}


def git(*arguments: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """The inbox running under uvicorn in its own process, configured by `env`; or, given
    an owner's `project`, started there as the owner does, with `invoke comment-inbox`."""

    def __init__(self, env: dict[str, str], project: Path | None = None,
                 arguments: tuple[str, ...] = (), log: Path | None = None) -> None:  # fmt: skip
        self.log = log  # where its standard error goes (what the owner reads), if anywhere
        self.port = free_port()
        self.env = {**os.environ, **env}
        self.project = project
        self.arguments = arguments  # more for `invoke comment-inbox`, e.g. ("--origin", url)
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Inbox":
        command = [sys.executable, "-m", "uvicorn", "coaching_kb.moderation.inbox:create_app",
                   "--factory", "--no-proxy-headers", "--log-level", "warning"]  # fmt: skip
        if self.project is not None:
            command = [sys.executable, "-m", "invoke", "comment-inbox"]
        errors = self.log.open("a") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port), *self.arguments], cwd=self.project, env=self.env,
            stdout=subprocess.DEVNULL, stderr=errors,
        )  # fmt: skip
        if self.log:
            errors.close()  # the process has its own copy
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2):  # noqa: S310
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the inbox did not start")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=30)

    def post(self, path: str, fields: dict[str, str], accept: str = "application/json",
             raw: bytes | None = None, headers: dict[str, str] | None = None,
             ) -> tuple[int, str]:  # fmt: skip
        data = raw if raw is not None else urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(f"{self.url}{path}", data=data, method="POST", headers={  # noqa: S310
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept,
            **(headers or {})})  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def allowed_origin(self, origin: str) -> str | None:
        """Return the origin the inbox's CORS preflight allows a page at `origin` to post from."""
        request = urllib.request.Request(f"{self.url}/comments", method="OPTIONS", headers={  # noqa: S310
            "Origin": origin, "Access-Control-Request-Method": "POST"})  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.headers.get("access-control-allow-origin")
        except urllib.error.HTTPError as error:
            return error.headers.get("access-control-allow-origin")


def make_project(folder: Path, files: dict[str, str]) -> Path:
    """Return a copy of this project's code with `files` as its content, committed in git
    with a bare `origin`, and built once (the inbox reads the built site's article slugs)."""
    listed = git("ls-files", "-z", cwd=ROOT).split("\0")
    project = folder / "project"
    for relative in filter(None, listed):
        if relative.startswith(("content/", "tests/")) or not (ROOT / relative).is_file():
            continue
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, project / relative)
    write_files(project / "content", files)
    (project / "content" / "comments").mkdir(exist_ok=True)
    git("init", "-q", "-b", "main", cwd=project)
    for setting in (("user.name", "Site Owner"), ("user.email", "owner@example.org")):
        git("config", *setting, cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "the site", cwd=project)
    git("init", "-q", "--bare", "-b", "main", str(folder / "origin.git"), cwd=folder)
    git("remote", "add", "origin", str(folder / "origin.git"), cwd=project)
    git("push", "-q", "-u", "origin", "main", cwd=project)
    built = owner_task(project, "build")
    if built.returncode:
        raise RuntimeError(f"the owner's site does not build: {built.stdout}{built.stderr}")
    return project


def owner_task(project: Path, *arguments: str, ci: bool = False,
               env: dict[str, str] | None = None, timeout: float = 600,
               input_text: str | None = None) -> subprocess.CompletedProcess:  # fmt: skip
    """Run `invoke <arguments>` in the owner's project as they would (CI=true if `ci`), with
    `env` added to the environment and `input_text` on standard input."""
    variables = {k: v for k, v in os.environ.items() if k not in ("CI", "COMMENTS_REPO")}
    if ci:
        variables["CI"] = "true"  # as GitHub Actions sets it: warnings fail
    return subprocess.run(
        [sys.executable, "-m", "invoke", *arguments], cwd=project, env={**variables, **(env or {})},
        capture_output=True, text=True, timeout=timeout, check=False, input=input_text,
    )  # fmt: skip
