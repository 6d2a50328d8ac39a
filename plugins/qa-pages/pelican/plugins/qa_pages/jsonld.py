"""Describe a Q&A as schema.org QAPage JSON-LD."""

import json
import re

from coaching_kb.content.letters import Letter

TAGS = re.compile(r"<[^>]+>")


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
