"""The Q&A format: the reader's letter, a line `<!-- answer -->`, then the columnist's answer.

Authors separate the two with a line holding only `<!-- answer -->`.
"""

import re
from dataclasses import dataclass

from coaching_kb.errors import ContentError

SEPARATOR = re.compile(r"<!--\s*answer\s*-->", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Letter:
    """The two halves of a Q&A."""

    letter_html: str
    answer_html: str


def split_letter(html: str, shown_path: str) -> Letter:
    """Return the letter and answer of a Q&A; raise ContentError if either is missing."""
    parts = SEPARATOR.split(html, maxsplit=1)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        raise ContentError(
            f"{shown_path}: this Q&A has no '<!-- answer -->' line between the letter and "
            "the answer. Fix: put the reader's letter first, then a line '<!-- answer -->', "
            "then the answer"
        )
    return Letter(parts[0].strip(), parts[1].strip())
