"""Fixtures: an owner's project in a temp folder, and inboxes started under uvicorn."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coaching_kb.moderation.testing import OWNER_SITE, Inbox, git, make_project


@pytest.fixture
def start_inbox() -> Iterator[Callable[..., Inbox]]:
    """Start inboxes with the given COMMENTS_* variables (in an owner's project, if given,
    with `invoke comment-inbox`); stop them all at the end."""
    started: list[Inbox] = []

    def start(env: dict[str, str], project: Path | None = None, *arguments: str) -> Inbox:
        started.append(Inbox(env, project, arguments).start())
        return started[-1]

    yield start
    for inbox in started:
        inbox.stop()


@pytest.fixture(scope="session")
def owner_project_made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding the owner's `project` and its bare `origin.git`, made once."""
    folder = tmp_path_factory.mktemp("owner")
    make_project(folder, OWNER_SITE)
    return folder


@pytest.fixture
def owner_project(tmp_path: Path, owner_project_made: Path) -> Path:
    """The owner's project: a tiny site in git, with a bare origin, built once. Each test gets
    its own copy of both (the same files, commits and built site as `make_project` leaves)."""
    shutil.copytree(owner_project_made, tmp_path, symlinks=True, dirs_exist_ok=True)
    project = tmp_path / "project"
    git("remote", "set-url", "origin", str(tmp_path / "origin.git"), cwd=project)
    return project
