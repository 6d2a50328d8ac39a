# The settings of someone else's Pelican site (written for the tests): Portuguese, its own
# URL layout, timezone, pagination and feeds. `invoke build --settings` keeps all of them.
AUTHOR = "Ana Ribeiro"
SITENAME = "Notas de liderança"
SITEURL = ""
PATH = "content"
TIMEZONE = "America/Sao_Paulo"
DEFAULT_LANG = "pt"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
ARTICLE_URL = "{slug}.html"
ARTICLE_SAVE_AS = "{slug}.html"
PAGE_URL = "paginas/{slug}.html"
PAGE_SAVE_AS = "paginas/{slug}.html"
DEFAULT_PAGINATION = 2
FEED_ALL_ATOM = "feeds/todos.atom.xml"
STATIC_PATHS = ["imagens"]
