"""Readers' personal data, kept out of git: a small SQLite file beside the repository.

A reader may leave an email address so the owner can answer them. It is never written into a
comment or letter file (those are pushed, and a site's repository is usually public); it is
kept here, joined to the file by its path inside the repository. Nothing else about a reader
is kept: no IP address, no browser.
"""

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

SCHEMA = """
create table if not exists contact (
    item text primary key,   -- the comment's or letter's path in the repository
    email text not null,
    received text not null   -- when it arrived (ISO 8601, UTC)
)
"""


class PrivateStore:
    """The email addresses readers left, by the path of the file their post became."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30)
        connection.execute(SCHEMA)
        return connection

    def keep(self, item: str, email: str, received: datetime) -> None:
        """Remember the address a reader left with `item` (nothing when they left none); the
        first one stays: a repeat of the same post must not replace it."""
        if not email.strip():
            return
        with closing(self.connect()) as connection, connection:
            connection.execute(
                "insert or ignore into contact values (?, ?, ?)",
                (item, email.strip(), received.isoformat()),
            )

    def email_of(self, item: str) -> str:
        """Return the address left with `item`, or '' when there is none."""
        if not self.path.is_file():
            return ""
        with closing(self.connect()) as connection:
            row = connection.execute("select email from contact where item = ?", (item,)).fetchone()
        return row[0] if row else ""
