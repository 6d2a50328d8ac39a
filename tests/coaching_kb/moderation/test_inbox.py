"""The comment inbox over real HTTP (uvicorn on loopback) against a real git repository."""

import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coaching_kb.bench.quality import spam_figures
from coaching_kb.content.comments import comment_from
from coaching_kb.moderation.testing import Inbox, git

ARTICLE = "the-first-ninety-days-of-not-doing-the-work"  # in the manifest below
MANIFEST = {"articles": [{"slug": ARTICLE, "title": "The first ninety days", "related": []}]}
BRANCH = "comments-pending"


@pytest.fixture
def site_repo(tmp_path: Path) -> dict[str, Path]:
    """A bare remote and the inbox's clone of it, with a built site's related.json."""
    remote, clone = tmp_path / "remote.git", tmp_path / "clone"
    git("init", "-q", "--bare", "-b", "main", str(remote), cwd=tmp_path)
    git("clone", "-q", str(remote), str(clone), cwd=tmp_path)
    (clone / "content" / "comments").mkdir(parents=True)
    (clone / "content" / "comments" / "blocklist.txt").write_text("shady-pharma\n")
    git("-c", "user.name=T", "-c", "user.email=t@example.org", "add", "-A", cwd=clone)
    git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "site", cwd=clone)
    git("push", "-q", "origin", "main", cwd=clone)
    manifest = tmp_path / "related.json"
    manifest.write_text(json.dumps(MANIFEST))
    return {"remote": remote, "clone": clone, "manifest": manifest}


def inbox_env(repo: dict[str, Path], rate: int = 6) -> dict[str, str]:
    """The production inbox's variables: its own clone, the built site's slugs."""
    return {"COMMENTS_REPO": str(repo["clone"]), "COMMENTS_MANIFEST": str(repo["manifest"]),
            "COMMENTS_SITE_ORIGIN": "http://127.0.0.1:9",
            "COMMENTS_RATE_PER_MINUTE": str(rate)}  # fmt: skip


@pytest.fixture
def inbox(site_repo):
    running = Inbox(inbox_env(site_repo, rate=1000)).start()
    yield running
    running.stop()


def on_branch(remote: Path) -> dict[str, str]:
    """Return the comment files on the remote's moderation branch: name -> text."""
    if not git("branch", "--list", BRANCH, cwd=remote).strip():
        return {}  # nothing was ever pushed
    names = git("ls-tree", "-r", "--name-only", BRANCH, cwd=remote).split()
    return {
        name: git("show", f"{BRANCH}:{name}", cwd=remote)
        for name in names
        if name.startswith("content/comments/") and name.endswith(".md")
    }


def comment(name: str, text: str, **extra: str) -> dict[str, str]:
    return {"article": ARTICLE, "name": name, "comment": text, **extra}


def test_a_comment_is_committed_and_pushed_before_it_is_acknowledged(inbox, site_repo):
    status, body = inbox.post("/comments", comment("Ada Reader", "Week two and it helps."))
    assert status == 202
    assert json.loads(body)["message"] == "Thank you. Your comment awaits moderation."
    files = on_branch(site_repo["remote"])
    assert len(files) == 1
    ((path, text),) = files.items()
    parsed = comment_from(text, ARTICLE, Path(path).stem, path)
    assert (parsed.author, parsed.status) == ("Ada Reader", "pending")
    assert parsed.body == "Week two and it helps."


def test_without_script_the_answer_is_a_page(inbox):
    status, body = inbox.post(
        "/comments", comment("Bo", "A plain form post works."), accept="text/html"
    )
    assert status == 202
    assert "awaits moderation" in body
    assert body.startswith("<!doctype html>")


@pytest.mark.parametrize(
    ("fields", "raw", "status", "reason"),
    [
        (comment("X", "Hi", article="no-such-article"), None, 422, "no article 'no-such-article'"),
        (comment("", "No name given"), None, 422, "needs your name"),
        (comment("X", "y" * 5001), None, 422, "'comment' is over 5000"),
        ({}, b"article=" + b"\xff\xfe", 400, "not UTF-8"),
        ({}, b"comment=" + b"a" * 40_000, 413, "over 32768 bytes"),
    ],
)
def test_hostile_posts_are_refused_with_a_reason(inbox, site_repo, fields, raw, status, reason):
    got, body = inbox.post("/comments", fields, raw=raw)
    assert got == status
    assert reason in json.loads(body)["message"]
    assert on_branch(site_repo["remote"]) == {}


def test_spam_and_the_honeypot_are_filed_as_spam_not_dropped(inbox, site_repo):
    inbox.post("/comments", comment("Bot", "Thoughtful words here.", website="http://x.example"))
    inbox.post(
        "/comments", comment("Rx", "Cheap pills, buy viagra at http://a.example http://b.example")
    )
    inbox.post("/comments", comment("Fine", "Visit shady-pharma for leadership tips"))
    statuses = sorted(
        t.split("Status: ")[1].split()[0] for t in on_branch(site_repo["remote"]).values()
    )
    assert statuses == ["spam", "spam", "spam"]


def test_html_from_the_reader_is_stored_as_plain_text(inbox, site_repo):
    inbox.post("/comments", comment("<b>Eve</b>", "<script>alert(1)</script> hello there"))
    (text,) = on_branch(site_repo["remote"]).values()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; hello there" in text  # shown as typed
    assert "<script" not in text


def test_an_address_is_rate_limited(site_repo):
    limited = Inbox(inbox_env(site_repo, rate=2)).start()
    try:
        codes = [
            limited.post("/comments", comment(f"R{n}", f"Comment {n} here"))[0] for n in range(3)
        ]
    finally:
        limited.stop()
    assert codes == [202, 202, 429]


def test_cors_allows_only_the_site(inbox):
    assert inbox.allowed_origin("http://127.0.0.1:9") == "http://127.0.0.1:9"
    assert inbox.allowed_origin("https://evil.example") is None


def test_a_question_becomes_a_draft_letter_check_accepts(inbox, site_repo, tmp_path):
    letter = "I was promoted a year ago and I miss building things."
    fields = {"title": "Should I go back to coding?", "asker": "Torn", "letter": letter}
    status, _ = inbox.post("/questions", fields)
    assert status == 202
    names = git("ls-tree", "-r", "--name-only", BRANCH, cwd=site_repo["remote"]).split()
    (letter,) = [n for n in names if n.startswith("content/qa/")]
    text = git("show", f"{BRANCH}:{letter}", cwd=site_repo["remote"])
    assert "Status: draft" in text
    assert "<!-- answer -->" in text


def test_the_same_letter_sent_twice_is_one_draft(inbox, site_repo):
    # A double click, or a reload that sends the form again: the owner reads it once.
    letter = "I was promoted a year ago and I miss building things. Should I go back?"
    same = {"asker": "Torn", "letter": letter, "email": "torn@example.org"}
    assert [inbox.post("/questions", same)[0] for _ in range(2)] == [202, 202]
    other = {"asker": "Also torn", "letter": letter}  # another reader, the same words
    assert inbox.post("/questions", other)[0] == 202
    names = git("ls-tree", "-r", "--name-only", BRANCH, cwd=site_repo["remote"]).split()
    letters = [n for n in names if n.startswith("content/qa/")]
    assert len(letters) == 2, letters


def test_a_letter_is_refused_only_when_the_rules_call_it_advertising(inbox):
    hostile = (
        "I lead five engineers. My manager keeps pasting <STYLE>@import'http://127.0.0.1:9/"
        "x.css';</STYLE> into our chat and I do not know how to raise it. What should I do?"
    )  # the model alone (fitted on comments) scores this as spam; a person must read it
    assert inbox.post("/questions", {"asker": "Puzzled", "letter": hostile})[0] == 202
    advert = "Need a loan? Instant cash loans with no credit check, contact our agent today."
    status, answer = inbox.post("/questions", {"asker": "Lender", "letter": advert})
    assert status == 422
    assert "advertising" in answer


# Enough posts that twenty clients keep the inbox's one git queue busy all along (every
# commit waits on the others); a thousand took 31-73 s of CI's 15 minutes for the same race.
POSTS = 300


def test_three_hundred_comments_from_twenty_clients_all_arrive_once(inbox, site_repo):
    def send(number: int) -> tuple[int, float]:
        started = time.perf_counter()
        status, _ = inbox.post(
            "/comments", comment(f"Reader {number}", f"Comment number {number}.")
        )
        return status, time.perf_counter() - started

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(send, range(POSTS)))
    assert [status for status, _ in results] == [202] * POSTS
    files = on_branch(site_repo["remote"])
    bodies = [comment_from(t, ARTICLE, Path(p).stem, p).body for p, t in files.items()]
    assert sorted(bodies) == sorted(
        f"Comment number {n}." for n in range(POSTS)
    )  # none lost or doubled
    p95 = statistics.quantiles([seconds for _, seconds in results], n=20)[-1]
    print(f"\ninbox load: {POSTS} comments, 20 clients, p95 {p95 * 1000:.0f} ms")  # noqa: T201 - the figure


def test_every_acknowledged_comment_survives_a_crash(site_repo):
    first = Inbox(inbox_env(site_repo, rate=1000)).start()
    acknowledged: list[str] = []
    some_acknowledged = threading.Event()

    def send(number: int) -> None:
        text = f"Crash test comment {number}."
        try:
            if first.post("/comments", comment(f"C{number}", text))[0] == 202:
                acknowledged.append(text)
                if len(acknowledged) >= 5:
                    some_acknowledged.set()
        except (OSError, http.client.HTTPException):
            pass  # the server died mid-request or mid-answer: no whole answer, so not promised

    with ThreadPoolExecutor(max_workers=10) as pool:
        futures = [pool.submit(send, n) for n in range(300)]
        # Kill mid-stream once some posts are acknowledged, however loaded the machine is.
        assert some_acknowledged.wait(timeout=120)
        first.stop(signal.SIGKILL)
        for future in futures:
            future.result()
    second = Inbox(inbox_env(site_repo, rate=1000)).start()
    try:
        assert second.post("/comments", comment("After", "After the restart."))[0] == 202
    finally:
        second.stop()
    stored = {
        comment_from(t, ARTICLE, Path(p).stem, p).body
        for p, t in on_branch(site_repo["remote"]).items()
    }
    assert acknowledged
    assert set(acknowledged) <= stored
    assert "After the restart." in stored


def test_the_spam_scorer_on_the_labelled_comments():
    figures = spam_figures()
    assert figures["comments"] >= 60
    assert figures["spam_recall"] >= 0.9
    assert figures["real_filed_as_spam"] <= 0.05


@pytest.mark.browser
def test_the_article_form_posts_to_the_inbox_and_says_so_in_place(site_repo, tmp_path, page):
    from coaching_kb.build import build_site
    from coaching_kb.serve import serving
    from coaching_kb.testing import ROOT, write_files

    inbox = Inbox(inbox_env(site_repo, rate=1000))
    write_files(tmp_path / "content", {"a.md": "Title: Form test\nDate: 2020-01-01\n\nText.\n"})
    overrides = {"COMMENTS_ENDPOINT": f"{inbox.url}/comments", "SEARCH_ENABLED": False}
    report = build_site(ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "site", overrides)
    assert not report.failed()
    inbox.env["COMMENTS_MANIFEST"] = str(tmp_path / "site" / "related.json")
    with serving(tmp_path / "site") as base:
        inbox.env["COMMENTS_SITE_ORIGIN"] = base
        inbox.start()
        try:
            page.goto(f"{base}/form-test/")
            page.fill("#comment-name", "Browser Reader")
            page.fill("#comment-body", "Sent from a real page in Chromium.")
            page.click(".comment-form button[type=submit]")
            page.get_by_text("Your comment awaits moderation").wait_for(timeout=30000)
        finally:
            inbox.stop()
    assert page.url == f"{base}/form-test/"  # answered in place, no navigation
    bodies = [t for t in on_branch(site_repo["remote"]).values() if "Browser Reader" in t]
    assert len(bodies) == 1
    assert "Sent from a real page in Chromium." in bodies[0]


def test_uvicorn_with_a_wrong_comments_repo_is_one_line_with_the_fix(tmp_path):
    """The README's production command: a misconfigured inbox says what to fix, no traceback."""
    env = {"PATH": "/usr/bin:/bin", "COMMENTS_REPO": str(tmp_path / "not-a-clone")}
    done = start_uvicorn(env)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert f"{tmp_path / 'not-a-clone'} is not a git clone of the site. Fix:" in done.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the clone to another user")
def test_a_clone_git_refuses_is_named_with_gits_own_reason(site_repo):
    """A clone owned by another user (a volume mounted into the Dockerfile's container):
    git refuses it, and the inbox said its remote's HEAD named no branch."""
    shutil.chown(site_repo["clone"], user="nobody")
    done = start_uvicorn({"PATH": "/usr/bin:/bin", "HOME": str(site_repo["clone"].parent),
                          **inbox_env(site_repo)})  # fmt: skip
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert "dubious ownership" in done.stderr
    assert "HEAD names no branch" not in done.stderr


def start_uvicorn(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the README's production command until it stops (it should, at once)."""
    return subprocess.run(
        [sys.executable, "-m", "uvicorn", "coaching_kb.moderation.inbox:create_app", "--factory",
         "--port", "0"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_the_readmes_production_command_logs_no_readers_address(site_repo, tmp_path):
    # uvicorn's access log printed 'INFO: 127.0.0.1:35064 - "POST /comments ..."' for every
    # post, so `docker logs` kept what the README says is stored nowhere.
    running, output = Inbox({}), tmp_path / "inbox.log"
    with output.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "coaching_kb.moderation.inbox:create_app",
             "--factory", "--no-proxy-headers", "--host", "127.0.0.1", "--port",
             str(running.port)],
            env={**os.environ, **inbox_env(site_repo)}, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not up(f"{running.url}/health"):
            assert server.poll() is None, output.read_text()
            assert time.monotonic() < deadline, output.read_text()
            time.sleep(0.1)
        assert running.post("/comments", comment("Ada", "Thanks, it helps."))[0] == 202
    finally:
        server.terminate()
        server.wait(timeout=30)
    said = output.read_text()
    assert "Application startup complete" in said
    assert "POST /comments" not in said, said
    assert "GET /health" not in said, said


def up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own test server
            return True
    except OSError:
        return False


FRENCH_SITE = {
    "ecouter.md": "Title: Écouter avant de trancher\nDate: 2024-03-04\nSlug: ecouter\n\n"
    "Je laisse chacun parler une fois.\n",
    "listen.md": "Title: Listen before you decide\nDate: 2024-03-04\nSlug: ecouter\nLang: en\n"
    "Translation: true\n\nI let everyone speak once.\n",
}


@pytest.mark.browser
def test_a_french_sites_inbox_answers_in_french(site_repo, tmp_path, browser):
    # Every reply was English on a French site: the message the page's script shows, and the
    # page a reader without script gets (<html lang="en">, "Thank you", "Back to the page").
    from coaching_kb.build import build_site
    from coaching_kb.serve import serving
    from coaching_kb.testing import ROOT, write_files

    inbox = Inbox(inbox_env(site_repo, rate=1000))
    write_files(tmp_path / "content", FRENCH_SITE)
    overrides = {"DEFAULT_LANG": "fr", "COMMENTS_ENDPOINT": f"{inbox.url}/comments",
                 "SEARCH_ENABLED": False}  # fmt: skip
    report = build_site(ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "site", overrides)
    assert not report.failed()
    inbox.env["COMMENTS_MANIFEST"] = str(tmp_path / "site" / "comments.json")
    with serving(tmp_path / "site") as base:
        inbox.env["COMMENTS_SITE_ORIGIN"] = base
        inbox.start()
        try:
            refused = inbox.post("/comments", comment("X", "Bonjour", article="nope"))
            empty = inbox.post("/comments", {"article": "ecouter"}, accept="text/html")
            short = inbox.post("/questions", {"letter": "Trop court.", "lang": "fr"})
            with_script = browser.new_context().new_page()
            said = {}
            for page in ("ecouter/", "ecouter-en.html"):
                with_script.goto(f"{base}/{page}")
                with_script.fill("#comment-name", "Claire")
                with_script.fill("#comment-body", f"Envoyé depuis {page}")
                with_script.click(".comment-form button[type=submit]")
                result = with_script.locator(".comment-form .form-result")
                expect(result).to_have_text(re.compile(r"\S"))
                said[page] = (result.text_content(), result.get_attribute("lang"))
            without_script = browser.new_context(java_script_enabled=False).new_page()
            without_script.goto(f"{base}/ecouter/")
            without_script.fill("#comment-name", "Claire")
            without_script.fill("#comment-body", "Envoyé sans script.")
            without_script.click(".comment-form button[type=submit]")
            without_script.wait_for_url(f"{inbox.url}/comments")
            thanks = without_script.content()
            without_script.click("text=Retour à la page")
            back = without_script.url
            for tab in (with_script, without_script):
                tab.context.close()
        finally:
            inbox.stop()
    assert said == {
        "ecouter/": ("Merci. Votre commentaire attend la modération.", "fr"),
        "ecouter-en.html": ("Thank you. Your comment awaits moderation.", "en"),
    }
    assert refused[0] == 422
    nowhere = "Envoi refusé\u00a0: aucun article «\u00a0nope\u00a0» sur ce site."
    assert json.loads(refused[1])["message"] == nowhere
    assert empty[0] == 422
    assert '<html lang="fr">' in empty[1]
    assert "il faut votre nom et un texte pour commenter" in empty[1]
    assert json.loads(short[1])["message"] == (
        "Envoi refusé\u00a0: écrivez votre question en quelques phrases."
    )
    assert '<html lang="fr">' in thanks
    assert "<title>Merci</title>" in thanks
    assert "Merci. Votre commentaire attend la modération." in thanks
    assert back == f"{base}/ecouter/"


def test_a_page_in_english_words_says_it_is_english(site_repo, start_inbox):
    # A site built without the theme's words (no replies in its comments.json) is answered
    # in English: the page said <html lang="fr"> over English text.
    site_repo["manifest"].write_text(json.dumps({**MANIFEST, "lang": "fr"}))
    inbox = start_inbox(inbox_env(site_repo))
    status, body = inbox.post("/comments", comment("Bo", "Plain."), accept="text/html")
    assert status == 202
    assert body.startswith('<!doctype html><html lang="en">')
    assert "<title>Thank you</title>" in body


def test_replies_in_english_words_say_en_whatever_the_pages_language(site_repo, start_inbox):
    # A German site built with no German catalog wrote "replies": {"de": {}}: the inbox said
    # <html lang="de"> over "Thank you…", and the script's message carried no language.
    manifest = {**MANIFEST, "lang": "de", "replies": {"de": {}}}
    site_repo["manifest"].write_text(json.dumps(manifest))
    inbox = start_inbox(inbox_env(site_repo, rate=1000))
    page = inbox.post("/comments", comment("Bo", "Hallo.", lang="de"), accept="text/html")
    refused = inbox.post("/comments", comment("", "", lang="de"))
    assert page[1].startswith('<!doctype html><html lang="en">'), page[1][:80]
    assert json.loads(refused[1])["lang"] == "en"


GERMAN_TRANSLATION = {
    **FRENCH_SITE,
    "zuhoeren.md": "Title: Zuhören vor der Entscheidung\nDate: 2024-03-04\nSlug: ecouter\n"
    "Lang: de\nTranslation: true\n\nIch lasse jeden einmal sprechen.\n",
}


def test_a_reply_names_the_language_of_its_catalog_not_the_pages(site_repo, tmp_path, start_inbox):
    # A French site with a German translation and no German catalog: a form on the German page
    # was answered "Merci. Votre commentaire…" (French) under <html lang="de">.
    from coaching_kb.build import build_site
    from coaching_kb.testing import ROOT, write_files

    write_files(tmp_path / "content", GERMAN_TRANSLATION)
    overrides = {"DEFAULT_LANG": "fr", "COMMENTS_ENDPOINT": "http://127.0.0.1:9/comments",
                 "SEARCH_ENABLED": False}  # fmt: skip
    report = build_site(ROOT / "pelicanconf.py", tmp_path / "content", tmp_path / "site", overrides)
    assert not report.failed()
    manifest = str(tmp_path / "site" / "comments.json")
    inbox = start_inbox({**inbox_env(site_repo, rate=1000), "COMMENTS_MANIFEST": manifest})
    said = {}
    for lang in ("de", "fr", "en"):
        fields = {"article": "ecouter", "name": "Ana", "comment": "Hallo.", "lang": lang}
        page = inbox.post("/comments", fields, accept="text/html")[1]
        script = json.loads(inbox.post("/comments", {**fields, "name": ""})[1])
        said[lang] = (re.search(r'<html lang="([^"]*)"', page)[1], script["lang"])
    assert said == {"de": ("fr", "fr"), "fr": ("fr", "fr"), "en": ("en", "en")}
