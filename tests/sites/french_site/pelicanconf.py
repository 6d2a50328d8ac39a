# The settings of someone else's Pelican site (written for the tests): French, with one post
# translated into English (Lang: en), so the theme's words follow each page's language.
AUTHOR = "Claire Dumas"
SITENAME = "Carnet d'encadrement"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
DEFAULT_PAGINATION = 2
