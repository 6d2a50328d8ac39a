"""Read an image's size from its header, and add loading hints and sizes to <img> tags. Pure."""

import re
import struct
from collections.abc import Callable

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
SRC = re.compile(r"""\bsrc\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def image_size(data: bytes) -> tuple[int, int] | None:
    """Return (width, height) of PNG, GIF, JPEG or WebP bytes, or None if unknown."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return webp_size(data)
    if data.startswith(b"\xff\xd8"):
        return jpeg_size(data)
    return None


def webp_size(data: bytes) -> tuple[int, int] | None:
    """Return the size in a WebP header (lossy, lossless or extended)."""
    kind = data[12:16]
    if kind == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Return the size in the first start-of-frame marker of a JPEG."""
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def enhance_images(html: str, size_of: Callable[[str], tuple[int, int] | None]) -> str:
    """Return `html` with lazy loading on every <img>, and width/height where known."""

    def enhance(match: re.Match[str]) -> str:
        tag = match[0]
        extra = []
        if "loading=" not in tag.lower():
            extra.append('loading="lazy"')
        if "decoding=" not in tag.lower():
            extra.append('decoding="async"')
        src = SRC.search(tag)
        size = size_of(src[2]) if src else None
        if size and "width=" not in tag.lower() and "height=" not in tag.lower():
            extra.append(f'width="{size[0]}" height="{size[1]}"')
        if not extra:
            return tag
        closing = "/>" if tag.endswith("/>") else ">"
        return f"{tag[: -len(closing)].rstrip()} {' '.join(extra)}{closing}"

    return IMG_TAG.sub(enhance, html)
