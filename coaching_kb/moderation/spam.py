"""Score a reader's comment for spam: rules and a small model combined, with the reasons.

One scorer for the comment intake service, `invoke comment-triage` and the importer. Pure:
text in, a `Verdict` out. The rules catch what a person can name (links, advertising words,
the honeypot, self-promotion); the model (`spam_model`, character n-grams) catches the rest.
Brief praise and emoji are never spam. Above the threshold a comment is filed as `spam`,
never deleted, so a person can still rescue it.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .spam_model import SpamModel, load

TEST_POST = re.compile(
    r"^\s*(this is (just )?a test( comment| post)?|test(ing)?( comment| post)?( \d+)?|"
    r"asdf+|lorem ipsum.*|hello world)\s*[.!]*\s*$",
    re.IGNORECASE,
)
LINK = re.compile(
    r"(https?://\S+|www\.\S+|\[[^\]]*\]\([^)]*\)|<https?://[^>]+>|"
    r"\b[\w-]{2,}\.(?:com|net|org|info|biz|ru|io|ly|me|tk|co)\b(?:/\S*)?)",  # a bare domain too
    re.IGNORECASE,
)
WORD = re.compile(r"\w", re.UNICODE)
WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
SHORT_TEST = re.compile(r"\btest(ing)?\b", re.IGNORECASE)  # "testing the comment form"
KEYBOARD_MASH = re.compile(r"^\s*(\w{2,6})\1+\s*$")  # "asdfasdf", "hahaha"
PROMOTED = (
    r"(blog|site|website|channel|page|profile|videos?|vids?|music|songs?|covers?|"
    r"account|tracks?|playlist|remix|album|mixtape|art|stuff|youtube|instagram)"
)
SELF_PROMOTION = re.compile(
    rf"\b(visit|check(ing)?( it)?( out)?|see|watch|listen to|look at|view|go to|subscribe to|"
    rf"follow|support)( \w+){{0,2}} (my|our)( [\w-]+){{0,2}} {PROMOTED}\b|"
    rf"\b(please|pls|plz) (like,? (and|&) )?sub(scribe)?\b|\bsubscribe (to )?(my|our|me)\b|"
    rf"\bsub ?(4|for) ?sub\b|\b(follow|add) me\b|\b(help me|to) (get|reach) \d+ ?"
    rf"(subscribers|subs|followers|views)\b",
    re.IGNORECASE,
)  # "check out my new music video", "please subscribe": with or without a link
# Emoticons only: ":)", ";-)", "<3 !" (brief praise, never spam)
EMOTICON = re.compile(r"^(\s*([:;=8][-'^o]?[)(\]\[DPp/\\|*oO0]+|<3+|\^_?\^)[\s!.]*)+$")
REPEATED_WORD = re.compile(r"\b(\w+)(\W+\1\b){2,}", re.IGNORECASE)  # "click click click"
HOST = re.compile(r"(?:https?://|www\.)([^/\s)>]+)", re.IGNORECASE)
REPEATED = re.compile(r"(\S)\1{5,}|([!?$])\2{2,}")
MONEY = re.compile(r"[$€£]\s?\d|\d+\s?(usd|eur|euros?|dollars?)\b|\b\d+% off\b", re.IGNORECASE)
# Words of advertising: each one adds a little, several (or prices with them) mark spam.
SPAM_WORD_TEXT = """
viagra cialis pharmacy pills casino betting bet poker slots loan loans payday crypto
bitcoin forex seo backlinks backlink followers replica cheap discount discounts promo
coupon bonus jackpot earn income profit profits investment invest rich click subscribe
buy order offer winner prize free guaranteed limited deal deals escort dating sexy xxx
weight diet supplement essay essays dissertation rolex handbags outlet unsecured
price prices store shop sponsored dofollow whatsapp telegram enroll certified spells
"""
SPAM_WORDS = frozenset(SPAM_WORD_TEXT.split())
THRESHOLD = 1.0


@dataclass(frozen=True, slots=True)
class Verdict:
    """How spammy a comment looks, and why."""

    score: float
    reasons: tuple[str, ...] = ()

    @property
    def is_spam(self) -> bool:
        return self.score >= THRESHOLD

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class Context:
    """What the scorer knows beyond the text: the article's title, the honeypot, a blocklist."""

    title: str = ""
    honeypot: str = ""
    blocklist: tuple[str, ...] = field(default_factory=tuple)
    author: str = ""
    url: str = ""


def junk_reason(body: str) -> str | None:
    """Return why `body` is obvious junk (empty, a test, links only), or None."""
    text = body.strip()
    if not text:
        return "empty"
    if not WORD.search(text) and not is_emoji_or_emoticon(text):
        return "punctuation only"
    if TEST_POST.match(text) or (len(text.split()) <= 5 and SHORT_TEST.search(text)):
        return "test post"
    if KEYBOARD_MASH.match(text):
        return "keyboard mash"
    if LINK.search(text) and not WORD.search(LINK.sub("", text)):
        return "links only"
    return None


def is_emoji_or_emoticon(text: str) -> bool:
    """Return True for a text of emoji, hearts and smileys only (a reader's brief praise)."""
    symbols = [c for c in text if not c.isspace()]
    pictures = [c for c in symbols if unicodedata.category(c) in ("So", "Sk", "Mn", "Cf")]
    return (bool(pictures) and len(pictures) >= len(symbols) / 2) or bool(EMOTICON.match(text))


def is_brief(body: str) -> bool:
    """Return True for a few words with no link: praise, thanks, a smiley, never spam alone."""
    return not LINK.search(body) and len(WORDS.findall(body)) <= 5


def score(body: str, context: Context = Context(), *, model: SpamModel | None = None,
          rules_only: bool = False) -> Verdict:  # fmt: skip
    """Return the spam verdict of a comment body (with the shipped model unless `rules_only`)."""
    signals: list[tuple[float, str]] = []
    if context.honeypot.strip():
        signals.append((3.0, "filled the field people cannot see"))
    if junk := junk_reason(body):
        signals.append((2.0, junk))
    listed = blocked(f"{body} {context.author} {context.url}", context.blocklist)
    if listed:
        signals.append((3.0, f"blocklisted: {listed}"))
    signals += link_signals(body)
    signals += vocabulary_signals(body)
    signals += shape_signals(body, context.title)
    if SELF_PROMOTION.search(body):
        signals.append((1.0, "promotes the writer's own channel or site"))
    model = None if rules_only else model or load()
    if model is not None and not is_brief(body):
        chance = model.probability(body)
        if chance >= model.threshold:
            signals.append((1.0, f"reads like spam (model, {chance:.2f})"))
    total = round(sum(weight for weight, _ in signals), 2)
    return Verdict(total, tuple(reason for _, reason in signals))


def link_signals(body: str) -> list[tuple[float, str]]:
    """Score links: several of them, or text that is mostly links."""
    links = LINK.findall(body)
    if not links:
        return []
    words = len(WORDS.findall(LINK.sub(" ", body)))
    share = sum(len(link) for link in links) / max(len(body), 1)
    found = []
    if len(links) >= 3:
        found.append((0.6 + 0.1 * min(len(links), 10), f"{len(links)} links"))
    if share > 0.35 or (words < 12 and links):
        found.append((0.5, "mostly links"))
    hosts = " ".join(HOST.findall(body)).lower()
    advertised = sorted(word for word in SPAM_WORDS if len(word) > 3 and word in hosts)
    if advertised:
        found.append((0.6, f"links to sites named for {', '.join(advertised[:3])}"))
    return found


def vocabulary_signals(body: str) -> list[tuple[float, str]]:
    """Score the vocabulary of advertising: several spam words, or money with them."""
    words = [w.lower() for w in WORDS.findall(body)]
    hits = sorted({w for w in words if w in SPAM_WORDS})
    found = []
    if hits:
        found.append((0.35 * min(len(hits), 5), f"spam words: {', '.join(hits[:5])}"))
    if MONEY.search(body) and hits:
        found.append((0.4, "prices with sales talk"))
    return found


def shape_signals(body: str, title: str) -> list[tuple[float, str]]:
    """Score the shape of the text: shouting, repeated characters, the title repeated."""
    found = []
    letters = [c for c in body if c.isalpha()]
    shouted = sum(c.isupper() for c in letters) / len(letters) if len(letters) >= 20 else 0.0
    if shouted > 0.6:
        found.append((0.6, "mostly capitals"))
    if REPEATED.search(body):
        found.append((0.3, "repeated characters"))
    if REPEATED_WORD.search(body):
        found.append((0.3, "repeated words"))
    plain_title = " ".join(WORDS.findall(title.lower()))
    plain_body = " ".join(WORDS.findall(body.lower()))
    # A fan quoting the title is a reader; a bot pasting it again and again is not.
    if len(plain_title) > 15 and plain_body.count(plain_title) >= 2:
        found.append((1.0, "repeats the article's title"))
    return found


def blocked(text: str, blocklist: Iterable[str]) -> str:
    """Return the first blocklist entry (a word, a domain or an address) found in `text`."""
    lowered = text.lower()
    return next((entry for entry in blocklist if entry and entry in lowered), "")


def read_blocklist(path: Path) -> tuple[str, ...]:
    """Return the owner's blocklist: one entry a line, `#` comments; none if no file."""
    if not path.is_file():
        return ()
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(
        line.split("#", 1)[0].strip().lower() for line in lines if line.split("#", 1)[0].strip()
    )
