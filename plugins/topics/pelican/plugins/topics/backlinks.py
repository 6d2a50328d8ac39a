"""Find which articles link to which, from the `{filename}` links authors write."""

import posixpath
import re
from collections.abc import Mapping

FILENAME_LINK = re.compile(r"""\{filename\}([^"'\s)#?>]+)""")


def link_targets(html: str, source: str) -> set[str]:
    """Return the content-relative paths that `{filename}` links in `html` point to."""
    folder = posixpath.dirname(source)
    targets = set()
    for target in FILENAME_LINK.findall(html):
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        targets.add(posixpath.normpath(path))
    return targets


def referenced_by(html_by_source: Mapping[str, str]) -> dict[str, list[str]]:
    """Return, for each source path, the sorted sources that link to it (self-links ignored)."""
    result: dict[str, set[str]] = {}
    for source, html in html_by_source.items():
        if "{filename}" not in html:  # most articles: a plain search is quicker than the regex
            continue
        for target in link_targets(html, source):
            if target != source and target in html_by_source:
                result.setdefault(target, set()).add(source)
    return {target: sorted(sources) for target, sources in result.items()}
