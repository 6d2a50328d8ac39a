"""Settings of the topics plugin's links and map: defaults, types and checks, in one place."""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from coaching_kb.errors import SettingsError

NAMES = {
    "topic_links": "TOPIC_LINKS",
    "topic_links_max": "TOPIC_LINKS_MAX",
    "topic_map_max": "TOPIC_MAP_MAX",
    "topic_hubs_for_tags": "TOPIC_HUBS_FOR_TAGS",
}
PREFIXES = ("TOPIC_LINKS", "TOPIC_MAP", "TOPIC_HUBS")


@dataclass(frozen=True, slots=True)
class TopicSettings:
    topic_links: bool = True  # TOPIC_LINKS: link first mentions of topics to their hubs
    topic_links_max: int = 5  # TOPIC_LINKS_MAX: at most this many topic links per article
    topic_map_max: int = 40  # TOPIC_MAP_MAX: the map shows this many strongest topics
    # TOPIC_HUBS_FOR_TAGS: a tag outside the vocabulary gets a hub; False keeps it Pelican's
    # own tag (its tag page as the site configures it), as on an owner's site (--settings)
    topic_hubs_for_tags: bool = True


def load(raw: Mapping[str, Any]) -> TopicSettings:
    """Return the plugin's settings from Pelican's; raise SettingsError for typos and bad types."""
    known = {setting: name for name, setting in NAMES.items()}
    unknown = sorted(k for k in raw if k.startswith(PREFIXES) and k not in known)
    if unknown:
        raise SettingsError(
            f"pelicanconf.py: unknown setting {unknown[0]}. Fix: use one of {', '.join(known)}"
        )
    given = {name: raw[setting] for setting, name in known.items() if setting in raw}
    defaults = TopicSettings()
    for field in fields(TopicSettings):
        default = getattr(defaults, field.name)
        if field.name in given and not isinstance(given[field.name], type(default)):
            wanted = type(default).__name__
            raise SettingsError(
                f"pelicanconf.py: {NAMES[field.name]} = {given[field.name]!r} is not a {wanted}. "
                f"Fix: write e.g. {NAMES[field.name]} = {default!r}"
            )
    return TopicSettings(**given)
