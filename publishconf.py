"""Production settings: what publishing changes on top of pelicanconf.py."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://northstar-coaching.example")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
AUTHOR_FEED_ATOM = "authors/{slug}/feed.atom.xml"
TAG_FEED_ATOM = "topics/{slug}/feed.atom.xml"
