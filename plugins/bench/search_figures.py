"""Measure search in Chromium: bytes fetched for a first query, and query latency."""

import functools
import http.server
import statistics
import threading
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def search_figures(site: Path) -> dict[str, float]:
    """Return the bundle size, first-query bytes and median query latency for a built site."""
    from chromium import launch
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    fetched: list[int] = []
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.on(
                "response",
                lambda r: fetched.append(len(r.body())) if "/pagefind/" in r.url else None,
            )
            page.goto(f"{base}/search/?q={QUERIES[0]}")
            page.wait_for_selector(".search-result", timeout=60000)
            first_query_bytes = sum(fetched)
            timings = [page.evaluate(MEASURE, query)[0] for query in QUERIES[1:]]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    bundle = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return {
        "bundle_kb": round(bundle / 1024, 1),
        "first_query_kb": round(first_query_bytes / 1024, 1),
        "query_ms_median": round(statistics.median(timings), 1),
    }
