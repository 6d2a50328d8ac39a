"""The pages' Content-Security-Policy for resources from other hosts, and what it allows.

Images from any `https:` host show by default (posts embed them), as do frames from the hosts
the content itself embeds; scripts, styles and the rest stay on the site. An owner narrows
or widens either list with `CSP_IMG_SRC` and `CSP_FRAME_SRC`. Pure: strings in and out, so
the theme's plugin, `check` and `verify` judge a resource alike.
"""

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

DEFAULT_IMG_SRC = ("'self'", "data:", "https:")
# Which directive governs a resource, by the tag loading it (and the attribute, for link).
DIRECTIVES = {
    "img": "img-src", "iframe": "frame-src", "frame": "frame-src", "script": "script-src",
    "video": "media-src", "audio": "media-src", "source": "media-src", "track": "media-src",
    "embed": "object-src", "object": "object-src", "link": "style-src", "form": "form-action",
}  # fmt: skip
RESOURCE = re.compile(
    r"<(?P<tag>img|iframe|frame|script|video|audio|source|track|embed|object)\b[^>]*?"
    r"""\b(?:src|data|poster)=(?P<quote>["'])(?P<url>[^"'<>]*)(?P=quote)""",
    re.IGNORECASE,
)


def remote_resources(html: str) -> Iterator[tuple[str, str]]:
    """Yield (tag, url) for each resource `html` loads from another host (http, https or //)."""
    if "//" not in html:
        return
    for match in RESOURCE.finditer(html):
        url = match["url"].strip()
        if url.lower().startswith(("http://", "https://", "//")):
            yield match["tag"].lower(), url


def frame_hosts(html_texts: Iterable[str]) -> list[str]:
    """Return `https://host` for each host the texts embed frames from over https, sorted."""
    hosts = {
        f"https://{urlsplit(url).netloc.lower()}"
        for html in html_texts
        for tag, url in remote_resources(html)
        if DIRECTIVES[tag] == "frame-src" and url.lower().startswith("https://")
    }
    return sorted(hosts)


def owner_sources(settings: Mapping[str, Any], name: str) -> list[str] | None:
    """Return the owner's CSP_IMG_SRC or CSP_FRAME_SRC as a list, or None when unset."""
    value = settings.get(name)
    if value is None:
        return None
    return value.split() if isinstance(value, str) else [str(v) for v in value]


def site_policy(settings: Mapping[str, Any], content_frame_hosts: list[str]) -> dict[str, str]:
    """Return the img-src and frame-src sources the pages carry."""
    images = owner_sources(settings, "CSP_IMG_SRC") or list(DEFAULT_IMG_SRC)
    frames = owner_sources(settings, "CSP_FRAME_SRC")
    return {
        "img-src": " ".join(images),
        "frame-src": " ".join(["'self'", *(content_frame_hosts if frames is None else frames)]),
    }


def parse_policy(policy: str) -> dict[str, list[str]]:
    """Return a CSP header's directives and their sources."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    return directives


def allows(policy: Mapping[str, list[str]], tag: str, url: str) -> bool:
    """Return True when `policy` lets a page load `url` from another host with `tag`."""
    directive = DIRECTIVES.get(tag, "default-src")
    sources = policy.get(directive, policy.get("default-src", ["*"]))
    parts = urlsplit(url if "://" in url else "https:" + url)
    return any(source_matches(source, parts.scheme, parts.netloc.lower()) for source in sources)


def source_matches(source: str, scheme: str, host: str) -> bool:
    """Return True when one CSP source expression matches a URL from another host."""
    source = source.lower()
    if source == "*":
        return scheme in ("http", "https")
    if source.endswith(":") and "/" not in source:
        return scheme == source[:-1] or (source == "http:" and scheme == "https")
    if source.startswith("'"):
        return False  # 'self', 'none', nonces: never another host
    want_scheme, _, want_host = source.rpartition("://")
    if want_scheme and want_scheme != scheme:
        return False
    want_host = want_host.split("/", 1)[0]
    if want_host.startswith("*."):
        return host.endswith(want_host[1:])
    return host == want_host
