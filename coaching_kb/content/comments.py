"""Comment files: `Author`, `Date`, `Status`, optional `Reply-To` and `URL`, then Markdown.

`Email` is still read from older files (and never published); new files never hold one:
readers' addresses live in the inbox's private store, outside git.

Pure: text in, `Comment` out.
"""

import difflib
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coaching_kb.content.front_matter import parse
from coaching_kb.content.paths import data_folders
from coaching_kb.errors import ContentError, where

STATUSES = ("approved", "pending", "spam")
UNLISTED_SALT = "static-comments unlisted:"
KNOWN_KEYS = frozenset({"author", "date", "status", "reply-to", "email", "url", "by-author"})
# `By-Author: yes` marks a comment the article's writer wrote (the theme's "Author" badge): only
# the owner writes it, the inbox never does, so a reader typing the writer's name gets no badge.
BY_AUTHOR = {"yes": True, "true": True, "no": False, "false": False, "": False}
# Replies nest this deep at most, on the page and in what the inbox files: a reader can chain
# replies to their own pending ones without end, and each level is a level of recursion.
MAX_REPLY_DEPTH = 8
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M", "%Y/%m/%d")


@dataclass(frozen=True, slots=True)
class Comment:
    """One reader comment as stored in git."""

    id: str
    article_slug: str
    author: str
    date: datetime
    status: str
    body: str
    reply_to: str = ""
    email: str = ""
    url: str = ""
    path: str = ""
    by_author: bool = False  # `By-Author: yes`, which only the owner writes

    @property
    def is_published(self) -> bool:
        """Return True when readers may see the comment."""
        return self.status == "approved"


def parse_date(value: str) -> datetime | None:
    """Return the date `value` names (ISO 8601 or a common layout), or None."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
        for layout in DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, layout)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def comment_from(text: str, article_slug: str, comment_id: str, shown: str) -> Comment:
    """Return the comment in `text`; raise ContentError naming the line and the fix."""
    doc = parse(text, shown)
    for key in doc.meta:
        if key not in KNOWN_KEYS:
            near = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
            fix = f"did you mean '{near[0].title()}:'?" if near else "remove it"
            raise ContentError(f"{where(shown, doc.line_of(key))}: unknown key '{key}'. Fix: {fix}")
    if not doc.get("author"):
        raise ContentError(
            f"{where(shown, 1)}: comment has no 'Author:'. Fix: add 'Author: the reader's name'"
        )
    if not doc.get("date"):
        raise ContentError(
            f"{where(shown, 1)}: comment has no 'Date:'. Fix: add 'Date: 2026-01-31 09:30'"
        )
    date = parse_date(doc.get("date"))
    if date is None:
        raise ContentError(
            f"{where(shown, doc.line_of('date'))}: date '{doc.get('date')}' is not a date. "
            "Fix: write it as 2026-01-31 or 2026-01-31 09:30"
        )
    status = doc.get("status", "pending").lower()
    if status not in STATUSES:
        raise ContentError(
            f"{where(shown, doc.line_of('status'))}: status '{status}' is not one of "
            f"{', '.join(STATUSES)}. Fix: write 'Status: approved', 'pending' or 'spam'"
        )
    by_author = BY_AUTHOR.get(doc.get("by-author").lower())
    if by_author is None:
        raise ContentError(
            f"{where(shown, doc.line_of('by-author'))}: 'By-Author: {doc.get('by-author')}' is "
            "neither yes nor no. Fix: write 'By-Author: yes' on a comment the article's writer "
            "wrote, or delete the line"
        )
    return Comment(
        id=comment_id,
        article_slug=article_slug,
        author=doc.get("author"),
        date=date,
        status=status,
        body=doc.body.strip(),
        reply_to=doc.get("reply-to").removesuffix(".md"),
        email=doc.get("email"),
        url=doc.get("url"),
        path=shown,
        by_author=by_author,
    )


def check_replies(comments: list[Comment]) -> list[ContentError]:
    """Return an error for each published reply to an unknown comment and for each circle of
    published replies.

    A comment nobody published is only a reader's post awaiting moderation (or filed as spam):
    whatever its `Reply-To` names, it must not stop the owner's build. Published, a reply
    whose parent is not is shown at the top level (see static_comments' threads).
    """
    by_id = {c.id: c for c in comments}
    errors = [
        ContentError(
            f"{c.path}: Reply-To '{c.reply_to}' names no comment on this article. "
            f"Fix: use one of {', '.join(sorted(set(by_id) - {c.id})) or '(none)'} or remove "
            "the line"
        )
        for c in comments
        if c.is_published and c.reply_to and c.reply_to not in by_id
    ]
    published = {c.id: c for c in comments if c.is_published}
    reported: set[str] = set()
    for start in published.values():
        seen: list[str] = []
        current: Comment | None = start
        while current and current.reply_to in published and current.id not in seen:
            seen.append(current.id)
            current = published[current.reply_to]
        if current and current.id in seen and current.id not in reported:
            loop = seen[seen.index(current.id) :]
            reported.update(loop)
            errors.append(
                ContentError(
                    f"{current.path}: replies form a circle ({' -> '.join([*loop, loop[0]])}). "
                    "Fix: remove 'Reply-To' from the comment that started the conversation"
                )
            )
    return errors


def waiting_parents(comments: list[Comment]) -> list[str]:
    """Return a warning for each published reply to a comment nobody published: the page
    shows the reply alone (see static_comments' threads), answering nothing a reader sees."""
    by_id = {c.id: c for c in comments}
    waiting = [(c, by_id[c.reply_to]) for c in comments if c.is_published and c.reply_to in by_id]
    return [
        f"{reply.path}: a published reply to {parent.path}, which is {parent.status}: the page "
        f"shows the reply alone, as a comment of its own. Fix: approve {parent.path} too "
        "(Status: approved), or delete the reply's Reply-To line"
        for reply, parent in waiting
        if not parent.is_published
    ]


def read_folder(folder: Path, shown: str) -> tuple[list[Comment], list[str]]:
    """Return the comments of one article's folder and the errors of unreadable files."""
    comments: list[Comment] = []
    errors: list[str] = []
    for path in sorted(folder.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
            comments.append(comment_from(text, folder.name, path.stem, f"{shown}/{path.name}"))
        except ContentError as error:
            errors.append(str(error))
        except UnicodeDecodeError:
            errors.append(f"{shown}/{path.name}: is not UTF-8 text. Fix: save it as UTF-8")
    errors += [str(error) for error in check_replies(comments)]
    return comments, errors


def comment_folders(settings: Any) -> list[Path]:
    """Return each article's comment folder, from every comments folder."""
    return [
        folder
        for root in data_folders(settings, "COMMENTS")
        for folder in sorted(root.iterdir())
        if folder.is_dir()
    ]


def unlisted_key(slug: str) -> str:
    """Return the key comments.json lists a hidden article under: the inbox finds it from the
    slug a reader's form sends, but the public file never names an unlisted page."""
    return hashlib.sha256(f"{UNLISTED_SALT}{slug}".encode()).hexdigest()
