"""related_topics in real builds: the sample site, untagged folders, settings, quality."""

import json

from coaching_kb.bench.quality import quality_report
from coaching_kb.testing import ROOT

UNTAGGED = {
    "one.md": "Title: Handing work to the team\nDate: 2020-01-01\n\n"
    "Delegate the work, agree the outcome and let the team decide how to do it.\n",
    "two.md": "Title: Letting go of tasks\nDate: 2020-01-02\n\n"
    "When you delegate tasks, agree the outcome and then let the team decide.\n",
    "three.md": "Title: Listening in one-to-ones\nDate: 2020-01-03\n\n"
    "Ask questions, listen to the answer, and summarise before you suggest anything.\n",
    "four.md": "Title: Asking better questions\nDate: 2020-01-04\n\n"
    "Listen more than you talk; ask one more question before you suggest an answer.\n",
}


def test_related_json_has_one_entry_per_article_best_first(sample_site):
    data = json.loads((sample_site.output / "related.json").read_text())
    entries = data["articles"]
    assert len(entries) == len(list((ROOT / "content").glob("[eq]*/*.md")))  # essays and Q&As
    for entry in entries:
        assert set(entry) == {"source_path", "slug", "url", "title", "related"}
        assert (ROOT / "content" / entry["source_path"]).exists()
        assert 1 <= len(entry["related"]) <= 5
        scores = [r["score"] for r in entry["related"]]
        assert scores == sorted(scores, reverse=True)
        assert entry["source_path"] not in [r["source_path"] for r in entry["related"]]


def test_article_page_lists_related_reading_with_reasons(sample_site):
    page = sample_site.page("the-hero-who-stays-late")
    items = page.select(".related .related__item")
    assert 1 <= len(items) <= 5
    titles = [item.a.get_text() for item in items]
    assert "Rescuing is not helping" in titles
    # The theme shows a reason only where it says something no other item says.
    reasons = [reason.get_text() for reason in page.select(".related .related__reason")]
    assert reasons
    assert all(r.startswith(("Shared", "Both", "Close in meaning")) for r in reasons)


def test_untagged_folder_gets_related_lists_and_suggested_topics(build_site):
    files = dict(UNTAGGED)
    for topic in (ROOT / "content" / "topics").glob("*.md"):
        files[f"topics/{topic.name}"] = topic.read_text()
    site = build_site(files)
    assert not site.report.errors
    entries = json.loads((site.output / "related.json").read_text())["articles"]
    data = {entry["source_path"]: entry for entry in entries}
    assert data["one.md"]["related"][0]["source_path"] == "two.md"
    assert data["three.md"]["related"][0]["source_path"] == "four.md"
    assert data["one.md"]["related"][0]["shared_topics"] == []
    hub = site.page("topics/delegation").get_text()
    assert "Handing work to the team" in hub
    listening = site.page("topics/listening").get_text()
    assert "Listening in one-to-ones" in listening
    reason = site.page("handing-work-to-the-team").select_one(".related__reason").get_text()
    # Texts this short are matched mostly by the sentence model, which the reason then quotes.
    assert reason.startswith(("Both discuss:", "Close in meaning:"))


def test_folder_with_no_topics_at_all_still_relates(build_site):
    site = build_site(UNTAGGED)
    assert not site.report.errors
    assert site.page("letting-go-of-tasks").select(".related .related__item")
    assert not site.page("letting-go-of-tasks").select("a.topic-link")


def test_related_lists_beat_the_tfidf_baseline(sample_site):
    report = quality_report(ROOT / "content", sample_site.output / "related.json")
    assert report["queries"] >= 12
    assert report["ndcg5_plugin"] > report["ndcg5_tfidf_baseline"]


def test_a_page_saved_as_related_json_is_an_error_check_names(build_site):
    """related.json goes through Pelican's writer, so the plan `check` makes includes it."""
    files = dict(UNTAGGED) | {
        "pages/data.md": "Title: Data\nSave_as: related.json\n\nOur own related.json.\n"
    }
    site = build_site(files)
    clash = [error for error in site.report.errors if "data.md" in error]
    assert clash, site.report.errors
    assert "its output 'related.json' is already used by the site's own" in clash[0]
