"""Links Pelican left as written: `{static}`, `{filename}` or `{attach}` (or `|filename|`) in
a page's HTML, though the file they name exists.

Pelican resolves these links when it renders a page, and keeps the first result for each
address. Something that reads an article's `summary` or `content` before every file is known
(a plugin at `article_generator_finalized`, say) freezes the links as written, and the page
goes out with `src="{static}/images/chart.png"`. Only a link to a file Pelican published
counts: one to a missing file, or to one it could not read, is left as written too, and the
source checks name those with their fix.
"""

import html
import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from coaching_kb.content.body import body_of, resolved_body
from coaching_kb.content.paths import shown_path

from .problems import Problem
from .sources import line_mentioning

# Each form Pelican reads (INTRASITE_LINK_REGEX), as text: a page holding none is not parsed.
KINDS = ("filename", "static", "attach")
MARKERS = tuple(f"{a}{kind}{b}" for kind in KINDS for a, b in ("{}", "||"))
LEFT_AS_WRITTEN = re.compile(
    r"""(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*(["'])"""
    r"""(?P<link>[{|](?:filename|static|attach)[|}](?P<target>[^"'#?]*))"""
)
PAGE_SUFFIXES = (".html", ".htm")


def links_left(text: str) -> Iterator[tuple[str, str]]:
    """Yield (link as written, its target) for each link Pelican left unresolved in `text`
    (without its #anchor or ?query: Pelican repeats an anchor it leaves)."""
    if not any(marker in text for marker in MARKERS):
        return  # the common case: a page with nothing left
    for match in LEFT_AS_WRITTEN.finditer(text):
        yield html.unescape(match["link"]), unquote(html.unescape(match["target"]))


def unresolved_in_plan(run: Any) -> list[Problem]:
    """Return the links left in each written article's or page's own text (what `check`,
    which renders no page, can see; the same HTML the page would show)."""
    settings = run.settings
    pages = ((c.save_as, resolved_body(c, settings), [c]) for c in run.contents if c.save_as)
    return unresolved_links(pages, run)


def unresolved_in_site(run: Any) -> list[Problem]:
    """Return the links left in each HTML page the build wrote (into its OUTPUT_PATH): an
    article's own page, and the lists showing its summary (whose text is found among the
    sources)."""
    output, contents = Path(run.settings["OUTPUT_PATH"]), run.contents

    def pages() -> Iterator[tuple[str, str, list[Any]]]:
        for written in run.outputs:
            if not written.save_as.endswith(PAGE_SUFFIXES):
                continue
            path = output / written.save_as
            if not path.is_file():
                continue  # a second writer of the same file, left unwritten (a checks' error)
            own = [written.source] if hasattr(written.source, "source_path") else contents
            yield written.save_as, path.read_text(encoding="utf-8", errors="replace"), own

    return unresolved_links(pages(), run)


def unresolved_links(pages: Iterable[tuple[str, str, list[Any]]], run: Any) -> list[Problem]:
    """Return one error per source file and link left as written, naming the pages showing it.

    Each page comes with the content objects its links may come from.
    """
    settings, context = run.settings, run.context
    # What Pelican read (a file it failed on is there too, as None).
    read = (context.get("generated_content", {}), context.get("static_content", {}))
    published = {key for kind in read for key, value in kind.items() if value is not None}
    found: dict[tuple[str, str], list[str]] = {}
    for page, text, candidates in pages:
        for link, target in links_left(text):
            for source in candidates:
                if link in body_of(source) and linked_key(source, target, settings) in published:
                    found.setdefault((source.source_path, link), []).append(page)
    return [left_as_written(path, link, pages, settings) for (path, link), pages in found.items()]


def linked_key(source: Any, target: str, settings: Mapping[str, Any]) -> str:
    """Return the content-folder path a link's target names, as Pelican keys what it read."""
    if target.startswith("/"):
        return target.lstrip("/")
    folder = os.path.dirname(os.path.relpath(source.source_path, settings["PATH"]))
    return posixpath.normpath(posixpath.join(Path(folder).as_posix(), target))


def left_as_written(path: str, link: str, pages: list[str], settings: Mapping[str, Any]) -> Problem:
    """Return the error of one link left as written on `pages`, at its line in `path`."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    shown = [os.path.normpath(page) for page in dict.fromkeys(pages)]
    where = f"'{shown[0]}'" + (f" and {len(shown) - 1} more" if len(shown) > 1 else "")
    return Problem(
        shown_path(settings, path), line_mentioning(lines, link), f"the link '{link}' is "
        f"published as written on {where}: the file is published, but Pelican did not "
        "resolve the link, as a plugin read this text before Pelican knew every file (a "
        "summary read at article_generator_finalized, say) and Pelican kept that result. "
        "Fix: have that plugin read it at all_generators_finalized or later, or remove it "
        "from PLUGINS",
        subject=link,
    )  # fmt: skip
