"""Render advice-column Q&As (`Type: qa`) as a letter and an answer.

Sets on each Q&A `article.letter` (the reader's HTML, sanitized with nh3) and `article.answer`
(HTML), `article.asker` and `article.qa_jsonld` (schema.org QAPage), and files Q&As under the
`QA_CATEGORY` section. A published letter still carrying the inbox's dated Slug takes its
Title's address.
"""

from pelican import signals

from .glue import address_from_title, clean_letter, file_under_section, split_questions


def register() -> None:
    signals.content_object_init.connect(clean_letter)
    signals.article_generator_pretaxonomy.connect(address_from_title)
    signals.article_generator_pretaxonomy.connect(file_under_section)
    signals.article_generator_finalized.connect(split_questions)
