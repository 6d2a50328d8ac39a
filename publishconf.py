"""Production settings: what publishing changes on top of pelicanconf.py."""

import os
import runpy
from pathlib import Path

# Every setting of pelicanconf.py (Pelican reads only UPPER_CASE names), without sys.path edits.
globals().update(
    (name, value)
    for name, value in runpy.run_path(str(Path(__file__).with_name("pelicanconf.py"))).items()
    if name.isupper()
)

SITEURL = os.environ.get("SITEURL", "https://northstar-coaching.example")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
SHARE_IMAGES_ENABLED = True

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
AUTHOR_FEED_ATOM = "authors/{slug}/feed.atom.xml"
TAG_FEED_ATOM = "topics/{slug}/feed.atom.xml"
