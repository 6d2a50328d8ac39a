# The settings of someone else's Pelican site (written for the tests): English, with posts and
# a page translated (Lang:, Translation: true), a hidden page and post, and a draft page.
AUTHOR = "Mira Castell"
SITENAME = "Field notes"
SITEURL = ""
RELATIVE_URLS = True  # its pages link each other relatively, as its preview had them
PATH = "content"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "en"
