"""Hints for authors: the topics an untagged article's text suggests, as the build files it.

Not problems: `invoke check` prints them and still passes.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from content_paths import shown_path
from front_matter import split_list
from markdown_text import to_html
from related_topics.analysis import Analysed, Corpus, find_relations
from related_topics.crosslinks import link_options
from related_topics.scoring import Doc
from related_topics.settings import load as load_related_settings
from related_topics.topic_graph import vocabulary_infos
from site_errors import ContentError
from topics.glue import load_all_topics
from topics.vocabulary import Topic, Vocabulary

PUBLISHED = ("", "published")


def folder_hints(settings: Mapping[str, Any]) -> list[str]:
    """Return the topic hints for the articles of the content folder settings['PATH'] names."""
    from .checks import content_files, read_source

    articles = []
    for path in content_files(settings):
        try:
            source = read_source(path, settings)
        except ContentError:
            continue  # reported as a problem by check_folder
        if not source.is_page:
            articles.append((shown_path(settings, source.file), source.doc))
    return topic_hints(articles, load_all_topics(dict(settings))[0], settings)


def topic_hints(
    articles: Sequence[tuple[str, Any]], topics: Mapping[str, Topic], settings: Mapping[str, Any]
) -> list[str]:
    """Return a hint for each untagged article naming the topics its text suggests.

    `articles` holds (shown path, parsed document) pairs. The suggestions come from the same
    computation the build runs, over the same published articles.
    """
    if not topics:
        return []
    vocabulary = Vocabulary(dict(topics))
    published = [(shown, doc) for shown, doc in articles if doc.get("status") in PUBLISHED]
    docs = [doc_of(shown, doc, vocabulary) for shown, doc in published]
    names = {slug: topic.names for slug, topic in topics.items()}
    corpus = Corpus(
        docs,
        link_options(names, {}, 0),  # mentions count towards suggestions; nothing is linked
        load_related_settings(settings),
        vocabulary_infos(topics, settings.get("TAG_URL", "topics/{slug}/")),
    )
    findings = find_relations(corpus, Analysed())
    return [
        f"{doc.key}:1: hint: no Tags yet; its text suggests {shown_names(slugs, topics)}. "
        f"Add 'Tags: {shown_names(slugs, topics)}' if they fit"
        for doc, slugs in zip(docs, findings.suggestions, strict=True)
        if slugs
    ]


def doc_of(shown: str, doc: Any, vocabulary: Vocabulary) -> Doc:
    """Return the Doc the build would make of a parsed article."""
    tags = [vocabulary.resolve(name) for name in split_list(doc.get("tags") or "")]
    return Doc(
        key=shown,
        title=doc.get("title"),
        summary=doc.get("summary") or "",
        body=to_html(doc.body),
        topics=tuple(dict.fromkeys(t.slug for t in tags if t is not None)),
    )


def shown_names(slugs: Sequence[str], topics: Mapping[str, Topic]) -> str:
    return ", ".join(topics[slug].name for slug in slugs)
