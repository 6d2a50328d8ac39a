"""Render the Markdown of our data files (bios, topic descriptions, comments) to HTML."""

import markdown


def to_html(text: str) -> str:
    """Return `text` rendered as HTML with the extensions our articles use."""
    return markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
