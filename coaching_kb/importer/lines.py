"""Read an input page into numbered lines, and recognise the site chrome among them. Pure."""

import re
from dataclasses import dataclass

from coaching_kb.content.decoding import decode_text

BULLET = re.compile(r"^\s*([•·▪◦‣§*–-]|\d{1,2}[.)])\s+")
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
MONTH_YEAR = re.compile(rf"^({MONTHS})\s+\d{{4}}$", re.IGNORECASE)
PHONE = re.compile(r"^\+?[\d ().-]{7,}$")
ADDRESS = re.compile(
    r"(\d+ [\w .]+ (ave|avenue|st|street|rd|road|blvd|suite|ste)\b)|(, [A-Z]{2} \d{5}$)", re.I
)
COPYRIGHT = re.compile(r"(©|\(c\)|copyright|all rights reserved)", re.IGNORECASE)
OWNER = re.compile(r"\bby ([A-Z][\w'-]+(?: [A-Z][\w'-]+){1,2})")
CHROME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("image placeholder", re.compile(r"^(picture|image|photo)$", re.I)),
    ("comments are closed", re.compile(r"^comments are closed\.?$", re.I)),
    (
        "newsletter or sign-up prompt",
        re.compile(
            r"(subscribe|newsletter|sign[ -]?up|notified of new|enter your email|"
            r"e-?book|free subscription|join (our|my) (list|mailing))",
            re.I,
        ),
    ),
    (
        "share or follow prompt",
        re.compile(
            r"^(share (this|in the comments|on)|tweet|like this|follow (me|us)|"
            r"view my profile|connect with me)",
            re.I,
        ),
    ),
    (
        "contact details",
        re.compile(r"^(contact( us)?|telephone|phone|location|hours|email)$", re.I),
    ),
    ("contact details", re.compile(r"^by appointment( only)?$", re.I)),
    ("archive list", re.compile(r"^(archives?|categories|all|tags|recent posts)$", re.I)),
    ("profile heading", re.compile(r"^About (me|us|[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2})$")),
)
SHORT_WORDS = 6
CONTACT_LABEL = re.compile(r"^(location|address|hours|find us)$", re.IGNORECASE)


@dataclass
class Line:
    """One input line and what became of it."""

    number: int
    text: str
    fate: str = ""  # "body:<file>", "meta:<field>", or "dropped:<reason>"

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def words(self) -> int:
        return len(self.text.split())


def decode(data: bytes, name: str) -> str:
    """Return the text of an input page; raise ContentError if it is empty, binary or not UTF-8."""
    return decode_text(data, name, "copy the page's text again into a UTF-8 text file")


def split_lines(text: str) -> list[Line]:
    """Return the numbered lines of `text`, non-breaking spaces made plain, ends trimmed."""
    return [
        Line(number, raw.replace("\u00a0", " ").rstrip())
        for number, raw in enumerate(text.splitlines(), start=1)
    ]


def chrome_reason(line: Line) -> str:
    """Return why one line, on its own, is site chrome ('' when it is not)."""
    text = line.text.strip()
    if not text:
        return ""
    if line.words <= 25:
        for reason, pattern in CHROME_RULES:
            if pattern.search(text):
                return reason
    if re.match(r"^email \w+ (to|at|with) ", text, re.IGNORECASE):
        return "contact details"
    if COPYRIGHT.search(text) and line.words <= 20:
        return "copyright line"
    if MONTH_YEAR.match(text):
        return "archive list"
    if PHONE.match(text) or (ADDRESS.search(text) and line.words <= 10):
        return "contact details"
    return ""


def is_menu_item(line: Line) -> bool:
    """Return True for a short bullet line such as a navigation entry."""
    text = line.text.strip()
    return bool(BULLET.match(line.text)) and line.words <= SHORT_WORDS + 1 and text[-1:] not in ".?"


def mark_chrome(lines: list[Line]) -> str:
    """Mark chrome lines as dropped; return the site owner named in a copyright line, if any."""
    owner = ""
    for line in lines:
        reason = chrome_reason(line)
        if reason == "copyright line" and (found := OWNER.search(line.text)):
            owner = found[1]
        if reason and not line.fate:
            line.fate = f"dropped:{reason}"
    mark_contact_blocks(lines)
    run: list[Line] = []
    for line in [*lines, Line(0, "")]:  # a sentinel ends the last run
        if is_menu_item(line) and not line.fate:
            run.append(line)
            continue
        if len(run) >= 3:
            for item in run:
                item.fate = "dropped:navigation menu"
        run = []
    return owner


def mark_contact_blocks(lines: list[Line]) -> None:
    """Drop the lines under a contact label (an address under 'Location'), up to a blank line."""
    for index, line in enumerate(lines):
        if line.fate != "dropped:contact details" or not CONTACT_LABEL.match(line.text.strip()):
            continue
        for following in lines[index + 1 : index + 6]:
            if following.is_blank and following is not lines[index + 1]:
                break
            if not following.is_blank and not following.fate and following.words <= 8:
                following.fate = "dropped:contact details"
