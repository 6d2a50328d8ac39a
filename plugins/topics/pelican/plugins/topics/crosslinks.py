"""Link the first mention of each topic in an article's HTML to the topic's hub.

Pure: HTML and topic names in, HTML out. Text inside headings, links, code and pre is never
touched; each topic is linked at most once, and at most `limit` topics per article.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)  # a comment or a tag
TAG_NAME = re.compile(r"^</?\s*([a-zA-Z][a-zA-Z0-9]*)")
SKIPPED = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style",
                     "kbd", "samp", "title", "svg", "button", "label"})  # fmt: skip
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col"})


def mention_pattern(names_by_topic: Mapping[str, Sequence[str]]) -> re.Pattern[str] | None:
    """Return one regex matching any topic name as whole words, longest names first."""
    names = {n.strip() for names in names_by_topic.values() for n in names if len(n.strip()) > 2}
    return compiled_pattern(tuple(sorted(names, key=lambda n: (-len(n), n))))


def present_names(
    names_by_topic: Mapping[str, Sequence[str]], text: str
) -> dict[str, Sequence[str]]:
    """Return only the names that occur in `text` at all: a cheap filter before the regex."""
    folded = " ".join(text.lower().replace("’", "'").split())
    found = {
        slug: [n for n in names if n.lower() in folded] for slug, names in names_by_topic.items()
    }
    return {slug: names for slug, names in found.items() if names}


@lru_cache(maxsize=4096)
def compiled_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Return the regex for `names` (longest first), compiled once per distinct set."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+").replace("'", "['’]") for n in names)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def topic_lookup(names_by_topic: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Return the topic slug of each lower-cased name or alias."""
    return {n.strip().lower(): slug for slug, names in names_by_topic.items() for n in names}


def match_key(text: str) -> str:
    """Return a matched mention folded the way topic_lookup keys are."""
    return re.sub(r"\s+", " ", text.lower()).replace("’", "'")


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """What cross-linking needs: each topic's names, its hub's href, and the per-article cap."""

    names_by_topic: Mapping[str, Sequence[str]]
    hrefs: Mapping[str, str]
    limit: int
    topic_of: Mapping[str, str]


def link_options(
    names_by_topic: Mapping[str, Sequence[str]], hrefs: Mapping[str, str], limit: int
) -> LinkOptions:
    """Return LinkOptions with the name -> topic lookup worked out once."""
    names = {slug: tuple(found) for slug, found in names_by_topic.items()}
    return LinkOptions(names, dict(hrefs), limit, topic_lookup(names))


Span = tuple[int, int, str]  # a mention's start and end in the HTML, and its link's href


@dataclass(frozen=True, slots=True)
class Scan:
    """Where an article's HTML gets topic links, the topics linked and those mentioned.

    Kept as spans, not as the linked HTML: the cache of findings then holds no second copy of
    every article.
    """

    links: tuple[Span, ...] = ()
    topic_links: tuple[str, ...] = ()
    mentioned: frozenset[str] = frozenset()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        # Pickled as plain fields, as the worker sends one per article.
        return (Scan, (self.links, self.topic_links, self.mentioned))

    def linked(self, html: str) -> str:
        """Return `html` (the HTML scanned) with the topic links in place."""
        pieces, done = [], 0
        for start, end, href in self.links:
            mention = html[start:end]
            pieces += [html[done:start], f'<a class="topic-link" href="{href}">{mention}</a>']
            done = end
        return "".join(pieces) + html[done:] if pieces else html


def scan(html: str, options: LinkOptions, links_from: int = 0) -> Scan:
    """Return where first topic mentions in `html` get linked, and which topics it mentions.

    Links go only after the first `links_from` characters (none when it is negative).
    """
    present = present_names(options.names_by_topic, html)
    pattern = mention_pattern(present)
    if pattern is None:
        return Scan()
    topic_of = options.topic_of
    mentions = list(pattern.finditer(html))  # a name has no "<": none spans text and a tag
    mentioned = {topic_of[key] for m in mentions if (key := match_key(m[0])) in topic_of}
    if options.limit <= 0 or links_from < 0:
        return Scan((), (), frozenset(mentioned))
    wanted = min(options.limit, len(present))
    spans, linked = link_spans(html, links_from, mentions, wanted, options)
    return Scan(tuple(spans), tuple(linked), frozenset(mentioned))


def link_mentions(
    html: str,
    names_by_topic: Mapping[str, Sequence[str]],
    href_by_topic: Mapping[str, str],
    limit: int,
) -> tuple[str, list[str]]:
    """Return `html` with first mentions linked, and the topics linked, in order."""
    found = scan(html, link_options(names_by_topic, href_by_topic, limit))
    return found.linked(html), list(found.topic_links)


def link_spans(
    html: str, start: int, mentions: list[re.Match[str]], wanted: int, options: LinkOptions
) -> tuple[list[Span], list[str]]:
    """Return the spans of up to `wanted` topics' first mentions after `start`, in text outside
    skipped tags, and the topics they link, in order.

    The tags are walked only as far as the mentions go, alongside them.
    """
    spans: list[Span] = []
    linked: list[str] = []
    tags = TAG.finditer(html, start)
    tag = next(tags, None)
    open_skipped = 0
    for mention in mentions:
        if len(linked) >= wanted:
            break
        if mention.start() < start:
            continue
        while tag is not None and tag.end() <= mention.start():
            open_skipped += tag_depth_change(tag[0])
            tag = next(tags, None)
        inside_tag = tag is not None and tag.start() < mention.end()
        if open_skipped != 0 or inside_tag:
            continue
        slug = options.topic_of.get(match_key(mention[0]))
        if slug is None or slug in linked or slug not in options.hrefs:
            continue
        linked.append(slug)
        spans.append((mention.start(), mention.end(), escape(options.hrefs[slug], quote=True)))
    return spans, linked


def tag_depth_change(tag: str) -> int:
    """Return +1 for an opening skipped tag, -1 for its closing tag, else 0."""
    match = TAG_NAME.match(tag)
    if not match or tag.startswith("<!--"):
        return 0
    name = match[1].lower()
    if name not in SKIPPED or name in VOID or tag.rstrip().endswith("/>"):
        return 0
    return -1 if tag.startswith("</") else 1
