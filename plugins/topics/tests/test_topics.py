"""topics: articles' tags held to the vocabulary, and one hub page per topic."""

from dataclasses import dataclass, field
from datetime import date
from posixpath import join, normpath

import pytest
from pelican.plugins.topics.glue import filed_under
from pelican.plugins.topics.hubs import TopicHub, build_hubs, split_index

from coaching_kb.content.topics import Topic, Vocabulary


@dataclass(frozen=True)
class Tag:
    slug: str
    name: str


@dataclass
class Post:
    """The fields of an article the hubs read."""

    source_path: str
    date: date
    tags: list[Tag] = field(default_factory=list)
    type: str = ""


FEEDBACK = Topic("feedback", "Feedback", ("giving feedback", "critique"), "<p>On it.</p>", "On it.")
HIRING = Topic("hiring", "Hiring", (), "<p>Who.</p>", "Who.")
TOPICS = {"feedback": FEEDBACK, "hiring": HIRING}


def shelves(hubs: list[TopicHub]) -> dict[str, tuple[list[str], list[str]]]:
    """Return each hub's essays and answers by source path."""
    return {
        h.slug: ([a.source_path for a in h.essays], [a.source_path for a in h.answers])
        for h in hubs
    }


def test_hubs_shelve_essays_and_answers_newest_first():
    old = Post("old.md", date(2024, 1, 1), [Tag("feedback", "Feedback")])
    new = Post("new.md", date(2024, 3, 1), [Tag("feedback", "Feedback")])
    question = Post("q.md", date(2024, 2, 1), [Tag("feedback", "Feedback")], type="qa")
    hubs = build_hubs(TOPICS, [old, question, new], {}, {})
    assert [h.name for h in hubs] == ["Feedback", "Hiring"]  # every topic, by name
    assert shelves(hubs) == {"feedback": (["new.md", "old.md"], ["q.md"]), "hiring": ([], [])}
    assert hubs[0].url == "topics/feedback/"
    assert hubs[0].count == 3


def test_a_tag_outside_the_vocabulary_and_a_suggestion_get_hubs_too():
    tagged = Post("a.md", date(2024, 1, 1), [Tag("remote-work", "Remote work")])
    untagged = Post("b.md", date(2024, 1, 2))
    no_letters = Post("c.md", date(2024, 1, 3), [Tag("", "!!!")])
    suggested = {"b.md": ["remote-work", "hiring"]}
    hubs = build_hubs(TOPICS, [tagged, untagged, no_letters], suggested, {}, "t/{slug}.html")
    assert shelves(hubs) == {
        "feedback": ([], []),
        "hiring": (["b.md"], []),
        "remote-work": (["b.md", "a.md"], []),
    }
    assert [h.url for h in hubs] == ["t/feedback.html", "t/hiring.html", "t/remote-work.html"]


def test_an_owners_tag_outside_the_vocabulary_gets_no_hub():
    tagged = Post("a.md", date(2024, 1, 1), [Tag("remote-work", "Remote work"), Tag("hiring", "H")])
    hubs = build_hubs(TOPICS, [tagged], {}, {}, tags_are_topics=False)
    assert shelves(hubs) == {"feedback": ([], []), "hiring": (["a.md"], [])}


def test_related_topics_link_only_to_hubs_that_exist():
    hubs = build_hubs(TOPICS, [], {}, {"feedback": ["hiring", "gone"]})
    assert [h.slug for h in hubs[0].related] == ["hiring"]


def hubs_of(counts: dict[str, int]) -> list[TopicHub]:
    """Return hubs in name order, each listing as many essays as `counts` gives."""
    essay = Post("e.md", date(2024, 1, 1))
    return [
        TopicHub(slug, slug.title(), "", essays=[essay] * n) for slug, n in sorted(counts.items())
    ]


@pytest.mark.parametrize(
    ("counts", "detailed", "expected"),
    [
        ({"a": 1, "b": 5, "c": 3}, 2, (["b", "c"], ["a"])),  # the biggest, kept in name order
        ({"a": 2, "b": 2, "c": 2}, 2, (["a", "b"], ["c"])),  # ties go by slug
        ({"a": 1, "b": 5}, 2, (["a", "b"], [])),
        ({"a": 0}, 0, ([], ["a"])),
    ],
)
def test_split_index(counts, detailed, expected):
    detailed_hubs, compact = split_index(hubs_of(counts), detailed)
    assert ([h.slug for h in detailed_hubs], [h.slug for h in compact]) == expected


@pytest.mark.parametrize(
    ("name", "aliases", "line"),
    [
        ("Hiring", [], "Filed under Hiring."),
        (
            "Feedback",
            ["critique", "giving feedback"],
            "Filed under Feedback: critique, giving feedback.",
        ),
    ],
)
def test_filed_under(name, aliases, line):
    assert filed_under(name, aliases) == line


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Feedback", "feedback"),
        ("giving  FEEDBACK", "feedback"),
        ("Critiqué", "feedback"),
        ("hiring", "hiring"),
        ("firing", None),
    ],
)
def test_the_vocabulary_resolves_names_aliases_and_slugs(name, slug):
    topic = Vocabulary(TOPICS).resolve(name)
    assert (topic.slug if topic else None) == slug


@pytest.mark.parametrize(
    ("name", "hint"),
    [("feedbak", "did you mean 'Feedback'?"), ("astronomy", "pick one from content/topics/")],
)
def test_an_unknown_topic_gets_the_nearest_as_its_fix(name, hint):
    message = Vocabulary(TOPICS).unknown_message(name)
    assert message.startswith(f"unknown topic '{name}'. Fix: {hint}")


FILES = {
    "topics/feedback.md": "Name: Feedback\nAliases: giving feedback\n\nSaying what you saw.\n",
    "topics/hiring.md": "Name: Hiring\n\nChoosing who joins.\n",
    "essay.md": "Title: Say it soon\nDate: 2024-05-01\nTags: giving feedback\n\nText.\n",
    "question.md": """\
        Title: How blunt is too blunt?
        Date: 2024-05-02
        Type: qa
        Tags: Feedback, hiring

        My reviews sting. Should I soften them?

        <!-- answer -->

        Be clear, then kind.
        """,
}


def test_an_alias_tag_links_the_article_to_its_topics_hub(build_site):
    site = build_site(FILES, SEARCH_ENABLED=False)
    [tag] = site.page("say-it-soon").select(".article__facts a[rel=tag]")
    assert (tag.get_text(), tag["href"]) == ("Feedback", "../topics/feedback/")


def test_a_hub_lists_its_essays_and_questions_apart(build_site):
    hub = build_site(FILES, SEARCH_ENABLED=False).page("topics/feedback")
    assert hub.select_one("h1").get_text() == "Feedback"
    assert "Saying what you saw." in hub.select_one(".hub__description").get_text()
    essays = hub.select_one("section[aria-labelledby=hub-essays]").get_text()
    answers = hub.select_one("section[aria-labelledby=hub-answers]").get_text()
    assert "Say it soon" in essays and "How blunt" not in essays  # noqa: PT018
    assert "How blunt is too blunt?" in answers


def test_the_topic_index_links_every_hub(build_site):
    index = build_site(FILES, SEARCH_ENABLED=False).page("topics")
    reached = {normpath(join("topics", a["href"])) for a in index.select("main a[href]")}
    assert {"topics/feedback", "topics/hiring"} <= reached


def test_an_unknown_tag_is_an_error_naming_the_file_line_and_nearest_topic(build_site):
    files = {**FILES, "typo.md": "Title: Typo\nDate: 2024-05-03\nTags: feedbak\n\nText.\n"}
    site = build_site(files, SEARCH_ENABLED=False)
    [error] = [e for e in site.report.errors if "feedbak" in e]
    assert "typo.md:3" in error
    assert "did you mean 'Feedback'?" in error
