"""Turn one page into the files to write and a report. Pure: text in, planned files out."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from coaching_kb.content.front_matter import render
from coaching_kb.content.slugs import slug_of
from coaching_kb.moderation.spam import Context, score

from .lines import Line, mark_chrome, split_lines
from .structure import Post, Profile, find_profiles, proposed_title, read_post, split_posts


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """A file the import would write, relative to the destination folder."""

    path: str
    text: str


@dataclass
class PageReport:
    """What one input page turned into."""

    source: str
    essays: int = 0
    questions: int = 0
    comments: int = 0
    spam: int = 0
    authors: list[str] = field(default_factory=list)
    dropped: list[Line] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    unaccounted: list[Line] = field(default_factory=list)
    fates: dict[int, str] = field(default_factory=dict)  # line number -> what became of it


def plan_page(
    name: str,
    text: str,
) -> tuple[list[PlannedFile], PageReport]:
    """Return the files one page becomes, and its report."""
    lines = split_lines(text)
    owner = mark_chrome(lines)
    profiles = find_profiles(lines)
    posts = split_posts(lines)
    for post in posts:
        read_post(post, profiles)
    posts = [post for post in posts if post.blocks or post.letter]
    report = PageReport(source=name)
    files: list[PlannedFile] = []
    used_slugs: set[str] = set()
    for post in posts:
        fill_gaps(post, profiles, owner)
        slug = unique(slug_of(post.title) or "imported-post", used_slugs)
        files.append(post_file(post, slug, name))
        files += comment_files(post, slug, report)
        report.essays += not post.is_qa
        report.questions += post.is_qa
        report.review += [f"{slug}: {item}" for item in post.review]
    files += profile_files(posts, profiles, report)
    report.dropped = [line for line in lines if line.fate.startswith("dropped:")]
    report.unaccounted = [line for line in lines if not line.is_blank and not line.fate]
    report.fates = {line.number: line.fate for line in lines if not line.is_blank}
    return files, report


def unique(slug: str, used: set[str]) -> str:
    """Return `slug`, numbered if this page already used it."""
    candidate, number = slug, 2
    while candidate in used:
        candidate, number = f"{slug}-{number}", number + 1
    used.add(candidate)
    return candidate


def fill_gaps(post: Post, profiles: list[Profile], owner: str) -> None:
    """Give a post the title, author and date it lacks, noting each guess for review."""
    if not post.title:
        post.title = proposed_title(post)
        post.review.append("title proposed from the text")
    if not post.author and post.is_qa:
        full = next((p.name for p in profiles if p.name.startswith(post.columnist)), "")
        post.author = full or post.columnist
        if not full:
            post.review.append("the columnist is known only as " + post.columnist)
    if not post.author and owner:
        post.author = owner
    if not post.author:
        post.review.append("author unknown: add an 'Author:' line, or leave it uncredited")
    if post.published is None:
        post.review.append("date unknown: add a 'Date:' line")
    if post.is_qa and not post.asker:
        post.asker = "A reader"
        post.review.append("the letter was not signed")


def summary_of(post: Post) -> str:
    """Return the first sentences of the post's text, up to about 200 characters."""
    first = next((b for b in [*post.letter, *post.blocks] if not b.startswith(("#", "-"))), "")
    sentences = re.split(r"(?<=[.!?])\s+", first)
    summary = ""
    for sentence in sentences:
        if summary and len(summary) + len(sentence) > 200:
            break
        summary = f"{summary} {sentence}".strip()
    return summary[:300]


def post_file(post: Post, slug: str, source: str) -> PlannedFile:
    """Return the Markdown file of one essay or Q&A."""
    meta = {
        "Title": post.title,
        "Date": post.published.isoformat() if post.published else "",
        "Author": post.author,
        "Summary": summary_of(post),
        "Type": "qa" if post.is_qa else "",
        "Asker": post.asker if post.is_qa else "",
        "Original-Source": post.original_source,
        "Comments": "closed" if post.is_closed else "",
        "Review": "; ".join(post.review),
        "Imported-From": source,
    }
    if post.is_qa:
        body = "\n\n".join(
            [f"Dear {post.columnist},", *post.letter, "<!-- answer -->", *post.blocks]
        )
    else:
        body = "\n\n".join(post.blocks)
    folder = "qa" if post.is_qa else "essays"
    return PlannedFile(f"{folder}/{slug}.md", render(meta, body))


def comment_files(post: Post, slug: str, report: PageReport) -> list[PlannedFile]:
    """Return one comment file per reader comment, junk marked spam, nothing dropped."""
    files = []
    start = post.published or date(2000, 1, 1)
    for number, comment in enumerate(post.comments, start=1):
        status = "spam" if score(comment.body, Context(title=post.title)).is_spam else "approved"
        report.comments += 1
        report.spam += status == "spam"
        stamp = start + timedelta(days=1)
        meta = {
            "Author": comment.author,
            "Date": f"{stamp.isoformat()} {8 + number // 60:02d}:{number % 60:02d}",
            "Status": status,
        }
        files.append(PlannedFile(f"comments/{slug}/{number:03d}.md", render(meta, comment.body)))
    return files


def profile_files(
    posts: list[Post], profiles: list[Profile], report: PageReport
) -> list[PlannedFile]:
    """Return one author profile per author, from the page's bios where it has them."""
    by_name = {p.name: p for p in profiles}
    for post in posts:
        if not post.author:
            continue  # an unknown author gets no made-up profile
        by_name.setdefault(post.author, Profile(post.author, post.role))
        if post.role and not by_name[post.author].role:
            by_name[post.author].role = post.role
    files = []
    for name, profile in sorted(by_name.items()):
        report.authors.append(name)
        meta = {"Name": name, "Role": profile.role}
        files.append(
            PlannedFile(f"authors/{slug_of(name, kind='AUTHOR')}.md", render(meta, profile.bio))
        )
    return files
