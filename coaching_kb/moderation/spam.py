"""Recognise obvious junk comments: test posts, empty or punctuation-only bodies, bare links."""

import re

TEST_POST = re.compile(
    r"^\s*(this is (just )?a test( comment| post)?|test(ing)?( comment| post)?( \d+)?|"
    r"asdf+|lorem ipsum.*|hello world)\s*[.!]*\s*$",
    re.IGNORECASE,
)
LINK = re.compile(r"(https?://\S+|www\.\S+|\[[^\]]*\]\([^)]*\)|<https?://[^>]+>)", re.IGNORECASE)
WORD = re.compile(r"\w", re.UNICODE)
SHORT_TEST = re.compile(r"\btest(ing)?\b", re.IGNORECASE)  # "testing the comment form"


def junk_reason(body: str) -> str | None:
    """Return why `body` is obvious junk, or None when a person should judge it."""
    text = body.strip()
    if not text:
        return "empty"
    if not WORD.search(text):
        return "punctuation only"
    if TEST_POST.match(text) or (len(text.split()) <= 5 and SHORT_TEST.search(text)):
        return "test post"
    if not WORD.search(LINK.sub("", text)):
        return "links only"
    return None
