"""The second-core worker: the site is the same whether it runs, dies or is overtaken."""

import json
import logging
import os
import pickle
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pelican.plugins.related_topics import worker
from pelican.plugins.related_topics.analysis import Analysed, Corpus, find_relations
from pelican.plugins.related_topics.crosslinks import link_options
from pelican.plugins.related_topics.findings_cache import corpus_digest, doc_digest, forget_digests
from pelican.plugins.related_topics.glue import json_lines
from pelican.plugins.related_topics.memory import peak_memory_mb
from pelican.plugins.related_topics.scoring import Doc
from pelican.plugins.related_topics.settings import RelatedSettings
from pelican.plugins.related_topics.topic_graph import TopicInfo

from coaching_kb.testing import ROOT

OPTIONS = link_options(
    {"delegation": ("Delegation", "delegating")}, {"delegation": "/topics/delegation/"}, 5
)
DOCS = [
    Doc("a.md", "Delegating work", "", "<p>Delegating work means letting the team decide.</p>"),
    Doc("b.md", "Handing over work", "", "<p>Delegation: agree the outcome, then step back.</p>"),
    Doc("c.md", "Listening", "", "<p>Ask, listen, and summarise before you suggest.</p>"),
    Doc("d.md", "Questions", "", "<p>Listen more than you talk; ask one more question.</p>"),
]
CORPUS = Corpus(DOCS, OPTIONS, RelatedSettings(max_related=3), [])
TOPIC = TopicInfo("delegation", "Delegation", "/topics/delegation/", "Delegation")


@pytest.fixture
def eager_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start the worker from the first article, even on a one-core machine."""
    monkeypatch.setattr(worker, "START_AFTER", 1)
    monkeypatch.setattr(worker, "BATCH", 3)
    monkeypatch.setattr(worker, "usable_cores", lambda: 2)


def fed_worker() -> worker.Worker:
    running = worker.Worker(OPTIONS)
    for doc in DOCS:
        running.add(doc)
    return running


def test_worker_findings_equal_the_build_process_findings(eager_worker):
    running = fed_worker()
    running.relate(CORPUS)
    found = running.findings(CORPUS)
    assert found is not None
    assert found == find_relations(CORPUS, Analysed())
    assert [m.key for m in found.matches[0]][:1] == ["b.md"]
    assert found.scans[1].topic_links == ("delegation",)


def test_worker_findings_are_dropped_when_an_article_changed_after_reading(eager_worker):
    running = fed_worker()
    running.relate(CORPUS)
    changed = [replace(DOCS[0], body="<p>Something else entirely.</p>"), *DOCS[1:]]
    assert running.findings(replace(CORPUS, docs=changed)) is None
    assert running.process is None  # stopped either way


def test_a_worker_that_dies_gives_no_findings(eager_worker, monkeypatch, caplog):
    monkeypatch.setattr(worker, "WORKER_CODE", "import sys; sys.exit(3)")
    caplog.set_level(logging.INFO, logger="pelican.plugins.related_topics")
    running = fed_worker()
    running.relate(CORPUS)
    assert running.findings(CORPUS) is None
    assert "worker failed" in caplog.text


def slowed_worker(where: str, seconds: float) -> str:
    """Return worker code whose `where` (a function of the worker module) first sleeps."""
    return f"""
import os, sys, time
channel = os.fdopen(os.dup(1), "wb")
os.dup2(2, 1)
from pelican.plugins.related_topics import worker
slowed = worker.{where}
def slow(*args):
    time.sleep({seconds})
    return slowed(*args)
worker.{where} = slow
worker.serve(sys.stdin.buffer, channel)
"""


def test_a_slow_worker_that_keeps_going_is_waited_for(eager_worker, monkeypatch):
    # Each batch takes longer than the build waits for word, and all of them far longer.
    monkeypatch.setattr(worker, "BATCH", 1)
    monkeypatch.setattr(worker, "RESULT_TIMEOUT", 2.0)
    monkeypatch.setattr(worker, "WORKER_CODE", slowed_worker("analyse_batch", 1.0))
    running = fed_worker()
    running.relate(CORPUS)
    assert running.findings(CORPUS) == find_relations(CORPUS, Analysed())


def test_a_worker_that_stops_saying_anything_is_given_up(eager_worker, monkeypatch, caplog):
    monkeypatch.setattr(worker, "RESULT_TIMEOUT", 1.0)
    monkeypatch.setattr(worker, "WORKER_CODE", slowed_worker("find_relations", 60))
    caplog.set_level(logging.INFO, logger="pelican.plugins.related_topics")
    running = fed_worker()
    running.relate(CORPUS)
    assert running.findings(CORPUS) is None
    assert "no answer in time" in caplog.text
    assert running.process is None  # stopped, not left sleeping


def built_pages(output: Path) -> dict[str, bytes]:
    """Return every page and related.json of a built site (the search bundle aside)."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in output.rglob("*")
        if path.is_file() and path.suffix in {".html", ".json", ".xml"}
        and "pagefind" not in path.parts
    }  # fmt: skip


def build_sample(
    output: Path, caplog: pytest.LogCaptureFixture, content: Path = ROOT / "content"
) -> tuple[dict[str, bytes], str]:
    """Build `content` with a cache of its own beside `output` (kept between two builds)."""
    from coaching_kb.build import build_site

    caplog.clear()
    cache = {"RELATED_CACHE_PATH": str(output.parent / f"cache-{output.name}")}
    report = build_site(ROOT / "pelicanconf.py", content, output, cache)
    assert not report.errors, report.errors
    return built_pages(output), caplog.text


def test_the_site_is_the_same_built_with_or_without_the_worker(
    tmp_path, monkeypatch, caplog, eager_worker
):
    caplog.set_level(logging.INFO, logger="pelican.plugins.related_topics")
    with_worker, said = build_sample(tmp_path / "with", caplog)
    assert "(on a second core)" in said
    monkeypatch.setattr(worker, "START_AFTER", 10**9)
    alone, said = build_sample(tmp_path / "alone", caplog)
    assert "(in the build process)" in said
    monkeypatch.setattr(worker, "START_AFTER", 1)
    monkeypatch.setattr(worker, "WORKER_CODE", "import sys; sys.exit(3)")
    after_failure, said = build_sample(tmp_path / "failed", caplog)
    assert "worker failed" in said
    assert "(in the build process)" in said
    assert len(alone) > 50
    assert with_worker == alone
    assert after_failure == alone


def test_related_json_is_one_article_per_line_and_parses_back():
    data = {"articles": [{"source_path": "a.md", "related": []}, {"source_path": "b.md"}]}
    text = json_lines(data)
    assert json.loads(text) == data
    assert text.count("\n") == 4
    assert json.loads(json_lines({"articles": []})) == {"articles": []}


def test_a_build_of_the_same_corpus_reuses_the_last_findings_exactly(
    tmp_path, monkeypatch, caplog, eager_worker
):
    caplog.set_level(logging.INFO, logger="pelican.plugins.related_topics")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    first, said = build_sample(tmp_path / "site", caplog, content)
    assert "(on a second core)" in said
    started = []
    monkeypatch.setattr(worker.Worker, "_start", lambda self: started.append(self))
    again, said = build_sample(tmp_path / "site", caplog, content)
    assert "(kept from the last build)" in said
    assert not started  # every article read as before: no worker was needed
    assert again == first

    monkeypatch.undo()
    monkeypatch.setattr(worker, "START_AFTER", 1)
    monkeypatch.setattr(worker, "usable_cores", lambda: 2)
    essay = next((content / "essays").glob("*.md"))
    essay.write_text(essay.read_text(encoding="utf-8") + "\nDelegation, again.\n")
    edited, said = build_sample(tmp_path / "site", caplog, content)
    assert "(on a second core)" in said  # one article changed: related again
    articles = len(json.loads(edited["related.json"])["articles"])
    # The first build's worker kept its analysis: only the edited article is analysed again.
    assert f"worker analysed 1 of {articles} articles" in said
    assert edited != first
    from_nothing, _ = build_sample(tmp_path / "fresh", caplog, content)
    assert edited == from_nothing


def test_an_edit_after_the_kept_analysis_was_lost_is_related_in_the_build_process(
    tmp_path, caplog, eager_worker
):
    """Docs that read as before go to the worker without their text; if its kept analysis
    does not have them after all, the build relates them itself, to the same site."""
    caplog.set_level(logging.INFO, logger="pelican.plugins.related_topics")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    build_sample(tmp_path / "site", caplog, content)
    for kept in (tmp_path / "cache-site").glob("related_topics-*.pickle"):
        kept.unlink()
    essay = sorted((content / "essays").glob("*.md"))[-1]
    essay.write_text(essay.read_text(encoding="utf-8") + "\nDelegation, once more.\n")
    edited, said = build_sample(tmp_path / "site", caplog, content)
    assert "worker failed" in said
    assert "(in the build process)" in said
    from_nothing, _ = build_sample(tmp_path / "fresh", caplog, content)
    assert edited == from_nothing


def test_the_corpus_digest_is_the_same_in_every_process():
    code = (
        "from test_worker import CORPUS;"
        "from pelican.plugins.related_topics.findings_cache import corpus_digest;"
        "print(corpus_digest(CORPUS))"
    )
    digests = {run_with_hash_seed(code, seed) for seed in ("1", "2")}
    assert len(digests) == 1
    assert len(digests.pop()) == 41
    assert corpus_digest(CORPUS) != corpus_digest(replace(CORPUS, topics=[TOPIC]))


def test_a_doc_digest_worked_out_while_reading_is_never_stale():
    doc = Doc("a.md", "A", body="<p>" + "word " * 50 + "</p>")
    first = doc_digest(doc)
    assert doc_digest(replace(doc, topics=("trust",))) == first  # topics settle later
    edited = replace(doc, body=doc.body.replace("word", "verb", 1))
    assert doc_digest(edited) != first
    forget_digests()
    assert doc_digest(edited) == doc_digest(replace(edited, body=str(edited.body)))
    assert doc_digest(doc) == first


def run_with_hash_seed(code: str, seed: str) -> str:
    """Run Python `code` with string hashing seeded by `seed`; return what it printed."""
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=Path(__file__).parent, env=environment,
    )  # fmt: skip
    return done.stdout


def test_a_process_reports_its_own_peak_memory_not_its_parents():
    ballast = bytearray(400 * 1024 * 1024)
    ballast[::4096] = b"\1" * len(range(0, len(ballast), 4096))  # touch every page
    child = run_with_hash_seed(
        "from pelican.plugins.related_topics.memory import peak_memory_mb; print(peak_memory_mb())",
        "0",
    )
    assert peak_memory_mb() > 400
    assert 0 < float(child) < 200


def test_an_analysis_kept_by_other_code_is_never_read(tmp_path):
    from pelican.plugins.related_topics.glue import analysed_cache, load_analysed, save_analysed

    settings = {"LIVE_PREVIEW": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path)}
    kept = Analysed()
    kept.add(Doc("a.md", "A title", body="Words."), link_options({}, {}, 0))
    older = tmp_path / "related_topics-0123456789abcdef.pickle"
    older.write_bytes(pickle.dumps(kept))  # as if written by an earlier version
    assert analysed_cache(settings) != older
    assert load_analysed(settings).seen == {}
    save_analysed(settings, Analysed())
    assert not older.exists()
    assert analysed_cache(settings).is_file()


def test_kept_findings_still_give_related_json_the_new_address_of_a_renamed_article(
    tmp_path, caplog
):
    """related.json is kept with the findings, but it also names each article's slug and URL,
    which a `Slug:` line changes without changing what relating reads."""
    caplog.set_level(logging.INFO, logger="pelican.plugins.related_topics")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    build_sample(tmp_path / "site", caplog, content)
    commented = {folder.name for folder in (content / "comments").iterdir()}
    essay = next(e for e in sorted((content / "essays").glob("*.md")) if e.stem not in commented)
    essay.write_text("Slug: a-renamed-essay\n" + essay.read_text(encoding="utf-8"))
    renamed, said = build_sample(tmp_path / "site", caplog, content)
    assert "(kept from the last build)" in said
    entries = {e["source_path"]: e for e in json.loads(renamed["related.json"])["articles"]}
    entry = entries[essay.relative_to(content).as_posix()]
    assert (entry["slug"], entry["url"]) == ("a-renamed-essay", "a-renamed-essay/")
    listed = [r["url"] for e in entries.values() for r in e["related"]]
    assert "a-renamed-essay/" in listed
    from_nothing, _ = build_sample(tmp_path / "fresh", caplog, content)
    assert renamed["related.json"] == from_nothing["related.json"]
