"""authors: every author gets a profile page, bylines lead to it, unknown bylines are errors."""

import pytest

from coaching_kb.content.authors import parse_links, profile_from_text
from coaching_kb.errors import ContentError


@pytest.mark.parametrize(
    ("value", "links"),
    [
        ("", ()),
        ("Site <https://ann.example>", (("Site", "https://ann.example"),)),
        (
            "Site <https://ann.example>, Mail <mailto:ann@ann.example>",
            (("Site", "https://ann.example"), ("Mail", "mailto:ann@ann.example")),
        ),
        ("<http://ann.example>", (("http://ann.example", "http://ann.example"),)),
    ],
)
def test_parse_links(value, links):
    assert parse_links(value, "authors/ann.md", 3) == links


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("Role: Coach\n\nBio.", r"^authors/ann\.md:1: author profile has no 'Name:'\. Fix: "),
        (
            "Name: Ann\nPhoto: ann.jpg\n\nBio.",
            r"^authors/ann\.md:2: photo has no description\. Fix: add 'Photo-Alt:",
        ),
        (
            "Name: Ann\nRole: Coach\nLinks: Site ann.example\n\nBio.",
            r"^authors/ann\.md:3: link 'Site ann\.example' has no web address\. Fix: ",
        ),
    ],
)
def test_a_bad_profile_names_its_line_and_the_fix(text, error):
    with pytest.raises(ContentError, match=error):
        profile_from_text(text, "ann", "authors/ann.md")


def test_a_profile_has_its_role_links_and_rendered_bio():
    text = "Name: Ann Lee\nRole: Team coach\nLinks: Site <https://ann.example>\n\nShe *coaches*."
    profile = profile_from_text(text, "ann-lee", "authors/ann-lee.md")
    assert (profile.slug, profile.name, profile.role) == ("ann-lee", "Ann Lee", "Team coach")
    assert profile.links == (("Site", "https://ann.example"),)
    assert "<em>coaches</em>" in profile.bio_html


# A 1x1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
FILES = {
    "authors/ann-lee.md": """\
        Name: Ann Lee
        Role: Team coach
        Links: Her site <https://ann.example>

        Ann coached engineering teams for a decade.
        """,
    "essay.md": "Title: On listening\nDate: 2024-05-01\nAuthor: Ann Lee\n\nListen first.\n",
    "question.md": """\
        Title: Should I step in?
        Date: 2024-05-02
        Author: Ann Lee
        Type: qa

        My team is stuck. Should I step in?

        <!-- answer -->

        Ask what they have tried first.
        """,
}


def test_the_author_page_shows_the_profile_and_sorts_essays_from_answers(build_site):
    page = build_site(FILES, SEARCH_ENABLED=False).page("authors/ann-lee")
    assert page.select_one(".profile__role").get_text() == "Team coach"
    assert "engineering teams" in page.select_one(".profile__bio").get_text()
    assert page.select_one(".profile__links a")["href"] == "https://ann.example"
    essays = page.select_one("section[aria-labelledby=essays-by]").get_text()
    answers = page.select_one("section[aria-labelledby=answers-by]").get_text()
    assert "On listening" in essays and "On listening" not in answers  # noqa: PT018
    assert "Should I step in?" in answers and "Should I step in?" not in essays  # noqa: PT018


def test_an_article_carries_its_authors_card(build_site):
    page = build_site(FILES, SEARCH_ENABLED=False).page("on-listening")
    card = page.select_one(".author-card")
    assert card.select_one(".author-card__role").get_text() == "Team coach"
    assert card.select_one(".author-card__name a")["href"] == "../authors/ann-lee/"


def test_an_articles_author_card_shows_the_photo_from_the_articles_own_depth(build_site):
    photo = "Role: Team coach\n        Photo: images/ann.png\n        Photo-Alt: Ann"
    profile = FILES["authors/ann-lee.md"].replace("Role: Team coach", photo)
    files = {**FILES, "authors/ann-lee.md": profile, "images/ann.png": PNG}
    site = build_site(files, SEARCH_ENABLED=False)
    assert site.page("on-listening").select_one(".author-card img")["src"] == "../images/ann.png"
    assert site.page("authors/ann-lee").select_one("img.avatar")["src"] == "../../images/ann.png"


def test_an_unknown_author_is_an_error_naming_the_file_line_and_fix(build_site):
    files = {**FILES, "stray.md": "Title: Stray\nDate: 2024-05-03\nAuthor: Bo Kim\n\nText.\n"}
    site = build_site(files, SEARCH_ENABLED=False)
    [error] = [e for e in site.report.errors if "Bo Kim" in e]
    assert "stray.md:3" in error
    assert "unknown author 'Bo Kim'" in error
    assert "Fix: add " in error and "authors/bo-kim.md" in error  # noqa: PT018
