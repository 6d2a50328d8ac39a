"""Lint a content folder without building it (not a Pelican plugin; `invoke check` runs it)."""
