"""Issue 35, finding by finding: readers' posts over real HTTP, a real uvicorn, real git.

Each test runs the inbox the way the README says (a local inbox for an owner's project, or a
production inbox on its own clone) and looks at the owner's repository afterwards.
"""

import json
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coaching_kb.moderation.files import Question, add_question
from coaching_kb.moderation.owner import local_environment
from coaching_kb.moderation.testing import ESSAY, Inbox, free_port, git, owner_task
from coaching_kb.testing import write_files

OWNER_SITE_WITH_ASK = {
    "essays/leading-quietly.md": "Title: Leading quietly\nDate: 2026-01-05\n\nListen first.\n",
    "pages/ask.md": "Title: Ask the coach\nSlug: ask\n\nWrite to us.\n",
}
LETTER = "I lead a team of five engineers and, when one of them struggles, I take the work."


def local_inbox(project: Path, **extra: str) -> dict[str, str]:
    """The variables `invoke comment-inbox` sets for a local inbox, and `extra`."""
    return {**local_environment(project), "COMMENTS_RATE_PER_MINUTE": "1000", **extra}


def comment(name: str, text: str, **extra: str) -> dict[str, str]:
    return {"article": ESSAY, "name": name, "comment": text, **extra}


def tree(repo: Path, ref: str) -> list[str]:
    return git("ls-tree", "-r", "--name-only", ref, cwd=repo).split()


# 1. The inbox never touches the owner's working copy.


def test_the_inbox_leaves_the_owners_working_copy_alone(owner_project, start_inbox):
    draft = owner_project / "content" / "essays" / "unfinished.md"
    draft.write_text("Title: Half a thought\nDate: 2026-02-01\nStatus: draft\n\nSo far\n")
    essay = owner_project / "content" / "essays" / "leading-quietly.md"
    essay.write_text(essay.read_text() + "An edit not yet committed.\n")
    git("checkout", "-q", "-b", "writing", cwd=owner_project)
    before = git("status", "--porcelain", cwd=owner_project)

    inbox = start_inbox({"COMMENTS_RATE_PER_MINUTE": "1000"}, owner_project)  # as the README
    assert inbox.post("/comments", comment("Ada Reader", "This helped my team."))[0] == 202

    assert git("branch", "--show-current", cwd=owner_project).strip() == "writing"
    assert git("status", "--porcelain", cwd=owner_project) == before
    clone = owner_project / ".inbox" / "site"
    last = git("show", "--name-only", "--format=", "comments-pending", cwd=clone).split()
    assert len(last) == 1
    assert last[0].startswith(f"content/comments/{ESSAY}/")

    pulled = owner_task(owner_project, "comment-pull")
    assert pulled.returncode == 0, pulled.stderr
    assert f"new: {last[0]}" in pulled.stdout
    assert "comment-pull: 1 file from .inbox/site; " in pulled.stdout  # as the owner types it
    assert (owner_project / last[0]).is_file()  # merged into the branch the owner is on
    assert git("branch", "--show-current", cwd=owner_project).strip() == "writing"
    assert "content/essays/unfinished.md" not in tree(owner_project, "HEAD")
    assert draft.read_text().endswith("So far\n")
    assert "An edit not yet committed." in essay.read_text()
    again = owner_task(owner_project, "comment-pull")
    assert "nothing new" in again.stdout


def test_a_production_inbox_commits_only_the_files_it_wrote(owner_project, start_inbox, tmp_path):
    clone = tmp_path / "inbox-clone"
    git("clone", "-q", str(tmp_path / "origin.git"), str(clone), cwd=tmp_path)
    stray = clone / "content" / "essays" / "notes.md"
    stray.write_text("Title: Someone's notes\nDate: 2026-02-01\n\nPrivate\n")
    manifest = owner_project / "output" / "related.json"
    env = {"COMMENTS_REPO": str(clone), "COMMENTS_MANIFEST": str(manifest)}
    inbox = start_inbox({**env, "COMMENTS_RATE_PER_MINUTE": "1000"})
    assert inbox.post("/comments", comment("Bo", "A useful read."))[0] == 202

    pushed = tree(tmp_path / "origin.git", "comments-pending")
    assert "content/essays/notes.md" not in pushed
    assert [p for p in pushed if p.startswith("content/comments/")] != []
    pulled = owner_task(owner_project, "comment-pull", "--remote", "origin")
    assert pulled.returncode == 0, pulled.stderr
    assert "1 file from origin" in pulled.stdout


@pytest.mark.parametrize("how", ["--repo", "--repo worktree", "COMMENTS_REPO"])
def test_the_inbox_refuses_the_owners_own_working_copy(owner_project, tmp_path, how):
    draft = owner_project / "content" / "essays" / "unfinished.md"
    draft.write_text("Title: Half a thought\nDate: 2026-02-01\nStatus: draft\n\nSo far\n")
    git("checkout", "-q", "-b", "writing", cwd=owner_project)
    target = owner_project
    if how.endswith("worktree"):  # a second working tree of the owner's repository
        target = tmp_path / "second-tree"
        git("worktree", "add", "-q", str(target), "main", cwd=owner_project)
    before = git("status", "--porcelain", cwd=owner_project)
    given = ("--repo", str(target)) if how.startswith("--repo") else ()
    env = {"COMMENTS_REPO": str(target)} if how == "COMMENTS_REPO" else {}
    port = str(free_port())
    started = owner_task(owner_project, "comment-inbox", "--port", port, *given, env=env,
                         timeout=60)  # fmt: skip
    assert started.returncode == 2, started.stdout + started.stderr
    message = started.stderr.strip()
    assert message.count("\n") == 0
    assert "is your own working copy" in message
    assert "Fix: leave --repo and COMMENTS_REPO unset" in message
    assert git("branch", "--show-current", cwd=owner_project).strip() == "writing"
    assert git("status", "--porcelain", cwd=owner_project) == before
    assert git("branch", "--list", "comments-pending", cwd=owner_project) == ""


# 2. Nothing a reader does can break a build or a deploy.


def test_letters_with_one_title_never_break_check_build_or_publish(owner_project, start_inbox):
    inbox = start_inbox(local_inbox(owner_project))
    question = {"title": "I take over my team's work", "asker": "Fixer", "letter": LETTER}
    assert inbox.post("/questions", question)[0] == 202
    # One title, another reader: an address of its own (the same letter twice is kept once).
    again = {**question, "asker": "Fixer too"}
    assert inbox.post("/questions", again, accept="text/html")[0] == 202
    assert inbox.post("/questions", {**question, "title": ""})[0] == 202
    assert owner_task(owner_project, "comment-pull").returncode == 0

    checked = owner_task(owner_project, "check", ci=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("awaits your answer") == 3
    built = owner_task(owner_project, "build", ci=True)
    assert built.returncode == 0, built.stdout + built.stderr
    # Drafts are not published, but each letter has an address of its own for when it is.
    letters = (owner_project / "content" / "qa").glob("*.md")
    slugs = {
        line for p in letters for line in p.read_text().splitlines() if line.startswith("Slug:")
    }
    assert len(slugs) == 3
    published = owner_task(owner_project, "publish", ci=True)
    assert published.returncode == 0, published.stdout + published.stderr


def test_the_owners_unanswered_published_letter_is_still_an_error(owner_project):
    letter = owner_project / "content" / "qa" / "mine.md"
    letter.parent.mkdir(exist_ok=True)
    head = "Title: Mine\nDate: 2026-02-01\nType: qa\nAsker: Me\n\n"
    letter.write_text(f"{head}Several words.\n\n<!-- answer -->\n\n(Your answer goes here.)\n")
    checked = owner_task(owner_project, "check")
    assert checked.returncode == 1
    assert "content/qa/mine.md:10: '(Your answer goes here.)' is the template's text" in (
        checked.stdout
    )


def test_an_answered_letter_takes_its_address_from_its_title_and_needs_a_columnist(
    owner_project, start_inbox
):
    """What an owner expects of a letter they answer: the page's address comes from its
    Title (the inbox's dated file name was only for the draft), and it is signed by the
    columnist they name, never silently by the site."""
    inbox = start_inbox(local_inbox(owner_project))
    question = {"title": "I take over my team's work", "asker": "Fixer", "letter": LETTER}
    assert inbox.post("/questions", question)[0] == 202
    assert owner_task(owner_project, "comment-pull").returncode == 0
    content = owner_project / "content"
    (content / "authors").mkdir()
    (content / "authors" / "ann-lee.md").write_text("Name: Ann Lee\nRole: Coach\n\nAnn.\n")
    [letter] = (content / "qa").glob("*.md")
    text = letter.read_text().replace("Status: draft\n", "")
    letter.write_text(text.replace("(Your answer goes here.)", "Hand one piece back."))

    checked = owner_task(owner_project, "check")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert f"content/qa/{letter.name}:1: the answer has no 'Author:'" in checked.stdout
    assert "Fix: add 'Author: Ann Lee'" in checked.stdout
    built = owner_task(owner_project, "build")
    assert built.returncode == 1
    assert "the answer has no 'Author:'" in built.stderr

    letter.write_text(letter.read_text().replace("Type: qa", "Author: Ann Lee\nType: qa"))
    built = owner_task(owner_project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    page = owner_project / "output" / "i-take-over-my-teams-work" / "index.html"
    assert page.is_file(), sorted(p.name for p in (owner_project / "output").iterdir())
    assert "Ann Lee" in page.read_text()
    assert not (owner_project / "output" / letter.stem).exists()


# The owner's own pages, by the file's Title or Slug or name (pages are read after the letters).
OWNER_PAGES = {
    "About": ("pages/about.md", "Title: About\n\nWho writes here.\n"),
    "Contact": ("pages/reach-us.md", "Title: Write to us\nSlug: contact\n\nBy post.\n"),
    "Colophon": ("pages/colophon.rst", "Colophon\n########\n\nSet in one font.\n"),
    "Privacy": ("pages/data.md", '---\ntitle: "Privacy"\n---\n\nNothing kept.\n'),
}


@pytest.mark.parametrize("title", ["Search", "Authors", *OWNER_PAGES])
def test_a_letter_titled_like_one_of_the_sites_own_pages_keeps_the_inboxs_address(
    owner_project, title
):
    content = owner_project / "content"
    if title in OWNER_PAGES:
        page, text = OWNER_PAGES[title]
        (content / page).parent.mkdir(exist_ok=True)
        (content / page).write_text(text)
    letter = add_question(content, Question(title, LETTER, "Fixer"), datetime(2026, 12, 7))
    text = (
        letter.read_text()
        .replace("Status: draft\n", "")
        .replace("Type: qa", "Author: Ann Lee\nType: qa")
    )
    letter.write_text(text.replace("(Your answer goes here.)", "Hand one piece back."))
    (content / "authors").mkdir()
    (content / "authors" / "ann-lee.md").write_text("Name: Ann Lee\nRole: Coach\n\nAnn.\n")
    built = owner_task(owner_project, "build", ci=True)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (
        "Hand one piece back" in (owner_project / "output" / letter.stem / "index.html").read_text()
    )
    if title in OWNER_PAGES:  # the owner's page kept its address and its text
        page = (owner_project / "output" / title.lower() / "index.html").read_text()
        assert "Hand one piece back" not in page


# 4. No personal data in git.


def test_email_addresses_stay_out_of_git(owner_project, start_inbox):
    inbox = start_inbox(local_inbox(owner_project))
    _, sent = inbox.post("/comments", comment("Cy", "Thanks.", email="cy@example.org"))
    status, _ = inbox.post("/questions", {"letter": LETTER, "asker": "Q", "email": "q@example.org"})
    assert status == 202
    assert owner_task(owner_project, "comment-pull").returncode == 0

    # What readers sent lands in content/: the project's own code may quote addresses.
    history = git("log", "-p", "--all", "--", "content", cwd=owner_project)
    clone_history = git(
        "log", "-p", "--all", "--", "content", cwd=owner_project / ".inbox" / "site"
    )
    assert "@example.org" not in history.replace("owner@example.org", "")
    assert "@example.org" not in clone_history.replace("owner@example.org", "")
    with sqlite3.connect(owner_project / ".inbox" / "private.sqlite") as store:
        rows = dict(store.execute("select item, email from contact"))
    comment_file = f"content/comments/{ESSAY}/{json.loads(sent)['file']}"
    assert rows[comment_file] == "cy@example.org"
    assert "q@example.org" in rows.values()
    assert ".inbox/" in (owner_project / ".gitignore").read_text()


# 5. Moderation as the README shows it.


def test_comment_approve_takes_a_glob_of_several_comments(owner_project, start_inbox):
    inbox = start_inbox(local_inbox(owner_project))
    for text in ("First thought on listening.", "A second thought, later."):
        assert inbox.post("/comments", comment("Sam Reader", text))[0] == 202
    assert owner_task(owner_project, "comment-pull").returncode == 0

    pattern = f"content/comments/{ESSAY}/*-sam-reader.md"
    approved = owner_task(owner_project, "comment-approve", "--path", pattern)
    assert approved.returncode == 0, approved.stderr
    assert approved.stdout.count(": approved") == 2
    assert owner_task(owner_project, "build").returncode == 0
    page = (owner_project / "output" / ESSAY / "index.html").read_text()
    assert "A second thought, later." in page
    assert "First thought on listening." in page
    nothing = owner_task(owner_project, "comment-approve", "--path", "content/comments/x/*.md")
    assert nothing.returncode == 2
    assert "no comment file matches" in nothing.stderr
    assert "Traceback" not in nothing.stderr


def test_the_page_without_script_links_back_to_the_article(owner_project, start_inbox):
    site = "https://notes.example"
    inbox = start_inbox(local_inbox(owner_project, COMMENTS_SITE_ORIGIN=site))
    page = f"{site}/{ESSAY}/"
    _, body = inbox.post("/comments", comment("Di", "Good.", page=page), accept="text/html")
    assert f'<a href="{page}">' in body
    assert "javascript:" not in body
    hostile = comment("Di", "Again.", page="javascript:alert(1)")
    _, body = inbox.post("/comments", hostile, accept="text/html")
    assert "javascript:" not in body
    assert f'<a href="{site}/">' in body


def test_the_page_without_script_links_back_to_the_page_of_a_local_build(
    owner_project, start_inbox
):
    # A local build has relative addresses, so its forms send the page as '../essay/'.
    site = "http://127.0.0.1:8000"
    inbox = start_inbox(local_inbox(owner_project, COMMENTS_SITE_ORIGIN=site))
    html = (owner_project / "output" / ESSAY / "index.html").read_text()
    page = re.search(r'name="page" value="([^"]+)"', html)[1]
    assert not page.startswith(("http", "/"))
    _, body = inbox.post("/comments", comment("Di", "Good.", page=page), accept="text/html")
    assert f'<a href="{site}/{ESSAY}/">' in body


# 6. Rate limits per reader.


@pytest.mark.parametrize(
    ("proxies", "expected"),
    [
        ("127.0.0.1", [202, 202, 429, 202]),  # behind the owner's proxy: one limit per reader
        ("", [202, 202, 429, 429]),  # no proxy configured: the header is a reader's forgery
    ],
)
def test_the_rate_limit_is_per_reader(owner_project, start_inbox, proxies, expected):
    env = local_inbox(owner_project, COMMENTS_RATE_PER_MINUTE="2", COMMENTS_TRUSTED_PROXIES=proxies)
    inbox = start_inbox(env)
    readers = ["203.0.113.5"] * 3 + ["198.51.100.7"]
    codes = [
        inbox.post(
            "/comments",
            comment(f"R{n}", f"Comment {n} here."),
            headers={"X-Forwarded-For": f"10.9.9.9, {reader}"},
        )[0]
        for n, reader in enumerate(readers)
    ]
    assert codes == expected


# 3 and 5 in the browser: threaded replies, and no reader markup reaches a page.

OWASP_VECTORS = [
    "<script>alert('xss-1')</script>",
    "<IMG SRC=\"javascript:alert('xss-2');\">",
    "<IMG SRC=javascript:alert('xss-3')>",
    "<img src=x onerror=alert('xss-4')>",
    "<svg/onload=alert('xss-5')>",
    "<BODY ONLOAD=alert('xss-6')>",
    "<a href=\"jav&#x09;ascript:alert('xss-7')\">click</a>",
    "<IFRAME SRC=\"javascript:alert('xss-8');\"></IFRAME>",
    '<<SCRIPT>alert("xss-9");//\\<</SCRIPT>',
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'xss-10\');">',
    "<details open ontoggle=alert('xss-11')>",
    "[link](javascript:alert('xss-12'))",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-13')>",
    "\"><script>alert('xss-14')</script>",
    "<STYLE>@import'http://127.0.0.1:9/xss.css';</STYLE>",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'xss-16\');">',
]


@pytest.mark.browser
def test_reader_markup_never_reaches_a_page_even_without_the_csp(
    owner_project, start_inbox, browser
):
    inbox = start_inbox(local_inbox(owner_project))
    for number, vector in enumerate(OWASP_VECTORS):
        assert inbox.post("/comments", comment(vector[:90], f"{vector} said {number}"))[0] == 202
    for vector in OWASP_VECTORS:
        letter = (
            f"I lead a team of five engineers. My manager keeps pasting {vector} into our team "
            "chat, and I do not know how to raise it with him without sounding petty. "
            "What should I do?"
        )
        fields = {"title": f"About {vector}", "asker": vector, "letter": letter}
        status, answer = inbox.post("/questions", fields)
        assert status == 202, answer
    assert owner_task(owner_project, "comment-pull").returncode == 0
    every = f"content/comments/{ESSAY}/*.md"
    approve = owner_task(owner_project, "comment-approve", "--path", every)
    assert approve.returncode == 0, approve.stderr
    letters = sorted((owner_project / "content" / "qa").glob("*.md"))
    assert len(letters) == len(OWASP_VECTORS)
    for letter_file in letters:  # the owner answers and publishes every one
        text = letter_file.read_text().replace("Status: draft\n", "")
        letter_file.write_text(text.replace("(Your answer goes here.)", "Give the work back."))
        body = letter_file.read_text().split("\n\n", 1)[1]
        assert "<script" not in body.lower()  # the letter is stored as plain text
    built = owner_task(owner_project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    output = owner_project / "output"
    answers = [p for p in output.glob("*/index.html") if 'class="letter__body"' in p.read_text()]
    assert len(answers) == len(letters)  # at its title's address, or the inbox's if taken
    pages = [f"{ESSAY}/index.html", *(str(p.relative_to(output)) for p in answers)]

    context = browser.new_context(bypass_csp=True)  # the CSP is not what keeps readers out
    dialogs: list[str] = []
    try:
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for page in pages:
            tab.goto((owner_project / "output" / page).as_uri())
            tab.wait_for_load_state("load")
            for link in tab.locator(".comment__body a, .letter__body a").all():
                assert not (link.get_attribute("href") or "").lower().startswith("jav")
            injected = tab.locator(
                ".comment__body :is(script, img, svg, iframe, input, style, meta, details, body),"
                ".letter__body :is(script, img, svg, iframe, input, style, meta, details)"
            )
            assert injected.count() == 0
            assert tab.locator("[onerror], [onload], [ontoggle]").count() == 0
            shown = tab.get_by_text("team chat").count() + tab.get_by_text("said 3").count()
            assert shown == 1  # the reader's text itself is shown
    finally:
        context.close()
    assert dialogs == []


@pytest.mark.browser
def test_a_reply_posts_to_its_comment_and_shows_threaded(owner_project, start_inbox, page):
    from coaching_kb.serve import serving

    first = "Author: Ada\nDate: 2026-02-01 10:00\nStatus: approved\n\nListening changed my week.\n"
    parent = owner_project / "content" / "comments" / ESSAY / "20260201-ada.md"
    parent.parent.mkdir(parents=True)
    parent.write_text(first)
    git("add", "-A", cwd=owner_project)
    git("commit", "-qm", "a comment", cwd=owner_project)
    with serving(owner_project / "output") as base:
        inbox = start_inbox(local_inbox(owner_project, COMMENTS_SITE_ORIGIN=base))
        conf = owner_project / "pelicanconf.py"
        conf.write_text(conf.read_text() + f'\nCOMMENTS_ENDPOINT = "{inbox.url}/comments"\n')
        assert owner_task(owner_project, "build").returncode == 0
        page.goto(f"{base}/{ESSAY}/")
        reply = page.locator("#comment-20260201-ada .comment__reply")
        reply.locator("summary").click()
        reply.get_by_label("Name").fill("Bea")
        reply.get_by_label("Reply").fill("Same here, thank you.")
        reply.get_by_role("button").click()
        reply.get_by_text("awaits moderation").wait_for(timeout=30000)
    assert owner_task(owner_project, "comment-pull").returncode == 0
    (answer,) = (p for p in parent.parent.glob("*.md") if p != parent)
    assert "Reply-To: 20260201-ada" in answer.read_text()
    assert owner_task(owner_project, "comment-approve", "--path", str(answer)).returncode == 0
    assert owner_task(owner_project, "build").returncode == 0
    html = (owner_project / "output" / ESSAY / "index.html").read_text()
    nested = re.search(r'id="comment-20260201-ada".*?</article>\s*<ol class="comments__list">'
                       r'\s*<li class="comment" id="comment-([^"]+)"', html, re.DOTALL)  # fmt: skip
    assert nested is not None
    assert nested[1] == answer.stem


def test_published_letters_with_one_title_keep_distinct_addresses(owner_project, start_inbox):
    """Readers choose titles: two letters with one title, both answered and published, take
    the title's address once; the other keeps the inbox's, and nothing breaks."""
    inbox = start_inbox(local_inbox(owner_project))
    for signature in ("Fixer", "Fixer too"):
        question = {"title": "I take over my team's work", "asker": signature, "letter": LETTER}
        assert inbox.post("/questions", question)[0] == 202
    assert owner_task(owner_project, "comment-pull").returncode == 0
    letters = sorted((owner_project / "content" / "qa").glob("*.md"))
    for letter in letters:
        text = letter.read_text().replace("Status: draft\n", "")
        letter.write_text(text.replace("(Your answer goes here.)", "Hand one piece back."))
    built = owner_task(owner_project, "build", ci=True)
    assert built.returncode == 0, built.stdout + built.stderr
    output = owner_project / "output"
    assert (output / "i-take-over-my-teams-work" / "index.html").is_file()
    assert (output / letters[1].stem / "index.html").is_file()


# 7. What a reader sends never stops the owner's check, build or deploy (README walk, stop 47).


def test_a_reply_to_nowhere_or_to_itself_never_breaks_the_owners_publish(
    owner_project, start_inbox
):
    """A reader can post any `reply_to`: to a comment that does not exist, or to the file
    name the inbox is about to give their own comment (the second and their name). Pending
    or filed as spam, such a comment stopped `check`, `build` and `CI=true invoke publish`
    right after `comment-pull`, and the owner could only edit the reader's file."""
    inbox = start_inbox(local_inbox(owner_project))
    sent = inbox.post("/comments", comment("Eve", "A reply to nothing.", reply_to="20990101-x"))
    assert sent[0] == 202
    for _ in range(5):  # the inbox names the file after the second it arrives in
        itself = f"{datetime.now(UTC):%Y%m%d-%H%M%S}-loop"
        status, answer = inbox.post("/comments", comment("Loop", "Round.", reply_to=itself))
        assert status == 202, answer
        if json.loads(answer)["file"] == f"{itself}.md":
            break
    else:
        pytest.fail("no post arrived within the second it named")
    pulled = owner_task(owner_project, "comment-pull")
    assert pulled.returncode == 0, pulled.stderr
    loop = owner_project / "content" / "comments" / ESSAY / f"{itself}.md"
    assert "Reply-To" not in loop.read_text()  # a reply to itself is no reply

    for step in ("check", "build"):
        done = owner_task(owner_project, step, ci=True)
        assert done.returncode == 0, done.stdout + done.stderr
    spam = owner_task(owner_project, "comment-spam", "--path", f"content/comments/{ESSAY}/*.md")
    assert spam.returncode == 0, spam.stderr
    git("add", "-A", "content", cwd=owner_project)
    git("commit", "-qm", "Moderated", cwd=owner_project)
    published = owner_task(owner_project, "publish", ci=True)
    assert published.returncode == 0, published.stdout + published.stderr

    # The reply to nowhere was stored as a comment of its own, so approving it as the README
    # says (named on its own: a glob leaves spam alone) cannot stop the deploy either.
    (eve,) = (owner_project / "content" / "comments" / ESSAY).glob("*-eve.md")
    assert "Reply-To" not in eve.read_text()
    approve = owner_task(owner_project, "comment-approve", "--path", str(eve))
    assert approve.returncode == 0, approve.stderr
    checked = owner_task(owner_project, "check", ci=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_readers_named_in_other_scripts_get_files_the_readme_glob_finds(owner_project, start_inbox):
    """A comment's file is named after its reader, as Pelican would make a slug of the name:
    'José Núñez' was `-jos-n-ez.md`, so `--path '*-jose-nunez.md'` matched nothing, and
    '李雷' was `-.md`."""
    inbox = start_inbox(local_inbox(owner_project))
    for name in ("José Núñez", "李雷", "🙂"):
        assert inbox.post("/comments", comment(name, "Gracias, this helped."))[0] == 202
    assert owner_task(owner_project, "comment-pull").returncode == 0
    folder = owner_project / "content" / "comments" / ESSAY
    for pattern in ("*-jose-nunez.md", "*-li-lei.md", "*-reader.md"):
        approved = owner_task(
            owner_project, "comment-approve", "--path", f"content/comments/{ESSAY}/{pattern}"
        )
        assert approved.returncode == 0, approved.stderr
        assert approved.stdout.count(": approved") == 1
    assert not [path.name for path in folder.glob("*-.md")]


@pytest.mark.browser
def test_a_long_letter_or_comment_sent_without_script_arrives_as_typed(
    tmp_path, start_inbox, browser
):
    """Without script a browser sends each line break as CR LF: a comment of 4,960
    characters in 160 lines was refused as over the 5,000 the inbox takes, the text lost
    behind a 'Back to the page' link, and a shorter one was stored with CR LF line ends.
    The forms did not stop a reader at the limit either: they learnt of it after sending."""
    from coaching_kb.moderation.inbox import LIMITS
    from coaching_kb.moderation.testing import make_project
    from coaching_kb.serve import serving

    project = make_project(tmp_path, OWNER_SITE_WITH_ASK)
    with serving(project / "output") as site:
        inbox = start_inbox(local_inbox(project, COMMENTS_SITE_ORIGIN=site))
        conf = project / "pelicanconf.py"
        conf.write_text(
            conf.read_text() + f'\nCOMMENTS_ENDPOINT = "{inbox.url}/comments"\n'
            f'QA_SUBMIT_ENDPOINT = "{inbox.url}/questions"\n'
        )
        assert owner_task(project, "build").returncode == 0
        context = browser.new_context(java_script_enabled=False)
        try:
            tab = context.new_page()
            tab.goto(f"{site}/{ESSAY}/")
            form = tab.locator("form.comment-form")
            for field, name in (("name", "name"), ("textarea", "comment")):
                box = form.locator(f"[name={field}]" if field == "name" else field)
                assert box.get_attribute("maxlength") == str(LIMITS[name])
            form.get_by_label("Name").fill("Long Writer")
            text = ("y" * 30 + "\n") * 160  # 4,960 characters, 160 line breaks
            form.locator("textarea").fill(text)
            form.get_by_role("button").click()
            tab.get_by_text("awaits moderation").wait_for()
            tab.goto(f"{site}/ask/")
            letter = tab.locator("form.question-form")
            for name in ("asker", "letter"):
                box = letter.locator(f"[name={name}]")
                assert box.get_attribute("maxlength") == str(LIMITS[name])
            letter.get_by_label("Sign your letter as").fill("Lines")
            letter.get_by_label("Your question").fill(f"{LETTER}\nSecond line.\n\nThird.")
            letter.get_by_role("button").click()
            tab.get_by_text("will be read").wait_for()
        finally:
            context.close()
    assert owner_task(project, "comment-pull").returncode == 0
    (sent,) = (project / "content" / "comments" / ESSAY).glob("*-long-writer.md")
    assert b"\r" not in sent.read_bytes()
    assert text.strip() in sent.read_text()
    (asked,) = (project / "content" / "qa").glob("*.md")
    assert b"\r" not in asked.read_bytes()


def test_approving_a_glob_leaves_what_was_filed_as_spam_unpublished(owner_project, start_inbox):
    """The README's order is comment-triage, then comment-approve with a glob: the glob also
    matched what the inbox or triage had filed as spam, and published it without a word."""
    inbox = start_inbox(local_inbox(owner_project))
    bot = comment("Pat", "Nice post, thanks for the tips.", website="http://bot.example")
    assert inbox.post("/comments", bot)[0] == 202  # the hidden field: filed as spam
    assert inbox.post("/comments", comment("Rosa", "Listening first changed my week."))[0] == 202
    assert owner_task(owner_project, "comment-pull").returncode == 0
    assert owner_task(owner_project, "comment-triage").returncode == 0

    every = f"content/comments/{ESSAY}/*.md"
    approved = owner_task(owner_project, "comment-approve", "--path", every)
    assert approved.returncode == 0, approved.stderr
    (spam,) = (owner_project / "content" / "comments" / ESSAY).glob("*-pat.md")
    assert "Status: spam" in spam.read_text()
    assert f"{spam.relative_to(owner_project)}: left as spam" in approved.stdout
    assert approved.stdout.count(": approved") == 1
    assert owner_task(owner_project, "build").returncode == 0
    page = (owner_project / "output" / ESSAY / "index.html").read_text()
    assert "Listening first changed my week." in page
    assert "Nice post, thanks for the tips." not in page

    # Named on its own, it is the owner's choice: approved.
    named = owner_task(owner_project, "comment-approve", "--path", str(spam))
    assert named.returncode == 0, named.stderr
    assert "Status: approved" in spam.read_text()


@pytest.mark.browser
def test_a_long_conversation_of_replies_stays_readable_on_a_phone(
    owner_project, start_inbox, browser
):
    """Each reply was indented under the one it answers, without end: sixteen readers
    replying to each other made a phone's page 4,000 px wide, the last replies 0 px."""
    inbox = start_inbox(local_inbox(owner_project))
    parent = ""
    for number in range(16):
        sent = comment(f"Reader {number}", f"Reply {number}: I see it another way.")
        status, answer = inbox.post("/comments", {**sent, "reply_to": parent})
        assert status == 202, answer
        parent = json.loads(answer)["file"].removesuffix(".md")
    assert owner_task(owner_project, "comment-pull").returncode == 0
    every = f"content/comments/{ESSAY}/*.md"
    assert owner_task(owner_project, "comment-approve", "--path", every).returncode == 0
    assert owner_task(owner_project, "build").returncode == 0

    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        tab = context.new_page()
        tab.goto((owner_project / "output" / ESSAY / "index.html").as_uri())
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        replies = tab.locator(".comment > article").all()
        widths = [reply.bounding_box()["width"] for reply in replies]
        assert len(widths) == 16
        assert min(widths) >= 220  # the last reply still has most of the phone's width
    finally:
        context.close()


@pytest.mark.browser
def test_names_and_titles_without_spaces_never_widen_a_phones_page(
    owner_project, start_inbox, browser
):
    """The inbox takes a name of 100 characters and a title of 200: typed without a space,
    a commenter's name made the article's page 1,700 px wide on a phone."""
    inbox = start_inbox(local_inbox(owner_project))
    wide = "W" * 100
    assert inbox.post("/comments", comment(wide, "x" * 400))[0] == 202
    letter = {"title": "T" * 200, "asker": wide, "letter": f"{LETTER} {'y' * 300}"}
    assert inbox.post("/questions", letter)[0] == 202
    assert owner_task(owner_project, "comment-pull").returncode == 0
    every = f"content/comments/{ESSAY}/*.md"
    assert owner_task(owner_project, "comment-approve", "--path", every).returncode == 0
    (asked,) = (owner_project / "content" / "qa").glob("*.md")
    answered = asked.read_text().replace("Status: draft\n", "")
    asked.write_text(answered.replace("(Your answer goes here.)", "Give the work back."))
    assert owner_task(owner_project, "build").returncode == 0
    output = owner_project / "output"
    pages = [p for p in output.glob("*/index.html") if 'class="letter__body"' in p.read_text()]
    assert len(pages) == 1

    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        tab = context.new_page()
        for page in (output / ESSAY / "index.html", pages[0]):
            tab.goto(page.as_uri())
            assert tab.evaluate("document.documentElement.scrollWidth") <= 360, page
    finally:
        context.close()


def test_an_inbox_cloned_from_a_remote_without_a_default_branch_refuses_to_start(
    owner_project, tmp_path
):
    """A bare remote made with `git init --bare` names `master` while the site is on `main`:
    its clone has no commit checked out. The inbox started its branch there with no history,
    readers' posts were pushed, and `comment-pull --remote origin` failed with git's
    'no merge base'."""
    remote = tmp_path / "site.git"
    git("init", "-q", "--bare", "-b", "master", str(remote), cwd=tmp_path)
    git("push", "-q", str(remote), "main", cwd=owner_project)
    clone = tmp_path / "inbox-clone"
    git("clone", "-q", str(remote), str(clone), cwd=tmp_path)  # warns: nothing checked out
    started = owner_task(owner_project, "comment-inbox", "--port", str(free_port()),
                         "--repo", str(clone), timeout=60)  # fmt: skip
    assert started.returncode == 2, started.stdout + started.stderr
    message = started.stderr.strip()
    assert "Traceback" not in message
    assert f"{clone} has no commit checked out" in message
    assert f"Fix: git -C {clone} checkout main" in message


def commit_in(clone: Path, files: dict[str, str]) -> None:
    """Commit `files` in `clone` as the inbox does, and push its branch."""
    write_files(clone, files)
    git("add", *files, cwd=clone)
    git("-c", "user.name=Inbox", "-c", "user.email=inbox@localhost", "commit", "-qm", "x",
        cwd=clone)  # fmt: skip
    git("push", "-q", "origin", "HEAD", cwd=clone)


def test_a_pull_merges_the_branch_an_older_inbox_started_with_no_history(owner_project, tmp_path):
    """Before the inbox refused a clone with nothing checked out, it started its branch there
    with no history and pushed readers' posts to it: comment-pull said 'shares no history' and
    its fix overwrote a comment the owner had approved since with the reader's pending one."""
    remote = tmp_path / "site.git"
    git("init", "-q", "--bare", "-b", "master", str(remote), cwd=tmp_path)
    git("push", "-q", str(remote), "main", cwd=owner_project)
    clone = tmp_path / "inbox-clone"
    git("clone", "-q", str(remote), str(clone), cwd=tmp_path)  # nothing checked out
    git("checkout", "-q", "-b", "comments-pending", cwd=clone)  # as the older inbox did
    first = f"content/comments/{ESSAY}/20260101T090000-ada.md"
    letter = "content/qa/2026-01-02-i-take-over.md"
    pending = "Author: Ada\nDate: 2026-01-01\nStatus: pending\n\nThis helped.\n"
    # Taken by hand earlier too: a comment the owner deleted since, a letter answered and
    # renamed. Both came back (the letter as a second draft, not even listed).
    deleted = f"content/comments/{ESSAY}/20251230T090000-cy.md"
    answered = "content/qa/2025-12-31-quiet-team.md"
    asked = f"Title: Quiet team\nStatus: draft\n\n{LETTER}\n"
    taken = {first: pending, deleted: pending.replace("Ada", "Cy"), answered: asked}
    commit_in(clone, {**taken, letter: f"Title: I take over\nStatus: draft\n\n{LETTER}\n"})
    write_files(owner_project, taken)
    git("add", *taken, cwd=owner_project)
    git("commit", "-qm", "Take the inbox's files", cwd=owner_project)
    git("rm", "-q", deleted, cwd=owner_project)
    git("mv", answered, "content/qa/quiet-team.md", cwd=owner_project)
    # The owner approved the first comment, and is writing.
    approved = pending.replace("pending", "approved")
    write_files(owner_project, {first: approved})
    git("add", first, cwd=owner_project)
    git("commit", "-qm", "Approve Ada, answer a letter, delete Cy", cwd=owner_project)
    essay = owner_project / "content" / "essays" / "leading-quietly.md"
    essay.write_text(essay.read_text() + "An edit not yet committed.\n")

    pulled = owner_task(owner_project, "comment-pull", "--remote", str(remote))
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert f"new: {letter}" in pulled.stdout
    assert first not in pulled.stdout
    assert (owner_project / first).read_text() == approved  # the owner's moderation stays
    assert (owner_project / letter).is_file()
    assert not (owner_project / deleted).exists()
    assert not (owner_project / answered).exists()
    for name in (deleted, answered):
        assert f"skipped: {name} (you had it before; deleted or renamed since)" in pulled.stdout
    assert "An edit not yet committed." in essay.read_text()
    assert git("status", "--porcelain", cwd=owner_project).split() == [
        "M",
        str(essay.relative_to(owner_project)),
    ]

    # Merged once, the branch shares history with the owner's: the next pull is a plain one.
    later = f"content/comments/{ESSAY}/20260103T090000-bo.md"
    commit_in(clone, {later: pending.replace("Ada", "Bo")})
    again = owner_task(owner_project, "comment-pull", "--remote", str(remote))
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.splitlines()[0] == f"new: {later}"
    assert (owner_project / first).read_text() == approved

    # A branch with no history holding more than an inbox writes is not merged.
    git("checkout", "-q", "--orphan", "elsewhere", cwd=clone)
    git("rm", "-rqf", ".", cwd=clone)
    commit_in(clone, {"note.md": "Someone's notes.\n"})
    refused = owner_task(owner_project, "comment-pull", "--remote", str(remote), "--branch",
                         "elsewhere")  # fmt: skip
    assert refused.returncode == 2, refused.stdout + refused.stderr
    message = refused.stderr.strip()
    assert "Traceback" not in message
    assert f"{remote} elsewhere shares no history with your branch" in message
    assert "note.md" in message
    assert "git ls-tree -r --name-only FETCH_HEAD" in message
    assert not (owner_project / "note.md").exists()


def test_the_deploy_verifies_a_site_whose_forms_post_to_the_inbox(owner_project):
    """The workflow runs `invoke verify` on the production build: with the inbox's endpoints
    in publishconf.py, as the README says, every comment form was '<form> loads
    https://inbox... from another host' and the deploy stopped, though each page's own policy
    (form-action) lets it post there."""
    conf = owner_project / "publishconf.py"
    conf.write_text(
        conf.read_text() + '\nCOMMENTS_ENDPOINT = "https://inbox.notes.example/comments"\n'
        'QA_SUBMIT_ENDPOINT = "https://inbox.notes.example/questions"\n'
    )
    site_url = "https://notes.example"
    published = owner_task(owner_project, "publish", ci=True, env={"SITEURL": site_url})
    assert published.returncode == 0, published.stdout + published.stderr
    page = (owner_project / "output" / ESSAY / "index.html").read_text()
    assert 'action="https://inbox.notes.example/comments"' in page
    verified = owner_task(owner_project, "verify", "--output", "output", "--site-url", site_url)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_local_inbox_tells_the_owner_its_comments_json_is_missing(owner_project, tmp_path):
    """`invoke comment-inbox` showed only progress lines: after `invoke clean` the owner saw
    'comment inbox ... at http://...' and readers were refused with no word to the owner."""
    (owner_project / "output" / "comments.json").unlink()
    log = tmp_path / "terminal.txt"
    inbox = Inbox({"COMMENTS_RATE_PER_MINUTE": "1000"}, owner_project, log=log).start()
    try:
        status, _ = inbox.post("/comments", comment("Lin", "Sent too early."))
        assert status == 503
    finally:
        inbox.stop()
    said = log.read_text()
    missing = (
        f"{owner_project / 'output' / 'comments.json'} is missing, so every comment is refused"
    )
    assert said.count(missing) == 2, said  # at start, and when a reader is refused for it
    assert "Fix: build the site" in said
