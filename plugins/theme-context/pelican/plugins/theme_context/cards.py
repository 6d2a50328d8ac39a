"""Short texts for cards and lists: plain strings in, plain strings out."""

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

# A sentence ends at . ! or ? (and a closing quote or bracket) before a space and a capital,
# a digit or an opening quote: "e.g. this" and "3.5 days" do not end one.
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?=\s+[\"'“‘(]?[A-Z0-9])")
AVATAR_TONES = 10  # .avatar--0 to .avatar--9 in the stylesheet


def sentences(text: str, limit: int = 220) -> str:
    """Return the whole sentences of `text` that fit in `limit` characters (always the first)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [match.end() for match in SENTENCE_END.finditer(text)]
    fitting = [end for end in ends if end <= limit]
    if fitting:
        return text[: fitting[-1]]
    return text[: ends[0]] if ends else text


def specific_reasons(reasons: Sequence[str]) -> list[str]:
    """Return each reason, or "" where another item in the list gives the same one: a reason
    every item shares tells the reader nothing about this one."""
    seen = Counter(reason.strip().lower() for reason in reasons)
    return [reason if seen[reason.strip().lower()] == 1 else "" for reason in reasons]


def avatar_tone(name: str) -> int:
    """Return the avatar tone for a name: the same name always gets the same tone."""
    return zlib.crc32(name.strip().encode("utf-8")) % AVATAR_TONES


def pick_featured(articles: Iterable[Any]) -> Any:
    """Return the article marked featured (the newest such), else the newest essay, else None."""
    ordered = sorted(articles, key=lambda a: a.date, reverse=True)
    essays = [a for a in ordered if not is_question(a)]
    return (list(filter(is_marked, essays)) or essays or [None])[0]


def is_marked(content: Any) -> bool:
    """Return True for an article or page marked `Featured: true` (or yes, or 1)."""
    return str(getattr(content, "featured", "")).strip().lower() in ("true", "yes", "1")


def pick_newest_question(articles: Iterable[Any]) -> Any:
    """Return the newest Q&A, or None."""
    questions = sorted(filter(is_question, articles), key=lambda a: a.date, reverse=True)
    return questions[0] if questions else None


def is_question(article: Any) -> bool:
    """Return True for an advice-column Q&A (`Type: qa`)."""
    return str(getattr(article, "type", "")).lower() == "qa"
