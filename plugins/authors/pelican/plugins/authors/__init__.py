"""Give every author a profile (role, bio, photo, links); sets context `author_profiles`."""

from pelican import signals

from .glue import attach_profiles


def register() -> None:
    signals.article_generator_finalized.connect(attach_profiles)
