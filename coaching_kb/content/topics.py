"""The topic vocabulary: one `content/topics/<slug>.md` per topic. Pure: files in, topics out."""

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coaching_kb.content.front_matter import parse, split_list
from coaching_kb.content.paths import data_folders, load_everywhere, load_folder
from coaching_kb.content.rendering import to_html
from coaching_kb.errors import ContentError, where


@dataclass(frozen=True, slots=True)
class Topic:
    """One concept of the knowledge base."""

    slug: str
    name: str
    aliases: tuple[str, ...]
    description_html: str
    summary: str

    @property
    def names(self) -> tuple[str, ...]:
        """Return the name and every alias."""
        return (self.name, *self.aliases)


def normalise(name: str) -> str:
    """Return `name` folded for matching: lower case, no accents, single spaces."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", plain.lower()).strip()


def topic_from(text: str, slug: str, shown: str) -> Topic:
    """Return the topic a file describes; raise ContentError when it lacks a name or text."""
    doc = parse(text, shown)
    name = doc.get("name") or doc.get("title")
    if not name:
        raise ContentError(f"{where(shown, 1)}: topic has no 'Name:'. Fix: add 'Name: Delegation'")
    if not doc.body.strip():
        raise ContentError(
            f"{where(shown, doc.body_line)}: topic '{name}' has no description. "
            "Fix: write one paragraph under the header"
        )
    first_paragraph = doc.body.strip().split("\n\n")[0]
    return Topic(
        slug=slug,
        name=name,
        aliases=tuple(split_list(doc.get("aliases"))),
        description_html=to_html(doc.body),
        summary=re.sub(r"\s+", " ", first_paragraph),
    )


def load_vocabulary(folder: Path, shown_as: str) -> tuple[dict[str, Topic], list[str]]:
    """Return the topics in `folder` by slug, and the errors of files that could not load."""
    return load_folder(folder, shown_as, topic_from)


class Vocabulary:
    """Look topics up by any of their names, and suggest the nearest for a typo."""

    def __init__(self, topics: dict[str, Topic]) -> None:
        self.topics = topics
        self._by_name = {normalise(n): t for t in topics.values() for n in (t.slug, *t.names)}

    def __bool__(self) -> bool:
        return bool(self.topics)

    def resolve(self, name: str) -> Topic | None:
        """Return the topic `name` names (its name, slug or an alias), or None."""
        return self._by_name.get(normalise(name))

    def nearest(self, name: str) -> Topic | None:
        """Return the topic whose name is closest to `name`, if any is close enough."""
        key = normalise(name)
        close = difflib.get_close_matches(key, self._by_name, n=1, cutoff=0.6)
        if close:
            return self._by_name[close[0]]
        words = set(key.split())
        overlapping = [t for k, t in self._by_name.items() if words & set(k.split())]
        return overlapping[0] if len(overlapping) == 1 else None

    def unknown_message(self, name: str) -> str:
        """Return the 'what is wrong. Fix: ...' text for an unknown topic name."""
        near = self.nearest(name)
        hint = f"did you mean '{near.name}'?" if near else "pick one from content/topics/"
        return f"unknown topic '{name}'. Fix: {hint} (or add a topic file for it)"


def unknown_topics(tags: list[Any], settings: dict[str, Any]) -> list[str]:
    """Return the message for each of Pelican's Tag objects that names no topic (none when the
    site keeps tags outside its vocabulary as Pelican's own, `TOPIC_HUBS_FOR_TAGS = False`)."""
    if not settings.get("TOPIC_HUBS_FOR_TAGS", True):
        return []
    topics, _errors = load_all_topics(settings)  # the topics plugin reports the errors
    vocabulary = Vocabulary(topics)
    if not vocabulary:
        return []
    return [vocabulary.unknown_message(t.name) for t in tags if vocabulary.resolve(t.name) is None]


def load_all_topics(settings: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return the topics of every topics folder (the main one wins a clash) and errors."""
    return load_everywhere(settings, "TOPICS", topic_from)


def topic_files(settings: dict[str, Any]) -> dict[str, str]:
    """Return each topic's file by slug, relative to the content folder (as Pelican names a
    source in `{filename}` links); the main folder's wins a clash, as in `load_all_topics`."""
    root = Path(settings["PATH"])
    files: dict[str, str] = {}
    for folder in reversed(data_folders(settings, "TOPICS")):
        for path in sorted(folder.glob("*.md")):
            try:
                files[path.stem] = path.relative_to(root).as_posix()
            except ValueError:  # a topics folder outside the content folder: no such link
                continue
    return files
