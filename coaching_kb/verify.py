"""Check a built site: links, anchors and assets resolve, HTML is well formed, feeds and the
sitemap are valid XML and complete, and nothing is loaded from another host unless the page's
own Content-Security-Policy allows it (images over https, frames from the hosts posts embed)."""

import posixpath
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from coaching_kb.content.pages import LOCAL_PREVIEW, html_pages, public_pages
from coaching_kb.content.policy import allows, parse_policy

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})  # fmt: skip
OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th", "tbody", "thead"})
TEXT_AREAS = frozenset(
    {"article__body", "letter__body", "answer__body", "comment__body", "comment__author"}
    | {"profile__bio", "profile__links", "first-published"}
    | {"site-nav"}  # the menu: the site's own MENU_LINKS or MENUITEMS, links it chose
    | {"site-footer__links"}  # its blogroll and social links (LINKS, SOCIAL), chosen too
)


class PageReader(HTMLParser):
    """Collect a page's references, ids and tag-balance errors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside reader-written text)
        self.references: list[tuple[str, str, bool]] = []  # (tag, url, inside text)
        self.ids: set[str] = set()
        self.errors: list[str] = []
        self.policy: dict[str, list[str]] = {}  # the page's Content-Security-Policy

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.policy = parse_policy(values.get("content") or "")
        in_text = bool(self.stack and self.stack[-1][1]) or bool(
            set((values.get("class") or "").split()) & TEXT_AREAS
        )
        for name in ("id", "name") if tag in ("a", "div", "section", "h2", "h3", "li") else ("id",):
            if values.get(name):
                self.ids.add(values[name] or "")
        for name in ("href", "src", "action", "poster", "data"):
            if values.get(name) and not (tag == "link" and values.get("rel") == "canonical"):
                self.references.append((tag, values[name] or "", in_text))
        if tag not in VOID:
            self.stack.append((tag, in_text))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag not in [open_tag for open_tag, _ in self.stack]:
            self.errors.append(f"unexpected </{tag}> at line {self.getpos()[0]}")
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                return
            if open_tag not in OPTIONAL_END:
                self.errors.append(
                    f"<{open_tag}> not closed before </{tag}> (line {self.getpos()[0]})"
                )

    def close(self) -> None:
        super().close()
        left = [tag for tag, _ in self.stack if tag not in OPTIONAL_END | {"html", "body", "head"}]
        if left:
            self.errors.append(f"unclosed at the end: {', '.join(left)}")


def resolve(output: Path, page: Path, url: str, site_url: str) -> tuple[Path | None, str]:
    """Return the file a page-relative or site URL points to (None if external) and its anchor."""
    if site_url and url.startswith(site_url):
        url = "/" + url[len(site_url) :].lstrip("/")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, ""
    if not parts.path:
        return page, parts.fragment
    base = "/" + page.relative_to(output).parent.as_posix()
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    path = output / target.lstrip("/")
    if parts.path.endswith("/") or path.is_dir():
        path /= "index.html"
    return path, parts.fragment


# A `{static}`, `{filename}` or `{attach}` link (or `|filename|`) Pelican left as written.
LEFT_AS_WRITTEN = re.compile(r"^[{|](?:filename|static|attach)[|}]")
SOURCE_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")

CANONICAL = re.compile(r'<link rel="canonical" href="(?P<url>https?://[^"]+)"')


def built_site_url(output: Path) -> str:
    """Return the SITEURL the site was built with, from its home page's canonical link."""
    home = output / "index.html"
    found = CANONICAL.search(home.read_text(encoding="utf-8")) if home.is_file() else None
    return found["url"].rstrip("/") if found else ""


def verify_site(output: Path, site_url: str = "", content: Path | None = None) -> list[str]:
    """Return every problem found in the built site at `output` (empty when all is well).

    Without `site_url`, the one the site was built with is read from its home page, so a
    production build's absolute links count as links within the site. A link Pelican left
    as written is named with the files of `content` (the content folder) that hold it.
    """
    site_url = site_url or built_site_url(output)
    problems: list[str] = []
    readers: dict[Path, PageReader] = {}
    for page in html_pages(output):
        reader = PageReader()
        reader.feed(page.read_text(encoding="utf-8"))
        reader.close()
        readers[page] = reader
        problems += [f"{page.relative_to(output)}: {error}" for error in reader.errors]
    sources = SourcesOf(content)
    for page, reader in readers.items():
        problems += check_references(output, page, reader, readers, site_url, sources)
    problems += check_xml(output, site_url)
    return problems


class SourcesOf:
    """The content files holding a link as written (none without a content folder)."""

    def __init__(self, content: Path | None) -> None:
        self.content = content
        self.texts: dict[Path, str] | None = None  # read once, when a link needs it

    def __call__(self, link: str) -> list[str]:
        if self.content is None or not self.content.is_dir():
            return []
        if self.texts is None:
            files = (p for p in sorted(self.content.rglob("*")) if p.suffix in SOURCE_SUFFIXES)
            self.texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in files}
        return [str(path) for path, text in self.texts.items() if link in text]


def left_as_written(shown: Path, tag: str, url: str, sources: SourcesOf) -> str:
    """Return the problem of a link Pelican published as written, naming its source files."""
    link = re.split(r"[#?]", url, maxsplit=1)[0]  # Pelican repeats an anchor it leaves
    found = sources(link)
    where = f" (written in {', '.join(found)})" if found else ""
    return (
        f"{shown}: <{tag}> links {link} as written{where}: Pelican never resolved it. "
        "Fix: run invoke check, which names the line and why"
    )


def check_references(
    output: Path,
    page: Path,
    reader: PageReader,
    readers: dict[Path, PageReader],
    site_url: str,
    sources: SourcesOf,
) -> list[str]:
    """Return the broken or foreign references of one page."""
    shown = page.relative_to(output)
    problems = []
    for tag, url, in_text in reader.references:
        if url.startswith(("mailto:", "tel:", "data:")):
            continue
        if LEFT_AS_WRITTEN.match(url):
            problems.append(left_as_written(shown, tag, url, sources))
            continue
        if url.lower().startswith("javascript:"):
            problems.append(f"{shown}: <{tag}> uses a javascript: URL")
            continue
        target, anchor = resolve(output, page, url, site_url)
        if target is None:
            if not is_allowed_elsewhere(reader.policy, tag, url, in_text):
                problems.append(f"{shown}: <{tag}> loads {url} from another host")
            continue
        if not target.exists():
            problems.append(f"{shown}: broken link to {url}")
        elif anchor and target in readers and anchor not in readers[target].ids:
            problems.append(f"{shown}: link to {url}, but that page has no #{anchor}")
    return problems


def is_allowed_elsewhere(policy: dict[str, list[str]], tag: str, url: str, in_text: bool) -> bool:
    """Return True for a reference to another host the page may make: a link or form in the
    author's text, a form the page's own policy lets post there (the comment inbox's), or a
    resource in the text that the policy lets the browser load."""
    if tag == "form" and policy and allows(policy, tag, url):
        return True
    if tag in ("a", "form"):
        return in_text
    return in_text and bool(policy) and allows(policy, tag, url)


def check_xml(output: Path, site_url: str = "") -> list[str]:
    """Return problems with the feeds, and sitemap entries missing or malformed."""
    problems = []
    for feed in [*output.rglob("*.atom.xml"), *output.rglob("*.rss.xml")]:
        try:
            ET.parse(feed)  # noqa: S314 - our own output
        except ET.ParseError as error:
            problems.append(f"{feed.relative_to(output)}: not well-formed XML ({error})")
    sitemap = output / "sitemap.xml"
    if not sitemap.exists():
        return [*problems, "sitemap.xml: missing"]
    try:
        root = ET.parse(sitemap).getroot()  # noqa: S314 - our own output
    except ET.ParseError as error:
        return [*problems, f"sitemap.xml: not well-formed XML ({error})"]
    listed = {urlsplit(loc.text or "").path for loc in root.iter() if loc.tag.endswith("loc")}
    prefix = urlsplit(site_url or LOCAL_PREVIEW).path.rstrip("/")
    missing = [url for url, _ in public_pages(output) if f"{prefix}/{url}" not in listed]
    return problems + [f"sitemap.xml: does not list {url or '(home page)'}" for url in missing]
