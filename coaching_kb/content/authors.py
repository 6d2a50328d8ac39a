"""Author profiles: one `content/authors/<slug>.md` file each. Pure: files in, profiles out."""

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.urlwrappers import Author

from coaching_kb.content.front_matter import Document, parse, split_list
from coaching_kb.content.paths import data_folder, load_everywhere, load_folder, shown_path
from coaching_kb.content.rendering import to_html
from coaching_kb.errors import ContentError, where

KNOWN_KEYS = frozenset({"name", "role", "photo", "photo-alt", "links", "email"})


@dataclass(frozen=True, slots=True)
class AuthorProfile:
    """One author as readers see them on the profile page and in bylines."""

    slug: str
    name: str
    role: str
    bio_html: str
    photo: str = ""
    photo_alt: str = ""
    links: tuple[tuple[str, str], ...] = ()


def parse_links(value: str, path: str, line: int | None) -> tuple[tuple[str, str], ...]:
    """Return (label, url) pairs from 'Label <url>, Label <url>'."""
    pairs = []
    for item in split_list(value):
        label, _, rest = item.partition("<")
        url = rest.rstrip(">").strip()
        if not url.startswith(("https://", "http://", "mailto:")):
            raise ContentError(
                f"{where(path, line)}: link '{item}' has no web address. "
                "Fix: write 'Label <https://example.org>'"
            )
        pairs.append((label.strip() or url, url))
    return tuple(pairs)


def profile_from(doc: Document, slug: str) -> AuthorProfile:
    """Return the profile `doc` describes; raise ContentError when it lacks a name."""
    name = doc.get("name")
    if not name:
        raise ContentError(
            f"{where(doc.path, 1)}: author profile has no 'Name:'. "
            "Fix: start the file with 'Name: Their Full Name'"
        )
    if doc.get("photo") and not doc.get("photo-alt"):
        raise ContentError(
            f"{where(doc.path, doc.line_of('photo'))}: photo has no description. "
            "Fix: add 'Photo-Alt: what the photo shows'"
        )
    return AuthorProfile(
        slug=slug,
        name=name,
        role=doc.get("role"),
        bio_html=to_html(doc.body),
        photo=doc.get("photo"),
        photo_alt=doc.get("photo-alt"),
        links=parse_links(doc.get("links"), doc.path, doc.line_of("links")),
    )


def profile_from_text(text: str, slug: str, shown: str) -> AuthorProfile:
    """Return the profile in one author file's text."""
    return profile_from(parse(text, shown), slug)


def load_profiles(folder: Path, shown_as: str) -> tuple[dict[str, AuthorProfile], list[str]]:
    """Return the profiles in `folder` by slug, and the errors of files that could not load."""
    return load_folder(folder, shown_as, profile_from_text)


def load_all_profiles(settings: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return the profiles of every authors folder (the main one wins a clash) and errors."""
    return load_everywhere(settings, "AUTHORS", profile_from_text)


def unknown_author_message(name: str, slug: str, profiles: dict[str, Any], settings: Any) -> str:
    """Return the 'what is wrong. Fix: ...' text for a byline with no profile."""
    folder = shown_path(settings, data_folder(settings, "AUTHORS"))
    # By slug, so a name typed without its accents (Tomas for Tomás) is still near.
    if near := difflib.get_close_matches(slug, list(profiles), n=1, cutoff=0.75):
        return (f"unknown author '{name}'. Fix: did you mean '{profiles[near[0]].name}'? "
                f"(or add {folder}/{slug}.md)")  # fmt: skip
    known = ", ".join(p.name for p in profiles.values())
    return f"unknown author '{name}'. Fix: add {folder}/{slug}.md or use one of: {known}"


def missing_profile(name: str, settings: dict[str, Any]) -> str:
    """Return what `invoke new` says of a byline `name` with no profile: '' when it has one,
    or when the site has none (its authors are then Pelican's plain names)."""
    profiles, _errors = load_all_profiles(settings)  # check reports the errors
    slug = Author(name, settings).slug
    if not profiles or slug in profiles:
        return ""
    folder = shown_path(settings, data_folder(settings, "AUTHORS"))
    near = difflib.get_close_matches(slug, list(profiles), n=1, cutoff=0.75)
    names = [profiles[near[0]].name] if near else [p.name for p in profiles.values()]
    return (f"author '{name}' has no profile. Fix: add {folder}/{slug}.md (Name: {name}), or "
            f"use {'' if near else 'one of: '}{', '.join(names)}")  # fmt: skip


def unknown_authors(authors: list[Any], settings: dict[str, Any]) -> list[str]:
    """Return the message for each of Pelican's Author objects that has no profile."""
    profiles, _errors = load_all_profiles(settings)  # the authors plugin reports the errors
    return [
        unknown_author_message(a.name, a.slug, profiles, settings)
        for a in authors
        if profiles and a.slug not in profiles
    ]
