"""Link the first mention of each topic in an article's HTML to the topic's hub.

Pure: HTML and topic names in, HTML out. Text inside headings, links, code and pre is never
touched; each topic is linked at most once, and at most `limit` topics per article.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape

# A comment or a tag; a tag's "/" if it closes, and its name if it has one.
TAG = re.compile(r"<!--.*?-->|<(/?)\s*([a-zA-Z][a-zA-Z0-9]*)?[^>]*>", re.DOTALL)
SKIPPED = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style",
                     "kbd", "samp", "title", "svg", "button", "label"})  # fmt: skip
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col"})
SPACES = re.compile(r"\s+")  # a run of spaces in a mention, folded to one


def mention_names(names_by_topic: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """Return the topic names that can be mentioned, longest first (ties alphabetical): the
    order in which they are tried where several start at one place."""
    names = {n.strip() for names in names_by_topic.values() for n in names if len(n.strip()) > 2}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@dataclass(frozen=True, slots=True)
class NameTest:
    """How `present_names` finds a name in an article's text, lower-cased with "’" as "'"."""

    name: str
    needle: str  # the name lower-cased
    longest: str = ""  # a name of several words: its longest word, looked for first
    words: re.Pattern[str] | None = None  # ...and its words with any spaces between them
    odd_spacing: bool = False  # spaces at an end or doubled: only the folded text tells

    def found_in(self, lowered: str, folded: Callable[[], str]) -> bool:
        """Return whether the name is in the text with its spaces folded (`folded()`)."""
        if self.words is not None:
            return self.longest in lowered and self.words.search(lowered) is not None
        return self.needle in (folded() if self.odd_spacing else lowered)


def name_test(name: str) -> NameTest:
    """Return the test of one name: as it is if it has no spaces, else word by word.

    Words with any spaces between them in the text are the name in the text with its spaces
    folded: the same answer, without folding each article's text.
    """
    needle = name.lower()
    words = needle.split()
    if words == [needle]:
        return NameTest(name, needle)
    if len(words) > 1 and " ".join(words) == needle:
        spaced = re.compile(r"\s+".join(map(re.escape, words)))
        return NameTest(name, needle, max(words, key=len), spaced)
    return NameTest(name, needle, odd_spacing=True)


def present_names(tests: Mapping[str, Sequence[NameTest]], text: str) -> dict[str, Sequence[str]]:
    """Return only the names that occur in `text` at all, case and spacing aside: a cheap
    filter before the regexes."""
    lowered = text.lower().replace("’", "'")

    def folded() -> str:  # only a name with odd spacing asks, and almost none has it
        return " ".join(lowered.split())

    found = {
        slug: [test.name for test in named if test.found_in(lowered, folded)]
        for slug, named in tests.items()
    }
    return {slug: names for slug, names in found.items() if names}


@lru_cache(maxsize=4096)
def name_pattern(name: str) -> re.Pattern[str]:
    """Return the regex of one topic name not followed by more of a word, compiled once.

    What comes before is checked by `starts_word`: a regex opening with a look-behind is
    tried at every character, one opening with the name skips to where its first letter is.
    """
    words = re.escape(name).replace(r"\ ", r"\s+").replace("'", "['’]")
    return re.compile(rf"(?:{words})(?![\w-])", re.IGNORECASE)


def starts_word(text: str, start: int) -> bool:
    """Return whether `start` is not preceded by a letter, a digit, "_" or "-": what a regex
    look-behind for neither a word character nor a hyphen tests."""
    before = text[start - 1] if start else " "
    return not (before.isalnum() or before in "_-")


def mention_spans(html: str, names: Sequence[str]) -> list[tuple[int, int]]:
    """Return where `names` (in `mention_names` order) are mentioned in `html`, left to right,
    as one regex of them all would find them: at each place the first name found there,
    and the next search after its end.

    One regex per name, not one per article: the names an article mentions differ from one
    article to the next, and compiling a regex for each set cost more than the scan.
    """
    found = []  # every place each name starts, overlapping ones too
    for rank, name in enumerate(names):
        pattern, start = name_pattern(name), 0
        while match := pattern.search(html, start):
            start = match.start()
            if starts_word(html, start):
                found.append((start, rank, match.end()))
            start += 1
    spans, done = [], 0
    for start, _, end in sorted(found):
        if start >= done:
            spans.append((start, end))
            done = end
    return spans


def topic_lookup(names_by_topic: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Return the topic slug of each lower-cased name or alias."""
    return {n.strip().lower(): slug for slug, names in names_by_topic.items() for n in names}


def match_key(text: str) -> str:
    """Return a matched mention folded the way topic_lookup keys are."""
    return SPACES.sub(" ", text.lower()).replace("’", "'")


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """What cross-linking needs: each topic's names, its hub's href, and the per-article cap."""

    name_tests: Mapping[str, Sequence[NameTest]]  # each topic's names, as present_names tries them
    hrefs: Mapping[str, str]
    limit: int
    topic_of: Mapping[str, str]


def link_options(
    names_by_topic: Mapping[str, Sequence[str]], hrefs: Mapping[str, str], limit: int
) -> LinkOptions:
    """Return LinkOptions with the name -> topic lookup and the name tests worked out once."""
    names = {slug: tuple(found) for slug, found in names_by_topic.items()}
    tests = {slug: tuple(map(name_test, found)) for slug, found in names.items()}
    return LinkOptions(tests, dict(hrefs), limit, topic_lookup(names))


Span = tuple[int, int, str]  # a mention's start and end in the HTML, and its link's href


@dataclass(frozen=True, slots=True)
class Scan:
    """Where an article's HTML gets topic links, the topics linked and those mentioned.

    Kept as spans, not as the linked HTML: no second copy of every article is held.
    """

    links: tuple[Span, ...] = ()
    topic_links: tuple[str, ...] = ()
    mentioned: frozenset[str] = frozenset()

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
    present = present_names(options.name_tests, html)
    names = mention_names(present)
    if not names:
        return Scan()
    topic_of = options.topic_of
    mentions = mention_spans(html, names)  # a name has no "<": none spans text and a tag
    keyed = [(start, end, match_key(html[start:end])) for start, end in mentions]
    mentioned = {topic_of[key] for _, _, key in keyed if key in topic_of}
    if options.limit <= 0 or links_from < 0:
        return Scan((), (), frozenset(mentioned))
    wanted = min(options.limit, len(present))
    spans, linked = link_spans(html, links_from, keyed, wanted, options)
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
    html: str,
    start: int,
    mentions: list[tuple[int, int, str]],
    wanted: int,
    options: LinkOptions,
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
    for begin, end, key in mentions:  # each mention's span and its `match_key`
        if len(linked) >= wanted:
            break
        if begin < start:
            continue
        while tag is not None and tag.end() <= begin:
            open_skipped += tag_depth_change(tag)
            tag = next(tags, None)
        inside_tag = tag is not None and tag.start() < end
        if open_skipped != 0 or inside_tag:
            continue
        slug = options.topic_of.get(key)
        if slug is None or slug in linked or slug not in options.hrefs:
            continue
        linked.append(slug)
        spans.append((begin, end, escape(options.hrefs[slug], quote=True)))
    return spans, linked


def tag_depth_change(tag: re.Match[str]) -> int:
    """Return +1 for an opening skipped tag (a `TAG` match), -1 for its closing tag, else 0."""
    name = tag[2]
    if name is None or (name := name.lower()) not in SKIPPED or name in VOID:
        return 0  # a comment, a nameless tag or one whose text is linked
    if tag[0].endswith("/>"):
        return 0
    return -1 if tag[1] else 1
