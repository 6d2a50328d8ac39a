# The settings of someone else's Pelican site (written for the tests): its favicon, robots.txt,
# CNAME and a stylesheet placed by STATIC_PATHS and EXTRA_PATH_METADATA, as Pelican's docs show.
AUTHOR = "Sam Okoro"
SITENAME = "Okoro writes"
SITEURL = ""
PATH = "content"
TIMEZONE = "Africa/Lagos"
DEFAULT_LANG = "en"
STATIC_PATHS = [
    "images",
    "extra/robots.txt",
    "extra/favicon.ico",
    "extra/CNAME",
    "extra/custom.css",
]
EXTRA_PATH_METADATA = {
    "extra/robots.txt": {"path": "robots.txt"},
    "extra/favicon.ico": {"path": "favicon.ico"},
    "extra/CNAME": {"path": "CNAME"},
    "extra/custom.css": {"path": "static/custom.css"},
}
