"""Search indexing in real builds: what is indexed, and a clear error when Pagefind fails."""

import logging
import re
import shutil
from pathlib import Path

import pytest

from coaching_kb import search
from coaching_kb.errors import SiteError
from coaching_kb.search import pages_in, prune_bundle, run_pagefind


def test_sample_site_has_a_search_bundle_and_page(sample_site):
    assert (sample_site.output / "pagefind" / "pagefind.js").exists()
    page = sample_site.page("search")
    assert page.select_one("input#search-query")["data-bundle"] == "../pagefind/pagefind.js"
    assert "needs JavaScript" in page.select_one("noscript").decode_contents()
    assert page.select_one("noscript a")["href"] == "../topics/"


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("the-hero-who-stays-late", "Essay"),
        ("my-team-goes-quiet-when-i-speak", "Q&A"),
        ("topics/delegation", "Topic"),
        ("about", "Page"),
        ("authors/dele-mensah", "Coach"),
    ],
)
def test_articles_hubs_and_authors_are_indexed_with_their_type(sample_site, page, kind):
    body = sample_site.page(page).select_one("[data-pagefind-body]")
    assert body["data-pagefind-filter"] == f"type:{kind}"


@pytest.mark.parametrize("page", ["", "archives", "section/essays", "topics", "authors"])
def test_listing_and_archive_pages_are_not_indexed(sample_site, page):
    assert not sample_site.page(page).select("[data-pagefind-body]")


def test_every_page_has_a_search_box_that_works_without_script(sample_site):
    form = sample_site.page("the-hero-who-stays-late").select_one("form.site-search")
    assert form["action"] == "../search/"
    assert form.select_one("input")["name"] == "q"
    assert form.select_one("label")["for"] == form.select_one("input")["id"]


def test_pagefind_failure_is_a_clear_error(tmp_path):
    with pytest.raises(SiteError, match=r"search_index: Pagefind failed .*Fix:"):
        run_pagefind(tmp_path / "no-such-site", "pagefind")


def test_search_can_be_turned_off(build_site):
    site = build_site({"a.md": "Title: A\nDate: 2020-01-01\n\nText.\n"}, SEARCH_ENABLED=False)
    assert not (site.output / "pagefind").exists()


def hashed_files(bundle):
    return {p.relative_to(bundle): p.stat().st_ino for p in bundle.rglob("*.pf_*")}


def test_a_rebuild_shares_unchanged_search_files_and_drops_the_stale_ones(build_site, tmp_path):
    steady = "Title: Steady\nDate: 2020-01-01\n\nDelegation needs a clear owner.\n"
    site = build_site({"a.md": steady, "b.md": "Title: B\nDate: 2020-01-02\n\nFirst words.\n"})
    before = hashed_files(site.output / "pagefind")
    site = build_site({"b.md": "Title: B\nDate: 2020-01-02\n\nSecond words entirely.\n"})
    after = hashed_files(site.output / "pagefind")

    fresh = tmp_path / "fresh"
    shutil.copytree(site.output, fresh, ignore=shutil.ignore_patterns("pagefind"))
    run_pagefind(fresh, "pagefind")
    assert set(after) == set(hashed_files(fresh / "pagefind"))  # nothing stale, nothing missing
    shared = [name for name in after if before.get(name) == after[name]]
    assert any(name.parts[0] == "fragment" for name in shared)  # the steady page: a hard link
    assert set(before) - set(after)  # the old text of b is gone


def test_a_bundle_this_code_cannot_read_is_left_whole(tmp_path):
    bundle = tmp_path / "pagefind"
    (bundle / "fragment").mkdir(parents=True)
    (bundle / "fragment" / "en_0000000.pf_fragment").write_bytes(b"kept")
    (bundle / "pagefind-entry.json").write_text('{"languages": {"en": {"hash": "en_1"}}}')
    prune_bundle(bundle)
    assert (bundle / "fragment" / "en_0000000.pf_fragment").exists()


SMALL_SITE = {
    f"a{n}.md": f"Title: Article {n}\nDate: 2020-01-{n + 1:02d}\nTags: delegation\n\n"
    f"Words about feedback and delegation, number {n}.\n"
    for n in range(6)
}


def fragments(bundle):
    return sorted(p.name for p in (bundle / "fragment").iterdir())


# Pagefind's service stops on its own about once in 40 builds, which then index the site with
# Pagefind's command line (tested below); a test of the service itself tries again.
TRIES = 3


def built_by_the_service(build_site, tmp_path, caplog):
    """Build SMALL_SITE from nothing until Pagefind's service indexed it (TRIES at most)."""
    for _ in range(TRIES):
        for left in ("output", ".output-spare"):
            shutil.rmtree(tmp_path / left, ignore_errors=True)
        caplog.clear()
        site = build_site(SMALL_SITE)
        if "Pagefind's service failed" not in caplog.text:
            return site
    pytest.fail(f"Pagefind's service failed {TRIES} times: {caplog.text}")


def test_pages_fed_while_written_index_as_the_command_line_does(build_site, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="pelican.plugins.search_index")
    site = built_by_the_service(build_site, tmp_path, caplog)
    said = r"search_index: \d+ pages indexed \(fed as written\) in [0-9.]+s$"
    assert re.search(said, caplog.text, re.MULTILINE)
    by_command = tmp_path / "by-command"
    shutil.copytree(site.output, by_command, ignore=shutil.ignore_patterns("pagefind"))
    run_pagefind(by_command, "pagefind")
    assert pages_in(site.output / "pagefind") == pages_in(by_command / "pagefind") > 6
    assert fragments(site.output / "pagefind") == fragments(by_command / "pagefind")


def test_a_failed_service_falls_back_to_the_command_line(build_site, monkeypatch, caplog):
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path(shutil.which("false")))
    caplog.set_level(logging.INFO, logger="pelican.plugins.search_index")
    site = build_site(SMALL_SITE)
    assert "Pagefind's service failed" in caplog.text
    assert "(fed as written)" not in caplog.text
    assert not site.report.errors
    assert pages_in(site.output / "pagefind") > 6


def test_the_bundle_is_written_only_once_pagefind_has_indexed_every_page(tmp_path):
    """Pagefind answers each page once indexed; asked to write before the last answer, its
    bundle could lack pages (a one-page site once got an empty index)."""
    asked_to_write_after: list[set[int]] = []

    class Watched(search.LiveIndex):
        def _ask(self, payload: dict, timeout: float) -> dict:
            if payload["type"] == "WriteFiles":
                asked_to_write_after.append({n for n in self.added if n in self.answers})
            return super()._ask(payload, timeout)

    for number in range(5):
        page = tmp_path / f"p{number}.html"
        words = " ".join(f"word{number}x{i}" for i in range(3000 if number == 4 else 30))
        page.write_text(f"<html lang='en'><body><main><h1>Page {number}</h1><p>{words}</p>"
                        "</main></body></html>", encoding="utf-8")  # fmt: skip
    for _ in range(TRIES):  # see TRIES
        asked_to_write_after.clear()
        live = Watched(tmp_path)
        for number in range(5):
            live.add(str(tmp_path / f"p{number}.html"))
        if written := live.finish(tmp_path / "pagefind"):
            break
    assert written, live.failed
    assert asked_to_write_after == [set(live.added)]
    assert len(live.added) == 5
    assert pages_in(tmp_path / "pagefind") == 5


def test_a_bundle_left_without_its_entry_file_is_indexed_again(tmp_path):
    """Once in 25 builds Pagefind's service wrote an empty entry file, and search found
    nothing: the build must not ship such a bundle."""

    class EmptyEntry(search.LiveIndex):
        def finish(self, bundle: Path, reuse: Path | None = None, timeout: float = 600) -> bool:
            written = super().finish(bundle, reuse, timeout)
            (bundle / "pagefind-entry.json").write_text("", encoding="utf-8")
            return written

    page = tmp_path / "a.html"
    page.write_text("<html lang='en'><body><main><h1>Delegation</h1><p>Hand work over.</p>"
                    "</main></body></html>", encoding="utf-8")  # fmt: skip
    live = EmptyEntry(tmp_path)
    live.add(str(page))
    report = search.index_bundle(tmp_path, "pagefind", live=live)
    assert not report.fed  # indexed again with Pagefind's command line
    assert report.pages == 1
    assert search.entry_of(tmp_path / "pagefind") is not None


def test_a_rebuild_with_every_page_unchanged_keeps_the_bundle_without_pagefind(
    build_site, monkeypatch, caplog
):
    site = build_site(SMALL_SITE)
    before = hashed_files(site.output / "pagefind")
    contents = bundle_bytes(site.output / "pagefind")
    # Pagefind's service cannot start: had the build needed it, it would say so.
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path(shutil.which("false")))
    caplog.set_level(logging.INFO, logger="pelican.plugins.search_index")
    caplog.clear()
    site = build_site(SMALL_SITE)
    assert "its bundle kept" in caplog.text
    assert "Pagefind's service failed" not in caplog.text
    assert bundle_bytes(site.output / "pagefind") == contents
    linked = {name for name, inode in hashed_files(site.output / "pagefind").items()
              if before.get(name) == inode}  # fmt: skip
    assert {name.parts[0] for name in linked} >= {"fragment", "index"}


def bundle_bytes(bundle):
    return {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}


def test_a_rebuild_with_an_edited_page_indexes_the_site_again(build_site, tmp_path, caplog):
    build_site(SMALL_SITE)
    caplog.set_level(logging.INFO, logger="pelican.plugins.search_index")
    edited = SMALL_SITE["a3.md"].replace("number 3", "number 3, now with zeppelins")
    caplog.clear()
    site = build_site({**SMALL_SITE, "a3.md": edited})
    assert re.search(r"search_index: \d+ pages indexed( \(fed as written\))? in", caplog.text)
    by_command = tmp_path / "by-command"
    shutil.copytree(site.output, by_command, ignore=shutil.ignore_patterns("pagefind"))
    run_pagefind(by_command, "pagefind")
    assert fragments(site.output / "pagefind") == fragments(by_command / "pagefind")


def indexed_site(folder: Path, pages: dict[str, str]) -> Path:
    for name, words in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"<html lang='en'><body><main><h1>{name}</h1><p>{words}</p>"
                                   "</main></body></html>", encoding="utf-8")  # fmt: skip
    run_pagefind(folder, "pagefind")
    return folder


def index_like_a_build(site: Path, previous: Path) -> search.LiveIndex:
    live = search.LiveIndex(site, previous, "pagefind")
    for page in sorted(search.html_pages(site)):
        live.add(str(site / page))
    assert live.finish(site / "pagefind", previous / "pagefind")
    return live


PAGES = {"a.html": "Delegation needs an owner.", "b/index.html": "Feedback lands late."}


def test_unchanged_pages_with_one_gone_are_indexed_again(tmp_path):
    previous = indexed_site(tmp_path / "previous", PAGES | {"c.html": "Silence in meetings."})
    site = indexed_site(tmp_path / "site", PAGES)
    shutil.rmtree(site / "pagefind")
    live = index_like_a_build(site, previous)
    assert not live.kept
    assert pages_in(site / "pagefind") == 2


def test_a_page_rewritten_after_its_site_was_indexed_is_indexed_again(tmp_path):
    """The live preview rewrites pages in place, then indexes in the background: until that
    is done, the bundle does not hold what the pages say."""
    previous = indexed_site(tmp_path / "previous", PAGES)
    site = indexed_site(tmp_path / "site", PAGES | {"a.html": "Delegation, rewritten."})
    shutil.rmtree(site / "pagefind")
    (previous / "a.html").write_bytes((site / "a.html").read_bytes())  # newer than its bundle
    live = index_like_a_build(site, previous)
    assert not live.kept
    assert fragments(site / "pagefind") != fragments(previous / "pagefind")


def test_a_bundle_of_another_pagefind_version_is_not_kept(tmp_path):
    previous = indexed_site(tmp_path / "previous", PAGES)
    entry = previous / "pagefind" / "pagefind-entry.json"
    entry.write_text(entry.read_text().replace(search.pagefind_version(), "0.0.1"))
    site = indexed_site(tmp_path / "site", PAGES)
    shutil.rmtree(site / "pagefind")
    assert not index_like_a_build(site, previous).kept
    assert index_like_a_build(tmp_path / "site", indexed_site(tmp_path / "again", PAGES)).kept
