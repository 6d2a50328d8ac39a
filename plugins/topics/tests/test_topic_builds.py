"""topics in real builds: topic links, backlinks, related topics and the map."""

import shutil

from coaching_kb.testing import ROOT


def test_backlinks_show_referenced_by(sample_site):
    page = sample_site.page("rescuing-is-not-helping")
    section = page.select_one("section.backlinks")
    assert "The hero who stays late" in section.get_text()
    assert not sample_site.page("the-first-team-meeting").select_one("section.backlinks")


def test_first_topic_mentions_link_to_hubs_but_not_in_headings(sample_site):
    page = sample_site.page("delegating-the-work-you-love")
    links = page.select(".article__body a.topic-link")
    assert links
    assert len(links) == len({a["href"] for a in links}) <= 5
    assert all(a["href"].startswith("../topics/") for a in links)
    assert not page.select(".article__body h2 a.topic-link")


def test_topic_hub_lists_related_topics_and_index_has_a_map(sample_site):
    hub = sample_site.page("topics/delegation")
    related = hub.select("section[aria-labelledby=hub-related] a")
    assert related
    assert all(a["href"].startswith("../../topics/") for a in related)
    index = sample_site.page("topics")
    svg = index.select_one("figure.topic-map svg")
    assert len(svg.find_all("a")) == 12
    assert svg.find("a")["href"].endswith("/")
    assert not index.select("figure.topic-map script")
    code = index.select("script:not([type='application/ld+json'])")
    assert all(script.get("src") for script in code)  # no inline script


def test_topic_links_can_be_turned_off_and_limited(build_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "topics", content / "topics")
    essay = {
        "a.md": "Title: A\nDate: 2020-01-01\n\nDelegation, listening, feedback and trust.\n",
        "b.md": "Title: B\nDate: 2020-01-02\n\nMore on delegation.\n",
    }
    site = build_site(essay, TOPIC_LINKS_MAX=2)
    assert len(site.page("a").select("a.topic-link")) == 2
    site = build_site(essay, TOPIC_LINKS=False)
    assert not site.page("a").select("a.topic-link")


def test_no_topic_links_in_a_readers_letter_or_an_article_that_opts_out(build_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "topics", content / "topics")
    site = build_site({
        "qa.md": "Title: Q\nDate: 2020-01-01\nType: qa\n\nMy manager never gives feedback.\n\n"
        "<!-- answer -->\n\nAsk for feedback on one thing at a time.\n",
        "own.md": "Title: Own\nDate: 2020-01-02\nTopic_Links: no\n\nOn delegation and trust.\n",
        "other.md": "Title: Other\nDate: 2020-01-03\n\nOn delegation and trust.\n",
    })  # fmt: skip
    qa = site.page("q")
    assert not qa.select(".letter a.topic-link")  # the reader's words stay theirs
    assert qa.select(".answer a.topic-link")
    assert not site.page("own").select("a.topic-link")
    assert site.page("other").select("a.topic-link")
