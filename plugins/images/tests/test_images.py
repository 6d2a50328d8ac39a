"""images: every <img> loads lazily, and one whose file the site holds gets its size."""

import struct
import zlib

import pytest
from pelican.plugins.images.glue import image_file
from pelican.plugins.images.sizing import enhance_images, image_size


def png(width: int, height: int) -> bytes:
    """Return a real, valid PNG of one grey colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def jpeg(width: int, height: int) -> bytes:
    """Return the start of a JPEG: an APP0 segment, then the frame header with the size."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + bytes(9)
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + bytes(3)
    return b"\xff\xd8" + app0 + frame


def webp(kind: bytes, payload: bytes) -> bytes:
    return b"RIFF" + bytes(4) + b"WEBP" + kind + bytes(4) + payload


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (png(40, 30), (40, 30)),
        (b"GIF89a" + struct.pack("<HH", 16, 9), (16, 9)),
        (b"GIF87a" + struct.pack("<HH", 1, 2), (1, 2)),
        (jpeg(640, 480), (640, 480)),
        (webp(b"VP8X", bytes(4) + b"\x63\x00\x00\x31\x00\x00"), (100, 50)),
        (webp(b"VP8L", b"\x2f" + (7 | 3 << 14).to_bytes(4, "little")), (8, 4)),
        (webp(b"VP8 ", b"\x00\x00\x00\x9d\x01\x2a" + struct.pack("<HH", 300, 200)), (300, 200)),
        (png(40, 30)[:20], None),  # cut short
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
        (b"", None),
    ],
)
def test_image_size(data, size):
    assert image_size(data) == size


def known(src: str) -> tuple[int, int] | None:
    return (3, 2) if src == "a.png" else None


LAZY = 'loading="lazy" decoding="async"'
SIZED = 'width="3" height="2"'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<img src="a.png">', f'<img src="a.png" {LAZY} {SIZED}>'),
        ('<img src="a.png" />', f'<img src="a.png" {LAZY} {SIZED}/>'),
        ("<IMG SRC='a.png'>", f"<IMG SRC='a.png' {LAZY} {SIZED}>"),
        ('<img src="b.png">', f'<img src="b.png" {LAZY}>'),  # size unknown
        (
            '<img src="a.png" loading="eager">',
            f'<img src="a.png" loading="eager" decoding="async" {SIZED}>',
        ),
        ('<img src="a.png" width="9">', f'<img src="a.png" width="9" {LAZY}>'),  # the author's size
        (f'<img src="a.png" {LAZY} {SIZED}>', None),
        ("<p>no image</p>", None),
    ],
)
def test_enhance_images(html, expected):
    assert enhance_images(html, known) == (expected or html)


@pytest.mark.parametrize(
    ("src", "found"),
    [
        ("{static}/images/a%20b.png", "images/a b.png"),
        ("{attach}../images/a b.png", "images/a b.png"),
        ("/images/a%20b.png?v=2#top", "images/a b.png"),
        ("beside.png", "essays/beside.png"),
        ("../../outside.png", None),  # outside the content folder
        ("missing.png", None),
        ("https://example.org/images/a%20b.png", None),
        ("data:image/png;base64,iVBORw0KGgo=", None),
    ],
)
def test_image_file(tmp_path, src, found):
    content = tmp_path / "content"
    for name in ("images/a b.png", "essays/beside.png", "../outside.png"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(b"")
    source = str(content / "essays" / "post.md")
    assert image_file(src, source, content) == (content / found if found else None)


FILES = {
    "images/wide.png": png(40, 30),
    "images/team photo.png": png(12, 8),
    "post.md": """\
        Title: With pictures
        Date: 2024-05-01

        ![A chart]({static}/images/wide.png)

        ![Far away](https://example.org/far.png)

        ![Not there]({static}/images/missing.png)

        ![The team]({static}/images/team%20photo.png)
        """,
    "pages/about.md": "Title: About\n\n![Same chart](../images/wide.png)\n",
}


def test_images_are_lazy_and_sized_from_their_file(build_alone):
    site = build_alone("images", FILES)
    images = {img["alt"]: img for img in site.page("with-pictures.html").select("img")}
    assert (images["A chart"]["width"], images["A chart"]["height"]) == ("40", "30")
    assert all(img["loading"] == "lazy" for img in images.values())
    assert "width" not in images["Far away"].attrs
    assert "width" not in images["Not there"].attrs


def test_an_image_named_with_a_space_is_sized_too(build_alone):
    # Editors write the space as %20, and Pelican finds the file either way.
    site = build_alone("images", FILES)
    team = site.page("with-pictures.html").find("img", alt="The team")
    assert (team["width"], team["height"]) == ("12", "8")


def test_a_pages_image_is_sized_from_a_path_relative_to_its_file(build_alone):
    site = build_alone("images", FILES)
    chart = site.page("pages/about.html").select_one("img")
    assert (chart["width"], chart["height"], chart["loading"]) == ("40", "30", "lazy")
