"""The theme's second pass, measured in Chromium: header, footer, map, people, lists, search."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("width", [375, 390])  # an iPhone SE or mini, and a current iPhone
def test_the_phone_header_is_two_short_rows_with_the_whole_menu_on_one_line(
    browser, sample_url, width
):
    context = browser.new_context(viewport={"width": width, "height": 844})
    phone = context.new_page()
    phone.goto(f"{sample_url}/")
    header = box(phone, ".site-header")
    tops = {
        round(b["y"]) for b in (li.bounding_box() for li in phone.locator(".site-nav li").all())
    }
    menu = phone.evaluate(
        "(() => { const u = document.querySelector('.site-nav ul');"
        " return [u.scrollWidth, u.clientWidth]; })()"
    )
    search_link = phone.locator(".site-header__search-link").is_visible()
    search_box = phone.locator("form.site-search").is_visible()
    context.close()
    assert header["height"] <= 110, f"the header takes {header['height']}px of 844"
    assert len(tops) == 1, "the menu wraps"
    assert menu[0] <= menu[1], "the menu is cut off at the right"
    assert search_link
    assert not search_box


def test_on_the_narrowest_phone_every_menu_link_is_on_screen(browser, sample_url):
    # At 320 px the one-line menu ran past the screen's edge, "About" cut to its first letter.
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{sample_url}/search/")
    rights = [
        a.bounding_box()["x"] + a.bounding_box()["width"] for a in page.locator(".site-nav a").all()
    ]
    header = box(page, ".site-header")
    context.close()
    assert max(rights) <= 320 - 8, f"a menu link ends at {max(rights):.0f}px"
    assert header["height"] <= 130


def test_the_desktop_header_is_one_row_with_its_search_box(desktop, sample_url):
    desktop.goto(f"{sample_url}/")
    name, nav, search = (
        box(desktop, s) for s in (".site-header__name", ".site-nav", "form.site-search")
    )
    middles = [b["y"] + b["height"] / 2 for b in (name, nav, search)]
    assert max(middles) - min(middles) < 8, f"not one row: {middles}"
    assert name["x"] < nav["x"] < search["x"]
    assert not desktop.locator(".site-header__search-link").is_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_the_footer_starts_where_the_text_does(browser, sample_url, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{sample_url}/the-hero-who-stays-late/")
    text = box(page, ".article__body p")
    footer = box(page, ".site-footer__inner > p")
    context.close()
    assert abs(text["x"] - footer["x"]) <= 1


def test_topic_map_labels_are_never_smaller_than_small_text_and_dots_are_opaque(
    desktop, sample_url
):
    desktop.goto(f"{sample_url}/topics/")
    sizes = desktop.evaluate(
        "[...document.querySelectorAll('.topic-map text')].map(t =>"
        " parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"
    )
    small = desktop.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.topic-map figcaption')).fontSize)"
    )
    opacity = desktop.evaluate(
        "[...document.querySelectorAll('.topic-map circle')].map(c =>"
        " [getComputedStyle(c).opacity, getComputedStyle(c).fillOpacity])"
    )
    assert sizes
    assert min(sizes) >= small, f"labels of {min(sizes):.1f}px under small text of {small}px"
    assert {tuple(o) for o in opacity} == {("1", "1")}


def test_on_a_phone_the_topic_index_still_names_each_topics_nearest(phone, sample_url):
    phone.goto(f"{sample_url}/topics/")
    items = phone.locator(".topic-index__item").all()
    near = [item.locator(".topic-index__near a").count() for item in items]
    assert items
    assert all(count >= 1 for count in near), "a topic without its nearest neighbours"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_coaches_have_faces_or_initials_and_cards_say_who_they_are(page, sample_url):
    page.goto(f"{sample_url}/the-hero-who-stays-late/")
    card = page.locator(".author-card")
    assert card.locator(".avatar").inner_text() == "DM"
    assert card.locator(".author-card__role").inner_text()
    assert card.locator(".author-card__bio").inner_text().endswith(".")
    page.goto(f"{sample_url}/authors/")
    people = page.locator(".people__item").all()
    assert people
    assert all(
        p.locator(".avatar").count() == 1 and p.locator(".people__bio").count() for p in people
    )


def test_an_author_page_does_not_repeat_the_authors_name_on_every_item(page, sample_url):
    page.goto(f"{sample_url}/authors/nadia-okafor/")
    metas = page.locator(".article-list__meta").all_inner_texts()
    assert metas
    assert not [m for m in metas if "Nadia Okafor" in m]


def test_the_authors_own_reply_is_marked_and_readers_are_not(page, sample_url):
    page.goto(f"{sample_url}/the-hero-who-stays-late/")
    marked = page.locator(".comment--by-author .comment__author").all_inner_texts()
    assert "Dele Mensah" in marked
    readers = page.locator(".comment:not(.comment--by-author) > article .badge--author")
    assert readers.count() == 0
    assert (
        page.locator(".comment--by-author > article .badge--author").first.inner_text() == "Author"
    )


def test_the_qa_answer_heading_reads_as_a_heading(page, sample_url):
    page.goto(f"{sample_url}/my-team-goes-quiet-when-i-speak/")
    heading, body = (
        page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('{s}')).fontSize)")
        for s in (".answer__heading", ".answer__body p")
    )
    assert heading >= 1.4 * body


def title_style(page, selector):
    return page.evaluate(
        f"(() => {{ const s = getComputedStyle(document.querySelector('{selector}'));"
        " return [s.fontFamily, s.fontWeight, s.textDecorationLine]; })()"
    )


def test_every_list_of_titles_looks_the_same(page, sample_url):
    page.goto(f"{sample_url}/")
    home = title_style(page, ".article-list__title a")
    page.goto(f"{sample_url}/the-hero-who-stays-late/")
    related = title_style(page, ".related__item > a")
    page.goto(f"{sample_url}/topics/")
    topics = title_style(page, ".topic-index__item h2 a")
    page.goto(f"{sample_url}/authors/")
    coaches = title_style(page, ".people__item h2 a")
    assert home == related == topics == coaches
    assert home[2] == "none"


# The words of each topic card's name that a line break cuts in two ("conversation" / "s").
SPLIT_WORDS = """() => [...document.querySelectorAll('.topic-cards__name')].flatMap(name => {
  const text = name.firstChild, words = [], range = document.createRange();
  for (const m of text.textContent.matchAll(/\\S+/g)) {
    range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > 1) words.push(m[0]);
  }
  return words;
})"""


@pytest.mark.parametrize("width", [320, 360, 375, 390])
def test_no_topic_cards_name_is_cut_inside_a_word_on_a_phone(browser, sample_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{sample_url}/")
    split = page.evaluate(SPLIT_WORDS)
    context.close()
    assert split == [], f"cut inside a word at {width}px: {split}"
