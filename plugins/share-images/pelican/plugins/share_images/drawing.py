"""The site's images, drawn from plain text: a share card (PNG bytes) and the icon (SVG text).

The design is ours: the north-star mark in amber on deep blue, the site's name, a kicker
(Essay, Ask the Coach, Topic) and the page's title in large type. Fonts are Pillow's own
(Aileron, inside the wheel), so every machine draws the same pixels.
"""

import functools
import hashlib
import io
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

# Cached cards are keyed on this module's code and Pillow's version, besides their text: a
# change to the drawing or the typeface draws every card again.
DESIGN = hashlib.sha256(Path(__file__).read_bytes() + PIL.__version__.encode()).hexdigest()
SIZE = (1200, 630)
MARGIN = 80
BLUE = "#123f63"
AMBER = "#f2b84b"
WHITE = "#ffffff"
PALE = "#c9dcec"
STAR = (
    (0, -1),
    (0.22, -0.22),
    (1, 0),
    (0.22, 0.22),
    (0, 1),
    (-0.22, 0.22),
    (-1, 0),
    (-0.22, -0.22),
)
TITLE_SIZES = (76, 64, 54)  # the largest that fits in MAX_LINES is used
MAX_LINES = 4


def card_key(title: str, kicker: str, site_name: str) -> str:
    """Return a name for the card of this text: the same text always gets the same name."""
    text = "\x1f".join((DESIGN, title, kicker, site_name))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def share_card_png(title: str, kicker: str, site_name: str) -> bytes:
    """Return a 1200x630 PNG: mark and site name, kicker, and the title wrapped to fit."""
    image = Image.new("RGB", SIZE, BLUE)
    draw = ImageDraw.Draw(image)
    draw.polygon(star_points(MARGIN + 22, MARGIN + 22, 24), fill=AMBER)
    draw.text((MARGIN + 62, MARGIN + 22), site_name, font=font(34), fill=PALE, anchor="lm")
    size, lines = fit_title(title)
    line_height = round(size * 1.18)
    top = SIZE[1] - MARGIN - line_height * len(lines)
    if kicker:
        draw.text((MARGIN, top - 28), kicker.upper(), font=font(30), fill=AMBER, anchor="ls")
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font(size), fill=WHITE)
    draw.rectangle((0, SIZE[1] - 12, SIZE[0], SIZE[1]), fill=AMBER)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=6)
    return out.getvalue()


def touch_icon_png(size: int = 180) -> bytes:
    """Return the square icon phones put on a home screen: the mark on blue."""
    image = Image.new("RGB", (size, size), BLUE)
    draw = ImageDraw.Draw(image)
    draw.polygon(star_points(size / 2, size / 2, size * 0.36), fill=AMBER)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def favicon_svg() -> str:
    """Return the tab icon: the mark on a rounded blue square."""
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in star_points(16, 16, 12))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="7" fill="{BLUE}"/>'
        f'<polygon points="{points}" fill="{AMBER}"/></svg>\n'
    )


def star_points(x: float, y: float, radius: float) -> list[tuple[float, float]]:
    """Return the corners of the four-pointed mark centred on (x, y)."""
    return [(x + dx * radius, y + dy * radius) for dx, dy in STAR]


def fit_title(title: str) -> tuple[int, list[str]]:
    """Return the largest title size whose wrapped lines fit, and the lines (the last cut
    with an ellipsis only if even the smallest size does not fit)."""
    width = SIZE[0] - 2 * MARGIN
    for size in TITLE_SIZES:
        lines = wrap(title, font(size), width)
        if len(lines) <= MAX_LINES:
            return size, lines
    lines = wrap(title, font(TITLE_SIZES[-1]), width)[:MAX_LINES]
    return TITLE_SIZES[-1], [*lines[:-1], lines[-1].rstrip(" ,;:") + "…"]


def wrap(text: str, typeface: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Return `text` broken into lines no wider than `width` (a longer word gets its own)."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and typeface.getlength(trial) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines or [""]


@functools.cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """Return Pillow's built-in typeface at `size` pixels."""
    return ImageFont.load_default(size=size)  # type: ignore[return-value]
