"""Give the theme what it shows and no other plugin makes.

Sets `featured_article` (the article marked `Featured: true`, else the newest essay),
`newest_question` (the newest Q&A) and `start_page` (the page marked `Featured: true`: the
home page's main action) in the context, and adds the Jinja filters `sentences`
(a card text cut after a whole sentence), `specific_reasons` (related links with only the
reasons that tell them apart) and `avatar_tone` (one of AVATAR_TONES, from the name) to the
one template environment every generator of a build shares (`share_environment`), with the
theme's words in each page's language (`install_words`: Jinja's i18n over the catalogs in the
theme's `translations/`).
Once every generator is done, sets `override_url` on each article and page (`pin_urls`) and
`summary_text`, its summary as plain text (`strip_summaries`).
"""

from pelican import signals

from .glue import (
    add_filters,
    choose_home_articles,
    choose_start_page,
    install_words,
    pin_urls,
    share_environment,
    strip_summaries,
)


def register() -> None:
    # First: the filters are then added to the one environment every generator shares.
    signals.generator_init.connect(share_environment)
    signals.generator_init.connect(add_filters)
    signals.generator_init.connect(install_words)
    signals.article_generator_finalized.connect(choose_home_articles)
    signals.page_generator_finalized.connect(choose_start_page)
    # After every other handler that could change a slug (none does in all_generators_finalized).
    signals.all_generators_finalized.connect(pin_urls)
    signals.all_generators_finalized.connect(strip_summaries)
