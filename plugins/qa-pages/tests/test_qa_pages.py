"""qa_pages: a Q&A shows the reader's letter and the columnist's answer apart."""

import json

import pytest
from pelican.plugins.qa_pages.glue import first_page_size
from pelican.plugins.qa_pages.jsonld import plain_text, qa_jsonld

from coaching_kb.content.letters import Letter, split_letter
from coaching_kb.errors import ContentError


@pytest.mark.parametrize(
    ("html", "letter"),
    [
        ("<p>Q</p>\n<!-- answer -->\n<p>A</p>", Letter("<p>Q</p>", "<p>A</p>")),
        ("<p>Q</p><!--ANSWER--><p>A</p><!-- answer --><p>B</p>", None),
    ],
)
def test_split_letter(html, letter):
    expected = letter or Letter("<p>Q</p>", "<p>A</p><!-- answer --><p>B</p>")
    assert split_letter(html, "qa/x.md") == expected


@pytest.mark.parametrize(
    "html", ["<p>Only a letter.</p>", "<!-- answer --><p>A</p>", "<p>Q</p><!-- answer -->  "]
)
def test_a_qa_without_both_halves_names_the_file_and_the_fix(html):
    with pytest.raises(ContentError, match=r"^qa/x\.md: .*Fix: .*'<!-- answer -->'"):
        split_letter(html, "qa/x.md")


@pytest.mark.parametrize(
    ("html", "text"),
    [("<p>Dear  <em>Ann</em>,</p>\n<p>Help.</p>", "Dear Ann , Help."), ("", ""), ("a<br>b", "a b")],
)
def test_plain_text(html, text):
    assert plain_text(html) == text


def test_qa_jsonld_is_a_qapage_that_cannot_close_its_script():
    text = qa_jsonld(
        title="Is </script> a question?",
        letter=Letter("<p>My question.</p>", "<p>My answer.</p>"),
        asker="",
        columnist="Ann Lee",
        date_iso="2024-05-02T00:00:00+00:00",
        url="https://x.example/q/",
    )
    assert "</" not in text
    question = json.loads(text)["mainEntity"]
    assert json.loads(text)["@type"] == "QAPage"
    assert (question["name"], question["text"]) == ("Is </script> a question?", "My question.")
    assert question["author"]["name"] == "A reader"
    answer = question["acceptedAnswer"]
    assert (answer["text"], answer["author"]["name"]) == ("My answer.", "Ann Lee")


@pytest.mark.parametrize(
    ("settings", "size"),
    [
        ({"PAGINATED_TEMPLATES": {"index": 12}, "DEFAULT_PAGINATION": 5}, 12),
        ({"PAGINATED_TEMPLATES": {"index": None}, "DEFAULT_PAGINATION": 5}, 5),
        ({"PAGINATED_TEMPLATES": {}, "DEFAULT_PAGINATION": False}, None),
    ],
)
def test_first_page_size(settings, size):
    assert first_page_size(settings) == size


def question(day: int, title: str) -> str:
    return f"""\
        Title: {title}
        Date: 2024-05-{day:02}
        Author: Ann Lee
        Type: qa
        Asker: Stuck in Leeds

        My team waits for me to decide everything.

        <!-- answer -->

        Decide less, on purpose. See [the essay]({{filename}}../essay.md).
        """


FILES = {
    "essay.md": "Title: Deciding less\nDate: 2024-05-01\nAuthor: Ann Lee\n\nText.\n",
    "qa/waits.md": question(2, "Why does my team wait for me?"),
}


def test_the_letter_and_the_answer_are_shown_apart(build_site):
    page = build_site(FILES, SEARCH_ENABLED=False).page("why-does-my-team-wait-for-me")
    letter, answer = page.select_one(".letter"), page.select_one(".answer")
    assert "waits for me to decide" in letter.get_text()
    assert "Decide less" not in letter.get_text()
    assert "Stuck in Leeds" in letter.select_one(".letter__signature").get_text()
    assert "Decide less, on purpose." in answer.get_text()
    assert "Ann Lee" in answer.select_one("h2").get_text()
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "QAPage"


def test_a_link_in_the_answer_reaches_its_article_from_the_qa_page(build_site):
    page = build_site(FILES, SEARCH_ENABLED=False).page("why-does-my-team-wait-for-me")
    assert page.find("a", string="the essay")["href"] == "../deciding-less/"


def test_qas_are_filed_in_their_own_section(build_site):
    site = build_site(FILES, SEARCH_ENABLED=False, QA_CATEGORY="Letters")
    section = site.page("section/letters").select_one("main").get_text()
    assert "Why does my team wait for me?" in section
    assert "Deciding less" not in section


def test_the_home_page_features_questions_its_first_page_does_not_list(build_site):
    files = {**FILES, **{f"qa/q{d}.md": question(d, f"Question {d}") for d in (3, 4, 5)}}
    paging = {"index": 2, "category": 20, "author": None}
    home = build_site(files, SEARCH_ENABLED=False, PAGINATED_TEMPLATES=paging).page("")
    featured = home.select_one("section[aria-labelledby=latest-qa]").get_text()
    assert "Question 3" in featured
    assert "Question 5" not in featured  # the newest two are on the first page already


def test_a_qa_without_an_answer_line_is_an_error_naming_the_file(build_site):
    files = {**FILES, "qa/half.md": "Title: Half\nDate: 2024-05-06\nType: qa\n\nOnly a letter.\n"}
    site = build_site(files, SEARCH_ENABLED=False)
    [error] = [e for e in site.report.errors if "half.md" in e]
    assert "'<!-- answer -->'" in error
    assert "Fix: " in error


DRAFTS_SHOWN = {"DRAFT_URL": "drafts/{slug}/", "DRAFT_SAVE_AS": "drafts/{slug}/index.html"}


def test_a_draft_qa_is_split_and_its_letter_sanitized_where_drafts_are_shown(build_site):
    # The live preview shows drafts, among them readers' letters from the inbox: the letter
    # is theirs, so it is sanitized there too.
    draft = question(6, "Is this still a draft?")
    draft = draft.replace("Type: qa", "Type: qa\n        Status: draft")
    draft = draft.replace("decide everything.", "decide [everything](javascript:alert(1)).")
    site = build_site({**FILES, "qa/draft.md": draft}, SEARCH_ENABLED=False, **DRAFTS_SHOWN)
    page = site.page("drafts/is-this-still-a-draft")
    assert "decide" in page.select_one(".letter").get_text()
    assert "Decide less" in page.select_one(".answer").get_text()
    assert "javascript:" not in str(page.select_one(".letter"))
    assert "Ask the Coach" in page.select_one("nav.breadcrumbs").get_text()


def test_a_draft_qa_without_an_answer_line_is_a_note_not_an_error(build_site):
    files = {
        **FILES,
        "qa/half.md": "Title: Half\nDate: 2024-05-06\nType: qa\nStatus: draft\n\nA.\n",
    }
    site = build_site(files, SEARCH_ENABLED=False)
    assert not site.report.errors, site.report.errors
    [note] = [p for p in site.report.problems if "half.md" in p.path]
    assert note.severity == "draft"
