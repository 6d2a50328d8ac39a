"""Find every problem in a content folder, each as `path:line: what is wrong. Fix: how`.

Reads Markdown articles and pages, author profiles, topics and comment files; builds nothing.
"""

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.utils import get_date

from coaching_kb.content.authors import load_all_profiles
from coaching_kb.content.comments import comment_folders, read_folder
from coaching_kb.content.decoding import decode_text
from coaching_kb.content.front_matter import Document, parse, split_list
from coaching_kb.content.letters import SEPARATOR
from coaching_kb.content.paths import data_folder, data_folders, shown_path
from coaching_kb.content.slugs import slug_of
from coaching_kb.content.topics import Vocabulary, load_all_topics
from coaching_kb.errors import ContentError

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
DATA = ("AUTHORS", "TOPICS", "COMMENTS")
STATUSES = ("published", "draft", "hidden")
MAX_ARTICLE_BYTES = 5_000_000
KNOWN_KEYS = frozenset(
    {
        "title", "date", "modified", "author", "authors", "category", "tags", "slug",
        "summary", "status", "lang", "translation", "save_as", "url", "template",
        "type", "asker", "original-source", "series", "series_index", "comments",
        "image", "image-alt", "featured", "keywords", "description", "og_image",
        "review", "imported-from",
    }
)  # fmt: skip
INTERNAL_LINK = re.compile(r"\{(?:filename|static|attach)\}([^)\s\"'>#?]+)")
IMAGE_MARKDOWN = re.compile(r"!\[(?P<alt>[^\]]*)\]\(")
IMAGE_HTML = re.compile(r"<img\b(?![^>]*\balt=\"[^\"]+\")[^>]*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing to fix, printable as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else self.path
        return f"{place}: {self.message}"


@dataclass(frozen=True, slots=True)
class Source:
    """A content file that parsed: its document and where Pelican will publish it."""

    doc: Document
    file: Path
    is_page: bool
    slug: str
    url: str


def problem_from(message: str) -> Problem:
    """Return a Problem from a `path:line: text` or `path: text` error message."""
    match = re.match(r"^(?P<path>[^:]+?)(?::(?P<line>\d+))?: (?P<text>.*)$", message, re.DOTALL)
    if not match:
        return Problem("", 0, message)
    return Problem(match["path"], int(match["line"] or 0), match["text"])


def check_folder(settings: Mapping[str, Any]) -> list[Problem]:
    """Return every problem in the content folder named by settings['PATH'], sorted."""
    problems: list[Problem] = []
    sources: list[Source] = []
    for path in content_files(settings):
        try:
            sources.append(read_source(path, settings))
        except ContentError as error:
            problems.append(problem_from(str(error)))
    problems += check_unique(sources)
    problems += check_references(sources, settings)
    problems += check_comments(sources, settings)
    return sorted(set(problems))


def content_files(settings: Mapping[str, Any]) -> Iterator[Path]:
    """Yield the Markdown files Pelican will read as articles or pages."""
    content = Path(settings["PATH"])
    data = [f.resolve() for family in DATA for f in data_folders(settings, family)]
    for path in sorted(content.rglob("*")):
        if path.suffix.lower() not in MARKDOWN_SUFFIXES or not path.is_file():
            continue
        if any(path.resolve().is_relative_to(folder) for folder in data):
            continue
        if any(part.startswith(".") for part in path.relative_to(content).parts):
            continue
        yield path


def is_page(path: Path, settings: Mapping[str, Any]) -> bool:
    """Return True when Pelican reads `path` as a page rather than an article."""
    relative = path.relative_to(settings["PATH"])
    return any(relative.is_relative_to(p) for p in settings.get("PAGE_PATHS", ["pages"]))


def decode(path: Path, shown: str) -> str:
    """Return the text of `path`; raise ContentError for empty, binary, huge or non-UTF-8 files."""
    raw = path.read_bytes()
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ContentError(
            f"{shown}:1: the file is {len(raw) // 1_000_000} MB, over the "
            f"{MAX_ARTICLE_BYTES // 1_000_000} MB limit. Fix: split it into several articles"
        )
    return decode_text(raw, shown, "write a 'Title:' line and the text, or remove the file")


def read_source(path: Path, settings: Mapping[str, Any]) -> Source:
    """Return the parsed file; raise ContentError for its first fatal problem."""
    shown = shown_path(settings, path)
    doc = parse(decode(path, shown), shown)
    if not doc.get("title"):
        raise ContentError(
            f"{shown}:{doc.line_of('title') or 1}: the title is missing or empty. "
            "Fix: add 'Title: Your title' as the first line"
        )
    page = is_page(path, settings)
    if not page and not doc.get("date") and not settings.get("DEFAULT_DATE"):
        raise ContentError(f"{shown}:1: the article has no date. Fix: add 'Date: 2026-01-31'")
    if doc.get("date"):
        try:
            get_date(doc.get("date"))
        except (ValueError, OverflowError):
            raise ContentError(
                f"{shown}:{doc.line_of('date')}: date '{doc.get('date')}' does not parse. "
                "Fix: write it as 2026-01-31 or 2026-01-31 09:30"
            ) from None
    slug = doc.get("slug") or slug_of(doc.get("title"), settings)
    pattern = settings["PAGE_URL" if page else "ARTICLE_URL"]
    url = doc.get("url") or pattern.format(slug=slug, lang=doc.get("lang", "en"))
    return Source(doc, path, page, slug, url)


def check_unique(sources: list[Source]) -> Iterator[Problem]:
    """Yield a problem for each typo'd key and each slug or URL used twice."""
    first_with: dict[tuple[str, str], Source] = {}
    for source in sources:
        doc = source.doc
        for key in doc.meta:
            near = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.75)
            if key not in KNOWN_KEYS and near:
                yield Problem(
                    doc.path,
                    doc.line_of(key) or 1,
                    f"unknown key '{key}'. Fix: did you mean '{near[0].title()}:'?",
                )
        kind = "page" if source.is_page else "article"
        for what, value in ((f"{kind} slug", source.slug), ("URL", source.url)):
            other = first_with.setdefault((what, value), source)
            if other is not source:
                yield Problem(
                    doc.path,
                    doc.line_of("slug") or doc.line_of("title") or 1,
                    f"{what} '{value}' is already used by {other.doc.path}. "
                    "Fix: give one of them another title or a 'Slug:' line",
                )


def check_references(sources: list[Source], settings: Mapping[str, Any]) -> Iterator[Problem]:
    """Yield problems with links, images, authors, topics and Q&A layout."""
    content = Path(settings["PATH"])
    authors_dir = data_folder(settings, "AUTHORS")
    profiles, errors = load_all_profiles(settings)
    topics, topic_errors = load_all_topics(settings)
    yield from (problem_from(e) for e in [*errors, *topic_errors])
    vocabulary = Vocabulary(topics)
    for source in sources:
        doc = source.doc
        yield from check_body(doc, source.file, content)
        yield from check_authors(doc, profiles, shown_path(settings, authors_dir))
        for tag in split_list(doc.get("tags")):
            if not slug_of(tag, settings, kind="TAG"):
                yield Problem(
                    doc.path,
                    doc.line_of("tags") or 1,
                    f"topic '{tag}' has no letters or digits, so it has no page. Fix: name it",
                )
            elif vocabulary and vocabulary.resolve(tag) is None:
                yield Problem(doc.path, doc.line_of("tags") or 1, vocabulary.unknown_message(tag))
        status = doc.get("status").lower()
        if status and status not in STATUSES:
            yield Problem(
                doc.path,
                doc.line_of("status") or 1,
                f"status '{status}' is not one of {', '.join(STATUSES)}, so the file is skipped. "
                "Fix: write 'Status: draft', or remove the line to publish",
            )
        if doc.get("type").lower() == "qa" and not SEPARATOR.search(doc.body):
            yield Problem(
                doc.path,
                doc.body_line,
                "this Q&A has no '<!-- answer -->' line. Fix: put the reader's letter first, "
                "then a line '<!-- answer -->', then the answer",
            )


def check_authors(doc: Document, profiles: Mapping[str, Any], folder: str) -> Iterator[Problem]:
    """Yield a problem for each byline naming an author with no profile (when there are any)."""
    if not profiles:
        return
    known = {slug_of(p.name, kind="AUTHOR") for p in profiles.values()} | set(profiles)
    for name in split_list(doc.get("authors")) or split_list(doc.get("author")):
        if slug_of(name, kind="AUTHOR") not in known:
            choices = ", ".join(sorted(p.name for p in profiles.values()))
            yield Problem(
                doc.path,
                doc.line_of("author") or doc.line_of("authors") or 1,
                f"unknown author '{name}'. Fix: add {folder}/{slug_of(name, kind='AUTHOR')}.md "
                f"or use one of: {choices}",
            )


def check_body(doc: Document, file: Path, content: Path) -> Iterator[Problem]:
    """Yield problems in the text: links to missing files and images without alt text."""
    here = file.parent
    for offset, line in enumerate(doc.body.splitlines()):
        number = doc.body_line + offset
        for target in INTERNAL_LINK.findall(line):
            found = content / target.lstrip("/") if target.startswith("/") else here / target
            if not found.exists():
                yield Problem(
                    doc.path,
                    number,
                    f"link to '{target}', which does not exist. Fix: correct the path "
                    "(relative to this file, or starting with / from the content folder)",
                )
        for match in IMAGE_MARKDOWN.finditer(line):
            if not match["alt"].strip():
                yield Problem(
                    doc.path,
                    number,
                    "image has no alt text. Fix: describe it: ![what the image shows](...)",
                )
        if IMAGE_HTML.search(line):
            yield Problem(
                doc.path, number, 'image has no alt text. Fix: add alt="what the image shows"'
            )


def check_comments(sources: list[Source], settings: Mapping[str, Any]) -> Iterator[Problem]:
    """Yield problems in comment folders and files."""
    slugs = {source.slug for source in sources if not source.is_page}
    for folder in comment_folders(settings):
        shown = shown_path(settings, folder)
        if folder.name not in slugs:
            near = difflib.get_close_matches(folder.name, slugs, n=1)
            hint = f"did you mean '{near[0]}'?" if near else "use an article's slug"
            yield Problem(shown, 0, f"comments for a missing article '{folder.name}'. Fix: {hint}")
            continue
        yield from (problem_from(error) for error in read_folder(folder, shown)[1])
