"""Scaffold a new essay or advice-column Q&A with correct metadata, slug and date."""

from datetime import date
from pathlib import Path

from coaching_kb.content.front_matter import render
from coaching_kb.content.safe_write import write_text
from coaching_kb.content.slugs import slug_of
from coaching_kb.errors import SiteError

KINDS = {"essay": "essays", "qa": "qa"}
ESSAY_BODY = """Open with the situation a reader will recognise.

## What is really going on

Say what you have seen work, and why.

## What to try this week

- One small, concrete step.
"""
QA_BODY = """Dear Coach,

(The reader's letter goes here, in their words, with identifying details changed.)

<!-- answer -->

(Your answer goes here.)
"""


def new_post(
    content: Path, kind: str, title: str, author: str, tags: str = "", today: date | None = None
) -> Path:
    """Write a new draft post under `content` and return its path; never overwrite."""
    if kind not in KINDS:
        raise SiteError(f"new: unknown kind '{kind}'. Fix: use --kind essay or --kind qa")
    if not title.strip():
        raise SiteError("new: the post needs a title. Fix: pass --title 'Your title'")
    slug = slug_of(title)
    if not slug:
        raise SiteError(f"new: '{title}' gives an empty URL name. Fix: use letters in the title")
    meta = {
        "Title": title.strip(),
        "Date": (today or date.today()).isoformat(),
        "Author": author,
        "Tags": tags,
        "Summary": "One or two sentences a reader sees in lists and search results.",
        "Type": "qa" if kind == "qa" else "",
        "Asker": "Name the Letter Writer Chose" if kind == "qa" else "",
        "Status": "draft",
    }
    path = content / KINDS[kind] / f"{slug}.md"
    write_text(path, render(meta, QA_BODY if kind == "qa" else ESSAY_BODY))
    return path
