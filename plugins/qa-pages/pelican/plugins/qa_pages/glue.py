"""Pelican glue for Q&As: file them in their section, then split and describe each one."""

import html
import itertools
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelican.urlwrappers import Category

from coaching_kb.content.body import body_of, set_body
from coaching_kb.content.letters import SEPARATOR, Letter, split_letter
from coaching_kb.content.paths import key_line, located, read_lines
from coaching_kb.content.reader_text import clean_html
from coaching_kb.content.slugs import slug_of
from coaching_kb.errors import ContentError

from .jsonld import qa_jsonld

if TYPE_CHECKING:
    from pelican.generators import ArticlesGenerator

log = logging.getLogger(__name__)
DEFAULT_SECTION = "Ask the Coach"
# The inbox names a letter's file, and its Slug, `<yyyymmdd>-<title>`: unique, so two draft
# letters with one title never share an address.
INBOX_SLUG = re.compile(r"^\d{8}-")
HEADER_LINES = 200  # a page's title and slug are at its top
RST_UNDERLINE = re.compile(r"([=\-`:'\"~^_*+#<>])\1*")
# Folders the product's plugins write at the output's root by default, when no setting names
# them (topics' TOPICS_SAVE_AS, Pagefind's bundle, the theme's files, feeds, drafts).
PLUGIN_FOLDERS = frozenset({"topics", "pagefind", "theme", "feeds", "drafts", "tag", "category"})
HTML_TITLE = re.compile(r"<title[^>]*>(?P<title>.*?)</title>", re.IGNORECASE | re.DOTALL)


class PageHtml:
    """The letter or the answer of a Q&A, taken from its HTML as the page being written has it.

    Pelican resolves {filename}/{tag} links relative to each page only while writing that
    page (`article.content`), so splitting earlier would give links relative to the site root.
    """

    def __init__(self, article: Any, is_answer: bool) -> None:
        self.article, self.is_answer = article, is_answer

    def __html__(self) -> str:
        letter = split_letter(self.article.content, self.article.source_path)
        return letter.answer_html if self.is_answer else clean_html(letter.letter_html)

    __str__ = __html__


def is_qa(article: object) -> bool:
    """Return True for advice-column Q&As."""
    return str(getattr(article, "type", "")).lower() == "qa"


def clean_letter(content: Any) -> None:
    """Sanitize a Q&A's letter in its body as soon as it is read, before Pelican resolves a
    link in it: the reader's `{attach}` or `{static}` would publish a file of the build
    machine, and the feed, the summary and the checks read this body, not the page's copy."""
    if not is_qa(content):
        return
    body = body_of(content)
    if (answer := SEPARATOR.search(body)) is not None:
        set_body(content, f"{clean_html(body[: answer.start()])}\n{body[answer.start() :]}")


def questions_of(generator: "ArticlesGenerator") -> list[Any]:
    """Return the Q&As, drafts too: a site that shows drafts (the live preview does) shows a
    draft letter as it will be published, its reader's text sanitized as on the published page."""
    return [a for a in [*generator.articles, *generator.drafts] if is_qa(a)]


def address_from_title(generator: "ArticlesGenerator") -> None:
    """Give each published letter still carrying the inbox's Slug the address of its Title.

    The inbox's dated name was for the draft; the owner publishing an answer expects the page
    at its title's address, as any post's (a Slug the owner wrote is kept). A title whose
    address another post already has keeps the inbox's address: readers choose titles, and
    two letters with one title must never break the build. Runs before Pelican writes
    anything, so every link, list and output uses the new address.
    """
    letters = [a for a in generator.articles if is_inbox_letter(a)]
    chosen = {id(letter) for letter in letters}
    taken = {a.slug for a in generator.articles if id(a) not in chosen}
    taken |= site_addresses(generator.settings) | page_addresses(generator)
    # Every letter's own address is kept for it: another's title must not take it.
    taken |= {letter.slug for letter in letters}
    for letter in sorted(letters, key=lambda a: a.source_path):
        wanted = slug_of(letter.title, generator.settings)
        if wanted and wanted not in taken and not INBOX_SLUG.match(wanted):
            letter.slug = wanted
            taken.add(wanted)


def site_addresses(settings: dict[str, Any]) -> set[str]:
    """Return every name the site may write at the output's root besides articles: the first
    folder (or page name) of each output the settings name (`search/index.html` -> "search",
    `section/{slug}/index.html` -> "section", feeds, the theme's and Pagefind's folders), the
    product's plugins' own folders, and what the content folder holds at its root (static
    files are copied under their paths)."""
    found = set(PLUGIN_FOLDERS)
    for key, value in settings.items():
        is_output = key.endswith(("_SAVE_AS", "_DIR")) or "FEED" in key
        if is_output and isinstance(value, str) and value:
            first = value.strip("/").split("/")[0]
            if "{" not in first:
                found.add(first.split(".")[0])
    content = Path(settings.get("PATH", ""))
    if content.is_dir():
        found |= {entry.name.split(".")[0] for entry in content.iterdir()}
    return found


def page_addresses(generator: "ArticlesGenerator") -> set[str]:
    """Return every address the owner's pages may take, before Pelican reads them (it reads
    pages after articles): each page file's name, and the Title, Slug or reST/HTML title its
    text opens with. More than Pelican will use is harmless: a letter keeps the inbox's."""
    settings = generator.settings
    found = set()
    for relative in generator.get_files(settings["PAGE_PATHS"], exclude=settings["PAGE_EXCLUDES"]):
        lines = read_lines(os.path.join(settings["PATH"], relative))[:HEADER_LINES]
        names = [Path(relative).stem, *header_values(lines), *document_titles(lines)]
        found |= {slug_of(name, settings) for name in names} | set(names)
    return found - {""}


def header_values(lines: list[str]) -> Iterator[str]:
    """Yield the Title and Slug of a `Key: value`, YAML or reST-field header, unquoted."""
    for key in ("title", "slug"):
        if number := key_line(lines, key):
            written = lines[number - 1].strip()
            value = written.split(":", 2 if written.startswith(":") else 1)[-1]
            yield value.strip().strip("\"'").strip()


def document_titles(lines: list[str]) -> Iterator[str]:
    """Yield a reST title (a line underlined with one punctuation mark) and an HTML <title>."""
    for above, below in itertools.pairwise(line.strip() for line in lines):
        if above and len(below) >= len(above) and RST_UNDERLINE.fullmatch(below):
            yield above
            break
    if found := HTML_TITLE.search("\n".join(lines)):
        yield html.unescape(found["title"]).strip()


def is_inbox_letter(article: Any) -> bool:
    """Return True for a Q&A whose Slug is still the one the inbox gave its file."""
    slug = str(article.metadata.get("slug", ""))
    return (
        is_qa(article) and bool(INBOX_SLUG.match(slug)) and slug == Path(article.source_path).stem
    )


def file_under_section(generator: "ArticlesGenerator") -> None:
    """Put every Q&A in the QA_CATEGORY section, before Pelican groups categories."""
    section = Category(generator.settings.get("QA_CATEGORY", DEFAULT_SECTION), generator.settings)
    for article in questions_of(generator):
        article.category = section


def split_questions(generator: "ArticlesGenerator") -> None:
    """Set letter, answer and JSON-LD on each Q&A; log the ones that cannot be split."""
    site_url = generator.settings.get("SITEURL", "")
    for article in questions_of(generator):
        shown = located(generator.settings, article.source_path, "")
        try:
            split = split_letter(body_of(article), shown)
        except ContentError as error:
            # A draft is unfinished work: a reminder, never a failed build.
            is_draft = getattr(article, "status", "") == "draft"
            log.log(logging.WARNING if is_draft else logging.ERROR, "qa_pages: %s", error)
            continue
        # The letter is a reader's text: no markup of theirs reaches the page.
        letter = Letter(clean_html(split.letter_html), split.answer_html)
        article.letter = PageHtml(article, is_answer=False)
        article.answer = PageHtml(article, is_answer=True)
        article.asker = getattr(article, "asker", "") or "A reader"
        author = getattr(article, "author", None)
        article.columnist = author.name if author else generator.settings.get("SITENAME", "")
        article.qa_jsonld = qa_jsonld(
            title=article.title,
            letter=letter,
            asker=article.asker,
            columnist=article.columnist,
            date_iso=article.date.isoformat(),
            url=f"{site_url}/{article.url}",
        )
    generator.context["qa_category"] = generator.settings.get("QA_CATEGORY", DEFAULT_SECTION)
    questions = sorted(filter(is_qa, generator.articles), key=lambda a: a.date, reverse=True)
    # The home page's first page already lists the newest articles: feature only other Q&As.
    shown = set(map(id, generator.articles[: first_page_size(generator.settings)]))
    earlier = [question for question in questions if id(question) not in shown]
    generator.context["latest_questions"] = earlier[: generator.settings.get("QA_ON_HOME", 3)]


def first_page_size(settings: dict[str, Any]) -> int | None:
    """Return how many articles the home page's first page lists (None: all of them)."""
    size = settings.get("PAGINATED_TEMPLATES", {}).get("index") or settings.get(
        "DEFAULT_PAGINATION"
    )
    return int(size) if size else None
