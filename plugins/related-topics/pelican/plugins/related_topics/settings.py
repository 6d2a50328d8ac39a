"""Settings of related_topics: defaults, types and a line each, in one place. Pure.

Problems are returned as messages, never raised: a typo or another plugin's setting must not
stop a build.
"""

import difflib
from collections.abc import Callable, Mapping
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
    json_save_as: str = "related.json"  # the lists as JSON for tooling; None or '' writes none
    heading: str = ""  # the automatic list's heading; '' for "Related articles" in its language


MODELS = ("minilm", "")
# What the settings were called before the plugin had a distribution of its own.
RENAMED = {
    "RELATED_MAX": "RELATED_TOPICS_MAX",
    "RELATED_MIN_SCORE": "RELATED_TOPICS_MIN_SCORE",
    "RELATED_CACHE_PATH": "RELATED_TOPICS_CACHE_PATH",
    "RELATED_JSON_SAVE_AS": "RELATED_TOPICS_JSON_SAVE_AS",
    "RELATED_EMBEDDING": "RELATED_TOPICS_MODEL",
}


# Other related-articles plugins' settings, with what to do here instead.
OTHER_PLUGINS = {
    "RELATED_POSTS_MAX": ("pelican-related-posts", "use RELATED_TOPICS_MAX"),
    "RELATED_POSTS_SKIP_SAME_CATEGORY": (
        "pelican-related-posts",
        "remove it: related_topics lists articles of any category",
    ),
    "SIMILAR_POSTS_MAX_COUNT": ("pelican-similar-posts", "use RELATED_TOPICS_MAX"),
    "SIMILAR_POSTS_MIN_SCORE": (
        "pelican-similar-posts",
        "use RELATED_TOPICS_MIN_SCORE (0 to 1, where 0.5 is an article's average match)",
    ),
}
# The plugins those settings belong to, as Pelican names them in PLUGINS: while one of them
# still runs, its settings are its own.
OTHER_PLUGIN_NAMES = {
    "pelican-related-posts": "related_posts",
    "pelican-similar-posts": "similar_posts",
}
# Outputs None switches off, as Pelican's FEED_ALL_ATOM = None does.
SWITCHED_OFF_BY_NONE = ("json_save_as",)
# Values a number may take: (lowest, highest or None).
RANGES = {
    "max": (0, None),
    "min_score": (0.0, 1.0),
    "passage_words": (1, None),
    "max_passages": (1, None),
}


def setting_name(field: str) -> str:
    return PREFIX + field.upper()


def load(
    raw: Mapping[str, Any], where: Callable[[str], str] = lambda _key: "the settings"
) -> tuple[RelatedSettings, list[str]]:
    """Return the plugin's settings from Pelican's, and a message for each problem: one for
    every setting it does not use (`where(key)` says where a key was set), one for each value
    set wrong (which is then left at its default)."""
    known = {setting_name(f.name): f.name for f in fields(RelatedSettings)}
    settings = RelatedSettings()
    found = unused(raw, known)
    problems = [unused_message(found, where)] if found else []
    for key, name in known.items():
        if key not in raw:
            continue
        value, default = raw[key], getattr(settings, name)
        if name in SWITCHED_OFF_BY_NONE and value is None:
            value = ""  # as Pelican's own *_SAVE_AS: None writes nothing
        if problem := value_problem(name, value, default):
            problems.append(f"related_topics: {where(key)}: {problem}; using {default!r}")
            continue
        settings = replace(
            settings, **{name: float(value) if isinstance(default, float) else value}
        )
    return settings, problems


def unused(raw: Mapping[str, Any], known: Mapping[str, str]) -> dict[str, str]:
    """Return the settings the plugin does not use but may be meant for it, with each fix:
    its own prefix, a name close to one of its own, an old name, another plugin's."""
    running = " ".join(str(plugin) for plugin in raw.get("PLUGINS") or ())
    found = {}
    for key in sorted(raw):
        if key in known:
            continue
        if key in RENAMED:
            found[key] = f"now called {RENAMED[key]}: rename it"
        elif key in OTHER_PLUGINS:
            plugin, fix = OTHER_PLUGINS[key]
            if OTHER_PLUGIN_NAMES[plugin] not in running:
                found[key] = f"a {plugin} setting: {fix}"
        elif key.startswith(PREFIX) or (key.startswith("RELATED_") and close_to(key, known)):
            found[key] = nearest(key, known)
    return found


def unused_message(found: Mapping[str, str], where: Callable[[str], str]) -> str:
    """Return one message for all the settings the plugin does not use, naming where each is."""
    files = ", ".join(dict.fromkeys(where(key) for key in found))
    said = "; ".join(f"{key}: {fix}" for key, fix in found.items())
    return f"related_topics: {files} set what it does not use (ignored). Fix: {said}"


def close_to(key: str, known: Mapping[str, str]) -> list[str]:
    return difflib.get_close_matches(key, list(known), n=1, cutoff=0.85)


def nearest(key: str, known: Mapping[str, str]) -> str:
    """Return the fix for an unknown setting: the nearest known one, or the list."""
    close = difflib.get_close_matches(key, list(known), n=1)
    return f"did you mean {close[0]}?" if close else "use one of " + ", ".join(known)


def value_problem(name: str, value: Any, default: Any) -> str:
    """Return what is wrong with a setting's value, and the fix ('' when nothing is)."""
    key = setting_name(name)
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(default, bool | str):
        if not isinstance(value, type(default)):
            kind = "True or False" if isinstance(default, bool) else "a string"
            off = ", or None to write none" if name in SWITCHED_OFF_BY_NONE else ""
            return f"{key} = {value!r} is not {kind}. Fix: e.g. {key} = {default!r}{off}"
    elif isinstance(default, float):
        if not is_number:
            return f"{key} = {value!r} is not a number. Fix: e.g. {key} = {default!r}"
    elif not (is_number and isinstance(value, int)):
        return f"{key} = {value!r} is not a whole number. Fix: e.g. {key} = {default!r}"
    if name in RANGES:
        lowest, highest = RANGES[name]
        if value < lowest or (highest is not None and value > highest):
            span = f"from {lowest} to {highest}" if highest is not None else f"at least {lowest}"
            fix = f"e.g. {key} = {default!r}"
            return f"{key} = {value!r} is out of range: it must be {span}. Fix: {fix}"
    if name == "model" and value not in MODELS:
        return f"{key} = {value!r} is no model it has. Fix: 'minilm', or '' for terms alone"
    return ""
