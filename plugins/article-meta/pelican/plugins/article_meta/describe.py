"""Reading time, provenance and JSON-LD for an article. Pure: plain values in, values out."""

import json
import re
from dataclasses import dataclass

from markupsafe import Markup

WORDS_PER_MINUTE = 230
TAGS = re.compile(r"<[^>]+>")
NAMED_URL = re.compile(r"^(?P<name>.*?)\s*<(?P<url>https?://[^>\s]+)>\s*$")


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a piece first appeared."""

    name: str
    url: str = ""


def reading_minutes(html: str) -> int:
    """Return the minutes an average reader needs for `html`, at least one."""
    words = len(TAGS.sub(" ", html).split())
    return max(1, round(words / WORDS_PER_MINUTE))


def provenance(value: str) -> Provenance | None:
    """Return the source in 'Name <https://...>', a bare URL or a bare name; None if empty."""
    text = value.strip()
    if not text:
        return None
    if match := NAMED_URL.match(text):
        return Provenance(match["name"] or match["url"], match["url"])
    if re.match(r"^https?://\S+$", text):
        return Provenance(text, text)
    return Provenance(text)


def blog_posting_jsonld(
    title: str,
    summary: str,
    authors: list[tuple[str, str]],
    date_iso: str,
    url: str,
    modified_iso: str = "",
) -> str:
    """Return schema.org BlogPosting JSON-LD, safe inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": title,
        # As the page shows it: `<strong>stuck</strong>.` is "stuck.", `&amp;` is "&".
        "description": Markup(summary).striptags(),  # noqa: S704 - text out, never HTML
        "datePublished": date_iso,
        **({"dateModified": modified_iso} if modified_iso else {}),
        "url": url,
        "author": [{"@type": "Person", "name": name, "url": link} for name, link in authors],
    }
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
