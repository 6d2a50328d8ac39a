# The settings pelican-quickstart writes, filled in (written for the tests), with pagination
# left unset: a SITEURL and no RELATIVE_URLS (Pelican writes absolute links), no date format
# (Pelican's), a blogroll and social links, and posts filed in folders named like our data
# folders (topics/, comments/, authors/), which Pelican makes their categories.
AUTHOR = "Lee Park"
SITENAME = "Lee's workshop"
SITEURL = "https://lee.example.org"

PATH = "content"

TIMEZONE = "Europe/London"

DEFAULT_LANG = "en"

# Feed generation is usually not desired when developing
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Blogroll (the last one with characters HTML must escape)
LINKS = (
    ("Pelican", "https://getpelican.com/"),
    ("Python.org", "https://www.python.org/"),
    ("Jigs <& fixtures>", "https://jigs.example.org/?kind=dovetail&size=small"),
)

# Social widget
SOCIAL = (("Mastodon", "https://hachyderm.io/@leepark"),)
