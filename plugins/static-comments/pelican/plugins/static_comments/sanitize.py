"""Turn a reader's Markdown into HTML that cannot run script, style the page or load anything.

The allow-list lives with the content model, as Q&A letters are reader text too.
"""

from coaching_kb.content.reader_text import reader_html as comment_html
from coaching_kb.content.reader_text import safe_url

__all__ = ["comment_html", "safe_url"]
