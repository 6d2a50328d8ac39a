"""article_meta: reading time, where a piece first appeared, neighbours and JSON-LD."""

import json

import pytest
from pelican.plugins.article_meta.describe import (
    Provenance,
    blog_posting_jsonld,
    provenance,
    reading_minutes,
)


@pytest.mark.parametrize(
    ("html", "minutes"),
    [
        ("", 1),
        ("<p>One word.</p>", 1),
        ("word " * 230, 1),
        ("word " * 400, 2),  # rounded to the nearest minute
        ("<p>" + "word " * 690 + "</p>", 3),
        ('<span class="a b c d">w</span>' * 10, 1),  # markup is not read
        ("<p>" + "<em>word</em> " * 1150 + "</p>", 5),
    ],
)
def test_reading_minutes(html, minutes):
    assert reading_minutes(html) == minutes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        ("   ", None),
        (
            "Coaching Weekly <https://weekly.example/a>",
            Provenance("Coaching Weekly", "https://weekly.example/a"),
        ),
        (
            "<https://weekly.example/a>",
            Provenance("https://weekly.example/a", "https://weekly.example/a"),
        ),
        (
            "https://weekly.example/a",
            Provenance("https://weekly.example/a", "https://weekly.example/a"),
        ),
        ("The Quarterly, spring issue", Provenance("The Quarterly, spring issue")),
        ("Weekly <ftp://weekly.example>", Provenance("Weekly <ftp://weekly.example>")),
    ],
)
def test_provenance(value, expected):
    assert provenance(value) == expected


def test_blog_posting_jsonld_is_plain_text_and_cannot_close_its_script():
    text = blog_posting_jsonld(
        title="Why </script> ends scripts",
        summary="<p>A  <em>short</em>\nsummary</p>",
        authors=[("Ann Lee", "https://x.example/authors/ann-lee/")],
        date_iso="2024-05-01T00:00:00+00:00",
        url="https://x.example/why/",
    )
    assert "</" not in text
    data = json.loads(text)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Why </script> ends scripts"
    assert data["description"] == "A short summary"
    assert data["author"] == [
        {"@type": "Person", "name": "Ann Lee", "url": "https://x.example/authors/ann-lee/"}
    ]


FILES = {
    "first.md": "Title: First\nDate: 2024-05-01\n\nShort.\n",
    "second.md": "Title: Second\nDate: 2024-05-02\nAuthor: Ann Lee\n\n" + "word " * 690 + "\n",
    "third.md": """\
        Title: Third
        Date: 2024-05-03
        Original-Source: Coaching Weekly <https://weekly.example/third>

        Reprinted here.
        """,
}


def jsonld(page) -> dict:
    return json.loads(page.select_one('script[type="application/ld+json"]').string)


def test_neighbours_are_the_chronologically_older_and_newer_articles(build_site):
    site = build_site(FILES, SEARCH_ENABLED=False)
    second = site.page("second")
    assert second.select_one(".prev-next a[rel=prev]")["href"] == "../first/"
    assert second.select_one(".prev-next a[rel=next]")["href"] == "../third/"
    assert not site.page("first").select_one(".prev-next a[rel=prev]")
    assert not site.page("third").select_one(".prev-next a[rel=next]")


def test_reading_time_and_json_ld_describe_the_article(build_site):
    page = build_site(FILES, SEARCH_ENABLED=False).page("second")
    assert "3 min read" in page.select_one(".article__facts").get_text()
    data = jsonld(page)
    assert (data["@type"], data["headline"]) == ("BlogPosting", "Second")
    assert [author["name"] for author in data["author"]] == ["Ann Lee"]


def test_the_first_publication_is_credited_and_canonical(build_site):
    site = build_site(FILES, SEARCH_ENABLED=False)
    third = site.page("third")
    assert third.select_one("link[rel=canonical]")["href"] == "https://weekly.example/third"
    credit = third.select_one(".first-published a")
    assert (credit.get_text(), credit["href"]) == (
        "Coaching Weekly",
        "https://weekly.example/third",
    )
    # Without SITEURL the page's own address would be relative: no canonical is written.
    assert site.page("first").select_one("link[rel=canonical]") is None


def test_a_modified_article_says_when_and_its_html_summary_reads_as_shown(build_site):
    # Pelican's `Modified:` was shown nowhere, and `<strong>stuck</strong>.` was described
    # as "stuck ." (a tag became a space before the full stop).
    post = """\
        Title: Pairing week
        Date: 2024-05-01
        Modified: 2024-06-12 10:30
        Summary: We paired on <em>everything</em>; here is what <strong>stuck</strong>.

        Text.
        """
    page = build_site({"pairing.md": post}, SEARCH_ENABLED=False).page("pairing-week")
    data = jsonld(page)
    assert data["description"] == "We paired on everything; here is what stuck."
    assert data["dateModified"].startswith("2024-06-12T10:30:00")
    updated = page.select_one(".byline time.byline__modified")
    assert updated["datetime"] == data["dateModified"]
    assert "updated" in page.select_one(".byline").get_text()


def test_an_unmodified_article_says_nothing_of_updates(build_site):
    page = build_site({"first.md": FILES["first.md"]}, SEARCH_ENABLED=False).page("first")
    assert "dateModified" not in jsonld(page)
    assert "updated" not in page.select_one(".byline").get_text()
