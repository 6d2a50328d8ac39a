"""The bench runner reads each plugin's time from what a real build logs."""

import logging
import math

from coaching_kb.bench.runner import _Timings

FILES = {
    f"a{n}.md": f"Title: Article {n}\nDate: 2020-01-{n + 1:02d}\nTags: delegation\n\nText {n}.\n"
    for n in range(4)
}


def test_every_timed_plugin_says_its_time_in_words_the_runner_reads(build_site, tmp_path, caplog):
    from coaching_kb.bench.suite import PLUGINS_TIMED

    caplog.set_level(logging.INFO)
    timings = _Timings()
    logging.getLogger().addHandler(timings)
    try:
        build_site(FILES, RELATED_CACHE_PATH=str(tmp_path / "cache"))
    finally:
        logging.getLogger().removeHandler(timings)
    missing = [p for p in PLUGINS_TIMED if p not in timings.seconds]
    assert not missing, f"no time read for {missing}"


def test_a_failed_search_measurement_does_not_lose_the_run(tmp_path, monkeypatch):
    from coaching_kb.bench import suite

    def browser_gave_up(site):
        raise TimeoutError("Page.wait_for_selector: Timeout 60000ms exceeded.\nCall log: ...")

    monkeypatch.setattr(suite, "search_figures", browser_gave_up)
    said: list[str] = []
    figures = suite.searched(tmp_path / "out-10000-ours", said.append)
    assert set(figures) == {"bundle_kb", "first_query_kb", "query_ms_median"}
    assert all(math.isnan(value) for value in figures.values())
    assert said == ["  search figures failed on out-10000-ours: Page.wait_for_selector: "
                    "Timeout 60000ms exceeded."]  # fmt: skip
