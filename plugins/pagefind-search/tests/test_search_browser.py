"""Search in a real Chromium: typing, filters, following results, shared links, no results,
focus after Enter and after the header's box, and the results a coach would pick."""

import re
import shutil
from typing import Any

import pytest

from coaching_kb.testing import serve, wait_for_results

pytestmark = pytest.mark.browser


def wait_until(page, script, timeout=30.0):
    """Poll `script` in the page until it is true (the page's CSP forbids wait_for_function)."""
    for _ in range(int(timeout * 10)):
        if page.evaluate(script):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script}")


def results(page):
    wait_for_results(page)
    wait_until(page, "document.getElementById('search-status').textContent !== ''")
    return page.locator(".search-result__title").all_inner_texts()


def test_typing_shows_the_expected_article_first(page, sample_url):
    page.goto(f"{sample_url}/search/")
    page.fill("#search-query", "speak last")
    wait_until(
        page, "document.querySelector('.search-result__title')?.textContent.includes('quiet')"
    )
    assert results(page)[0] == "My team goes quiet when I speak"
    excerpt = page.locator(".search-result__excerpt").first.inner_html()
    assert "<mark>" in excerpt
    assert "q=speak+last" in page.url
    assert page.offsite_requests == []


def test_filter_by_type_and_by_author(page, sample_url):
    page.goto(f"{sample_url}/search/?q=team")
    results(page)
    page.select_option("#filter-type", "Q&A")
    wait_until(
        page,
        "[...document.querySelectorAll('.search-result__meta')]"
        ".every(m => m.textContent.startsWith('Q&A'))",
    )
    assert "type=Q%26A" in page.url
    page.select_option("#filter-type", "")
    page.select_option("#filter-author", "Priya Raman")
    wait_until(
        page,
        "[...document.querySelectorAll('.search-result__meta')]"
        ".every(m => m.textContent.includes('Priya Raman'))",
    )
    assert len(results(page)) >= 3


def test_opening_a_shared_link_searches_and_results_can_be_followed(page, sample_url):
    page.goto(f"{sample_url}/search/?q=pairing%20across%20departments")
    assert results(page)[0] == "What a leadership programme should change on Monday"
    assert page.input_value("#search-query") == "pairing across departments"
    page.locator(".search-result__title").first.click()
    page.wait_for_url("**/what-a-leadership-programme-should-change-on-monday/")


def test_keyboard_slash_arrows_and_enter(page, sample_url):
    page.goto(f"{sample_url}/the-first-team-meeting/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.type("delegating")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=delegating*")
    assert len(results(page)) >= 3
    page.focus("#search-query")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    assert page.evaluate("document.activeElement.textContent") != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.textContent") == first
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{second}")


def test_search_works_under_a_sub_path(page, sample_site, tmp_path):
    shutil.copytree(sample_site.output, tmp_path / "coaching" / "site")
    for base in serve(tmp_path):
        page.goto(f"{base}/coaching/site/search/?q=stays%20late")
        assert results(page)[0] == "The hero who stays late"
        href = page.locator(".search-result__title").first.get_attribute("href")
        assert href.startswith("/coaching/site/the-hero-who-stays-late/")
        assert page.offsite_requests == []


def test_without_javascript_the_page_says_so_and_offers_ways_in(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{sample_url}/search/?q=trust")
    assert "needs JavaScript" in page.locator("main").inner_text()
    assert page.locator("#search-start .chips a", has_text="All topics").is_visible()
    # What needs the script (the box's invitation, example searches) is not offered.
    assert page.locator(".search-start__lead").is_hidden()
    assert page.locator(".search-start__examples").is_hidden()
    context.close()


def test_the_search_page_fits_a_phone_once_its_filters_show(browser, sample_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(f"{sample_url}/search/?q=delegation")
    phone.wait_for_selector(".search-result", timeout=30000)
    phone.wait_for_selector(".search-filters:not([hidden])", timeout=30000)
    wide = phone.evaluate("document.documentElement.scrollWidth")
    box = phone.locator("#filter-topic").bounding_box()
    context.close()
    assert wide <= 390, f"the search page is {wide}px wide on a 390px phone"
    assert box["x"] + box["width"] <= 390


def test_a_topic_finds_every_article_its_hub_lists(page, sample_url, sample_site):
    hub = sample_site.page("topics/delegation")
    listed = {a.get_text(strip=True) for a in hub.select("main .article-list__item a")}
    page.goto(f"{sample_url}/search/?q=delegation")
    page.wait_for_selector(".search-result", timeout=30000)
    page.wait_for_timeout(500)  # the results of the whole query, not of its first letters
    found = set(page.locator(".search-result__title").all_inner_texts())
    assert listed
    assert listed <= found, f"not found: {listed - found}"


def shown_for(page, sample_url, query):
    """Return the result titles and excerpts for `query`, or None when the empty state shows."""
    page.goto(f"{sample_url}/search/?q={query}")
    wait_until(
        page,
        "document.getElementById('search-status').textContent !== ''"
        " || !document.getElementById('search-empty').hidden",
    )
    page.wait_for_timeout(300)
    if page.locator("#search-empty").is_visible():
        return None
    return (
        page.locator(".search-result__title").all_inner_texts(),
        page.locator(".search-result__excerpt").all_inner_texts(),
        page.locator(".search-result__excerpt, .search-result__topic").evaluate_all(
            "es => es.map(e => e.innerHTML)"
        ),
    )


def test_excerpts_say_where_they_cut_into_a_sentence(page, sample_url):
    _, excerpts, _ = shown_for(page, sample_url, "meeting")
    assert excerpts
    for text in excerpts:
        assert text[0].isupper() or text.startswith("…"), text
        assert text.rstrip()[-1] in '.!?…”’)"', text


# `screen` (conftest.py): a page at 360, 390 and 1280 px in both colour schemes.


def ready(page):
    """Wait until the search page's script has loaded Pagefind and listens to the box."""
    page.wait_for_selector("form.search-page[data-ready]", state="attached", timeout=30000)


def focused(page):
    return page.evaluate("document.activeElement.id || document.activeElement.className")


def test_no_results_show_under_the_box_in_the_first_screen_and_are_announced(screen, sample_url):
    screen.goto(f"{sample_url}/search/?q=xylophonequartz")
    screen.wait_for_selector("#search-empty:not([hidden])", timeout=30000)
    status = screen.locator("#search-status")
    assert status.get_attribute("role") == "status"  # a live region: read out when it changes
    assert status.inner_text() == "Nothing matched “xylophonequartz”."
    help_box = screen.locator("#search-empty").bounding_box()
    assert help_box["y"] + help_box["height"] <= screen.viewport_size["height"]
    ways = screen.locator("#search-empty a").all_inner_texts()
    assert "Delegation" in ways
    assert "Ask the Coach: send your own question" in ways
    assert screen.locator(".search-result").count() == 0


def test_enter_keeps_the_results_and_moves_focus_to_their_count(screen, sample_url):
    screen.goto(f"{sample_url}/search/")
    ready(screen)
    screen.fill("#search-query", "delegation")
    screen.press("#search-query", "Enter")
    wait_until(screen, "document.activeElement.id === 'search-status'")
    assert screen.url.endswith("/search/?q=delegation")
    assert screen.locator("#search-status").inner_text().endswith("results for “delegation”")
    assert screen.locator(".search-result").count() >= 3
    screen.keyboard.press("Tab")  # the first result is one step away, and opening it another
    assert focused(screen) == "search-result__title"
    assert screen.url.endswith("/search/?q=delegation")


def test_arriving_from_the_headers_box_puts_focus_in_the_results(screen, sample_url):
    screen.goto(f"{sample_url}/the-hero-who-stays-late/")
    header_box = screen.locator("#site-search-q")
    if header_box.is_visible():
        header_box.fill("one on one")
        header_box.press("Enter")
    else:  # a phone's header may link to the search page: this is what its box would send
        screen.goto(f"{sample_url}/search/?q=one+on+one&from=header")
    screen.wait_for_url("**/search/**")
    wait_until(screen, "document.activeElement.id === 'search-status'")
    assert "from=" not in screen.url  # a shared link stays clean
    assert screen.locator(".search-result").count() >= 3


TOP_THREE = {
    "delegation": ["Delegation", "Delegating the work you love",
                   "The first ninety days of not doing the work"],
    "imposter syndrome": ["Confidence", "Waiting to be found out",
                          "You are not the smartest person in the room any more"],
    # Names the topic inside a question: the one essay on it first, then the topic's hub,
    # then an essay filed first under Feedback before one that only mentions it ("What a
    # leadership programme should change on Monday" matches every word but is not about it).
    "giving feedback to my boss": [
        "Giving feedback upwards",
        "Feedback",
        "Feedback in the first week, not the annual review",
    ],
    "burnout": ["I cannot stop fixing my team's work", "The hero who stays late",
                "The first ninety days of not doing the work"],
    "one on one": ["The one-to-one is their meeting", "Giving feedback upwards",
                   "The first team meeting"],
}  # fmt: skip


def top_three(tab: Any, sample_url: str, query: str) -> list[str]:
    tab.goto(f"{sample_url}/search/?q={query}")
    wait_until(tab, "document.getElementById('search-status').textContent !== ''")
    return tab.locator(".search-result__title").all_inner_texts()[:3]


@pytest.mark.parametrize("query", list(TOP_THREE))
def test_the_top_three_results_are_what_a_coach_would_pick(page, sample_url, query):
    assert top_three(page, sample_url, query) == TOP_THREE[query]


def test_the_top_three_are_the_same_on_every_screen(screen, sample_url):
    # The ranking does not depend on the screen; one query on each proves the page shows it.
    assert top_three(screen, sample_url, "imposter syndrome") == TOP_THREE["imposter syndrome"]
    assert screen.offsite_requests == []


def test_pages_matched_only_through_a_topic_come_last_under_one_label(page, sample_url):
    page.goto(f"{sample_url}/search/?q=imposter+syndrome")
    page.wait_for_selector("#search-filed:not([hidden])", timeout=30000)
    assert page.locator("#search-filed-label").text_content() == "Filed under Confidence"
    assert page.evaluate("document.querySelector('main').textContent").count("Filed under") == 1
    filed = page.locator("#search-filed .search-result__excerpt").all_inner_texts()
    assert len(filed) >= 5  # each shows its summary, not its topic line
    own = page.locator("#search-results .search-result__title").all_inner_texts()
    assert own[0] == "Confidence"  # the hub of the topic the query names (by an alias)
    last_own = page.locator("#search-results .search-result").last.bounding_box()
    label = page.locator("#search-filed-label").bounding_box()
    assert label["y"] - (last_own["y"] + last_own["height"]) < 100  # no blank screen between


def test_start_no_results_and_filed_results_have_no_axe_violations(screen, sample_url):
    from axe_playwright_python.sync_playwright import Axe

    axe, found = Axe(), []
    for query in ("", "xylophonequartz", "imposter+syndrome"):  # one page, the three states
        screen.goto(f"{sample_url}/search/?q={query}")
        ready(screen)
        if query:
            wait_until(screen, "document.getElementById('search-status').textContent !== ''")
        found += [(query, v["id"], [n["target"] for n in v["nodes"]][:3])
                  for v in axe.run(screen).response["violations"]]  # fmt: skip
    assert found == []


def test_a_title_that_names_a_topic_leads_and_the_topics_hub_follows(page, sample_url):
    page.goto(f"{sample_url}/search/?q=rescuing+is+not+helping")  # "rescuing": an alias
    wait_until(page, "document.getElementById('search-status').textContent !== ''")
    titles = page.locator(".search-result__title").all_inner_texts()
    assert titles[:2] == ["Rescuing is not helping", "The hero's trap"]


def test_words_typed_while_search_loads_are_kept_and_searched(page, sample_url):
    held = []  # Pagefind's entry file, held back until the reader has typed
    page.route(re.compile(r"/pagefind/pagefind-entry\.json"), lambda route: held.append(route))
    page.goto(f"{sample_url}/search/")
    for _ in range(300):
        if held:
            break
        page.wait_for_timeout(100)
    page.fill("#search-query", "speak last")
    held[0].continue_()
    wait_until(
        page, "document.querySelector('.search-result__title')?.textContent.includes('quiet')"
    )
    assert page.input_value("#search-query") == "speak last"


# The start state: ways to start before the reader types; results replace it.


def start_shows(page):
    return page.locator("#search-start").is_visible()


def test_the_start_state_shows_before_typing_under_a_box_with_no_empty_panel(screen, sample_url):
    screen.goto(f"{sample_url}/search/")
    ready(screen)
    assert start_shows(screen)
    assert screen.locator("#search-start .chips a").first.is_visible()
    start = screen.locator("#search-start").bounding_box()
    assert start["y"] + start["height"] <= screen.viewport_size["height"]  # the first screen
    # The box's panel ends just under the box: no space kept for filters not shown.
    form = screen.locator("form.search-page").bounding_box()
    box = screen.locator("#search-query").bounding_box()
    assert form["y"] + form["height"] - (box["y"] + box["height"]) <= 20
    assert screen.evaluate("document.documentElement.scrollWidth") <= screen.width


def test_the_ways_to_start_come_right_after_the_box_from_the_keyboard(page, sample_url):
    page.goto(f"{sample_url}/search/")
    ready(page)
    page.focus("#search-query")
    page.keyboard.press("Tab")  # the filters are not shown yet: nothing to tab through
    first_chip = page.locator("#search-start .chips a").first.inner_text()
    assert page.evaluate("document.activeElement.textContent") == first_chip


def test_results_replace_the_start_state_and_clearing_brings_it_back(page, sample_url):
    page.goto(f"{sample_url}/search/")
    ready(page)
    page.fill("#search-query", "delegation")
    wait_until(page, "document.getElementById('search-status').textContent !== ''")
    assert page.locator(".search-result").count() >= 3
    assert not start_shows(page)
    assert page.locator(".search-filters").is_visible()
    page.fill("#search-query", "xylophonequartz")
    page.wait_for_selector("#search-empty:not([hidden])", timeout=30000)
    assert not start_shows(page)
    page.fill("#search-query", "")
    wait_until(page, "document.getElementById('search-status').textContent === ''")
    assert start_shows(page)
    assert page.locator(".search-result").count() == 0
    assert page.locator("#search-empty").is_hidden()


def test_an_example_search_opens_on_its_results_with_focus_on_their_count(page, sample_url):
    page.goto(f"{sample_url}/search/")
    example = page.locator(".search-start__examples a").first
    name = example.inner_text()
    example.click()
    wait_until(page, "document.activeElement.id === 'search-status'")
    assert page.input_value("#search-query") == name
    assert page.locator(".search-result__title").first.inner_text() == name  # its hub
    assert "from=" not in page.url


FRAMES_SHOWING_START = """
window.startSeen = [];
(function watch() {
  const start = document.getElementById("search-start");
  if (start) window.startSeen.push(start.checkVisibility());
  requestAnimationFrame(watch);
})();
"""


@pytest.mark.parametrize("address", ["?q=delegation", "?topic=Trust"])
def test_a_search_in_the_address_never_shows_the_start_state(page, sample_url, address):
    page.add_init_script(FRAMES_SHOWING_START)
    held = []  # the search script, held back as on a slow line: the start must not show meanwhile
    page.route(re.compile(r"/theme/js/search\.js$"), lambda route: held.append(route))
    page.goto(f"{sample_url}/search/{address}", wait_until="commit")
    for _ in range(300):
        if held:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    held[0].continue_()
    wait_for_results(page)
    seen = page.evaluate("window.startSeen")
    assert seen, "no frame drew the start state's element"
    assert not any(seen)
    assert not start_shows(page)


@pytest.mark.parametrize("address", ["", "?q=delegation"])
def test_nothing_on_the_search_page_jumps_while_it_loads(page, sample_url, address):
    page.add_init_script(
        "window.shifted = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
        " window.shifted += e.value; }).observe({type: 'layout-shift', buffered: true});"
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{sample_url}/search/{address}")
    ready(page)
    if address:
        wait_for_results(page)
    page.wait_for_timeout(300)
    assert page.evaluate("window.shifted") < 0.01
