"""Read the owner's synonyms file: groups of words a reader may use for the same thing."""

import json
from pathlib import Path

FIX = "list two or more words or phrases separated by commas, e.g. 'boss, manager'"


class SynonymsError(ValueError):
    """A line of the synonyms file that cannot work; the message names the file and line."""


def parse_synonyms(text: str, where: str) -> tuple[list[list[str]], list[str]]:
    """Return the groups (lower-case, in file order) and an error for each unusable line."""
    groups: list[list[str]] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        terms = list(dict.fromkeys(t.strip().casefold() for t in line.split(",") if t.strip()))
        if len(terms) < 2:
            errors.append(f"{where}:{number}: '{line.strip()}' has nothing to match. Fix: {FIX}")
            continue
        groups.append(terms)
    return groups, errors


def write_synonyms(groups: list[list[str]], bundle: Path) -> Path:
    """Write the groups beside Pagefind's bundle, for the search page's script."""
    target = bundle / "synonyms.json"
    target.write_text(json.dumps({"groups": groups}, ensure_ascii=False), encoding="utf-8")
    return target
