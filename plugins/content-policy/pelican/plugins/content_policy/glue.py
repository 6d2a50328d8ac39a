"""Pelican glue for content_policy: the frame hosts of every article and page, into the context."""

import logging
from typing import Any

from coaching_kb.content.body import body_of
from coaching_kb.content.policy import frame_hosts, site_policy

log = logging.getLogger(__name__)

# Every list of published content the generators hold: a translation's page carries the same
# policy, so a frame only it embeds must be allowed too.
PUBLISHED = (
    "articles", "pages", "hidden_articles", "hidden_pages", "translations", "hidden_translations",
)  # fmt: skip


def set_content_policy(generators: list[Any]) -> None:
    """Put the policy every page carries into the context the templates share."""
    texts = [
        body_of(item)  # the text as read: `content` would resolve links now
        for generator in generators
        for name in PUBLISHED
        for item in getattr(generator, name, [])
    ]
    hosts = frame_hosts(texts)
    context = generators[0].context  # one dict, shared by every generator
    context["content_policy"] = site_policy(context, hosts)
    if hosts:
        log.info("content_policy: frames allowed from %s", ", ".join(hosts))
