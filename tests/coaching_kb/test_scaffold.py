"""The author's loop: `invoke new`, then `check`, then `build`."""

import datetime
import re
import shutil

from coaching_kb.scaffold import (
    ANSWER_PLACEHOLDER,
    ASKER_PLACEHOLDER,
    ESSAY_PROMPTS,
    LETTER_PLACEHOLDER,
    SUMMARY_PLACEHOLDER,
)
from coaching_kb.testing import ROOT, parsed_html, write_files

DRAFTS_FAIL = "a draft's warnings fail nothing, even --strict, until it is published"


def test_new_then_check_then_build_round_trips(tmp_path, task):
    content = tmp_path / "content"
    write_files(content, {"authors/ann-lee.md": "Name: Ann Lee\n\nAnn coaches.\n"})
    made = task(
        "new", "--title", "Saying no to your boss", "--author", "Ann Lee", "--content", str(content)
    )
    assert made.returncode == 0, made.stderr
    post = content / "essays" / "saying-no-to-your-boss.md"
    text = post.read_text()
    assert f"Date: {datetime.date.today().isoformat()}" in text
    assert "Status: draft" in text
    qa = task(
        "new",
        "--kind",
        "qa",
        "--title",
        "Should I quit?",
        "--author",
        "Ann Lee",
        "--content",
        str(content),
    )
    assert qa.returncode == 0, qa.stderr
    qa_post = content / "qa" / "should-i-quit.md"
    # Template text in a draft is a note for its writer; it fails nothing, even strict (the
    # README's `git add content` commits drafts, and the deploy's publish is strict).
    post.write_text(post.read_text() + "\n![A chart still to draw](chart.png)\n")
    drafts = task("check", "--strict", "--content", str(content))
    assert drafts.returncode == 0, drafts.stdout
    assert "draft: content" in drafts.stdout or "draft: /" in drafts.stdout
    assert "warning: " not in drafts.stdout
    assert "draft: " in next(line for line in drafts.stdout.splitlines() if "chart.png" in line)
    # The summary calls them what they are and says what --strict does with them: a "note" is
    # another kind (a plugin one of ours replaces).
    said = rf"\(\d+ draft warnings, 1 pending above; {DRAFTS_FAIL}\)"
    summary = drafts.stdout.splitlines()[-1]
    assert re.fullmatch(rf"check: {re.escape(str(content))} is fine {said}", summary), summary
    deployed = task("publish", "--content", str(content), "--output", str(tmp_path / "site"))
    assert deployed.returncode == 0, deployed.stderr
    assert re.search(rf"{said}$", deployed.stdout.strip()), deployed.stdout
    for path in (post, qa_post):
        path.write_text(path.read_text().replace("Status: draft\n", ""))
    published = task("check", "--content", str(content))
    assert published.returncode == 1  # published with the template's text: refused
    assert (
        "should-i-quit.md:10: '(The reader's letter goes here' is the template's"
        in published.stdout
    )
    for path in (post, qa_post):
        path.write_text(
            path.read_text()
            .replace(SUMMARY_PLACEHOLDER, "What to say when the answer is no.")
            .replace(ASKER_PLACEHOLDER, "Tired in Tampere")
            .replace(LETTER_PLACEHOLDER, "(I have a question about my job")
            .replace(ANSWER_PLACEHOLDER, "Stay one more quarter, then decide.")
            .replace(ESSAY_PROMPTS[0], "Your boss asks for one more project.")
            .replace(ESSAY_PROMPTS[1], "Name what you would drop to take it on.")
            .replace(ESSAY_PROMPTS[2], "Ask which project matters least.")
            .replace("\n![A chart still to draw](chart.png)\n", "")
        )
    checked = task("check", "--content", str(content))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # check writes nothing: Pelican's "Done: Processed 2 articles ..." would say it did.
    assert checked.stdout.splitlines() == [f"check: {content} is fine"], checked.stdout
    output = tmp_path / "output"
    built = task("build", "--content", str(content), "--output", str(output))
    assert built.returncode == 0, built.stderr
    essay_html = (output / "saying-no-to-your-boss" / "index.html").read_text()
    assert "Saying no to your boss" in essay_html
    qa_html = (output / "should-i-quit" / "index.html").read_text()
    assert 'class="letter"' in qa_html
    assert 'class="answer"' in qa_html


def test_new_with_an_author_who_has_no_profile_says_how_to_add_one(tmp_path, task):
    """`invoke new --author "Nobody Known"` wrote the draft without a word; check only said
    so later, in a list of draft warnings."""
    content = tmp_path / "content"
    write_files(content, {"authors/ann-lee.md": "Name: Ann Lee\n\nAnn coaches.\n"})
    here = {"cwd": tmp_path}
    known = task("new", "--title", "Known", "--author", "Ann Lee", "--content", "content", **here)
    assert known.returncode == 0, known.stderr
    assert not known.stderr, known.stderr
    made = task("new", "--title", "Unknown", "--author", "Nobody Known", "--content", "content",
                **here)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert (content / "essays" / "unknown.md").is_file()  # written all the same
    assert made.stderr.strip() == (
        "warning: content/essays/unknown.md: author 'Nobody Known' has no profile. Fix: add "
        "content/authors/nobody-known.md (Name: Nobody Known), or use one of: Ann Lee"
    ), made.stderr


def test_new_refuses_to_overwrite(tmp_path, task):
    content = tmp_path / "content"
    first = task("new", "--title", "Same", "--content", str(content))
    assert first.returncode == 0
    path = content / "essays" / "same.md"
    path.write_text("my precious draft")
    second = task("new", "--title", "Same", "--content", str(content))
    assert second.returncode == 2
    assert "already exists" in second.stderr
    assert "Traceback" not in second.stderr
    assert path.read_text() == "my precious draft"
    assert ROOT.exists()


def test_new_on_another_owners_site_writes_beside_their_posts_in_their_section(tmp_path, task):
    """`invoke new --settings`: the draft goes where the site keeps its posts (its folder is
    its section on a Pelican site), and the advice names the command that shows it."""
    from coaching_kb.testing import SITES

    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    settings = tmp_path / "site" / "pelicanconf.py"
    made = task("new", "--title", "Terceira reunião", "--settings", str(settings))
    assert made.returncode == 0, made.stdout + made.stderr
    post = tmp_path / "site" / "content" / "posts" / "terceira-reuniao.md"
    assert post.is_file(), made.stdout
    assert f"invoke livereload --settings {settings} shows it" in made.stdout
    text = post.read_text()
    for prompt in (SUMMARY_PLACEHOLDER, *ESSAY_PROMPTS):
        text = text.replace(prompt, "Mine.")
    post.write_text(text.replace("Status: draft\n", ""))
    out = tmp_path / "out"
    built = task("build", "--settings", str(settings), "--output", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    sections = {
        a.get_text(strip=True) for a in parsed_html(out / "index.html").select(".site-nav a")
    }
    assert sections == {"Sobre", "posts"}, sections  # no new section of its own


def test_new_names_the_drafts_address_by_the_sites_own_slug_rules(tmp_path, task):
    """The live preview shows a draft at drafts/<its slug>/: with the site's
    SLUG_REGEX_SUBSTITUTIONS, not the file's name (the address printed was a 404)."""
    from coaching_kb.build import build_site, load_settings
    from coaching_kb.owner_settings import owner_overrides
    from coaching_kb.preview import DRAFTS_PREVIEWED
    from coaching_kb.testing import SITES

    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    settings = tmp_path / "site" / "pelicanconf.py"
    rules = 'SLUG_REGEX_SUBSTITUTIONS = [(r"[^\\w\\s-]", ""), (r"[-\\s]+", "_")]\n'
    settings.write_text(settings.read_text() + rules)
    made = task("new", "--title", "Terceira reunião", "--settings", str(settings))
    assert made.returncode == 0, made.stdout + made.stderr
    assert "shows it at /drafts/terceira_reuniao/)" in made.stdout, made.stdout
    ours = ROOT / "pelicanconf.py"
    preview = {**owner_overrides(settings, load_settings(ours)), **DRAFTS_PREVIEWED}
    build_site(ours, None, tmp_path / "out", preview)  # as livereload builds it
    assert (tmp_path / "out" / "drafts" / "terceira_reuniao" / "index.html").is_file()


def test_the_files_and_folders_each_task_names_are_as_the_author_types_them(tmp_path, task):
    """From the project folder, `invoke new`, `check`, `build`, `verify` and `comment-triage`
    named /home/.../content/essays/x.md: the author types content/essays/x.md (git add)."""
    write_files(tmp_path / "content", {
        "authors/ann-lee.md": "Name: Ann Lee\n\nAnn coaches.\n",
        "essays/one.md": "Title: One\nDate: 2026-01-01\nAuthor: Ann Lee\n\nText.\n",
        "comments/one/01-bot.md": "Author: Bot\nDate: 2026-01-02\nStatus: pending\n\n"
        "Buy cheap followers now at https://cheap.example/buy https://cheap.example/now\n",
    })  # fmt: skip
    here, content = {"cwd": tmp_path}, str(tmp_path / "content")
    made = task("new", "--title", "Saying no", "--author", "Ann Lee", "--content", content, **here)
    assert made.stdout.startswith("wrote content/essays/saying-no.md: "), made.stdout
    checked = task("check", "--content", content, **here)
    assert checked.stdout.splitlines()[-1].startswith("check: content is fine ("), checked.stdout
    built = task("build", "--content", content, "--output", str(tmp_path / "out"), **here)
    assert built.stdout.splitlines()[-1].startswith("built out in "), built.stdout
    verified = task("verify", "--output", str(tmp_path / "out"), **here)
    assert verified.stdout.splitlines()[-1] == "verify: out is fine", verified.stdout
    triaged = task("comment-triage", "--content", content, **here)
    assert "): content/comments/one/01-bot.md" in triaged.stdout, triaged.stdout
