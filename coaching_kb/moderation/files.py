"""Moderate comment files from the command line: add from an email, approve, mark spam, triage.

Each function changes only the `Status:` line or writes a new file; nothing is deleted.
"""

import difflib
import glob
import html
import re
import sys
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_string, policy
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from coaching_kb.content.comments import STATUSES, comment_from
from coaching_kb.content.front_matter import parse, render
from coaching_kb.content.safe_write import write_text
from coaching_kb.content.slugs import slug_of
from coaching_kb.errors import SiteError
from coaching_kb.scaffold import ANSWER_PLACEHOLDER

from .spam import Context, read_blocklist, score

BLOCKLIST_NAME = "blocklist.txt"  # in the comments folder: one word, domain or address a line

STATUS_LINE = re.compile(r"^status\s*:.*$", re.IGNORECASE | re.MULTILINE)
SPACES = re.compile(r"\s+")
SLUG_SAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")  # what a comment id (its file's stem) may hold


# Control characters a reader cannot mean (NUL makes git call the file binary and reaches the
# page in a name); tabs and line breaks stay.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Direction embeddings, overrides and isolates: in a name, "\u202e" would reverse what the
# page shows after it (the date). The marks U+200E/U+200F stay: they reorder nothing after them.
DIRECTION = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Letters that show nothing, used for "empty" names: Hangul fillers and the blank Braille cell.
FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Format characters (zero-width spaces, joiners), controls, and combining marks and variation
# selectors: with no letter to sit on, they show nothing either.
INVISIBLE = ("Cf", "Cc", "Mn", "Me")


def is_blank(value: str) -> bool:
    """Return whether `value` shows nothing: spaces, zero-width, filler characters and marks
    with no letter only."""
    return all(c.isspace() or c in FILLERS or unicodedata.category(c) in INVISIBLE for c in value)


def one_line(value: str) -> str:
    """Return `value` on one line with no direction changes: a reader's line break must not
    start a header line of its own (a name "Eve\\nStatus: approved" would publish itself)."""
    return SPACES.sub(" ", DIRECTION.sub("", CONTROLS.sub("", value))).strip()


def plain_text(value: str) -> str:
    """Return a reader's text with `&`, `<` and `>` escaped, so no markup of theirs is kept.

    Markdown shows the escapes as the characters typed; the build sanitizes again anyway.
    """
    return html.escape(CONTROLS.sub("", value).strip(), quote=False)


@dataclass(frozen=True, slots=True)
class Submission:
    """A comment as a reader sent it."""

    author: str
    body: str
    email: str = ""
    url: str = ""
    reply_to: str = ""
    sent_at: datetime | None = None  # an email's Date (UTC); None for text and form posts


def read_message(source: str) -> str:
    """Return the text of `source` ('-' for standard input), or raise SiteError naming it
    (never turn a reader's accented letters into replacement marks)."""
    name = "standard input" if source == "-" else source
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        what = {FileNotFoundError: "does not exist", IsADirectoryError: "is a folder"}.get(
            type(error), f"cannot be read ({error.strerror})"
        )
        raise SiteError(f"comment-add: {name} {what}. Fix: pass --source with the file the "
                        "email is saved in (- reads standard input)") from None  # fmt: skip
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SiteError(
            f"comment-add: {name} is not UTF-8 text. Fix: save the "
            "email as UTF-8 text (iconv -f latin1 -t utf-8 < email.txt > email-utf8.txt)"
        ) from None


def submission_from_message(text: str, author: str = "", url: str = "") -> Submission:
    """Return the comment in an email (headers and body) or in plain text with `author`."""
    message = message_from_string(text, policy=policy.default)
    if message.get("From"):
        name, address = parseaddr(str(message.get("From", "")))
        part = message.get_body(preferencelist=("plain",))
        body = part.get_content() if part is not None else message.get_payload()
        sent = parse(str(body), "message")  # the form puts URL/Reply-To lines first
        return Submission(
            author=author or name or address.split("@")[0],
            body=sent.body if sent.meta else str(body),
            email=address,
            url=url or sent.get("url"),
            reply_to=sent.get("reply-to"),
            sent_at=sent_date(message.get("Date")),
        )
    return Submission(author=author, body=text, url=url)


def sent_date(header: Any) -> datetime | None:
    """Return an email's Date header in UTC, or None when it is missing, unreadable, naive or
    in the future (a wrong clock must not date a comment ahead of the others)."""
    when = getattr(header, "datetime", None)
    if when is None or when.tzinfo is None:
        return None
    when = when.astimezone(UTC)
    return when if when <= datetime.now(UTC) else None


def article_slugs(settings: Mapping[str, Any]) -> dict[str, bool]:
    """Return the slugs of the articles that show comments, hidden ones too, read as the build
    reads them, each with whether its comments are closed."""
    from pelican.generators import ArticlesGenerator

    from coaching_kb.run import plan_pelican

    run = plan_pelican({**settings, "SEARCH_ENABLED": False})
    found = [g for g in run.generators if isinstance(g, ArticlesGenerator)]
    articles = [a for g in found for a in (*g.articles, *g.hidden_articles)]
    return {a.slug: bool(getattr(a, "is_comments_closed", False)) for a in articles}


def require_article(settings: Mapping[str, Any], slug: str) -> None:
    """Raise SiteError unless `slug` names an article that takes comments (with the nearest
    ones, or the fix for closed comments)."""
    if not slug.strip():
        raise SiteError("comment-add: no article given. Fix: pass --article <the article's slug>")
    slugs = article_slugs(settings)
    if slugs.get(slug) is False:
        return
    if slug in slugs:
        raise SiteError(f"comment-add: comments are closed on '{slug}' (its Comments: line). Fix: "
                        "delete that line to open them, then add the comment")  # fmt: skip
    near = difflib.get_close_matches(slug, slugs, n=3)
    hint = f"did you mean {', '.join(near)}?" if near else "use the last part of its URL"
    raise SiteError(f"comment-add: no published article has the slug '{slug}'. Fix: {hint}")


def add_comment(
    comments_dir: Path,
    article_slug: str,
    sent: Submission,
    now: datetime,
    status: str = "pending",
    published: Collection[str] = (),
) -> Path:
    """Write `sent` as a comment file (pending, or spam) under the article's folder; return it.

    Its parent is kept when it is a comment in the folder or one of `published`, the ids the
    built page shows (published from the owner's branch, they may be missing here)."""
    if is_blank(sent.author):
        raise SiteError("comment-add: the comment has no author. Fix: pass --author 'Name'")
    if is_blank(sent.body):
        raise SiteError("comment-add: the comment has no text. Fix: pipe the email or text in")
    folder = comments_dir / article_slug
    author, body = one_line(sent.author), plain_text(sent.body)
    parent = SLUG_SAFE_ID.sub("", sent.reply_to)
    parent = parent if parent in published or (folder / f"{parent}.md").is_file() else ""
    # Pelican's slug of the name, transliterated ('José Núñez' -> jose-nunez, '李雷' -> li-lei),
    # so the owner finds a reader's comments with a glob of the name they read.
    name = slug_of(author)[:30].strip("-") or "reader"
    sent_today = folder.glob(f"{now:%Y%m%d}-*-{glob.escape(name)}.md")  # this name's, not all
    if same := comment_sent_already(sorted(sent_today), author, body, parent):
        return same  # sent twice (a double click, a reload): one comment to read and publish
    path = unused_path(folder, f"{now:%Y%m%d-%H%M%S}", f"-{name}")
    # The reader's email address is personal data: it never goes into git (see PrivateStore).
    meta = {
        "Author": author,
        "Date": f"{now:%Y-%m-%d %H:%M:%S}",
        "Status": status,
        # A reader may name any parent: only a comment already on the article is one (a reply
        # to its own file would be a circle, to nowhere an error once the owner approves it).
        "Reply-To": parent,
        "URL": one_line(sent.url),
    }
    write_text(path, render(meta, body))
    return path


def comment_sent_already(paths: list[Path], author: str, body: str, parent: str) -> Path | None:
    """Return the comment of `paths` with this name, text and parent, if any."""
    for path in paths:
        sent = parse(path.read_text(encoding="utf-8"), str(path))
        if (sent.get("author"), sent.body.strip(), sent.get("reply-to")) == (author, body, parent):
            return path
    return None


def unused_path(folder: Path, stem: str, tail: str = "") -> Path:
    """Return `folder/<stem><tail>.md`, or `<stem>-2<tail>.md`... if taken (same second).

    The number goes before `tail` (a reader's name), so `*-sam-reader.md` finds them all.
    """
    path, number = folder / f"{stem}{tail}.md", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}{tail}.md"
    return path


@dataclass(frozen=True, slots=True)
class Question:
    """A reader's letter to the advice column, as sent."""

    title: str
    letter: str
    asker: str


def add_question(content: Path, sent: Question, now: datetime) -> Path:
    """Write a reader's letter as a draft Q&A in content/qa/ (the answer to be written).

    Its `Slug` is its file's name, unique in the folder: two letters with one title must not
    claim one address, or the second would break the build.
    """
    title = one_line(sent.title)
    if is_blank(title):
        title = " ".join(one_line(sent.letter).split()[:8]).rstrip(".,;:") + "…"
    slug = slug_of(title)[:60].strip("-") or "reader-question"
    asker = "A reader" if is_blank(sent.asker) else one_line(sent.asker)
    body = f"{plain_text(sent.letter)}\n\n<!-- answer -->\n\n{ANSWER_PLACEHOLDER}"
    if same := sent_already(content / "qa", f"{now:%Y%m%d}-{slug}", asker, body):
        return same  # sent twice (a double click, a reload): one letter to read
    path = unused_path(content / "qa", f"{now:%Y%m%d}-{slug}")
    meta = {
        "Title": title,
        "Slug": path.stem,
        "Date": f"{now:%Y-%m-%d %H:%M}",
        "Type": "qa",
        "Asker": asker,
        "Status": "draft",
    }
    write_text(path, render(meta, body))
    return path


def sent_already(folder: Path, stem: str, asker: str, body: str) -> Path | None:
    """Return the letter this day's letters already hold with this signature and text, if any."""
    for path in sorted(folder.glob(f"{glob.escape(stem)}*.md")):
        sent = parse(path.read_text(encoding="utf-8"), str(path))
        if sent.get("asker") == asker and sent.body.strip() == body.strip():
            return path
    return None


def comment_paths(given: list[str]) -> list[Path]:
    """Return the files named by paths and quoted globs, in order, each once; raise SiteError
    for a glob that matches nothing (a plain path is checked when it is used)."""
    found: dict[Path, None] = {}
    for one in given:
        if not glob.has_magic(one):
            found[Path(one)] = None
            continue
        matched = sorted(glob.glob(one))
        if not matched:
            raise SiteError(f"{one}: no comment file matches. Fix: check the article's folder "
                            "with ls content/comments/<article>/")  # fmt: skip
        found.update(dict.fromkeys(map(Path, matched)))
    return list(found)


def filed_as_spam_by_glob(given: list[str]) -> set[Path]:
    """Return the files only a glob of `given` named that are filed as spam (by the inbox, by
    comment-triage or by hand): approving a folder's comments must not publish them unseen."""
    named = {Path(one) for one in given if not glob.has_magic(one)}
    return {
        path
        for path in comment_paths(given)
        if path not in named and path.is_file() and status_of(path) == "spam"
    }


def require_comment_files(paths: list[Path], settings: Mapping[str, Any]) -> None:
    """Raise SiteError for a path that is not in an article's folder of a comments folder (an
    essay's own front matter is no comment's: its errors would send the owner to the wrong
    fix). Any content folder's comments count, not only the site's."""
    comments = Path(settings.get("COMMENTS_PATH") or "comments").name
    for path in paths:
        if path.is_file() and path.resolve().parent.parent.name != comments:
            raise SiteError(f"{path}: not a comment file (comments are in {comments}/<article>/ "
                            "in the content folder). Fix: give a comment file's path")  # fmt: skip


def status_of(path: Path) -> str:
    """Return the `Status:` of the comment file at `path` (pending when it has none); raise
    SiteError when there is no such file."""
    text = comment_text(path)
    return comment_from(text, path.parent.name, path.stem, str(path)).status


def comment_text(path: Path) -> str:
    """Return the text of the comment file at `path`; raise SiteError, as `check` words it,
    when there is no such file or it is not UTF-8."""
    if not path.is_file():
        raise SiteError(f"{path}: no such comment file. Fix: give the path of a .md comment file")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SiteError(f"{path}: is not UTF-8 text. Fix: save it as UTF-8") from None


def set_status(path: Path, status: str) -> None:
    """Change the `Status:` of the comment file at `path` to `status`, keeping everything else."""
    if status not in STATUSES:
        raise SiteError(f"{path}: '{status}' is not a status. Fix: use {', '.join(STATUSES)}")
    text = comment_text(path)
    comment_from(text, path.parent.name, path.stem, str(path))  # refuse to edit a broken file
    head, separator, body = text.partition("\n\n")
    if STATUS_LINE.search(head):
        head = STATUS_LINE.sub(f"Status: {status}", head, count=1)
    else:
        head = f"{head}\nStatus: {status}"
    write_text(path, head + separator + body, overwrite=True)


def triage(comments_dir: Path) -> list[tuple[Path, str]]:
    """File pending comments that score as spam as `spam`; return each file marked and why."""
    blocklist = read_blocklist(comments_dir / BLOCKLIST_NAME)
    marked = []
    for path in sorted(comments_dir.glob("*/*.md")):
        text = comment_text(path)
        comment = comment_from(text, path.parent.name, path.stem, str(path))
        if comment.status != "pending":
            continue
        context = Context(blocklist=blocklist, author=comment.author, url=comment.url)
        verdict = score(comment.body, context)
        if verdict.is_spam:
            set_status(path, "spam")
            marked.append((path, verdict.reason))
    return marked
