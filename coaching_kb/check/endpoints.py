"""Flag a form endpoint a published site's readers cannot reach: one on the builder's machine.

The README has the owner try the inbox locally by putting `http://127.0.0.1:8100/...` in
`pelicanconf.py`; `publishconf.py` imports it, so a production build would send readers'
comments and questions to an address on the reader's own machine (and a plain `http:` form
on an `https:` site is one browsers warn about before sending).
"""

import ipaddress
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from .problems import Problem

ENDPOINTS = ("COMMENTS_ENDPOINT", "QA_SUBMIT_ENDPOINT", "NEWSLETTER_ACTION")
FIX = "set {key} in publishconf.py to your inbox's https address, or leave it empty for email"


def endpoint_problems(settings: Mapping[str, Any]) -> Iterator[Problem]:
    """Yield an error for each form endpoint that readers of the site at SITEURL cannot use."""
    site = urlsplit(str(settings.get("SITEURL") or ""))
    if not site.hostname or is_loopback(site.hostname):
        return  # a local build (relative addresses, or this machine): local endpoints are right
    for key in ENDPOINTS:
        endpoint = urlsplit(str(settings.get(key) or ""))
        if endpoint.hostname and is_loopback(endpoint.hostname):
            why = "an address on this machine, which no reader's browser can reach"
        elif endpoint.scheme == "http" and site.scheme == "https":
            why = "a plain http address on an https site, which browsers warn readers about"
        else:
            continue
        fix = FIX.format(key=key)
        yield Problem("", 0, f"{key} is '{settings[key]}', {why}. Fix: {fix}")


def is_loopback(host: str) -> bool:
    """Return True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
