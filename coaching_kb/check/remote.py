"""Rule: resources a post loads from other hosts show on the published page.

A page's Content-Security-Policy (see coaching_kb.content.policy) lets images over https and
frames from the hosts the site embeds through; a script, a style or a frame the owner's own
list leaves out is still blocked, and anything over plain `http:` is blocked or warned about
by browsers on an https site. Each is a warning naming the resource.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from coaching_kb.content.policy import (
    allows,
    frame_hosts,
    parse_policy,
    remote_resources,
    site_policy,
)

BLOCKED_ONLY = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'"


def remote_problems(html: str, settings: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Yield (url, message) for each resource from another host the page would not show."""
    resources = list(remote_resources(html))
    if not resources:
        return
    # The frames of this very text are allowed, unless the owner lists the frame hosts.
    policy = parse_policy(
        BLOCKED_ONLY
        + "".join(
            f"; {name} {value}"
            for name, value in site_policy(settings, frame_hosts([html])).items()
        )
    )
    for tag, url in resources:
        if url.lower().startswith("http://"):
            yield (
                url,
                (
                    f"<{tag}> loads '{url}' over plain http: browsers block it on an https site. "
                    "Fix: use its https:// address"
                ),
            )
        elif not allows(policy, tag, url):
            yield (
                url,
                (
                    f"<{tag}> loads '{url}' from another host, which the pages' security policy "
                    f"blocks, so it will not show. Fix: {fix_for(tag)}"
                ),
            )


def fix_for(tag: str) -> str:
    if tag in ("iframe", "frame"):
        return "add its host to CSP_FRAME_SRC in your settings, or link to it instead"
    if tag == "img":
        return "add its host to CSP_IMG_SRC in your settings, or copy the image into the site"
    return "copy the file into the site, or link to it instead of loading it"
