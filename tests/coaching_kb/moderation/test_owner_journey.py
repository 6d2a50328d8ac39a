"""Issue 35, done when: an owner follows the README from `invoke comment-inbox` to a published,
threaded comment and an answered letter, while their own unfinished work is left alone.

Everything is real: the owner's project in git with a bare `origin`, the inbox started with
`invoke comment-inbox` (uvicorn), the site built and served, readers' forms filled in Chromium,
and each moderation step run as the README writes it.
"""

import re
from pathlib import Path

import pytest

from coaching_kb.content.front_matter import parse
from coaching_kb.content.slugs import slug_of
from coaching_kb.moderation.testing import ESSAY, git, make_project, owner_task
from coaching_kb.serve import serving

LETTER = (
    "My two senior engineers argue in every planning meeting and the rest of the team has "
    "stopped speaking. How do I lead a meeting where everyone talks?"
)
SCRIPT = "<script>alert('xss')</script>"
SITE = {
    "essays/leading-quietly.md": "Title: Leading quietly\nDate: 2026-01-05\n\nListen first.\n",
    "pages/ask.md": "Title: Ask the coach\nSlug: ask\n\nWrite to us.\n",
}


def send_comment(form, name: str, text: str) -> None:
    """Fill a comment (or reply) form as a reader does and wait for the inbox's answer."""
    form.get_by_label("Name").fill(name)
    form.locator("textarea").fill(text)
    form.get_by_role("button").click()
    form.get_by_text("awaits moderation").wait_for(timeout=30000)


def run(project: Path, *arguments: str, ci: bool = False, ok: bool = True) -> str:
    """Run one README command in the owner's project; return what it printed (all of it when
    it is expected to fail, `ok` False)."""
    done = owner_task(project, *arguments, ci=ci)
    if not ok:
        assert done.returncode != 0, f"invoke {' '.join(arguments)} passed:\n{done.stdout}"
        return done.stdout + done.stderr
    assert done.returncode == 0, f"invoke {' '.join(arguments)}:\n{done.stdout}{done.stderr}"
    return done.stdout


@pytest.mark.browser
@pytest.mark.slow
def test_an_owner_follows_the_readme_from_inbox_to_published_thread_and_answer(
    tmp_path, start_inbox, page
):
    project = make_project(tmp_path, SITE)
    # The owner's own work in progress: a draft nobody committed and an edit not yet saved.
    draft = project / "content" / "essays" / "unfinished.md"
    draft.write_text("Title: Half a thought\nDate: 2026-02-01\nStatus: draft\n\nSo far\n")
    essay = project / "content" / "essays" / "leading-quietly.md"
    essay.write_text(essay.read_text() + "\nAn edit not yet committed.\n")
    work = {draft: draft.read_text(), essay: essay.read_text()}

    with serving(project / "output") as site:
        # invoke comment-inbox --port 8100 --origin http://127.0.0.1:8000
        inbox = start_inbox({}, project, "--origin", site)
        conf = project / "pelicanconf.py"  # the two endpoints, as the README says
        conf.write_text(
            conf.read_text() + f'\nCOMMENTS_ENDPOINT = "{inbox.url}/comments"\n'
            f'QA_SUBMIT_ENDPOINT = "{inbox.url}/questions"\n'
        )
        run(project, "build")

        page.goto(f"{site}/{ESSAY}/")
        send_comment(page.locator("form.comment-form"), "Ada Reader", "This helped my team.")
        send_comment(page.locator("form.comment-form"), "Mal Icious", f"Hi {SCRIPT} there")
        page.goto(f"{site}/ask/")
        # The same letter sent twice (kept once), and by another reader (one title, two
        # addresses).
        for signature in ("Quiet Team", "Quiet Team", "Quiet Too"):
            form = page.locator("form.question-form")
            form.get_by_label("Sign your letter as").fill(signature)
            form.get_by_label("Your question").fill(LETTER)
            form.get_by_role("button").click()
            form.get_by_text("will be read").wait_for(timeout=30000)
            page.reload()

        pulled = run(project, "comment-pull")
        assert pulled.count("new: ") == 4, pulled
        run(project, "comment-triage")
        every = f"content/comments/{ESSAY}/*.md"
        run(project, "comment-approve", "--path", every)
        checked = run(project, "check")
        assert checked.count("awaits your answer") == 2, checked

        run(project, "build")  # the approved comments are published, each with a Reply form
        page.goto(f"{site}/{ESSAY}/")
        (ada,) = (project / "content" / "comments" / ESSAY).glob("*-ada-reader.md")
        reply = page.locator(f"#comment-{ada.stem} .comment__reply")
        reply.locator("summary").click()
        send_comment(reply, "Bea", "Same here, thank you.")

    assert "new: " in run(project, "comment-pull")
    run(project, "comment-approve", "--path", f"content/comments/{ESSAY}/*-bea.md")
    first, second = sorted((project / "content" / "qa").glob("*.md"))
    answered = first.read_text().replace("Status: draft\n", "")
    first.write_text(answered.replace("(Your answer goes here.)", "Ask each one to go last."))
    git("add", str(first), str(project / "content" / "comments"), cwd=project)
    git("commit", "-q", "-m", "Answer a letter, publish comments", cwd=project)

    # The local endpoints are still in pelicanconf.py, which publishconf.py imports: the
    # production build refuses them, naming the setting, until the real ones are set.
    local = run(project, "publish", ci=True, ok=False)
    assert "COMMENTS_ENDPOINT is 'http://127.0.0.1:" in local
    conf = project / "publishconf.py"
    conf.write_text(
        conf.read_text() + '\nCOMMENTS_ENDPOINT = "https://inbox.notes.example/comments"\n'
        'QA_SUBMIT_ENDPOINT = "https://inbox.notes.example/questions"\n'
    )
    published = run(project, "publish", ci=True)  # as GitHub Actions runs it: CI=true
    assert "(1 pending above)" in published  # the second letter waits: never a problem
    html = (project / "output" / ESSAY / "index.html").read_text()
    thread = re.search(
        rf'id="comment-{ada.stem}".*?<ol class="comments__list">\s*<li class="comment" '
        r'id="comment-[^"]*-bea"',
        html,
        re.DOTALL,
    )
    assert thread is not None  # the reply is shown under the comment it answers
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html  # the reader's text is shown as typed
    # Published, the answer's address comes from its title, not the inbox's file name.
    address = slug_of(parse(first.read_text(), str(first)).get("title"))
    letter_page = (project / "output" / address / "index.html").read_text()
    assert "Ask each one to go last." in letter_page
    assert not (project / "output" / first.stem).exists()
    assert not (project / "output" / second.stem).exists()  # unanswered: not published

    # Nothing touched the owner's own work: the draft and the edit are as they were, uncommitted.
    assert {path: path.read_text() for path in work} == work
    status = git("status", "--porcelain", cwd=project)
    assert "?? content/essays/unfinished.md" in status
    assert " M content/essays/leading-quietly.md" in status
    assert git("branch", "--show-current", cwd=project).strip() == "main"
