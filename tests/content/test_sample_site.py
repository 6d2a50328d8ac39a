"""The sample content builds and shows every kind of writing as what it is."""

import json

from coaching_kb.testing import ROOT


def test_sample_content_is_big_enough_to_feel_real(sample_site):
    essays = list((ROOT / "content" / "essays").glob("*.md"))
    questions = list((ROOT / "content" / "qa").glob("*.md"))
    authors = list((ROOT / "content" / "authors").glob("*.md"))
    statuses = [
        line.split(":", 1)[1].strip()
        for path in (ROOT / "content" / "comments").glob("*/*.md")
        for line in path.read_text().splitlines()
        if line.startswith("Status:")
    ]
    assert len(essays) >= 20
    assert len(questions) >= 6
    assert len(authors) >= 5
    assert statuses.count("approved") >= 50
    assert statuses.count("pending") >= 2
    assert statuses.count("spam") >= 2


def test_qa_shows_letter_and_answer_apart_with_qapage_jsonld(sample_site):
    page = sample_site.page("my-team-goes-quiet-when-i-speak")
    letter, answer = page.select_one("section.letter"), page.select_one("section.answer")
    assert "eight engineers" in letter.get_text()
    assert "eight engineers" not in answer.get_text()
    assert "Talking to Myself" in letter.select_one(".letter__signature").get_text()
    assert "Nadia Okafor answers" in answer.get_text()
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "QAPage"
    assert data["mainEntity"]["author"]["name"] == "Talking to Myself"
    assert data["mainEntity"]["acceptedAnswer"]["author"]["name"] == "Nadia Okafor"
    assert "speak last" in data["mainEntity"]["acceptedAnswer"]["text"]


def test_qas_are_listed_in_their_own_section_with_a_question_form(sample_site):
    section = sample_site.page("section/ask-the-coach")
    titles = [a.get_text() for a in section.select(".article-list__title a")]
    assert "My team goes quiet when I speak" in titles
    assert "The hero who stays late" not in titles
    form = section.select_one("form.question-form")
    assert form["action"].startswith("mailto:ask@")
    assert form.select_one("label[for=question-body]")


def test_comments_are_threaded_oldest_first(sample_site):
    page = sample_site.page("feedback-in-the-first-week-not-the-annual-review")
    top = page.select("section.comments > ol > li.comment")
    assert [li["id"] for li in top] == ["comment-01-omar", "comment-04-nils"]
    reply = top[0].select_one("ol > li.comment")
    assert reply["id"] == "comment-02-claire"
    assert reply.select_one("ol > li.comment")["id"] == "comment-03-priya"
    assert "4 comments" in page.select_one("#comments-heading").get_text()


def test_pending_and_spam_comments_are_not_published(sample_site):
    page = sample_site.page("the-first-ninety-days-of-not-doing-the-work").get_text()
    assert "this is a test comment" not in page
    assert "Waiting for moderation" not in page
    assert "The weekly note" in page
    everything = "".join(p.read_text() for p in sample_site.output.rglob("*.html"))
    assert "cheap-watches" not in everything
    assert "raj@example.org" not in everything


def test_closed_comments_show_existing_ones_but_no_form(sample_site):
    page = sample_site.page("rescuing-is-not-helping")
    assert page.select_one(".comments__closed")
    assert not page.select_one("form.comment-form")
    assert page.select_one("#comment-01-hannah")
    open_page = sample_site.page("the-hero-who-stays-late")
    form = open_page.select_one("form.comment-form")
    assert form["action"].startswith("mailto:comments@")


def test_listing_pages_show_comment_counts(sample_site):
    section = sample_site.page("section/essays")
    item = next(
        li for li in section.select(".article-list__item") if "Rescuing is not helping" in li.text
    )
    assert "2 comments" in item.get_text()


def test_author_page_shows_profile_essays_and_answers(sample_site):
    page = sample_site.page("authors/nadia-okafor")
    assert "Ask the Coach columnist" in page.select_one(".profile__role").get_text()
    assert "civil engineer" in page.select_one(".profile__bio").get_text()
    essays = page.select_one("section[aria-labelledby=essays-by]").get_text()
    answers = page.select_one("section[aria-labelledby=answers-by]").get_text()
    assert "The one-to-one is their meeting" in essays
    assert "My team goes quiet when I speak" in answers
    byline = sample_site.page("the-one-to-one-is-their-meeting").select_one(".byline a")
    assert byline["href"] == "../authors/nadia-okafor/"


def test_original_source_shows_and_becomes_canonical(sample_site):
    page = sample_site.page("what-a-leadership-programme-should-change-on-monday")
    assert "First published in" in page.select_one(".first-published").get_text()
    assert page.select_one("link[rel=canonical]")["href"].startswith("https://programme-quarterly")


def test_topic_hub_lists_essays_and_answers(sample_site):
    hub = sample_site.page("topics/heros-trap")
    assert "hero's trap" in hub.select_one("h1").get_text().lower()
    text = hub.get_text()
    assert "The hero who stays late" in text
    assert "I cannot stop fixing my team's work" in text


def test_the_contact_address_is_a_mailto_link(sample_site):
    link = sample_site.page("contact").select_one(
        ".article__body a[href^='mailto:'], main a[href^='mailto:']"
    )
    assert link is not None
    assert link["href"] == "mailto:hello@northstar-coaching.example"
    assert link.get_text() == "hello@northstar-coaching.example"
