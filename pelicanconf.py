"""Local build settings: relative URLs, every plugin on, our theme."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

SITENAME = "Northstar Leadership Notes"
SITE_DESCRIPTION = (
    "Essays, reader questions and a topic map for people moving from doing the work "
    "to leading the people who do it."
)
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
# Each build replaces the whole site: a page whose post was renamed or removed goes too.
DELETE_OUTPUT_DIRECTORY = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
ARCHIVE_DATE_FORMAT = "%-d %b"  # the archives' short dates, under each year (ours alone)
DEFAULT_CATEGORY = "Essays"
USE_FOLDER_AS_CATEGORY = False

THEME = str(ROOT / "theme")
# Each build makes a new template environment, so checking every include's file for changes
# (a stat per include per page) finds nothing new. Jinja's optimizer folds constant expressions
# while compiling: our templates have none it can fold (the code it makes differs by one pair
# of brackets), and without it each compile is a tenth quicker (0.01 s of a small site's build).
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
    "optimized": False,
    # The theme's words in each page's language (the theme_context plugin gives it the catalogs).
    "extensions": ["jinja2.ext.i18n"],
}

# Full names: Pelican finds plugins by short name only when they are installed as files, and
# dev.py installs ours editable (from plugins/<name>/pelican/plugins/<name>/).
PLUGINS = [
    # First: the title plugins below wrap the Markdown reader it sets.
    "pelican.plugins.yaml_front_matter",
    "pelican.plugins.heading_titles",
    "pelican.plugins.plain_titles",
    "pelican.plugins.template_fallback",
    "pelican.plugins.local_files",
    "pelican.plugins.root_files",
    "pelican.plugins.authors",
    "pelican.plugins.topics",
    "pelican.plugins.static_comments",
    "pelican.plugins.related_topics",
    "pelican.plugins.qa_pages",
    "pelican.plugins.article_meta",
    "pelican.plugins.images",
    "pelican.plugins.content_policy",
    "pelican.plugins.navigation",
    "pelican.plugins.sitemap_robots",  # not "sitemap": a PyPI plugin owns that name
    "pelican.plugins.pagefind_search",
    "pelican.plugins.theme_context",
    # After topics: draws a share image for each topic hub too.
    "pelican.plugins.share_images",
]

# Folders that hold data for plugins, not articles or pages, at any depth (an imported
# folder carries its own authors/ and comments/).
ARTICLE_EXCLUDES = ["pages"]
IGNORE_FILES = [".#*", "authors", "comments", "topics"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]  # extra/: favicon, robots.txt... published at the root

ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = "authors/{slug}/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
AUTHORS_URL = "authors/"  # where the theme links the list of authors
CATEGORY_URL = "section/{slug}/"
CATEGORY_SAVE_AS = "section/{slug}/index.html"
CATEGORIES_SAVE_AS = "section/index.html"
TAG_URL = "topics/{slug}/"
TAG_SAVE_AS = ""  # topic hubs replace Pelican's tag pages
TAGS_SAVE_AS = ""
# Drafts are read and checked, never published (Pelican writes them to drafts/, linking to
# author and topic pages that do not exist): set these to publish them for review.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
ARCHIVES_SAVE_AS = "archives/index.html"
ARCHIVES_URL = "archives/"  # where the theme links the archives (the menu, the footer)
YEAR_ARCHIVE_SAVE_AS = "archives/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "archives/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "archives/{date:%Y}/{date:%m}/index.html"
DIRECT_TEMPLATES = ["index", "archives", "authors", "categories", "search", "404"]
SEARCH_SAVE_AS = "search/index.html"
SEARCH_URL = "search/"
PAGINATED_TEMPLATES = {"index": 12, "category": 20, "author": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds are written in production only (publishconf.py); a local build stays fast.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}

# Reader questions and comments arrive by email on a static host; an owner with a
# form service sets the *_ENDPOINT settings instead.
QA_SUBMIT_EMAIL = "ask@northstar-coaching.example"
QA_SUBMIT_ENDPOINT = ""
COMMENTS_MODERATION_EMAIL = "comments@northstar-coaching.example"
COMMENTS_ENDPOINT = ""
NEWSLETTER_ACTION = ""

# Embeddings of article passages, by the hash of their text: an unchanged one is embedded once.
RELATED_TOPICS_CACHE_PATH = str(ROOT / ".cache" / "related_topics")
RELATED_TOPICS_AUTO_INSERT = False  # the theme shows article.related itself
# Share images (og:image) are drawn in production only (publishconf.py): shared links need an
# absolute address, and a local build stays fast.
SHARE_IMAGES_ENABLED = False
SHARE_IMAGES_CACHE_PATH = str(ROOT / ".cache" / "share-images")

MENU_LINKS = (
    ("Essays", "section/essays/"),
    ("Ask the Coach", "section/ask-the-coach/"),
    ("Topics", "topics/"),
    ("Coaches", "authors/"),
    ("About", "about/"),
)
