"""Problems of one content file, as Pelican's own reader sees it (Markdown, reST, any reader).

A file Pelican could not turn into content is read again with metadata left raw, so every
problem of that file is reported at once (a bad date no longer hides a missing title).
"""

import copy
import difflib
import functools
import os
import re
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from pelican.plugins.yaml_front_matter.glue import FrontMatterFileError
from pelican.urlwrappers import URLWrapper
from pelican.utils import get_date

from coaching_kb.content.authors import load_all_profiles, unknown_authors
from coaching_kb.content.body import resolved_body
from coaching_kb.content.decoding import decode_text
from coaching_kb.content.front_matter import split_list
from coaching_kb.content.paths import key_line as field_line
from coaching_kb.content.paths import shown_path
from coaching_kb.content.slugs import slug_of
from coaching_kb.content.topics import unknown_topics
from coaching_kb.errors import ContentError
from coaching_kb.scaffold import ANSWER_PLACEHOLDER, PLACEHOLDERS

from .dates import ambiguous_date, date_problems, unknown_zone
from .foreign import (
    is_missing_extension,
    template_in_content,
    title_advice,
    unreadable_markup,
)
from .images import (
    line_of_image,
    missing_image_message,
    missing_images,
    needed_source,
    written_target,
)
from .problems import ERROR, PENDING, WARNING, Problem, problem_from
from .remote import remote_problems
from .settings_errors import settings_problems
from .skipped import skipped_sources

MAX_BYTES = 5_000_000
ARTICLE_STATUSES = ("published", "draft", "hidden", "skip")
PAGE_STATUSES = ("published", "draft", "hidden", "skip")
KNOWN_KEYS = frozenset(
    {
        "title", "date", "modified", "author", "authors", "category", "tags", "slug",
        "summary", "status", "lang", "translation", "save_as", "url", "template",
        "type", "asker", "original-source", "series", "series_index", "comments",
        "image", "image-alt", "featured", "keywords", "description", "og_image",
        "review", "imported-from", "topic_links", "asker-email",
    }
)  # fmt: skip
# A target after `{filename}` (and the like); `internal_targets` checks that it is a link's.
INTERNAL_TARGET = re.compile(r"""\{(?:filename|static|attach)\}([^"'#?]+)""")
LINK_ATTRIBUTES = ('href="', "href='", 'src="', "src='")
IMAGE_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT = re.compile(r"""\balt=(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
SRC = re.compile(r"""\bsrc=(["'])(.*?)\1""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file Pelican reads as an article or a page, and what it made of it (None: nothing)."""

    path: Path
    shown: str
    is_page: bool
    content: Any = None
    published: Container[str] = frozenset()  # the output paths the build publishes


def file_problems(source: SourceFile, reader: Any, settings: Mapping[str, Any]) -> list[Problem]:
    """Return every problem of one content file, errors and warnings."""
    if source.content is not None:  # Pelican read it: only what it does not check itself
        if source.path.stat().st_size > MAX_BYTES:
            return [too_big(source.path, source.shown)]
        return list(read_file_problems(source, settings))
    try:
        text = decode(source.path, source.shown)
    except ContentError as error:
        return [problem_from(str(error))]
    if template := template_in_content(source.path, source.shown, text):
        return [template]
    try:
        html, meta = raw_read(reader, source.path)
    except (ContentError, FrontMatterFileError) as error:  # a reader of ours: line and fix
        return [problem_from(str(error))]
    except Exception as error:  # noqa: BLE001 - any reader failure is this file's problem
        if is_missing_extension(error, settings):
            return []  # the settings' MARKDOWN line is the problem, named once
        if markup := unreadable_markup(source.shown, str(error)):
            return [markup]
        if setting := settings_problems(error, settings):  # MARKDOWN's, say: named once
            return setting
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return [
            Problem(
                source.shown, 1, f"Pelican cannot read this file ({first}). Fix: correct the "
                "markup near the place named, or move the file out of the content folder",
            )
        ]  # fmt: skip
    lines = text.splitlines()
    # Pelican gave up on the file (a bad date, say): its text is still checked, so that one
    # problem does not hide the others.
    return [*metadata_problems(source, meta, lines, settings),
            *unread_problems(source, reader, meta, text, lines, settings),
            *body_problems(source, html, lines, settings)]  # fmt: skip


def unread_problems(
    source: SourceFile, reader: Any, meta: Mapping[str, Any], text: str, lines: list[str],
    settings: Mapping[str, Any],
) -> Iterator[Problem]:  # fmt: skip
    """Yield what the plugins would have said of a file Pelican could not read: template
    text, unknown authors and topics (its other values read by Pelican's own reader)."""
    status = text_of(meta.get("status", "")).lower()
    severity = WARNING if status == "draft" else ERROR
    for placeholder in (p for p in PLACEHOLDERS if p in text):
        yield Problem(
            source.shown, line_mentioning(lines, placeholder), f"'{placeholder}' is the "
            "template's text. Fix: replace it with your own", severity,
        )  # fmt: skip
    values = {key: read_value(reader, key, meta[key]) for key in ("author", "authors", "tags")
              if key in meta}  # fmt: skip
    people = [values.get("author"), *(values.get("authors") or [])]
    for message in unknown_authors([p for p in people if p], settings):
        yield Problem(source.shown, key_line(lines, "author"), message, severity)
    for message in unknown_topics(values.get("tags") or [], settings):
        yield Problem(source.shown, key_line(lines, "tags"), message, severity)


def read_value(reader: Any, key: str, value: Any) -> Any:
    """Return a raw metadata value as Pelican's reader makes it (an Author, a list of Tags)."""
    try:
        return reader.process_metadata(key, value)
    except Exception:  # noqa: BLE001 - a value Pelican cannot read is another check's problem
        return None


def read_file_problems(source: SourceFile, settings: Mapping[str, Any]) -> Iterator[Problem]:
    """Yield the problems of a file Pelican read: key typos, broken links, images without alt."""
    meta = source.content.metadata
    typos = [(key, near) for key in meta if (near := typo_of(key))]
    # Pelican's HTML with its links resolved as on its page (from `pages/about.html`, an image
    # is `../images/x.png`): a `{filename}` link still there found no source.
    html = resolved_body(source.content, settings)
    values = str(meta.values())
    left = [text for text in PLACEHOLDERS if text in html or text in values]
    missing = missing_targets(source.path, html, Path(settings["PATH"]))
    left_out = skipped_targets(source.path, html, settings)
    unlabelled = images_without_alt(html)
    nameless = [str(t) for t in meta.get("tags", []) if not tag_slug(t, settings)]
    elsewhere = resource_problems(source, html, settings)
    if unsigned := unsigned_answer(source, settings):
        yield unsigned
    yield from date_problems(source.path, source.shown, source.content,
                             unpublished_or(source, ERROR))  # fmt: skip
    if not (typos or left or missing or left_out or unlabelled or nameless or elsewhere
            or "review" in meta):  # fmt: skip
        return  # the common case: nothing wrong, so the file is not read again
    lines = source.path.read_text(encoding="utf-8", errors="replace").splitlines()
    for key, near in typos:
        yield Problem(
            source.shown, key_line(lines, key), f"unknown key '{key}'. "
            f"Fix: did you mean '{near.title()}:'?", WARNING,
        )  # fmt: skip
    yield from unfinished(source, lines, left)
    for tag in nameless:
        yield nameless_topic(source.shown, key_line(lines, "tags"), tag)
    yield from link_and_image_problems(
        source.shown, lines, missing, unlabelled, unpublished_or(source, ERROR)
    )
    for target in left_out:  # an error, so --keep-going leaves this file out in turn
        yield Problem(
            source.shown, line_mentioning(lines, target), f"link to '{target}', which this "
            "build leaves out (its own problem is listed). Fix: correct that file, or remove "
            "the link", unpublished_or(source, ERROR), subject=target,
        )  # fmt: skip
    for needle, problem in elsewhere:
        line = line_of_image(lines, needle, problem.subject or needle)
        if problem.subject:  # a missing image: named as written, with the file it needs
            problem = replace(
                problem, message=missing_image_as_written(source, lines, line, problem, settings)
            )
        yield replace(problem, line=line)


def unsigned_answer(source: SourceFile, settings: Mapping[str, Any]) -> Problem | None:
    """Return the problem of a published Q&A with no columnist on a site with profiles: it
    would be signed with the site's name, which the owner never chose."""
    content = source.content
    if str(getattr(content, "type", "")).lower() != "qa" or getattr(content, "authors", None):
        return None
    if getattr(content, "status", "") != "published":
        return None
    profiles, _errors = load_all_profiles(dict(settings))
    if not profiles:
        return None  # a site without profiles: the answer is the site's own
    names = [profile.name for profile in profiles.values()]
    others = f" (or another of: {', '.join(names[1:])})" if len(names) > 1 else ""
    return Problem(
        source.shown, 1, "the answer has no 'Author:', so it would be signed with the site's "
        f"name. Fix: add 'Author: {names[0]}'{others}, the columnist who answers",
    )  # fmt: skip


def missing_image_as_written(
    source: SourceFile, lines: list[str], line: int, problem: Problem, settings: Mapping[str, Any]
) -> str:
    """Return a missing image's message naming the target on its line and the file it needs."""
    name = Path(problem.subject).name
    written = written_target(lines[line - 1], name) if 0 < line <= len(lines) else ""
    if not written:
        return problem.message
    needed = needed_source(written, source.path, Path(settings["PATH"]))
    return missing_image_message(problem.subject, written, shown_path(settings, needed))


def resource_problems(
    source: SourceFile, html: str, settings: Mapping[str, Any]
) -> list[tuple[str, Problem]]:
    """Return (what to find on its line, problem) for each image the site would not publish
    (errors) and each resource from another host a browser would block (warnings)."""
    page_url = getattr(source.content, "url", "") or ""
    severity = unpublished_or(source, ERROR)
    found = [
        (url, Problem(source.shown, 0, missing_image_message(path), severity,
                      subject=str(Path(settings["PATH"]) / path)))
        for url, path in missing_images(page_url, html, settings["SITEURL"], source.published)
    ]  # fmt: skip
    found += [
        (url, Problem(source.shown, 0, text, WARNING))
        for url, text in remote_problems(html, settings)
    ]
    return found


def body_problems(
    source: SourceFile, html: str, lines: list[str], settings: Mapping[str, Any]
) -> Iterator[Problem]:
    """Yield the broken internal links and images without alt text of one file's HTML."""
    root = Path(settings["PATH"])
    missing = missing_targets(source.path, html, root)
    links = []
    for target in missing:  # Pelican left `{static}` unresolved: an image is named as one
        line = line_mentioning(lines, target)
        written = written_target(lines[line - 1], Path(target).name) if lines else ""
        if not written:
            links.append(target)
            continue
        needed = shown_path(settings, needed_source(written, source.path, root))
        yield Problem(source.shown, line, missing_image_message(target, written, needed))
    yield from link_and_image_problems(source.shown, lines, links, images_without_alt(html))


def unpublished_or(source: SourceFile, severity: str) -> str:
    """Return `severity` for a file that is published, a warning for a draft (a reminder)."""
    return WARNING if getattr(source.content, "status", "") == "draft" else severity


def link_and_image_problems(
    shown: str, lines: list[str], missing: list[str], unlabelled: list[str], severity: str = ERROR
) -> Iterator[Problem]:
    for target in missing:
        yield Problem(
            shown, line_mentioning(lines, target), f"link to '{target}', which does "
            "not exist. Fix: correct the path (relative to this file, or starting with / "
            "from the content folder)", severity, subject=target,
        )  # fmt: skip
    for src in unlabelled:
        yield Problem(
            shown, line_mentioning(lines, src or "<img"),
            "image has no alt text. Fix: describe it: ![what the image shows](...), or "
            'alt="what the image shows"', WARNING,
        )  # fmt: skip


def unfinished(source: SourceFile, lines: list[str], placeholders: list[str]) -> Iterator[Problem]:
    """Yield the template text and import notes left in a post: errors once it is published."""
    severity = ERROR if getattr(source.content, "status", "") == "published" else WARNING
    for text in placeholders:
        if text == ANSWER_PLACEHOLDER and severity != ERROR:
            # A draft letter waiting for its answer (readers send them) fails nothing.
            yield Problem(
                source.shown, line_mentioning(lines, text), "this letter awaits your "
                "answer. Fix: write it in place of the placeholder", PENDING,
            )  # fmt: skip
            continue
        yield Problem(
            source.shown, line_mentioning(lines, text), f"'{text}' is the template's text. "
            "Fix: replace it with your own", severity,
        )  # fmt: skip
    if review := text_of(source.content.metadata.get("review", "")):
        yield review_problem(source.shown, key_line(lines, "review"), review, severity)


def nameless_topic(shown: str, line: int, tag: str) -> Problem:
    return Problem(
        shown, line, f"topic '{tag}' has no letters or digits, so it has no page. "
        "Fix: name it with a word, or remove it",
    )  # fmt: skip


def review_problem(shown: str, line: int, review: str, severity: str) -> Problem:
    return Problem(
        shown, line, f"the importer asks you to review: {review}. "
        "Fix: check each point, then delete the 'Review:' line", severity,
    )  # fmt: skip


@functools.cache  # the same few keys recur in every file; difflib is slow
def typo_of(key: str) -> str:
    """Return the known key `key` is probably a typo of, or ''."""
    if key in KNOWN_KEYS:
        return ""
    near = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.8)
    return near[0] if near else ""


def too_big(path: Path, shown: str) -> Problem:
    size = path.stat().st_size
    return Problem(
        shown, 1, f"the file is {size // 1_000_000} MB, over the {MAX_BYTES // 1_000_000} MB "
        "limit. Fix: split it into several articles",
    )  # fmt: skip


def decode(path: Path, shown: str) -> str:
    """Return the text of `path`; raise ContentError for empty, binary, huge or non-UTF-8 files."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise ContentError(str(too_big(path, shown)))
    return decode_text(raw, shown, "write a 'Title:' line and the text, or remove the file")


def raw_read(reader: Any, path: Path) -> tuple[str, dict[str, Any]]:
    """Return the HTML and the metadata the reader makes of `path`, with no metadata value
    parsed (dates stay text)."""
    raw_reader = copy.copy(reader)
    raw_reader.process_metadata = lambda _name, value: value
    html, meta = raw_reader.read(str(path))
    return html or "", {str(key).lower(): value for key, value in meta.items()}


def key_line(lines: list[str], key: str) -> int:
    """Return the line of a metadata field, or 1 when the file does not show one."""
    return field_line(lines, key) or 1


def text_of(value: Any) -> str:
    """Return a raw metadata value as one string (readers may give lists)."""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value).strip()


def metadata_problems(
    source: SourceFile, meta: Mapping[str, Any], lines: list[str], settings: Mapping[str, Any]
) -> Iterator[Problem]:
    """Yield problems with the title, date, status and keys of one file."""
    shown = source.shown
    if not text_of(meta.get("title", "")):
        yield Problem(
            shown, key_line(lines, "title"), "the title is missing or empty. "
            f"Fix: {title_advice(source.path)}",
        )  # fmt: skip
    yield from unparsed_dates(shown, meta, lines)
    date = text_of(meta.get("date", ""))
    if date:
        if swapped := ambiguous_date(shown, key_line(lines, "date"), date, ERROR):
            yield swapped
    elif not source.is_page and not settings.get("DEFAULT_DATE"):
        yield Problem(shown, 1, "the article has no date. Fix: add 'Date: 2026-01-31'")
    status = text_of(meta.get("status", "")).lower()
    allowed = PAGE_STATUSES if source.is_page else ARTICLE_STATUSES
    if status and status not in allowed:
        yield Problem(
            shown, key_line(lines, "status"), f"status '{status}' is not one of "
            f"{', '.join(allowed[:3])}, so the file is skipped. Fix: write 'Status: draft', "
            "or remove the line to publish",
        )  # fmt: skip
    if review := text_of(meta.get("review", "")):
        severity = ERROR if status in ("", "published") else WARNING
        yield review_problem(shown, key_line(lines, "review"), review, severity)
    for tag in split_list(text_of(meta.get("tags", ""))):
        if not tag_slug(tag, settings):
            yield nameless_topic(shown, key_line(lines, "tags"), tag)
    for key in meta:
        if near := typo_of(key):
            yield Problem(
                shown, key_line(lines, key), f"unknown key '{key}'. "
                f"Fix: did you mean '{near.title()}:'?", WARNING,
            )  # fmt: skip


def unparsed_dates(shown: str, meta: Mapping[str, Any], lines: list[str]) -> Iterator[Problem]:
    """Yield a problem for a `Date:` or `Modified:` Pelican cannot parse (it would say only
    "Could not process" of the file)."""
    for key, name in (("date", "date"), ("modified", "modified date")):
        value = text_of(meta.get(key, ""))
        if not value:
            continue
        try:
            get_date(value.replace("_", " "))
        except (ValueError, OverflowError):
            yield Problem(
                shown, key_line(lines, key), f"{name} '{value}' does not parse. "
                "Fix: write it as 2026-01-31 or 2026-01-31 09:30",
            )  # fmt: skip
    if (zone := text_of(meta.get("timezone", ""))) and (wrong := unknown_zone(zone)):
        yield Problem(shown, key_line(lines, "timezone"), f"time zone {wrong}")


def tag_slug(tag: Any, settings: Mapping[str, Any]) -> str:
    """Return a tag's slug: the one Pelican's Tag holds, else worked out by Pelican's rules."""
    return tag.slug if isinstance(tag, URLWrapper) else slug_of(str(tag), settings, kind="TAG")


def missing_targets(path: Path, html: str, content_root: Path) -> list[str]:
    """Return the `{filename}`/`{static}`/`{attach}` link targets of `path` that name no file."""
    if "{filename}" not in html and "{static}" not in html and "{attach}" not in html:
        return []
    missing = []
    for target in dict.fromkeys(internal_targets(html)):
        # As Pelican does: the target as written, else with its %-escapes undone.
        if not any(
            names_a_file(written, path.parent, content_root)
            for written in dict.fromkeys((target, unquote(target)))
        ):
            missing.append(target)
    return missing


def skipped_targets(path: Path, html: str, settings: Mapping[str, Any]) -> list[str]:
    """Return the link targets of `path` naming a file `build --keep-going` leaves out: Pelican
    publishes such a link as written (`{filename}x.rst`), broken."""
    skipped = skipped_sources(settings)
    if not skipped or "{" not in html:
        return []
    root = Path(settings["PATH"])
    return [
        target
        for target in dict.fromkeys(internal_targets(html))
        if any(
            os.path.normpath(root / t.lstrip("/") if t.startswith("/") else path.parent / t)
            in skipped
            for t in dict.fromkeys((target, unquote(target)))
        )
    ]


def names_a_file(target: str, here: Path, content_root: Path) -> bool:
    """Return True if a link target names a file (from the content folder if it starts with /)."""
    return (content_root / target.lstrip("/") if target.startswith("/") else here / target).exists()


def internal_targets(html: str) -> Iterator[str]:
    """Yield the targets of the `{filename}`, `{static}` and `{attach}` links in `html`."""
    # The regex starts with a literal, which `re` finds fast; one starting with the
    # attribute's name took ten times as long on every article.
    for match in INTERNAL_TARGET.finditer(html):
        start = match.start()
        if html[start - 6 : start] in LINK_ATTRIBUTES or html[start - 5 : start] in LINK_ATTRIBUTES:
            yield match.group(1)


def images_without_alt(html: str) -> list[str]:
    """Return the src of each image with no (or an empty) alt text."""
    if "<img" not in html:
        return []
    found = []
    for tag in IMAGE_TAG.findall(html):
        alt = ALT.search(tag)
        if not (alt and alt.group(2).strip()):
            src = SRC.search(tag)
            found.append(src.group(2) if src else "")
    return found


def line_mentioning(lines: list[str], needle: str) -> int:
    """Return the first line containing `needle`, or 1."""
    for number, line in enumerate(lines, start=1):
        if needle and needle in line:
            return number
    return 1
