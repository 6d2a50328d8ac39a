"""Measure search in Chromium: bytes fetched for a first query, and query latency."""

import statistics
from pathlib import Path
from typing import Any

QUERIES = ("feedback", "delegate work", "listening", "trust team", "conversation", "hero", "peer")
MEASURE = """async (query) => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
  const started = performance.now();
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
  return [performance.now() - started, search.results.length];
}"""


def bundle_bytes(request: Any) -> int:
    """Return the bytes a finished request for the search bundle transferred (0 for others)."""
    if "/pagefind/" not in request.url:
        return 0
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def search_figures(site: Path) -> dict[str, float]:
    """Return the bundle size, first-query bytes and median query latency for a built site."""
    from playwright.sync_api import sync_playwright

    from coaching_kb.browser import launch
    from coaching_kb.serve import serving

    fetched: list[int] = []

    def note(request: Any) -> None:
        fetched.append(bundle_bytes(request))

    with serving(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        page.on("requestfinished", note)
        page.goto(f"{base}/search/?q={QUERIES[0]}")
        page.wait_for_selector(".search-result", timeout=60000)
        page.remove_listener("requestfinished", note)
        first_query_bytes = sum(fetched)
        timings = [page.evaluate(MEASURE, query)[0] for query in QUERIES[1:]]
        browser.close()
    bundle = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return {
        "bundle_kb": round(bundle / 1024, 1),
        "first_query_kb": round(first_query_bytes / 1024, 1),
        "query_ms_median": round(statistics.median(timings), 1),
    }
