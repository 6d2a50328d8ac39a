"""Make slugs exactly as Pelican does, so our checks and files agree with its URLs."""

from collections.abc import Mapping
from typing import Any

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify


def slug_of(text: str, settings: Mapping[str, Any] | None = None, kind: str = "") -> str:
    """Return Pelican's slug for `text` (kind 'AUTHOR', 'TAG'... picks that family's rules)."""
    settings = settings or DEFAULT_CONFIG
    default = settings.get("SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    rules = settings.get(f"{kind}_REGEX_SUBSTITUTIONS", default) if kind else default
    return slugify(
        text,
        regex_subs=rules,
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )
