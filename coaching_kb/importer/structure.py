"""Find the posts, Q&As, comments and author profiles in a page's lines. Pure.

Every line gets a fate: part of a post, a metadata field, or dropped as chrome with a reason.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from .lines import BULLET, Line

NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s")
DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")
DATE_PREFIX = re.compile(r"^(posted|published)( on)?\s*:?\s*", re.IGNORECASE)
NAME = r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3}"
BYLINE = re.compile(rf"^(?:by\s+|B(?=[A-Z][a-z]))(?P<name>{NAME})(?:,\s*(?P<role>.{{2,60}}))?$")
BIO_SLASHES = re.compile(rf"^(?P<name>{NAME}),\s*(?P<role>[^/]{{2,60}}?)\s*//\s*(?P<bio>.+)$")
BIO_IS = re.compile(rf"^(?P<name>{NAME}) is (?:a|an|the) (?P<role>.{{3,60}}?)(?= and |[,.;])")
NAME_LINE = re.compile(rf"^{NAME}$")
SALUTATION = re.compile(r"^Dear (?P<name>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?)\s*[:,]$")
SIGNATURE = re.compile(r"^[—–-]+\s*(?P<name>.{2,60})$|^Signed,?\s+(?P<signed>.{2,60})$")
ORIGINAL = re.compile(
    r"^(?:this (?:post|article) (?:was )?)?originally (?:published|appeared) (?:in|on) "
    r"(?P<source>.+?)\.?$",
    re.IGNORECASE,
)
COMMENTS_START = re.compile(
    r"^(share in the comments|leave a (comment|reply)|\d+ (comments|responses)|"
    r"(reader )?comments|responses)\W*$",
    re.IGNORECASE,
)


@dataclass
class Profile:
    """An author found on the page."""

    name: str
    role: str = ""
    bio: str = ""


@dataclass
class ImportedComment:
    """A reader comment found after a post."""

    body: str
    line: int
    author: str = "A reader"


@dataclass
class Post:
    """One essay or Q&A found on the page."""

    title: str = ""
    lines: list[Line] = field(default_factory=list)
    author: str = ""
    role: str = ""
    published: date | None = None
    original_source: str = ""
    is_closed: bool = False
    blocks: list[str] = field(default_factory=list)
    comments: list[ImportedComment] = field(default_factory=list)
    is_qa: bool = False
    columnist: str = ""
    asker: str = ""
    letter: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    """Return the date a whole line names (common layouts), or None."""
    plain = DATE_PREFIX.sub("", text.strip()).rstrip(".")
    for layout in DATE_FORMATS:
        try:
            return datetime.strptime(plain, layout).date()
        except ValueError:
            continue
    return None


def is_heading(line: Line, following: Line | None) -> bool:
    """Return True for a short line that introduces a longer paragraph."""
    text = line.text.strip()
    if not text or line.words > 12 or len(text) > 90 or text[-1] in ".,;:":
        return False
    if BULLET.match(line.text) and not NUMBERED.match(line.text):
        return False
    return following is not None and following.words >= 12


def gaps(lines: list[Line]) -> list[tuple[int, int]]:
    """Return, for each line, the number of blank lines before and after it."""
    result = []
    for index in range(len(lines)):
        before = 0
        while index - before - 1 >= 0 and lines[index - before - 1].is_blank:
            before += 1
        after = 0
        while index + after + 1 < len(lines) and lines[index + after + 1].is_blank:
            after += 1
        result.append((before, after))
    return result


def next_text(lines: list[Line], index: int) -> Line | None:
    """Return the next non-blank, non-dropped line after `index`."""
    for line in lines[index + 1 :]:
        if not line.is_blank and not line.fate:
            return line
    return None


def find_titles(lines: list[Line]) -> list[int]:
    """Return the indexes of post titles: short lines set apart by two or more blank lines."""
    spacing = gaps(lines)
    titles = []
    for index, line in enumerate(lines):
        _, after = spacing[index]
        following = next_text(lines, index)
        if (
            not line.fate
            and not line.is_blank
            and after >= 2
            and line.words <= 12
            and line.text.strip()[-1:] not in ".,;:"
            and following is not None
            and following.words >= 12
        ):
            titles.append(index)
    return titles


def find_profiles(lines: list[Line]) -> list[Profile]:
    """Find author bios and profile blocks; mark their lines as metadata."""
    profiles = []
    live = [line for line in lines if not line.is_blank and not line.fate]
    for position, line in enumerate(live):
        text = line.text.strip()
        if line.fate:  # already part of a profile found just above
            continue
        if match := BIO_SLASHES.match(text):
            profiles.append(Profile(match["name"], match["role"].strip(), match["bio"].strip()))
            line.fate = "meta:author profile"
        elif (match := BIO_IS.match(text)) and position >= len(live) - 6:
            profiles.append(Profile(match["name"], match["role"].strip(), text))
            line.fate = "meta:author profile"
        elif NAME_LINE.match(text) and position >= len(live) - 4:
            rest = live[position + 1 : position + 3]
            bio = next((item for item in rest if item.words >= 12), None)
            if bio is not None:
                profiles.append(Profile(text, "", bio.text.strip()))
                for item in live[position : live.index(bio) + 1]:
                    item.fate = "meta:author profile"
    return profiles


def split_posts(lines: list[Line]) -> list[Post]:
    """Return the posts on the page; lines before the first title are marked page header."""
    titles = find_titles(lines)
    if len(titles) < 2:
        titles = [single_title(lines)]
    posts = []
    for position, start in enumerate(titles):
        end = titles[position + 1] if position + 1 < len(titles) else len(lines)
        post = Post(lines=lines[max(start, 0) + (1 if start >= 0 else 0) : end])
        if start >= 0:
            post.title = lines[start].text.strip()
            lines[start].fate = "meta:title"
        posts.append(post)
    first = titles[0] if titles[0] >= 0 else 0
    for line in lines[:first]:
        if not line.is_blank and not line.fate:
            line.fate = "dropped:page header"
    return posts


def single_title(lines: list[Line]) -> int:
    """Return the index of a one-post page's title, or -1 when it has none."""
    live = [i for i, line in enumerate(lines) if not line.is_blank and not line.fate]
    for position, index in enumerate(live):
        if parse_date(lines[index].text) and position > 0:
            return live[position - 1]
    if live and lines[live[0]].words <= 12 and lines[live[0]].text.strip()[-1:] not in ".,;:":
        return live[0]
    return -1


def read_post(post: Post, profiles: list[Profile]) -> None:
    """Fill a post's fields and Markdown blocks from its lines."""
    live = [line for line in post.lines if not line.is_blank]
    last_profile = max(
        (i for i, line in enumerate(live) if line.fate == "meta:author profile"), default=-1
    )
    in_comments = asking = False
    letter_open = False
    for index, line in enumerate(live):
        text = line.text.strip()
        if line.fate == "dropped:comments are closed":
            line.fate, post.is_closed = "meta:comments closed", True
        if line.fate.startswith("dropped:") and COMMENTS_START.match(text):
            in_comments = asking = True  # a share prompt that opens the comments
        if line.fate:
            continue
        if index > last_profile >= 0:
            line.fate = "dropped:page footer"
        elif in_comments:
            if asking and text.endswith("?"):
                add_block(post, line, text)
            else:
                asking = False
                post.comments.append(ImportedComment(text, line.number))
                line.fate = "meta:comment"
        elif COMMENTS_START.match(text):
            line.fate, in_comments, asking = "dropped:comments prompt", True, True
        elif not post.blocks and not post.author and (match := BYLINE.match(text)):
            post.author, post.role = match["name"], (match["role"] or "").strip()
            line.fate = "meta:byline"
        elif not post.blocks and post.published is None and (found := parse_date(text)):
            post.published, line.fate = found, "meta:date"
        elif match := ORIGINAL.match(text):
            post.original_source, line.fate = match["source"].strip(), "meta:original source"
        elif not post.blocks and not post.letter and (match := SALUTATION.match(text)):
            post.is_qa, post.columnist, letter_open = True, match["name"], True
            line.fate = "meta:salutation"
        elif letter_open:
            letter_open = read_letter_line(post, line, text)
        elif post.is_qa and not post.asker and not post.blocks and SIGNATURE.match(text):
            read_letter_line(post, line, text)  # the signature under a letter that ended with '?'

        else:
            following = next((item for item in live[index + 1 :] if not item.fate), None)
            add_block(post, line, text, following)
    if not post.author and len(profiles) == 1:
        post.author, post.role = profiles[0].name, profiles[0].role


def read_letter_line(post: Post, line: Line, text: str) -> bool:
    """Add one line of a reader's letter; return False once the letter has ended."""
    if match := SIGNATURE.match(text):
        post.asker = (match["name"] or match["signed"]).strip()
        line.fate = "meta:asker"
        return False
    post.letter.append(as_markdown_text(text))
    line.fate = "body:letter"
    return not text.endswith("?")


def as_markdown_text(text: str) -> str:
    """Return plain text made safe as Markdown: no raw HTML, no link or image syntax."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("[", "\\[").replace("]", "\\]")


def add_block(post: Post, line: Line, text: str, following: Line | None = None) -> None:
    """Add a line to the post's Markdown as a heading, list item or paragraph."""
    text = as_markdown_text(text)
    bullet = BULLET.match(line.text)
    if is_heading(line, following) and post.blocks:
        post.blocks.append(f"## {text}")
    elif bullet and not NUMBERED.match(line.text):
        item = f"- {as_markdown_text(line.text[bullet.end() :].strip())}"
        if post.blocks and post.blocks[-1].startswith("- "):
            post.blocks[-1] += f"\n{item}"
        else:
            post.blocks.append(item)
    else:
        post.blocks.append(text)
    line.fate = "body:post"


def proposed_title(post: Post) -> str:
    """Return a title proposed from the post's first sentence (marked for review)."""
    first = next((b for b in post.blocks if not b.startswith(("#", "-"))), "Imported post")
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0].rstrip(".!?")
    _, _, tail = sentence.partition(", ")
    if 4 <= len(tail.split()) <= 12:
        sentence = tail
    title = " ".join(sentence.split()[:10]).rstrip(",;: ")
    return title[:1].upper() + title[1:]
