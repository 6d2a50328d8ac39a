"""root_files: the files of the content folder's `extra/` are published at the site's root."""

import pytest
from pelican.plugins.root_files.glue import root_name


@pytest.mark.parametrize(
    ("relative", "folder", "name"),
    [
        ("extra/robots.txt", "extra", "robots.txt"),
        ("extra/.well-known/security.txt", "extra", ".well-known/security.txt"),
        ("extra/a/../b.txt", "extra", "b.txt"),
        ("root/CNAME", "/root/", "CNAME"),
        ("images/extra/photo.png", "extra", None),  # only the folder at the content's top
        ("extras/robots.txt", "extra", None),
        ("robots.txt", "extra", None),
    ],
)
def test_root_name(relative, folder, name):
    assert root_name(relative, folder) == name


FILES = {
    "post.md": "Title: A post\nDate: 2024-05-01\n\nText.\n",
    "extra/robots.txt": "User-agent: *\nDisallow: /drafts/\n",
    "extra/favicon.ico": b"\x00\x00\x01\x00 an icon",
    "extra/keys/keybase.txt": "proof\n",
    "extra/.well-known/security.txt": "Contact: mailto:owner@coach.example\n",
    "images/photo.png": b"\x89PNG a photo",
}


def test_extra_files_are_published_at_the_root_and_nowhere_else(build_alone):
    site = build_alone("root_files", FILES, STATIC_PATHS=["extra", "images"])
    out = site.output
    assert (out / "robots.txt").read_text() == FILES["extra/robots.txt"]
    assert (out / "favicon.ico").read_bytes() == FILES["extra/favicon.ico"]
    assert (out / "keys" / "keybase.txt").read_text() == "proof\n"
    assert (out / ".well-known" / "security.txt").exists()
    assert not (out / "extra").exists()
    assert (out / "images" / "photo.png").exists()  # other static files stay where they were


def test_the_folder_is_a_setting(build_alone):
    files = {"post.md": FILES["post.md"], "root/CNAME": "coaching.example\n"}
    site = build_alone("root_files", files, STATIC_PATHS=["root"], ROOT_FILES_PATH="root")
    assert (site.output / "CNAME").read_text() == "coaching.example\n"
    assert not (site.output / "root").exists()
