"""Fixtures: an owner's project in a temp folder, and inboxes started under uvicorn."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coaching_kb.moderation.testing import OWNER_SITE, Inbox, make_project


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


@pytest.fixture
def owner_project(tmp_path: Path) -> Path:
    """The owner's project: a tiny site in git, with a bare origin, built once."""
    return make_project(tmp_path, OWNER_SITE)
