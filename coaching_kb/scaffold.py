"""Scaffold a new essay or advice-column Q&A with correct metadata, slug and date."""

from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from coaching_kb.content.front_matter import render
from coaching_kb.content.safe_write import write_text
from coaching_kb.content.slugs import slug_of
from coaching_kb.errors import SiteError

KINDS = {"essay": "essays", "qa": "qa"}
SUMMARY_PLACEHOLDER = "One or two sentences a reader sees in lists and search results."
ASKER_PLACEHOLDER = "Name the Letter Writer Chose"
LETTER_PLACEHOLDER = "(The reader's letter goes here"
ANSWER_PLACEHOLDER = "(Your answer goes here.)"
ESSAY_PROMPTS = (
    "Open with the situation a reader will recognise.",
    "Say what you have seen work, and why.",
    "One small, concrete step.",
)
# Text of the template that must be replaced before a post is published (`check` looks).
PLACEHOLDERS = (
    SUMMARY_PLACEHOLDER, ASKER_PLACEHOLDER, LETTER_PLACEHOLDER, ANSWER_PLACEHOLDER, *ESSAY_PROMPTS
)  # fmt: skip
ESSAY_BODY = """{}

## What is really going on

{}

## What to try this week

- {}
""".format(*ESSAY_PROMPTS)
QA_BODY = """Dear Coach,

{letter}, in their words, with identifying details changed.)

<!-- answer -->

{answer}
"""


def new_post(
    content: Path, kind: str, title: str, author: str, tags: str = "", today: date | None = None,
    folder: Path | None = None,
) -> Path:  # fmt: skip
    """Write a new draft post in `folder` (else its kind's folder under `content`) and return
    its path; never overwrite."""
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
        "Summary": SUMMARY_PLACEHOLDER,
        "Type": "qa" if kind == "qa" else "",
        "Asker": ASKER_PLACEHOLDER if kind == "qa" else "",
        "Status": "draft",
    }
    path = (folder or content / KINDS[kind]) / f"{slug}.md"
    fix = "a post with this title exists: choose another title, or edit that file"
    qa_body = QA_BODY.format(letter=LETTER_PLACEHOLDER, answer=ANSWER_PLACEHOLDER)
    write_text(path, render(meta, qa_body if kind == "qa" else ESSAY_BODY), fix=fix)
    return path


ARTICLE_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst")


def posts_folder(settings: Mapping[str, Any]) -> Path | None:
    """Return the folder most of a site's articles are in, or None when it has none.

    On a Pelican site a post's folder is often its section (`USE_FOLDER_AS_CATEGORY`), so a
    new post written anywhere else would open a section of its own.
    """
    root = Path(settings["PATH"])
    skipped = {*settings.get("IGNORE_FILES", []), *settings.get("PAGE_PATHS", [])}
    skipped |= set(settings.get("ARTICLE_EXCLUDES", []))
    counts = Counter(
        path.parent
        for top in settings.get("ARTICLE_PATHS", [""])
        for path in (root / top).rglob("*")
        if path.suffix in ARTICLE_SUFFIXES and not skipped & set(path.relative_to(root).parts[:-1])
    )
    return counts.most_common(1)[0][0] if counts else None
