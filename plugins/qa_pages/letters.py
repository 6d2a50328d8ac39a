"""Split a Q&A's HTML into the reader's letter and the columnist's answer; describe it as JSON-LD.

Authors separate the two with a line holding only `<!-- answer -->`.
"""

import json
import re
from dataclasses import dataclass

from site_errors import ContentError

SEPARATOR = re.compile(r"<!--\s*answer\s*-->", re.IGNORECASE)
TAGS = re.compile(r"<[^>]+>")


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


def plain_text(html: str) -> str:
    """Return the text of `html` with tags removed and spaces collapsed."""
    return re.sub(r"\s+", " ", TAGS.sub(" ", html)).strip()


def qa_jsonld(
    title: str, letter: Letter, asker: str, columnist: str, date_iso: str, url: str
) -> str:
    """Return schema.org QAPage JSON-LD, safe to place inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "name": title,
            "text": plain_text(letter.letter_html),
            "dateCreated": date_iso,
            "answerCount": 1,
            "author": {"@type": "Person", "name": asker or "A reader"},
            "acceptedAnswer": {
                "@type": "Answer",
                "text": plain_text(letter.answer_html),
                "dateCreated": date_iso,
                "url": url,
                "author": {"@type": "Person", "name": columnist},
            },
        },
    }
    # "</script>" inside a string would end the element early.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
