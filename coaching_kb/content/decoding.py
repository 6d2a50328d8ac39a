"""Decode a file a user gave us, with a clear error for empty, binary or non-UTF-8 input."""

from coaching_kb.errors import ContentError


def decode_text(data: bytes, shown: str, fix: str) -> str:
    """Return the UTF-8 text of `data`; raise ContentError naming `shown` and how to fix it."""
    if not data.strip():
        raise ContentError(f"{shown}:1: the file is empty. Fix: {fix}")
    if b"\0" in data[:8192]:
        raise ContentError(f"{shown}:1: this is a binary file, not text. Fix: {fix}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            f"{shown}:{line}: the file is not UTF-8 text (byte {error.start}). "
            "Fix: save it as UTF-8 in your editor"
        ) from None
