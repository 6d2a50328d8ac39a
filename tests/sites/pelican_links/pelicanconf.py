# The settings of someone else's Pelican site (written for the tests): posts in blog/ saved
# under their year, files beside them attached with {attach}, Pelican's pages/ layout.
AUTHOR = "Theo Lind"
SITENAME = "Lind on teams"
SITEURL = ""
RELATIVE_URLS = True  # its pages link each other relatively, as its preview had them
PATH = "content"
TIMEZONE = "Europe/Stockholm"
DEFAULT_LANG = "en"
ARTICLE_PATHS = ["blog"]
ARTICLE_URL = "{date:%Y}/{slug}.html"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}.html"
STATIC_PATHS = ["images", "blog", "downloads"]
