"""Settings of related_topics: defaults, types and a line each, in one place. Pure.

Problems are returned as messages, never raised: a typo or another plugin's setting must not
stop a build.
"""

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

PREFIX = "RELATED_TOPICS_"


@dataclass(frozen=True, slots=True)
class RelatedSettings:
    max: int = 5  # related articles listed under each article
    min_score: float = 0.0  # 0 to 1 (0.5: an article's average match): weaker ones not listed
    model: str = "minilm"  # the sentence model fused with the terms; '' relates by terms alone
    passage_words: int = 120  # the sentence model reads passages of this many words
    max_passages: int = 1  # passages embedded per article: its opening (cost grows with each)
    cache_path: str = ""  # where embeddings are kept; '' for CACHE_PATH/related_topics
    auto_insert: bool = (
        True  # add the list to each article's HTML, for themes that know nothing of it
    )
    json_save_as: str = "related.json"  # the lists as JSON for tooling; '' writes none


MODELS = ("minilm", "")
# What the settings were called before the plugin had a distribution of its own.
RENAMED = {
    "RELATED_MAX": "RELATED_TOPICS_MAX",
    "RELATED_MIN_SCORE": "RELATED_TOPICS_MIN_SCORE",
    "RELATED_CACHE_PATH": "RELATED_TOPICS_CACHE_PATH",
    "RELATED_JSON_SAVE_AS": "RELATED_TOPICS_JSON_SAVE_AS",
    "RELATED_EMBEDDING": "RELATED_TOPICS_MODEL",
}


def setting_name(field: str) -> str:
    return PREFIX + field.upper()


def load(raw: Mapping[str, Any], where: str = "the settings") -> tuple[RelatedSettings, list[str]]:
    """Return the plugin's settings from Pelican's, and a message for each one set wrong
    (which is then left at its default)."""
    known = {setting_name(f.name): f.name for f in fields(RelatedSettings)}
    problems = [
        f"related_topics: {where} set {key}, which it does not know; it is ignored. "
        f"Fix: {nearest(key, known)}"
        for key in sorted(raw)
        if key.startswith(PREFIX) and key not in known
    ]
    problems += [
        f"related_topics: {where} set {old}, now called {new}. Fix: rename it"
        for old, new in RENAMED.items()
        if old in raw
    ]
    settings = RelatedSettings()
    for key, name in known.items():
        if key not in raw:
            continue
        value, default = raw[key], getattr(settings, name)
        if problem := type_problem(key, value, default):
            problems.append(f"related_topics: {where} set {problem}; using {default!r}")
            continue
        settings = replace(
            settings, **{name: float(value) if isinstance(default, float) else value}
        )
    return settings, problems


def nearest(key: str, known: Mapping[str, str]) -> str:
    """Return the fix for an unknown setting: the nearest known one, or the list."""
    close = difflib.get_close_matches(key, list(known), n=1)
    return f"did you mean {close[0]}?" if close else "use one of " + ", ".join(known)


def type_problem(key: str, value: Any, default: Any) -> str:
    """Return what is wrong with a setting's value ('' when nothing is)."""
    wanted = type(default)
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if wanted is float and is_number:
        ok = 0.0 <= value <= 1.0 or key != setting_name("min_score")
    elif wanted is int:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    else:
        ok = isinstance(value, wanted)
    if key == setting_name("model") and ok and value not in MODELS:
        return f"{key} = {value!r}, which is no model it has. Fix: 'minilm', or '' for terms alone"
    if key in (setting_name("passage_words"), setting_name("max_passages")) and ok:
        ok = value >= 1
    return "" if ok else f"{key} = {value!r}, not a valid {wanted.__name__}. Fix: e.g. {default!r}"
