"""The theme's card texts and picks, on plain data, and in a real build."""

import pytest
from pelican import signals
from pelican.plugins.theme_context.cards import (
    AVATAR_TONES,
    avatar_tone,
    sentences,
    specific_reasons,
)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short enough.", 220, "Short enough."),
        ("One. Two is longer. Three.", 20, "One. Two is longer."),
        ("One. Two is longer. Three.", 3, "One."),  # the first sentence even when too long
        ("Use e.g. this one. Then more words.", 25, "Use e.g. this one."),
        ('She said "go." Then left.', 16, 'She said "go."'),
        ("3.5 days of work. Then rest.", 20, "3.5 days of work."),
        ("No full stop at all in this clause", 10, "No full stop at all in this clause"),
        ("  Spaces\n collapse.  ", 220, "Spaces collapse."),
    ],
)
def test_card_texts_end_at_a_sentence(text, limit, expected):
    assert sentences(text, limit) == expected


def test_only_reasons_that_set_an_item_apart_are_kept():
    reasons = ["Shared topics: Trust", "Both about one-to-ones", "shared topics: trust", ""]
    assert specific_reasons(reasons) == ["", "Both about one-to-ones", "", ""]


def test_avatar_tones_are_stable_and_spread():
    names = ["Dele Mensah", "Helen Achterberg", "Nadia Okafor", "Priya Raman", "Tomás Berglund"]
    tones = [avatar_tone(name) for name in names]
    assert tones == [avatar_tone(name) for name in names]
    assert all(0 <= tone < AVATAR_TONES for tone in tones)
    assert len(set(tones)) == len(names)


LETTER = "Dear coach.\n\n<!-- answer -->\n\nAn answer.\n"


def test_the_home_page_features_the_marked_essay_and_the_newest_question(build_site):
    site = build_site({
        "old.md": "Title: Read me first\nDate: 2020-01-01\nFeatured: true\n\nStart. Here.\n",
        "new.md": "Title: Newest essay\nDate: 2020-03-01\n\nNew.\n",
        "q1.md": "Title: Older question\nDate: 2020-01-02\nType: qa\n\n" + LETTER,
        "q2.md": "Title: Newer question\nDate: 2020-02-01\nType: qa\n\n" + LETTER,
        "pages/guide.md": "Title: A guide\nFeatured: yes\n\nWhere to begin.\n",
    })  # fmt: skip
    spotlight = [a.get_text() for a in site.page("").select(".spotlight__item h2 a")]
    assert spotlight == ["Read me first", "Newer question"]
    assert site.page("").select_one(".masthead .button")["href"].endswith("a-guide/")


def test_addresses_are_pinned_before_the_pages_are_written(build_alone):
    pinned = {}

    def note_address(generator, content):
        pinned[content.slug] = getattr(content, "override_url", None)

    signals.article_generator_write_article.connect(note_address)
    try:
        build_alone(
            "theme_context",
            {
                "plain.md": "Title: Plain\nDate: 2026-01-02\n\nText.\n",
                "moved.md": "Title: Moved\nDate: 2026-01-03\nURL: elsewhere/moved/\n\nText.\n",
            },
            ARTICLE_URL="essays/{slug}/",
        )
    finally:
        signals.article_generator_write_article.disconnect(note_address)
    # Pelican's own address, and the one the author's `URL:` gave, untouched.
    assert pinned == {"plain": "essays/plain/", "moved": "elsewhere/moved/"}


def test_summaries_are_shown_as_text_on_every_page_hidden_articles_too(build_site):
    summary = "Ask <em>before</em> you [fix]({filename}other.md) it &amp; wait. Then listen."
    site = build_site({
        "one.md": f"Title: One\nDate: 2020-01-01\nSummary: {summary}\n\nBody.\n",
        "other.md": "Title: Other\nDate: 2020-01-02\nStatus: hidden\nSummary: Hidden one.\n\nX.\n",
    })  # fmt: skip
    text = "Ask before you fix it & wait. Then listen."
    page = site.page("one")
    assert page.select_one("[data-summary]")["data-summary"] == text
    assert page.select_one('meta[name="description"]')["content"] == text
    listed = site.page("archives/2020").select_one(".article-list__summary").get_text()
    assert listed == text
    assert site.page("other").select_one("[data-summary]")["data-summary"] == "Hidden one."


def test_every_generator_renders_with_one_template_environment(build_site):
    environments = {}

    def note_environments(generators):
        environments.update((type(g).__name__, g.env) for g in generators)

    signals.all_generators_finalized.connect(note_environments)
    try:
        site = build_site({
            "one.md": "Title: One\nDate: 2020-01-01\nTags: feedback\n\nFirst. Then more.\n",
            "two.md": "Title: Two\nDate: 2020-01-02\nTags: feedback\n\nSecond one.\n",
            "pages/about.md": "Title: About\n\nWho writes here.\n",
        })  # fmt: skip
    finally:
        signals.all_generators_finalized.disconnect(note_environments)
    # Articles, pages and topic hubs all render base.html: compiled once, not once each.
    assert {"ArticlesGenerator", "PagesGenerator", "TopicHubGenerator"} <= set(environments)
    assert len({id(env) for env in environments.values()}) == 1
    assert site.page("about").select_one("h1").get_text() == "About"
    assert site.page("topics/feedback").select("h1")
