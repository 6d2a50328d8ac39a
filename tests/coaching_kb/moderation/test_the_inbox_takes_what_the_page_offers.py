"""The inbox, the built page and `check` agree on which articles take comments (issue 35,
an owner's walk): closed ones refuse, hidden ones take them like any other. One owner's
project, one real uvicorn inbox and one served site for the whole module.
"""

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coaching_kb.moderation.files import status_of
from coaching_kb.moderation.owner import local_environment
from coaching_kb.moderation.private import PrivateStore
from coaching_kb.moderation.testing import Inbox, free_port, git, make_project, owner_task
from coaching_kb.serve import serving


def essay(slug: str, title: str, *lines: str) -> str:
    return "\n".join([f"Title: {title}", f"Slug: {slug}", "Date: 2026-01-05", *lines, "", "Text."])


def approved(text: str) -> str:
    return f"Author: Al Reader\nDate: 2026-01-08\nStatus: approved\n\n{text}\n"


SITE = {
    "essays/open.md": essay("open", "Open & honest"),
    "essays/closed.md": essay("closed", "Closed for now", "Comments: closed"),
    "essays/off.md": essay("off", "Switched off", "Comments: off"),
    "essays/hidden.md": essay("hidden", "Unlisted notes", "Status: hidden"),
    "essays/hidden-closed.md": essay("hidden-closed", "Shut", "Status: hidden", "Comments: off"),
    "essays/closing-soon.md": essay("closing-soon", "Closing soon"),
    "comments/closed/01-before.md": approved("Said before closing."),
    "comments/hidden/01-first.md": approved("Said on an unlisted page."),
    "comments/hidden-closed/01-first.md": approved("Said before it was shut."),
    # A name written by hand (or by an older inbox) that turns the text after it around.
    "comments/open/01-turned.md": approved("Said backwards.").replace("Al Reader", "\u202eAl"),
}


@pytest.fixture(scope="module")
def owner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The owner's project with a local inbox (as `invoke comment-inbox` runs it), the site
    built with the inbox's endpoint and served."""
    project = make_project(tmp_path_factory.mktemp("owner"), SITE)
    with serving(project / "output") as site:
        env = {**local_environment(project), "COMMENTS_SITE_ORIGIN": site}  # --origin <site>
        inbox = Inbox({**env, "COMMENTS_RATE_PER_MINUTE": "1000"}).start()
        try:
            conf = project / "pelicanconf.py"
            conf.write_text(conf.read_text() + f'\nCOMMENTS_ENDPOINT = "{inbox.url}/comments"\n')
            built = owner_task(project, "build")
            assert built.returncode == 0, built.stdout + built.stderr
            yield {"project": project, "inbox": inbox, "site": site}
        finally:
            inbox.stop()


def pending_branch(project: Path) -> list[str]:
    """Return the comment files on the local inbox's moderation branch."""
    clone = project / ".inbox" / "site"
    names = git("ls-tree", "-r", "--name-only", "comments-pending", cwd=clone).split()
    return [name for name in names if name.startswith("content/comments/")]


def page_of(project: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((project / "output" / slug / "index.html").read_text(), "html.parser")


@pytest.mark.parametrize("slug", ["closed", "off", "hidden-closed"])
def test_a_closed_article_refuses_comments_and_replies_and_shows_no_form(owner, slug):
    project, inbox = owner["project"], owner["inbox"]
    before = pending_branch(project)
    sent = {"article": slug, "name": "Bo", "comment": "A late thought on this."}
    status, body = inbox.post("/comments", sent)
    assert status == 403
    assert json.loads(body)["message"].startswith("Not sent: comments are closed on “")
    # Without script, and as a reply: a page saying so that links back to the article.
    reply = {**sent, "reply_to": "01-before", "page": f"{owner['site']}/{slug}/"}
    status, body = inbox.post("/comments", reply, accept="text/html")
    assert status == 403
    answer = BeautifulSoup(body, "html.parser")
    assert "comments are closed" in answer.select_one("[role=status]").get_text()
    assert answer.select_one("a")["href"] == f"{owner['site']}/{slug}/"
    assert pending_branch(project) == before  # nothing written to git

    page = page_of(project, slug)
    assert page.select_one(".comments__closed")
    assert not page.select(".comments form")  # neither the article's form nor a reply form


def test_a_hidden_article_shows_its_comments_and_takes_more(owner):
    project, inbox = owner["project"], owner["inbox"]
    page = page_of(project, "hidden")
    assert "Said on an unlisted page." in page.select_one("#comment-01-first").get_text()
    assert page.select_one("form.comment-form")
    assert page_of(project, "hidden-closed").select_one("#comment-01-first")
    status, body = inbox.post("/comments", {"article": "hidden", "name": "Cy",
                                            "comment": "Found it through a friend."})  # fmt: skip
    assert status == 202, body
    assert any(name.startswith("content/comments/hidden/") and "-cy" in name
               for name in pending_branch(project))  # fmt: skip
    checked = owner_task(project, "check", ci=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_pending_comments_of_an_article_no_longer_published_never_fail_check(owner):
    folder = owner["project"] / "content" / "comments" / "renamed-since"
    folder.mkdir()
    (folder / "01-late.md").write_text(
        approved("Sent as it was renamed.").replace("approved", "pending")
    )
    try:
        checked = owner_task(owner["project"], "check", ci=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        (folder / "01-late.md").write_text(approved("Approved by mistake."))
        checked = owner_task(owner["project"], "check", ci=True)
        assert "comments for a missing article 'renamed-since'" in checked.stdout
    finally:
        shutil.rmtree(folder)


def test_an_unknown_comments_value_is_an_error_naming_the_file(owner):
    source = owner["project"] / "content" / "essays" / "open.md"
    source.write_text(essay("open", "Open & honest", "Comments: maybe"))
    try:
        for task in ("check", "build"):
            done = owner_task(owner["project"], task)
            assert done.returncode == 1, done.stdout
            assert "content/essays/open.md:4: 'Comments: maybe' is neither open nor closed" in (
                done.stdout + done.stderr
            )
    finally:
        source.write_text(SITE["essays/open.md"])  # a failed build left the site as it was


def test_comment_add_prints_only_what_it_wrote_and_refuses_a_closed_article(owner):
    project = owner["project"]
    email = "From: Sam Reader <sam@example.org>\nSubject: Re\n\nThis one stayed with me.\n"
    done = owner_task(project, "comment-add", "--article", "hidden", "--source", "-",
                      input_text=email)  # fmt: skip
    assert done.returncode == 0, done.stderr
    [line] = done.stdout.splitlines()  # no build log: "Done: Processed ..." was printed here
    # The path as the owner types it next, in the project: git add <it>, comment-approve --path.
    wrote = re.fullmatch(r"wrote (content/comments/hidden/[^/ ]+-sam-reader\.md) \(pending\)", line)
    assert wrote, line
    assert (project / wrote[1]).is_file()
    done = owner_task(project, "comment-add", "--article", "closed", input_text=email)
    assert done.returncode == 2
    assert "comments are closed on 'closed'" in done.stdout + done.stderr
    assert not list((project / "content" / "comments" / "closed").glob("*-sam-reader.md"))


@pytest.mark.browser
def test_a_page_open_before_comments_closed_shows_the_inboxs_refusal(owner, page):
    project = owner["project"]
    page.goto(f"{owner['site']}/closing-soon/")
    source = project / "content" / "essays" / "closing-soon.md"
    source.write_text(essay("closing-soon", "Closing soon", "Comments: closed"))
    assert owner_task(project, "build").returncode == 0
    form = page.locator("form.comment-form")
    form.get_by_label("Name").fill("Di")
    form.locator("textarea").fill("Just in time, I hope.")
    form.get_by_role("button").click()
    form.get_by_text("Not sent: comments are closed on “Closing soon”.").wait_for(timeout=30000)


def test_the_same_comment_sent_twice_is_kept_once(owner):
    project, inbox = owner["project"], owner["inbox"]
    sent = {"article": "open", "name": "Eve Twice", "comment": "Clicked twice, sorry."}
    first = json.loads(inbox.post("/comments", sent)[1])["file"]
    status, body = inbox.post("/comments", sent, accept="text/html")  # a reload, without script
    assert status == 202
    assert "awaits moderation" in body
    assert json.loads(inbox.post("/comments", sent)[1])["file"] == first
    assert [n for n in pending_branch(project) if "-eve-twice" in n] == [
        f"content/comments/open/{first}"
    ]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("\u200b", "Only my name is invisible."),
        ("Gil", "\u200b\u2060\u3164 \u2800"),
        ("\u3164", "\ufeff"),
        ("Hal", "\u0301\u0301\ufe0f"),  # marks with no letter to sit on
    ],
)
def test_a_name_or_comment_that_shows_nothing_is_refused(owner, name, text):
    before = pending_branch(owner["project"])
    status, body = owner["inbox"].post(
        "/comments", {"article": "open", "name": name, "comment": text}
    )
    assert status == 422
    assert json.loads(body)["message"] == "Not sent: a comment needs your name and some text."
    assert pending_branch(owner["project"]) == before


def test_control_characters_never_reach_git(owner):
    project, inbox = owner["project"], owner["inbox"]
    sent = {
        "article": "open",
        "name": "Nul\x00 Reader\x1b",
        "comment": "Bell\x07 and nul\x00 here.",
    }
    file = json.loads(inbox.post("/comments", sent)[1])["file"]
    clone = project / ".inbox" / "site"
    added = git("show", "--numstat", "--format=", "comments-pending", cwd=clone)
    assert added.split("\t")[0].isdigit()  # counted in lines ("-" for a file git calls binary)
    text = git("show", f"comments-pending:content/comments/open/{file}", cwd=clone)
    assert "Author: Nul Reader\n" in text
    assert "Bell and nul here." in text


def test_a_second_inbox_on_the_same_clone_refuses_to_start(owner):
    second = owner_task(owner["project"], "comment-inbox", "--port", str(free_port()), timeout=30)
    assert second.returncode == 2
    assert "another inbox is already running on" in second.stdout + second.stderr
    assert "comment inbox for" not in second.stdout  # it never said it was serving
    sent = {"article": "open", "name": "Flo", "comment": "The first inbox still answers."}
    assert owner["inbox"].post("/comments", sent)[0] == 202


def test_comment_pull_over_staged_changes_says_what_to_do(owner):
    project = owner["project"]
    sent = {"article": "open", "name": "Hal", "comment": "Pulled after all."}
    assert owner["inbox"].post("/comments", sent)[0] == 202
    staged = project / "content" / "essays" / "staged.md"
    staged.write_text(essay("staged", "Staged", "Status: draft"))
    git("add", str(staged), cwd=project)
    done = owner_task(project, "comment-pull")
    assert done.returncode == 2
    said = done.stdout + done.stderr
    assert "you have staged changes (content/essays/staged.md)" in said
    assert "git restore --staged <file>" in said
    assert git("status", "--porcelain", str(staged), cwd=project) == "A  content/essays/staged.md\n"
    git("restore", "--staged", str(staged), cwd=project)
    pulled = owner_task(project, "comment-pull")
    assert "-hal.md" in pulled.stdout, pulled.stdout + pulled.stderr
    staged.unlink()


def test_comment_approve_changes_nothing_when_a_path_is_missing(owner):
    project = owner["project"]
    folder = project / "content" / "comments" / "open"
    folder.mkdir(exist_ok=True)
    hal, flo = folder / "20260111-000000-kit.md", folder / "20260111-000001-lu.md"
    for waiting in (hal, flo):  # as comment-pull or comment-add leaves them
        waiting.write_text(approved("Waiting.").replace("approved", "pending"))
    paths = [
        str(hal.relative_to(project)),
        "content/comments/open/nope.md",
        str(flo.relative_to(project)),
    ]
    done = owner_task(project, "comment-approve", *(f"--path={path}" for path in paths))
    assert done.returncode == 2
    assert "content/comments/open/nope.md: no such comment file" in done.stdout + done.stderr
    assert (status_of(hal), status_of(flo)) == ("pending", "pending")
    for said in (f"{paths[0]}: approved", f"{paths[0]}: already approved"):
        done = owner_task(project, "comment-approve", "--path", paths[0])
        assert done.stdout.strip() == said


def test_comment_approve_on_an_essay_says_it_is_no_comment(owner):
    essay_file = owner["project"] / "content" / "essays" / "open.md"
    before = essay_file.read_text()
    done = owner_task(owner["project"], "comment-approve", "--path", "content/essays/open.md")
    assert done.returncode == 2
    said = done.stdout + done.stderr
    assert "content/essays/open.md: not a comment file" in said
    assert "unknown key" not in said  # was: "unknown key 'slug'. Fix: remove it"
    assert essay_file.read_text() == before


def test_a_reply_to_a_comment_the_inbox_never_saw_is_threaded(owner):
    """A comment published from the owner's branch (sent by email with comment-add, imported)
    is not in the inbox's clone; its page's Reply form must still thread the reply."""
    project = owner["project"]
    by_email = project / "content" / "comments" / "open" / "20260110-000000-ivy.md"
    by_email.parent.mkdir(exist_ok=True)
    by_email.write_text(approved("Sent by email, approved by the owner."))
    git("add", str(by_email), cwd=project)
    git("commit", "-q", "-m", "A comment sent by email", cwd=project)
    assert owner_task(project, "build").returncode == 0
    assert page_of(project, "open").select_one(f"#comment-{by_email.stem} .comment-reply-form")
    sent = {
        "article": "open",
        "name": "Jo",
        "comment": "Replying to Ivy.",
        "reply_to": by_email.stem,
    }
    file = json.loads(owner["inbox"].post("/comments", sent)[1])["file"]
    clone = project / ".inbox" / "site"
    text = git("show", f"comments-pending:content/comments/open/{file}", cwd=clone)
    assert f"Reply-To: {by_email.stem}\n" in text


def test_comments_json_names_no_hidden_article_yet_the_inbox_knows_them(owner):
    public = (owner["project"] / "output" / "comments.json").read_text()
    said = json.dumps(json.loads(public), ensure_ascii=False)
    for unlisted in ("hidden", "Unlisted notes", "Shut"):
        assert unlisted not in said
    assert '"slug": "open"' in said
    # The inbox still refuses a closed hidden article's comments (and takes an open one's).
    sent = {"article": "hidden-closed", "name": "Ken", "comment": "Too late, I see."}
    status, body = owner["inbox"].post("/comments", sent)
    assert (status, json.loads(body)["message"]) == (
        403,
        "Not sent: comments are closed on “hidden-closed”.",
    )


def test_an_inbox_with_no_comments_json_says_so_and_takes_posts_once_it_is_built(owner, tmp_path):
    """A production inbox (its own clone of the bare remote) started before the site was built,
    or after `invoke clean`: the owner is told at once, readers are asked to try later."""
    project = owner["project"]
    clone, remote = tmp_path / "clone", project.parent / "origin.git"
    git("clone", "-q", str(remote), str(clone), cwd=tmp_path)
    manifest, log = tmp_path / "site" / "comments.json", tmp_path / "inbox.log"
    env = {"COMMENTS_REPO": str(clone), "COMMENTS_MANIFEST": str(manifest)}
    inbox = Inbox(env, log=log).start()
    try:
        said = log.read_text()
        assert f"{manifest} is missing, so every comment is refused. Fix: build the site" in said
        sent = {"article": "open", "name": "Lin", "comment": "Sent too early."}
        status, body = inbox.post("/comments", sent)
        assert status == 503
        assert "try again later" in json.loads(body)["message"]
        manifest.parent.mkdir()
        shutil.copy(project / "output" / "comments.json", manifest)
        assert inbox.post("/comments", sent)[0] == 202
    finally:
        inbox.stop()
    names = git("ls-tree", "-r", "--name-only", "comments-pending", cwd=remote).split()
    assert any(name.endswith("-lin.md") for name in names)


def test_comment_approve_names_a_file_that_is_not_utf8_and_changes_nothing(owner):
    project = owner["project"]
    folder = project / "content" / "comments" / "open"
    waiting, broken = folder / "20260112-000000-mo.md", folder / "20260112-000001-bin.md"
    waiting.write_text(approved("Waiting.").replace("approved", "pending"))
    broken.write_bytes(b"\xff\xfeA\x00")
    try:
        for task in ("comment-approve", "comment-spam"):
            done = owner_task(project, task, "--path", "content/comments/open/20260112-*.md")
            assert done.returncode == 2
            said = done.stdout + done.stderr
            assert "Traceback" not in said
            shown = broken.relative_to(project)
            assert f"{shown}: is not UTF-8 text. Fix: save it as UTF-8" in said
            assert status_of(waiting) == "pending"
    finally:
        waiting.unlink()
        broken.unlink()


def test_a_name_cannot_turn_the_page_around(owner):
    project, inbox = owner["project"], owner["inbox"]
    author = page_of(project, "open").select_one("#comment-01-turned .comment__author")
    assert author["dir"] == "auto"  # isolated: the date after it reads as written
    sent = {"article": "open", "name": "\u202eMax\u2066 Reader", "comment": "Turned?"}
    file = json.loads(inbox.post("/comments", sent)[1])["file"]
    clone = project / ".inbox" / "site"
    text = git("show", f"comments-pending:content/comments/open/{file}", cwd=clone)
    assert "Author: Max Reader\n" in text


def test_a_repeated_post_keeps_the_first_email_address(owner):
    project, inbox = owner["project"], owner["inbox"]
    sent = {"article": "open", "name": "Ned", "comment": "Write to me.", "email": "ned@a.example"}
    first = json.loads(inbox.post("/comments", sent)[1])["file"]
    again = json.loads(inbox.post("/comments", {**sent, "email": "someone@b.example"})[1])
    assert again["file"] == first
    store = PrivateStore(Path(local_environment(project)["COMMENTS_PRIVATE_STORE"]))
    assert store.email_of(f"content/comments/open/{first}") == "ned@a.example"


def test_a_refusal_without_a_page_field_links_to_the_article(owner):
    sent = {"article": "closed", "name": "Oz", "comment": "No page field sent."}
    status, body = owner["inbox"].post("/comments", sent, accept="text/html")
    assert status == 403
    link = BeautifulSoup(body, "html.parser").select_one("a")["href"]
    assert link == f"{owner['site']}/closed/"
