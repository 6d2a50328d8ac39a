"""Comment files: `Author`, `Date`, `Status`, optional `Reply-To`, `Email`, `URL`, then Markdown.

Pure: text in, `Comment` out.
"""

import difflib
from dataclasses import dataclass
from datetime import UTC, datetime

from front_matter import parse
from site_errors import ContentError, where

STATUSES = ("approved", "pending", "spam")
KNOWN_KEYS = frozenset({"author", "date", "status", "reply-to", "email", "url"})
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
    )
