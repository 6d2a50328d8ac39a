"""Settings of the related_topics plugin: defaults, types and checks, in one place."""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from coaching_kb.errors import SettingsError

NAMES = {
    "max_related": "RELATED_MAX",
    "topic_weight": "RELATED_TOPIC_WEIGHT",
    "min_score": "RELATED_MIN_SCORE",
    "json_save_as": "RELATED_JSON_SAVE_AS",
    "topic_links": "TOPIC_LINKS",
    "topic_links_max": "TOPIC_LINKS_MAX",
    "topic_map_max": "TOPIC_MAP_MAX",
    "embedding": "RELATED_EMBEDDING",
    "meaning_weight": "RELATED_MEANING_WEIGHT",
    "cache_path": "RELATED_CACHE_PATH",
}
PREFIXES = ("RELATED_", "TOPIC_LINKS", "TOPIC_MAP")


@dataclass(frozen=True, slots=True)
class RelatedSettings:
    max_related: int = 5  # RELATED_MAX: related articles listed under each article
    topic_weight: float = 0.3  # RELATED_TOPIC_WEIGHT: share of the score from shared topics
    # RELATED_MIN_SCORE: weaker matches are not listed. 0: lists are always full, as no floor
    # was measured on text we did not write to hide only links a reader finds absurd.
    min_score: float = 0.0
    json_save_as: str = "related.json"  # RELATED_JSON_SAVE_AS: '' writes no JSON
    topic_links: bool = True  # TOPIC_LINKS: link first mentions of topics to their hubs
    topic_links_max: int = 5  # TOPIC_LINKS_MAX: at most this many topic links per article
    topic_map_max: int = 40  # TOPIC_MAP_MAX: the map shows this many strongest topics
    embedding: str = "wordllama"  # RELATED_EMBEDDING: meaning backend; '' for terms alone
    meaning_weight: float = 0.5  # RELATED_MEANING_WEIGHT: share of meaning in the text score
    cache_path: str = ""  # RELATED_CACHE_PATH: where embeddings are kept ('' for nowhere)


def load(raw: Mapping[str, Any]) -> RelatedSettings:
    """Return the plugin's settings from Pelican's; raise SettingsError for typos and bad types."""
    known = {setting: name for name, setting in NAMES.items()}
    unknown = sorted(k for k in raw if k.startswith(PREFIXES) and k not in known)
    if unknown:
        raise SettingsError(
            f"pelicanconf.py: unknown setting {unknown[0]}. Fix: use one of {', '.join(known)}"
        )
    given = {name: raw[setting] for setting, name in known.items() if setting in raw}
    defaults = RelatedSettings()
    for field in fields(RelatedSettings):
        default = getattr(defaults, field.name)
        if field.name in given and not isinstance(given[field.name], type(default)):
            wanted = type(default).__name__
            raise SettingsError(
                f"pelicanconf.py: {NAMES[field.name]} = {given[field.name]!r} is not a {wanted}. "
                f"Fix: write e.g. {NAMES[field.name]} = {default!r}"
            )
    return RelatedSettings(**given)
