"""Lint a content folder without building it."""
