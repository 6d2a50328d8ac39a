"""Sites shaped like other people's Pelican sites: check, build and verify hold up on each."""

import random
from pathlib import Path

import pytest

from coaching_kb.build import build_site, load_settings
from coaching_kb.check.checks import inspect_folder
from coaching_kb.scaffold import SUMMARY_PLACEHOLDER
from coaching_kb.testing import ROOT, SITES, copy_site, run_tasks, write_files
from coaching_kb.testing import parsed_html as html
from coaching_kb.verify import verify_site

SETTINGS = ROOT / "pelicanconf.py"
SHAPES = sorted(p.name for p in SITES.iterdir() if p.is_dir())


@pytest.mark.parametrize("shape", SHAPES)
def test_check_then_build_then_verify_never_crash_and_agree(shape, tmp_path, caplog):
    content = copy_site(shape, tmp_path)
    found = inspect_folder(load_settings(SETTINGS, content))
    report = build_site(SETTINGS, content, tmp_path / "output")
    # A record carrying an exception is a traceback on the command line.
    assert not [r.getMessage() for r in caplog.records if r.exc_info], shape
    check_fine = not found.errors
    assert check_fine == (not report.failed()), (found.problems, report.problems)
    assert {str(p) for p in found.errors} == {str(p) for p in report.problems if p.is_error}
    if check_fine:
        assert verify_site(tmp_path / "output") == []


# The command line's own path, on a clean site and on each kind of problem it prints (every
# shape's own problems, and any exception they log, are the in-process test's above).
COMMAND_LINE_SHAPES = ["bare_site", "missing_titles", "plugin_directive", "template_in_content"]


def test_invoke_prints_no_traceback_for_any_shape(tmp_path):
    commands = []  # each shape in a folder of its own: the eight runs side by side
    for shape in COMMAND_LINE_SHAPES:
        content = copy_site(shape, tmp_path / shape)
        for command in (["check"], ["build", "--output", str(tmp_path / shape / "out")]):
            commands.append((shape, [*command, "--content", str(content)]))
    for (shape, command), result in zip(
        commands, run_tasks(*(c for _, c in commands)), strict=True
    ):
        said = result.stdout + result.stderr
        assert "Traceback" not in said, f"{shape}: {command[0]}:\n{said}"


@pytest.fixture(scope="module")
def yaml_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The yaml_front_matter site as it is, built once for the tests that only read it:
    (its content, its output)."""
    folder = tmp_path_factory.mktemp("yaml")
    content, out = copy_site("yaml_front_matter", folder), folder / "output"
    assert not build_site(SETTINGS, content, out).failed()
    return content, out


def test_yaml_front_matter_is_read_as_pelican_reads_it(yaml_site):
    content, out = yaml_site
    assert not inspect_folder(load_settings(SETTINGS, content)).problems
    page = html(out / "first-steps-as-a-team-lead" / "index.html")
    assert page.select_one("h1").get_text() == "First steps as a team lead"
    assert (out / "topics" / "onboarding" / "index.html").exists()
    # Flow lists ([a, b]) are YAML lists: no bracket is left on a topic's name.
    assert (out / "topics" / "first-weeks" / "index.html").exists()
    topics = [a.get_text().strip() for a in page.select("a[rel~=tag]")]
    assert not [name for name in topics if "[" in name or "]" in name], topics


def test_yaml_quotes_dates_lists_and_blocks_are_yamls(yaml_site):
    page = html(yaml_site[1] / "why-a-story" / "index.html")
    assert page.select_one("h1").get_text() == "Why: a story"  # no quotes, the colon kept
    assert page.select_one("time[datetime]")["datetime"].startswith("2026-05-06")
    description = page.select_one('meta[name="description"]')["content"]
    assert description.startswith("A story about why, told in two lines.")


def test_yaml_that_does_not_parse_is_one_error_naming_its_line_in_check_and_build(tmp_path):
    content = copy_site("yaml_front_matter", tmp_path)
    bad = content / "posts" / "bad.md"
    # The '#' starts a comment, so the list never closes: YAML says so at the end, line 5.
    bad.write_text("---\ntitle: Retros\ndate: 2026-05-06\ntags: [retros, #planning]\n---\n\nT.\n")
    found = [str(p) for p in inspect_folder(load_settings(SETTINGS, content)).errors]
    assert len(found) == 1, found
    assert found[0].startswith(f"{bad}:4: the YAML front matter does not parse"), found
    assert '"#planning"' in found[0]  # the fix, in plain words
    built = build_site(SETTINGS, content, tmp_path / "output")
    assert [str(p) for p in built.problems if p.is_error] == found


def test_hugo_and_jekyll_drafts_are_drafts_in_check_and_build(tmp_path):
    content = copy_site("yaml_front_matter", tmp_path)
    unknown = SUMMARY_PLACEHOLDER  # template text: an error in a published post, a note in a draft
    drafts = {
        "hugo.md": "draft: true",
        "jekyll.md": "published: false",
    }
    for name, line in drafts.items():
        text = f"---\ntitle: Unfinished {name}\ndate: 2026-05-01\n{line}\n---\n\n{unknown}\n"
        (content / "posts" / name).write_text(text, encoding="utf-8")
    found = inspect_folder(load_settings(SETTINGS, content))
    assert not found.errors, found.errors
    assert sorted(p.path.rsplit("/", 1)[-1] for p in found.problems) == ["hugo.md", "jekyll.md"]
    out = tmp_path / "output"
    report = build_site(SETTINGS, content, out, strict=True)
    assert not report.failed(strict=True), report.problems
    assert (out / "why-a-story" / "index.html").exists()
    assert not list(out.glob("unfinished*")), list(out.glob("unfinished*"))
    assert "Unfinished" not in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("front_matter", "slug", "title"),
    [  # `---` around Key: value lines, as Python-Markdown's meta reads them, build as before
        ("Title: Hiring: what I got wrong\nDate: 2026-05-12\nTags: hiring",
         "hiring-what-i-got-wrong", "Hiring: what I got wrong"),
        # an unquoted YAML value keeps ' #' and the rest, as a Title: line does
        ("title: Lessons from sprint #3 and the retro\ndate: 2026-05-10",
         "lessons-from-sprint-3-and-the-retro", "Lessons from sprint #3 and the retro"),
    ],
)  # fmt: skip
def test_front_matter_between_dashes_keeps_the_whole_title(tmp_path, front_matter, slug, title):
    content = copy_site("yaml_front_matter", tmp_path)
    post = f"---\n{front_matter}\n---\n\nText.\n"
    (content / "posts" / "new-post.md").write_text(post, encoding="utf-8")
    assert not inspect_folder(load_settings(SETTINGS, content)).errors
    out = tmp_path / "output"
    assert not build_site(SETTINGS, content, out).failed()
    assert html(out / slug / "index.html").select_one("h1").get_text() == title


def test_restructured_text_articles_get_related_topics_and_search(tmp_path):
    content = copy_site("restructured_text", tmp_path)
    out = tmp_path / "output"
    assert not build_site(SETTINGS, content, out).failed()
    page = html(out / "keeping-a-weekly-rhythm" / "index.html")
    related = [a.get_text() for a in page.select(".related a")]
    assert "Why we stopped estimating in hours" in related
    assert page.select_one("[data-pagefind-body]") is not None
    assert (out / "topics" / "planning" / "index.html").exists()
    assert html(out / "colophon" / "index.html").select_one("[data-pagefind-body]")


def test_a_first_heading_becomes_the_missing_title(tmp_path):
    content = copy_site("heading_titles", tmp_path)
    out = tmp_path / "output"
    assert not build_site(SETTINGS, content, out).failed()
    page = html(out / "feedback-loops-that-close" / "index.html")
    headings = [h.get_text() for h in page.select("h1")]
    assert headings == ["Feedback loops that close"]  # once: the heading became the title


def test_a_missing_template_falls_back_with_a_warning(tmp_path):
    content = copy_site("template_lines", tmp_path)
    out = tmp_path / "output"
    report = build_site(SETTINGS, content, out)
    assert not report.failed()
    warned = " ".join(report.warnings)
    assert "fancy-post.md:3: 'Template: fancy' asks for fancy.html, which is in none" in warned
    assert "landing.md:2: 'Template: landing-page' asks for landing-page.html" in warned
    assert "Fix: remove the 'Template:' line, or add fancy.html to theme/templates" in warned
    assert (out / "a-fancy-post" / "index.html").exists()
    assert build_site(SETTINGS, content, tmp_path / "strict", strict=True).failed(strict=True)


def test_slugs_ending_in_html_build_and_are_in_the_sitemap(tmp_path):
    content = copy_site("html_slugs", tmp_path)
    out = tmp_path / "output"
    assert not build_site(SETTINGS, content, out).failed()
    assert (out / "old-post.html" / "index.html").is_file()
    assert "old-post.html/" in (out / "sitemap.xml").read_text()


def test_pages_that_would_replace_ours_are_errors_naming_each_file(tmp_path):
    content = copy_site("reserved_pages", tmp_path)
    problems = inspect_folder(load_settings(SETTINGS, content)).errors
    said = {Path(p.path).name: p.message for p in problems}
    assert set(said) == {"search.md", "topics.md", "home.md", "not-found.md"}
    assert (
        "'search/index.html' is already used by the site's own 'search.html'" in said["search.md"]
    )
    assert "'index.html' is already used by the site's own 'index.html'" in said["home.md"]
    assert all("Fix:" in message for message in said.values())


def test_relative_images_and_files_work_from_the_built_page(tmp_path):
    content = copy_site("relative_images", tmp_path)
    out = tmp_path / "output"
    assert not build_site(SETTINGS, content, out).failed()
    for slug in ("the-whiteboard", "nested"):
        page_folder = out / slug
        image = html(page_folder / "index.html").select_one(".article__body img")
        assert (page_folder / image["src"]).resolve().is_file(), image["src"]
        assert image["width"] == "1"  # the images plugin still found and sized it
    link = html(out / "the-whiteboard" / "index.html").select_one("a[href$='handout.pdf']")
    assert (out / "the-whiteboard" / link["href"]).resolve().is_file()


def test_an_untagged_article_mentioning_a_tag_outside_the_vocabulary_builds(tmp_path):
    content = copy_site("untagged_mentions", tmp_path)
    out = tmp_path / "output"
    assert not build_site(SETTINGS, content, out).failed()
    hub = html(out / "topics" / "remote-work" / "index.html")
    assert "Working from home" in hub.get_text()


def test_unknown_keys_are_warnings_not_errors(tmp_path):
    content = copy_site("unknown_metadata_keys", tmp_path)
    found = inspect_folder(load_settings(SETTINGS, content))
    assert not found.errors
    assert [p.message for p in found.problems] == [
        "unknown key 'sumary'. Fix: did you mean 'Summary:'?"
    ]


def test_a_site_without_topics_authors_or_questions_shows_none_of_them(tmp_path):
    content = copy_site("bare_site", tmp_path)
    out = tmp_path / "output"
    assert not build_site(SETTINGS, content, out).failed()
    home = html(out / "index.html")
    assert "Ask the Coach" not in home.select_one("main").get_text()
    assert not (out / "topics" / "index.html").exists()
    assert not list((out / "authors").glob("*/index.html"))
    byline = html(out / "just-a-post" / "index.html").select_one(".article__facts")
    assert "By " not in byline.get_text()


def test_file_names_with_spaces_and_accents_build(tmp_path):
    content = copy_site("names_with_spaces_and_accents", tmp_path)
    out = tmp_path / "output"
    assert not build_site(SETTINGS, content, out).failed()
    for slug in ("uber-mein-cafe", "my-first-post", "resume-tips"):
        assert (out / slug / "index.html").is_file()


def test_extra_files_are_published_at_the_root_and_robots_txt_is_kept(tmp_path):
    content = copy_site("extra_files", tmp_path)
    out = tmp_path / "output"
    assert not build_site(SETTINGS, content, out).failed()
    assert (out / "favicon.ico").read_bytes() == b"\x00\x00\x01\x00"
    assert (out / "CNAME").read_text() == "blog.example.org\n"
    assert "Disallow: /private/" in (out / "robots.txt").read_text()


def test_a_file_without_any_title_is_one_clear_error(tmp_path):
    content = copy_site("missing_titles", tmp_path)
    report = build_site(SETTINGS, content, tmp_path / "output")
    assert [p.message.split(".")[0] for p in report.problems] == ["the title is missing or empty"]
    assert report.problems[0].path.endswith("no-title.md")


def test_a_thousand_tags_make_a_small_topic_index_and_a_capped_map(tmp_path):
    rng = random.Random(20261123)
    tags = [f"theme {number}" for number in range(1200)]
    write_files(tmp_path / "content", {
        f"post-{n}.md": f"Title: Post {n}\nDate: 2020-01-01\nTags: {', '.join(rng.sample(tags, 6))}"
        "\n\nA few words.\n"
        for n in range(400)
    })  # fmt: skip
    out = tmp_path / "output"
    assert not build_site(SETTINGS, tmp_path / "content", out).failed()
    index = out / "topics" / "index.html"
    assert index.stat().st_size < 100_000
    assert len(html(index).select(".topic-map__wide .topic-map__node")) == 40
    assert len(html(index).select(".topic-map__narrow .topic-map__node")) == 40
    assert len(list((out / "topics").glob("*/index.html"))) > 1000


def test_a_filename_link_to_a_topic_file_reaches_its_hub(tmp_path):
    """`check` finds the topic's file, so the build must link to the page made from it, as
    for an article's file (the link was left as written, dead, with no word said)."""
    content = tmp_path / "content"
    write_files(content, {
        "topics/delegation.md": (ROOT / "content" / "topics" / "delegation.md").read_text(),
        "a.md": "Title: A\nDate: 2020-01-01\n\nRead [the hub]({filename}/topics/delegation.md).\n",
        "b.md": "Title: B\nDate: 2020-01-02\n\nHanding work over is delegation.\n",
    })  # fmt: skip
    assert not inspect_folder(load_settings(SETTINGS, content)).problems
    out = tmp_path / "output"
    report = build_site(SETTINGS, content, out)
    assert not report.problems, report.problems
    hub_link = html(out / "a" / "index.html").find("a", string="the hub")
    assert hub_link["href"] == "../topics/delegation/"
    topic_link = html(out / "b" / "index.html").select_one("a.topic-link")
    assert topic_link["href"] == "../topics/delegation/"
    assert verify_site(out) == []


@pytest.mark.parametrize("file_name", ["Delegation.md", "Hand off.md"])
def test_topic_links_reach_a_hub_whose_file_name_is_not_a_slug(tmp_path, file_name):
    """A topic's hub is named after its file; a `{tag}` link would have slugified the name
    again and pointed elsewhere (`Delegation.md` -> topics/delegation/, a missing page).
    A space is %-escaped in the link, which Pelican and `check` both undo."""
    content = tmp_path / "content"
    topic = (ROOT / "content" / "topics" / "delegation.md").read_text()
    write_files(content, {
        f"topics/{file_name}": topic,
        "a.md": "Title: A\nDate: 2020-01-01\n\nHanding work over is delegation.\n",
        "b.md": "Title: B\nDate: 2020-01-02\n\nMore about delegation.\n",
    })  # fmt: skip
    out = tmp_path / "output"
    assert not build_site(SETTINGS, content, out).failed()
    href = html(out / "a" / "index.html").select_one("a.topic-link")["href"]
    assert (out / "a" / href / "index.html").resolve().is_file()
    assert verify_site(out) == []
