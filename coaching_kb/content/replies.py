"""The comment inbox's replies to a reader, in English: the theme's catalogs translate them,
the build writes them into comments.json in each language the site's pages use, and the inbox
answers in the language of the page the form was on (`Replies`).

Pure: shared by the static_comments plugin (which writes them) and the inbox (which says them).
"""

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

THANK_YOU = "Thank you"
NOT_SENT = "Not sent"
BACK = "Back to the page"
REFUSED = "Not sent: %(reason)s."
COMMENT_TAKEN = "Thank you. Your comment awaits moderation."
QUESTION_TAKEN = "Thank you. Your question will be read by the columnist."
# Why a post was refused: each fills REFUSED's %(reason)s.
TOO_MANY = "too many posts from you; wait a minute and try again"
NOT_A_FORM = "send the form as application/x-www-form-urlencoded"
TOO_BIG = "the post is over %(limit)s bytes; shorten it"
NOT_UTF8 = "the post is not UTF-8 text"
FIELD_TOO_LONG = "the field '%(field)s' is over %(limit)s characters"
NO_ARTICLE = "there is no article '%(slug)s' on this site"
CLOSED = "comments are closed on “%(title)s”"
EMPTY_COMMENT = "a comment needs your name and some text"
SHORT_QUESTION = "please write your question in a few sentences"
ADVERTISING = "this looks like advertising, not a question"
NOT_READY = "the inbox is not ready; try again later"
TIMED_OUT = "the inbox could not store it in time; try again"
NOT_WRITTEN = "could not write it (%(error)s)"
NOT_SAVED = "it could not be saved to the repository; try again"

MESSAGES = (
    THANK_YOU, NOT_SENT, BACK, REFUSED, COMMENT_TAKEN, QUESTION_TAKEN, TOO_MANY, NOT_A_FORM,
    TOO_BIG, NOT_UTF8, FIELD_TOO_LONG, NO_ARTICLE, CLOSED, EMPTY_COMMENT, SHORT_QUESTION,
    ADVERTISING, NOT_READY, TIMED_OUT, NOT_WRITTEN, NOT_SAVED,
)  # fmt: skip


def translated(gettext: Callable[[str], str]) -> dict[str, str]:
    """Return each reply `gettext` words otherwise than English, as plain text (a catalog's
    translation is HTML: `&amp;` for &)."""
    said = {message: html.unescape(gettext(message)) for message in MESSAGES}
    return {message: text for message, text in said.items() if text != message}


@dataclass(frozen=True, slots=True)
class Replies:
    """The inbox's replies in one language (`lang`, as the page's `<html lang>` gives it)."""

    lang: str = "en"
    words: Mapping[str, str] = field(default_factory=dict)

    def say(self, message: str, **variables: object) -> str:
        """Return `message` in this language, its `%(name)s` filled (English where the
        translation cannot be filled)."""
        try:
            return self.words.get(message, message) % variables
        except (KeyError, ValueError, TypeError):
            return message % variables

    @property
    def tag(self) -> str:
        """The language as HTML's `lang` writes it ("pt_br" gives "pt-br")."""
        return self.lang.replace("_", "-")
