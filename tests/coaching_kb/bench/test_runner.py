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
        build_site(FILES, RELATED_TOPICS_CACHE_PATH=str(tmp_path / "cache"))
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
    assert said == [
        f"  search figures failed on out-10000-ours ({attempt}/2): Page.wait_for_selector: "
        "Timeout 60000ms exceeded."
        for attempt in (1, 2)
    ]


def test_a_search_measurement_that_fails_once_is_measured_again(tmp_path, monkeypatch):
    from coaching_kb.bench import suite

    answers = [TimeoutError("Timeout 60000ms exceeded."), {"bundle_kb": 1.0}]

    def browser_once_slow(site):
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(suite, "search_figures", browser_once_slow)
    said: list[str] = []
    assert suite.searched(tmp_path / "out-10000-ours", said.append) == {"bundle_kb": 1.0}
    assert len(said) == 1


def test_plain_pelican_writes_a_page_per_tag_as_pelican_does_for_a_tagged_blog(tmp_path):
    from coaching_kb.bench.runner import plain_pelican
    from coaching_kb.testing import write_files

    write_files(tmp_path / "content", FILES)
    assert plain_pelican(tmp_path / "content", tmp_path / "plain") == 0
    assert "Article 3" in (tmp_path / "plain" / "tag" / "delegation.html").read_text()
    assert (tmp_path / "plain" / "tags.html").is_file()
    untagged = tmp_path / "untagged"
    assert plain_pelican(tmp_path / "content", untagged, "pelican_without_tag_pages") == 0
    assert (untagged / "index.html").is_file()
    assert not (untagged / "tag").exists()


def test_each_configuration_keeps_its_own_reader_cache_warm(tmp_path):
    from coaching_kb.bench.suite import output_of, run_once
    from coaching_kb.reader_cache import cache_root
    from coaching_kb.testing import write_files

    content = tmp_path / "content"
    write_files(content, FILES)
    ours = output_of(tmp_path, "tiny", "ours")
    run_once("ours", content, ours, tmp_path / "related")
    kept = sorted(cache_root(ours).iterdir())
    run_once("ours_without_related", content, output_of(tmp_path, "tiny", "ours_without_related"))
    assert sorted(cache_root(ours).iterdir()) == kept  # the other settings' cache is elsewhere


def test_a_first_build_with_search_off_writes_the_site_but_no_search_bundle(tmp_path):
    from coaching_kb.bench.suite import run_once
    from coaching_kb.testing import write_files

    write_files(tmp_path / "content", FILES)
    output = tmp_path / "unsearched" / "output"
    run_once("ours_without_search", tmp_path / "content", output, tmp_path / "related")
    assert (output / "index.html").is_file()
    assert not (output / "pagefind").exists()
