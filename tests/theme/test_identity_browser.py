"""Issue 36, findings 4-7, in Chromium at 360, 390 and 1280 px in both colour schemes: the
topic map on every screen, the site's identity, lists that invite a click, the nested 404."""

import pytest

pytestmark = pytest.mark.browser

ESSAY = "the-hero-who-stays-late/"
HUB = "topics/delegation/"

# `screen` (conftest.py): a page at 360, 390 and 1280 px in both colour schemes.


def visible_map(page):
    """Return the locator of the map drawing the page shows at this width."""
    maps = [m for m in page.locator(".topic-map svg").all() if m.is_visible()]
    assert len(maps) == 1, f"{len(maps)} maps visible"
    return maps[0]


# Lines (and the phone map's arcs) sampled along their length; a point inside a label's box
# (less a pixel of its edges) is a line through the label.
LINES_THROUGH_LABELS = """svg => {
  const labels = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()]);
  const through = [];
  for (const edge of svg.querySelectorAll('.topic-map__edge')) {
    const length = edge.getTotalLength();
    for (let i = 0; i <= 100; i++) {
      const p = edge.getPointAtLength(length * i / 100);
      for (const [name, b] of labels) {
        if (p.x > b.x + 1 && p.x < b.x + b.width - 1 && p.y > b.y + 1 && p.y < b.y + b.height - 1)
          through.push(name + ' <- ' + edge.dataset.ends);
      }
    }
  }
  return [...new Set(through)];
}"""


# 4. The topic map on every screen


MAPS = ["topics/", HUB]  # the whole map and a hub's local one: one page visits both


def test_the_map_is_on_every_screen_fits_and_keeps_labels_at_reading_size(screen, sample_url):
    for path in MAPS:
        screen.goto(f"{sample_url}/{path}")
        drawing = visible_map(screen)
        sizes = drawing.evaluate(
            "svg => [...svg.querySelectorAll('text')].map(t =>"
            " parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"
        )
        box = drawing.bounding_box()
        assert min(sizes) >= 14, f"{path}: labels of {min(sizes):.1f}px"
        assert box["x"] >= 0, path
        assert box["x"] + box["width"] <= screen.width, path
        assert screen.evaluate("document.documentElement.scrollWidth") <= screen.width, path


def test_on_a_desktop_the_map_is_wider_than_the_text_column(screen, sample_url):
    screen.goto(f"{sample_url}/topics/")
    drawing, text = visible_map(screen).bounding_box(), screen.locator(".lede").bounding_box()
    if screen.width >= 1280:
        assert drawing["width"] >= 1.3 * text["width"]


def test_no_line_runs_through_a_label(screen, sample_url):
    for path in MAPS:
        screen.goto(f"{sample_url}/{path}")
        assert visible_map(screen).evaluate(LINES_THROUGH_LABELS) == [], path


def test_dots_are_coloured_by_group_in_both_schemes(screen, sample_url):
    screen.goto(f"{sample_url}/topics/")
    fills = visible_map(screen).evaluate(
        "svg => [...svg.querySelectorAll('circle')].map(c => getComputedStyle(c).fill)"
    )
    assert len(set(fills)) >= 2


DOT_COLOURS = """svg => Object.fromEntries([...svg.querySelectorAll('a[data-topic]')].map(a => [
  a.querySelector('title').textContent.split(':')[0],
  getComputedStyle(a.querySelector('circle')).fill,
]))"""


def test_a_legend_names_the_topics_each_colour_gathers(screen, sample_url):
    screen.goto(f"{sample_url}/topics/")
    colour_of = visible_map(screen).evaluate(DOT_COLOURS)
    legend = screen.locator(".topic-map__legend li").all()
    named = {}
    for item in legend:
        swatch = item.locator(".topic-map__swatch").evaluate(
            "s => getComputedStyle(s).backgroundColor"
        )
        named.update(dict.fromkeys(item.inner_text().strip().split(", "), swatch))
    assert len(legend) == len(set(colour_of.values())) >= 2
    assert named == colour_of


def test_pointing_at_or_tabbing_to_a_topic_lights_its_neighbours(screen, sample_url):
    screen.goto(f"{sample_url}/topics/")
    drawing = visible_map(screen)
    node = drawing.locator("[data-topic='delegation']")
    near = set(node.get_attribute("data-near").split()) | {"delegation"}
    for act in (node.hover, node.focus):
        screen.mouse.move(0, 0)
        act()
        lit = set(
            drawing.evaluate(
                "s => [...s.querySelectorAll('.is-near')].map(n => n.dataset.topic).filter(Boolean)"
            )
        )
        faded = drawing.evaluate(
            "s => [...s.querySelectorAll('[data-topic]:not(.is-near)')]"
            ".map(n => parseFloat(getComputedStyle(n).opacity))"
        )
        assert lit == near, act.__name__
        assert faded, act.__name__
        assert max(faded) < 1, act.__name__
        screen.locator("h1").click()


def test_without_script_the_map_still_links_every_topic(browser, sample_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{sample_url}/topics/")
    links = visible_map(page).locator("a").count()
    context.close()
    assert links == 12


def test_a_topic_hub_shows_its_own_local_map(screen, sample_url):
    screen.goto(f"{sample_url}/{HUB}")
    drawing = visible_map(screen)
    assert drawing.locator("[aria-current=page]").get_attribute("data-topic") == "delegation"
    assert drawing.locator("a[data-topic]").count() >= 3
    if screen.width >= 1280:  # beside the lists, in the first screen, where the frame has room
        box = drawing.bounding_box()
        assert box["y"] + box["height"] <= 844


# 5. Identity and layout


def test_the_home_page_has_a_masthead_one_action_a_featured_essay_and_the_newest_qa(
    screen, sample_url
):
    screen.goto(f"{sample_url}/")
    heading = screen.locator("h1").first
    assert heading.is_visible()
    assert heading.bounding_box()["height"] > 30
    assert screen.locator(".masthead .button").count() == 1
    spotlight = screen.locator(".spotlight__item")
    assert spotlight.count() == 2
    assert "Featured essay" in spotlight.nth(0).text_content()
    assert (
        spotlight.nth(1).locator("a").inner_text() == "How do I tell my star performer the truth?"
    )


def test_the_header_starts_where_the_text_does(screen, sample_url):
    screen.goto(f"{sample_url}/{ESSAY}")
    name = screen.locator(".site-header__name").bounding_box()
    text = screen.locator(".article__body p").first.bounding_box()
    assert abs(name["x"] - text["x"]) <= 1


def test_topic_cards_make_an_even_grid(screen, sample_url):
    screen.goto(f"{sample_url}/")
    boxes = [c.bounding_box() for c in screen.locator(".topic-cards__item").all()]
    columns = len({round(b["x"]) for b in boxes})
    assert len({round(b["height"]) for b in boxes}) == 1, "cards of ragged heights"
    assert len(boxes) % columns == 0, "an orphan on the last row"


def test_a_real_favicon_and_the_current_section_in_the_menu(screen, sample_url):
    screen.goto(f"{sample_url}/{ESSAY}")
    icon = screen.locator("link[rel=icon]").get_attribute("href")
    answer = screen.request.get(screen.url + icon)
    assert answer.ok
    assert answer.headers["content-type"].startswith("image/svg")
    current = screen.locator(".site-nav [aria-current]")
    assert current.count() == 1
    assert current.inner_text() == "Essays"
    screen.goto(f"{sample_url}/topics/")
    assert screen.locator(".site-nav [aria-current=page]").inner_text() == "Topics"


LINES_OF_TEXT = (
    "e => { const r = document.createRange(); r.selectNodeContents(e);"
    " return r.getClientRects().length; }"
)


def test_the_header_is_two_short_rows_on_a_phone_and_one_on_a_desktop(screen, sample_url):
    screen.goto(f"{sample_url}/")
    header = screen.locator(".site-header").bounding_box()
    links = [
        a for a in screen.locator(".site-nav a, .site-header__search-link").all() if a.is_visible()
    ]
    boxes = [link.bounding_box() for link in links]
    rows = {round(b["y"] + b["height"] / 2) for b in boxes}
    assert all(b["x"] + b["width"] <= screen.width - 8 for b in boxes), "a link is cut off"
    assert all(link.evaluate(LINES_OF_TEXT) == 1 for link in links), "a link wraps"
    if screen.width < 768:
        assert header["height"] <= 96
        assert len(rows) == 2
    else:
        assert len(rows) == 1


def test_the_header_keeps_its_height_from_page_to_page(screen, sample_url):
    # The site's name must not break onto a second line on one page only (the search page,
    # whose current link in the header is marked), making the header jump there.
    heights = {}
    for path in ("", "search/", "topics/", ESSAY):
        screen.goto(f"{sample_url}/{path}")
        heights[path] = round(screen.locator(".site-header").bounding_box()["height"])
    assert len(set(heights.values())) == 1, heights


FOCUSED_IN_HEADER = """(() => {
  const e = document.activeElement;
  if (!e.closest('.site-header')) return null;
  const r = e.getBoundingClientRect();
  return [r.top + r.height / 2, r.left, e.textContent || e.name];
})()"""


def test_tab_order_follows_the_eye(screen, sample_url):
    screen.goto(f"{sample_url}/")
    seen = []
    for _ in range(12):
        screen.keyboard.press("Tab")
        if spot := screen.evaluate(FOCUSED_IN_HEADER):
            seen.append(spot)
    reading = sorted(seen, key=lambda s: (round(s[0] / 24), s[1]))  # rows, then left to right
    assert len(seen) >= 6
    assert [s[2] for s in seen] == [s[2] for s in reading]


# 6. Lists that invite a click


LIST_TITLES = {  # each list's page and its titles, visited in one page a screen
    "": ".article-list__title a",
    "topics/": ".topic-index__item h2 a",
    ESSAY: ".related__item > a",
    "search/?q=delegation": ".search-result__title",
}


def test_list_titles_are_21_to_24_px_above_their_details_and_summary(screen, sample_url):
    for path, title in LIST_TITLES.items():
        screen.goto(f"{sample_url}/{path}")
        screen.wait_for_selector(title)  # search's results come after Pagefind answers
        sizes = screen.locator(title).evaluate_all(
            "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize))"
        )
        assert sizes, path
        assert all(21 <= size <= 24 for size in sizes), (path, sizes)
        if path == "":
            item = screen.locator(".article-list__item").first
            tops = [
                item.locator(s).bounding_box()["y"]
                for s in (".article-list__title", ".meta", ".article-list__summary")
            ]
            assert tops == sorted(tops)


def test_no_detail_breaks_inside_itself(screen, sample_url):
    screen.goto(f"{sample_url}/")
    lines = [item.evaluate(LINES_OF_TEXT) for item in screen.locator(".meta__item").all()]
    assert lines
    assert max(lines) == 1


def test_related_items_carry_a_marker_a_summary_and_only_specific_reasons(screen, sample_url):
    screen.goto(f"{sample_url}/{ESSAY}")
    items = screen.locator(".related .related__item").all()
    assert items
    assert all(i.locator(".badge").inner_text() in ("Essay", "Q&A") for i in items)
    assert all(i.locator(".related__summary").inner_text().strip() for i in items)
    reasons = screen.locator(".related__reason").all_inner_texts()
    assert len(reasons) == len(set(reasons)), "the same reason on several items"


CARD_TEXTS = {  # each kind of card's page and its text, visited in one page a screen
    ESSAY: ".author-card__bio",
    "authors/": ".people__bio",
    "topics/": ".topic-index__item p:not(.topic-index__near)",
}


def test_card_texts_end_at_a_sentence(screen, sample_url):
    for path, selector in CARD_TEXTS.items():
        screen.goto(f"{sample_url}/{path}")
        texts = [t.strip() for t in screen.locator(selector).all_inner_texts()]
        assert texts, path
        cut = [t[-30:] for t in texts if t[-1] not in ".!?"]
        assert cut == [], path


def test_every_coach_has_a_colour_of_their_own(screen, sample_url):
    screen.goto(f"{sample_url}/authors/")
    colours = screen.locator(".people .avatar").evaluate_all(
        "as => as.map(a => getComputedStyle(a).backgroundColor)"
    )
    assert len(colours) == 5
    assert len(set(colours)) == 5


# 7. The development 404 at any depth


def test_a_missing_page_at_any_depth_is_the_styled_404_with_working_links(screen, sample_url):
    hrefs = set()  # each address the three pages link to, resolved, fetched once
    for path in ("missing", "some/old-essay/", "a/b/c/d.html"):
        answer = screen.goto(f"{sample_url}/{path}")
        assert answer.status == 404, path
        header = screen.locator(".site-header").evaluate("h => getComputedStyle(h).backgroundColor")
        assert header != "rgba(0, 0, 0, 0)", f"{path}: the stylesheet did not load"
        hrefs |= set(
            screen.locator("a[href], link[href]").evaluate_all("ls => ls.map(l => l.href)")
        )
    broken = [h for h in hrefs if "#" not in h and not screen.request.get(h).ok]
    assert broken == []
