"""Search in a real Chromium: typing, filters, following results, shared links, no results."""

import re
import shutil

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


def test_no_results_offers_the_topic_index(page, sample_url):
    page.goto(f"{sample_url}/search/?q=xylophonequartz")
    page.wait_for_selector("#search-empty:not([hidden])", timeout=15000)
    assert page.locator("#search-empty a").get_attribute("href") == "../topics/"
    assert page.locator(".search-result").count() == 0


def test_keyboard_slash_arrows_and_enter(page, sample_url):
    page.goto(f"{sample_url}/the-first-team-meeting/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.type("delegating")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=delegating")
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


def test_without_javascript_the_page_says_so(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{sample_url}/search/?q=trust")
    assert "needs JavaScript" in page.locator("main").inner_text()
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


def test_a_word_the_site_never_uses_shows_the_empty_state(page, sample_url):
    assert shown_for(page, sample_url, "burnout") is None


def test_a_misspelt_alias_finds_its_topic_not_every_letter_i(page, sample_url, sample_site):
    """'imposter' is not on the site; the Confidence topic's alias 'impostor syndrome' is."""
    hub = sample_site.page("topics/confidence")
    filed = {a.get_text(strip=True) for a in hub.select("main .article-list__item a")}
    titles, _, excerpts = shown_for(page, sample_url, "imposter")
    marked = {m.lower() for html in excerpts for m in re.findall(r"<mark>(.*?)</mark>", html)}
    assert set(titles) <= filed
    assert marked
    assert all(word.startswith("impost") for word in marked), marked
    # The match is in the topic line: the result shows the summary, and the topic that matched.
    topics = page.locator(".search-result__topic").all_inner_texts()
    assert topics
    assert all(t.startswith("Filed under Confidence") for t in topics)


def test_excerpts_say_where_they_cut_into_a_sentence(page, sample_url):
    _, excerpts, _ = shown_for(page, sample_url, "meeting")
    assert excerpts
    for text in excerpts:
        assert text[0].isupper() or text.startswith("…"), text
        assert text.rstrip()[-1] in '.!?…”’)"', text
