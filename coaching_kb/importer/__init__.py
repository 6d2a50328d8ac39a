"""Turn raw text copied from old coaching sites into our content.

`invoke import` runs it: pages in, Markdown essays, Q&As, comment files and author profiles
out, with a report of every line dropped as site chrome, so nothing is silently lost.
"""
