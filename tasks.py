"""Tasks for authors and site owners: build, serve, write, check and moderate.

Each task is a thin wrapper over a function of the coaching_kb package; errors a user can fix
are printed as `path:line: what is wrong. Fix: how`, without a traceback.
"""

import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import Any

import invoke
from invoke import Exit

from coaching_kb.errors import SiteError
from coaching_kb.project import CONTENT, DEV_SETTINGS, OUTPUT, PUBLISH_SETTINGS, ROOT

HOST, PORT = "127.0.0.1", 8000
CONTENT_HELP = "the content folder (default content/)"
OUTPUT_HELP = (
    "where the built site is written (default output/; with --settings, the site's own: its "
    "OUTPUT_PATH, else output/ beside its settings file)"
)
VERBOSE_HELP = "also show Pelican's own progress and debug messages"
PORT_HELP = "port to serve on at 127.0.0.1 (default 8000)"


def task(*args: Any, **kwargs: Any) -> Any:
    """Return invoke's task decorator with every argument a --flag.

    A positional argument would swallow `--help` as its value (`invoke new --help` wrote a
    draft titled "--help"); as flags, `--help` always shows the task's help.
    """
    kwargs.setdefault("positional", [])
    if args and callable(args[0]):
        return invoke.task(**kwargs)(args[0])
    return invoke.task(*args, **kwargs)


def reports_errors(function: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a SiteError into its message and exit status 2, with no traceback."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except SiteError as error:
            raise Exit(f"error: {error}", code=2) from None

    return wrapper


def _log_to_terminal(verbose: bool = False) -> None:
    from coaching_kb.terminal import log_progress

    log_progress(verbose)


def _as_typed(path: Path) -> Path:
    """Return `path` as the owner types it next (git add, --path, --output): relative to where they
    are when it is inside, else whole."""
    whole = path.resolve()
    return whole.relative_to(Path.cwd()) if whole.is_relative_to(Path.cwd()) else whole


def _counted(count: int, what: str) -> str:
    return f"{count} {what}{'' if count == 1 else 's'}"


DRAFTS_FAIL_NOTHING = "a draft's warnings fail nothing, even --strict, until it is published"


def _notes(problems: list[Any]) -> str:
    """Return how many warnings, draft warnings, pending items (letters to answer) and notes
    there are, in words."""
    kinds = (
        ("warning", "warning", "warnings"),
        ("draft", "draft warning", "draft warnings"),  # each line says `draft:`
        ("pending", "pending", "pending"),
        ("note", "note", "notes"),
    )
    return ", ".join(
        f"{count} {one if count == 1 else many}"
        for severity, one, many in kinds
        if (count := sum(1 for p in problems if p.severity == severity))
    )


def _summary(problems: list[Any], hints: int = 0) -> str:
    """Return ' (what the problems and hints above were)', '' for none; a draft's warnings
    are warnings all the same, so the summary says why they fail nothing."""
    said = [_notes(problems)] if problems else []
    said += [_counted(hints, "hint")] if hints else []
    why = f"; {DRAFTS_FAIL_NOTHING}" if any(p.severity == "draft" for p in problems) else ""
    return f" ({', '.join(said)} above{why})" if said else ""


def _ordered(problems: list[Any]) -> list[Any]:
    """Return problems warnings first, errors last, so the errors stay in view."""
    return sorted(problems, key=lambda p: (p.is_error, p.path, p.line))


def _failing(problems: list[Any], strict: bool) -> int:
    """Return how many problems fail the run: errors, and warnings too when strict."""
    return sum(1 for p in problems if p.fails(strict=strict))


def _print_problems(problems: list[Any], strict: bool) -> int:
    """Print problems to stderr; return how many fail the run."""
    for problem in _ordered(problems):
        print(problem, file=sys.stderr)
    return _failing(problems, strict)


def _build(
    settings: Path,
    content: str,
    output: str,
    strict: bool,
    verbose: bool,
    owner: str = "",
    keep_going: bool = False,
) -> None:
    """Build and report; with `owner`, the owner's settings file laid over `settings`."""
    from coaching_kb.build import build_site
    from coaching_kb.keep_going import build_keeping_going

    _log_to_terminal(verbose)
    overrides = _owner_overrides(owner)
    folder = Path(content) if content else None
    if keep_going:
        kept = build_keeping_going(settings, folder, Path(output), overrides, strict=strict)
        report = kept.report
    else:
        report, kept = build_site(settings, folder, Path(output), overrides, strict=strict), None
    failing = _print_problems(report.problems, strict)
    if failing:
        kind = "problem" if strict else "error"
        shown = _as_typed(Path(output))
        raise Exit(f"build failed: {_counted(failing, kind)} above; {shown} was left as it was", 1)
    warned = _summary(report.problems)
    if kept and kept.skipped:
        _print_skipped(kept.skipped)
        raise Exit(
            f"built {_as_typed(Path(output))} in {report.seconds:.1f}s{warned}, without the "
            f"{_counted(len(kept.skipped), 'file')} listed above",
            1,
        )  # published, but not everything: CI still sees it
    print(f"built {_as_typed(Path(output))} in {report.seconds:.1f}s{warned}")


def _print_skipped(skipped: dict[str, list[Any]]) -> None:
    """Print each file left out by --keep-going, with its problems (reason and fix)."""
    print(f"skipped {_counted(len(skipped), 'file')}, not published:", file=sys.stderr)
    for problems in skipped.values():
        for problem in problems:
            print(f"  skipped: {problem.located}", file=sys.stderr)


def _owner_overrides(owner: str) -> dict[str, Any]:
    """Return the owner's settings (--settings) to lay over ours; {} for ours."""
    if not owner:
        return {}
    from coaching_kb.build import load_settings
    from coaching_kb.owner_settings import is_ours, owner_overrides

    if is_ours(Path(owner), DEV_SETTINGS):
        raise Exit(f"--settings {owner}: that is this project's own. Fix: leave --settings out", 2)
    return owner_overrides(Path(owner), load_settings(DEV_SETTINGS))


def _output_folder(output: str, settings: str) -> str:
    """Return --output, else with --settings the site's own folder (its OUTPUT_PATH, else
    output/ beside its settings file, as Pelican would), else our output/."""
    if output:
        return output
    if not settings:
        return str(OUTPUT)
    owned = _owner_overrides(settings).get("OUTPUT_PATH")
    return owned or str(Path(settings).resolve().parent / "output")


def _content_folder(content: str, settings: str) -> str:
    """Return --content, else '' for the owner's PATH (with --settings), else content/."""
    return content or ("" if settings else str(CONTENT))


SETTINGS_HELP = (
    "a site's own pelicanconf.py: its settings win, with our plugins and theme added "
    "(default: this project's); its PATH is the content folder unless --content is given"
)
KEEP_GOING_HELP = (
    "publish every file that is fine, skip those with errors and list them (exit 1 if any)"
)


@task(
    help={
        "content": CONTENT_HELP,
        "output": OUTPUT_HELP,
        "strict": "treat warnings as errors too (on by default when CI is set)",
        "verbose": VERBOSE_HELP,
        "settings": SETTINGS_HELP,
        "keep-going": KEEP_GOING_HELP,
    }
)
@reports_errors
def build(c, content="", output="", strict=False, verbose=False, settings="", keep_going=False):
    """Check, then build the site with development settings into output/."""
    strict = strict or bool(os.environ.get("CI"))
    output = _output_folder(output, settings)
    _build(DEV_SETTINGS, _content_folder(content, settings), output, strict, verbose, settings,
           keep_going)  # fmt: skip


@task(
    help={
        "content": CONTENT_HELP,
        "output": OUTPUT_HELP,
        "strict": "fail on warnings too (on by default; --no-strict to publish despite them)",
        "verbose": VERBOSE_HELP,
    }
)
@reports_errors
def publish(c, content=str(CONTENT), output=str(OUTPUT), strict=True, verbose=False):
    """Check, then build the site with production settings (publishconf.py)."""
    _build(PUBLISH_SETTINGS, content, output, strict, verbose)


@task(help={"output": "the built site to remove (default output/)"})
def clean(c, output=str(OUTPUT)):
    """Remove the built site, the sites and staging folders builds left beside it, and every
    cache the project keeps (.cache/ beside it and ours)."""
    from coaching_kb.staging import leftovers

    final = Path(output).resolve()
    for folder in {final, *leftovers(final), final.parent / ".cache", ROOT / ".cache"}:
        shutil.rmtree(folder, ignore_errors=True)


SERVING_HELP = {  # serve and livereload take the same options
    "port": PORT_HELP,
    "content": CONTENT_HELP,
    "output": OUTPUT_HELP,
    "settings": SETTINGS_HELP,
    "keep-going": KEEP_GOING_HELP,
}


@task(help=SERVING_HELP)
@reports_errors
def serve(c, port=PORT, content="", output="", settings="", keep_going=False):
    """Build once, then serve the site at http://127.0.0.1:8000 (no rebuilds)."""
    from coaching_kb.serve import SiteServer

    _log_to_terminal()  # first: reading the settings may log, and only progress is shown
    output = _output_folder(output, settings)
    ready = threading.Event()
    server = SiteServer(Path(output), HOST, int(port), ready=ready)  # a taken port: said now
    with _serving_while(server, ""):
        try:
            _build(DEV_SETTINGS, _content_folder(content, settings), output, False, False,
                   settings, keep_going)  # fmt: skip
        except Exit as stopped:
            if not (keep_going and (Path(output) / "index.html").is_file()):
                raise
            print(stopped.message or "", file=sys.stderr)  # serve what was built all the same
        ready.set()


@task(help=SERVING_HELP)
@reports_errors
def livereload(c, port=PORT, content="", output="", settings="", keep_going=False):
    """Serve at http://127.0.0.1:8000; rebuild on every change and reload open pages."""
    from coaching_kb.build import load_settings
    from coaching_kb.preview import Preview
    from coaching_kb.serve import Reloads, SiteServer
    from coaching_kb.watch import watch

    _log_to_terminal()  # first: reading the settings may log, and only progress is shown
    output = _output_folder(output, settings)
    overrides = _owner_overrides(settings)
    folder = Path(content or load_settings(DEV_SETTINGS, None, overrides)["PATH"])
    reloads, ready = Reloads(), threading.Event()
    server = SiteServer(Path(output), HOST, int(port), reloads, ready)  # a taken port: said now
    # The full build after quick pages: every other page (lists, hubs, related) catches up.
    preview = Preview(DEV_SETTINGS, folder, Path(output),
                      caught_up=lambda report: _report_rebuild(preview, report, reloads),
                      overrides=overrides, keep_going=keep_going,
                      owner=Path(settings) if settings else None)  # fmt: skip
    with preview, _serving_while(server, " with live reload"):
        _report_rebuild(preview, preview.rebuild(), reloads)  # the first build indexes search too
        ready.set()

        def rebuild(changed: list[str], only_edits: bool) -> None:
            names = ", ".join(Path(p).name for p in changed[:3])
            more = " and more" if len(changed) > 3 else ""
            print(f"changed: {names}{more}; rebuilding", flush=True)
            _report_rebuild(preview, preview.rebuild(changed, only_edits), reloads)

        watched = [folder, ROOT / "theme", ROOT / "plugins", DEV_SETTINGS]
        watched += [Path(settings)] if settings else []
        threading.Thread(
            target=watch, args=(watched, rebuild, lambda: reloads.stopped), daemon=True
        ).start()


def _report_rebuild(preview: Any, report: Any, reloads: Any) -> None:
    """Print a preview build's problems (and files skipped); reload open pages if it built."""
    failing = _print_problems(report.problems, strict=False)
    if failing:
        print(f"build failed: {_counted(failing, 'error')} above; still serving the last good site")
        reloads.bump(failure=tuple(str(p) for p in _ordered(report.problems) if p.is_error))
        return
    if preview.skipped:
        _print_skipped(preview.skipped)
    reloads.bump()
    print(f"built in {report.seconds:.1f}s", flush=True)


@contextmanager
def _serving_while(server: Any, what: str) -> Iterator[None]:
    """Serve in the background while the block builds, then until Ctrl-C.

    The port is taken first, so a busy port is said at once; until the first build is in,
    every page says the site is being built (and reloads itself).
    """
    # A shell starting us in the background may have set Ctrl-C to be ignored: take it back.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # `kill PID` stops us as Ctrl-C does, so the live preview's build process stops too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    print(f"serving at {server.base_url}/{what} (Ctrl-C stops); building the site", flush=True)
    try:
        yield
        print(f"ready at {server.base_url}/", flush=True)
        while serving.is_alive():
            serving.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


@task(
    help={
        "title": "the post's title",
        "kind": "essay (default) or qa",
        "author": "the author's name as in content/authors/",
        "tags": "comma-separated topics",
        "content": CONTENT_HELP,
        "settings": "a site's own pelicanconf.py: the draft goes in its content folder, beside "
        "most of its posts (their folder is often their section)",
    }
)
@reports_errors
def new(c, title="", kind="essay", author="", tags="", content="", settings=""):
    """Create a draft essay or Q&A with today's date; never overwrites a file."""
    from coaching_kb.build import load_settings
    from coaching_kb.scaffold import new_post, posts_folder

    if not title.strip():
        raise Exit('new: no title. Fix: invoke new --title "Your title"', 2)
    folder = None
    # The site's settings: its slug rules name the draft's address (and, with --settings,
    # its content folder is where the draft goes).
    site = load_settings(DEV_SETTINGS, Path(content) if content and settings else None,
                         _owner_overrides(settings))  # fmt: skip
    if settings:
        content = site["PATH"]
        folder = posts_folder(site) if kind == "essay" else None
    path = new_post(Path(content or CONTENT), kind, title, author, tags, folder=folder)
    if author.strip():
        _warn_of_missing_profile(author.strip(), path, site if settings else None, content)
    preview = f"invoke livereload --settings {settings}" if settings else "invoke livereload"
    address = f"/drafts/{draft_slug(site, title.strip(), path)}/"
    print(
        f"wrote {_as_typed(path)}: write it ({preview} shows it at {address}), "
        "set 'Status: published' (or remove the line), then commit"
    )


def draft_slug(site: dict[str, Any], title: str, path: Path) -> str:
    """Return the slug Pelican gives the draft `invoke new` wrote at `path`: from its title
    (or its file name, as SLUGIFY_SOURCE says), with the site's own slug rules."""
    from coaching_kb.content.slugs import slug_of

    return slug_of(path.stem if site.get("SLUGIFY_SOURCE") == "basename" else title, site)


def _warn_of_missing_profile(author: str, draft: Path, site: Any, content: str) -> None:
    """Say, on stderr, that the new draft's author has no profile, and how to add one."""
    from coaching_kb.build import load_settings
    from coaching_kb.content.authors import missing_profile

    site = site or load_settings(DEV_SETTINGS, Path(content or CONTENT))
    if said := missing_profile(author, site):
        print(f"warning: {_as_typed(draft)}: {said}", file=sys.stderr)


@task(
    help={
        "content": "the content folder to check (default content/)",
        "strict": "fail on warnings too (on by default when CI is set)",
        "settings": SETTINGS_HELP,
    }
)
@reports_errors
def check(c, content="", strict=False, settings=""):
    """Check every content file as the build reads it; print path:line: problem. Fix: how."""
    from coaching_kb.build import load_settings, refuse_sources_in
    from coaching_kb.check.checks import inspect_folder

    _log_to_terminal()
    strict = strict or bool(os.environ.get("CI"))
    content = _content_folder(content, settings)
    folder = Path(content) if content else None
    loaded = load_settings(DEV_SETTINGS, folder, _owner_overrides(settings))
    refuse_sources_in(Path(_output_folder("", settings)).resolve(), loaded)  # as build does
    found = inspect_folder(loaded)
    for problem in _ordered(found.problems):
        print(problem)
    failing = _failing(found.problems, strict)
    if failing:
        raise Exit(f"check: {_counted(failing, 'problem')}", 1)
    for hint in found.hints:
        print(hint)
    shown = _as_typed(Path(content)) if content else "the content"
    print(f"check: {shown} is fine{_summary(found.problems, len(found.hints))}")


def _comments_dir(content: str) -> Path:
    return Path(content) / "comments"


@task(
    name="comment-add",
    help={
        "article": "the slug of the article the comment is on",
        "source": "a file holding the email or text (default: standard input)",
        "author": "the commenter's name, when the text is not an email",
        "url": "the commenter's website, shown with their name (optional)",
        "content": CONTENT_HELP,
    },
)
@reports_errors
def comment_add(c, article="", source="-", author="", url="", content=str(CONTENT)):
    """Write a pending comment from an email or text; approve it to publish."""
    from coaching_kb.moderation.files import (
        add_comment,
        read_message,
        require_article,
        submission_from_message,
    )
    from coaching_kb.moderation.owner import LOCAL_FOLDER
    from coaching_kb.moderation.private import PrivateStore

    require_article(_settings_for(content), article)
    sent = submission_from_message(read_message(source), author=author, url=url)
    now = sent.sent_at or datetime.now(UTC)
    path = add_comment(_comments_dir(content), article, sent, now)
    # The address stays out of git, in the store a local inbox uses, beside the content folder.
    project = Path(content).resolve().parent
    item = str(path.resolve().relative_to(project))
    PrivateStore(project / LOCAL_FOLDER / "private.sqlite").keep(item, sent.email, now)
    print(f"wrote {_as_typed(path)} (pending)")


def _settings_for(content: str) -> dict[str, Any]:
    from coaching_kb.build import load_settings

    return load_settings(DEV_SETTINGS, Path(content))


def _set_statuses(paths: list[str], status: str) -> None:
    from coaching_kb.moderation.files import (
        comment_paths,
        filed_as_spam_by_glob,
        require_comment_files,
        set_status,
        status_of,
    )

    if not paths:
        raise Exit(
            "no comment given. Fix: name each file with --path, e.g. "
            "--path content/comments/<article>/<file>.md (repeat --path for more)", 2
        )  # fmt: skip
    kept = filed_as_spam_by_glob(paths) if status == "approved" else set()
    named = comment_paths(paths)
    require_comment_files(named, _settings_for(str(CONTENT)))
    before = {one: status_of(one) for one in named}  # every file read first: all or none changes
    for one in named:
        if one in kept:
            print(f"{one}: left as spam (filed by the inbox or comment-triage); "
                  "to publish it, give its own path, without a glob")  # fmt: skip
        elif before[one] == status:
            print(f"{one}: already {status}")
        else:
            set_status(one, status)
            print(f"{one}: {status}")


PATH_HELP = (
    "comment files: a path or a quoted glob, e.g. 'content/comments/<article>/*-sam.md' "
    "(repeat for more)"
)


@task(name="comment-approve", iterable=["path"], help={"path": PATH_HELP})
@reports_errors
def comment_approve(c, path):
    """Publish the given comment files (Status: approved)."""
    _set_statuses(path, "approved")


@task(name="comment-spam", iterable=["path"], help={"path": PATH_HELP})
@reports_errors
def comment_spam(c, path):
    """Mark the given comment files as spam; they stay in git, unpublished."""
    _set_statuses(path, "spam")


@task(name="comment-triage", help={"content": CONTENT_HELP})
@reports_errors
def comment_triage(c, content=str(CONTENT)):
    """File pending comments the spam scorer flags as spam, with why (never deletes)."""
    from coaching_kb.moderation.files import triage

    marked = triage(_comments_dir(content))
    for path, reason in marked:
        print(f"spam ({reason}): {_as_typed(path)}")
    print(f"comment-triage: {len(marked)} marked as spam")


SPAM_DATA = ROOT.parent / "shared" / "eval" / "spam" / "youtube-dev.jsonl"


@task(
    name="spam-train",
    help={"data": f"labelled comments, JSON lines (default {SPAM_DATA})"},
)
@reports_errors
def spam_train(c, data=str(SPAM_DATA)):
    """Fit the spam model (at release time) and print its figures on comments it never saw."""
    from coaching_kb.moderation.spam_model import MODEL_FILE
    from coaching_kb.moderation.spam_training import release

    if not Path(data).is_file():
        raise Exit(f"spam-train: {data} does not exist. Fix: pass --data <labelled .jsonl>", 2)
    for name, row in release(Path(data)).items():  # a few minutes: nested cross-validation
        print(f"{name}: " + ", ".join(f"{key} {value}" for key, value in row.items()))
    print(f"spam-train: wrote {MODEL_FILE.relative_to(ROOT)}")


@task(
    name="comment-inbox",
    help={
        "port": "port to listen on at --host (default 8100)",
        "host": "address to listen on (default 127.0.0.1; 0.0.0.0 behind a reverse proxy)",
        "repo": "the inbox's own git clone (default: $COMMENTS_REPO, else one it makes in .inbox/)",
        "origin": "the site's origin allowed to post from a page's script, e.g. https://example.org",
    },
)
@reports_errors
def comment_inbox(c, port=8100, host="127.0.0.1", repo="", origin=""):
    """Run the comment and question inbox: form posts become pending files on a git branch."""
    from coaching_kb.moderation.inbox import InboxSettings, create_app, serve
    from coaching_kb.moderation.owner import local_environment, require_own_clone
    from coaching_kb.terminal import log_progress

    env = dict(os.environ)
    if repo:
        env["COMMENTS_REPO"] = repo
    if env.get("COMMENTS_REPO"):
        require_own_clone(Path(env["COMMENTS_REPO"]).resolve(), ROOT)
    else:
        env.update(local_environment(ROOT))  # never this working copy: a clone of its own
    if origin:
        env["COMMENTS_SITE_ORIGIN"] = origin
    settings = InboxSettings.from_env(env)
    log_progress(warnings=True)  # what the owner must fix (comments.json missing, say)
    ready = f"comment inbox for {settings.repo} (branch {settings.branch}) at http://{host}:{port}/"
    serve(create_app(settings), host, int(port), lambda: print(ready, flush=True))


@task(
    name="comment-pull",
    help={
        "remote": "where the inbox's branch is (default: a local inbox's clone, else origin)",
        "branch": "the moderation branch (default comments-pending)",
    },
)
@reports_errors
def comment_pull(c, remote="", branch="comments-pending"):
    """Merge the comments and questions the inbox received into this branch, for moderation."""
    from coaching_kb.moderation.owner import pull

    pulled = pull(ROOT, remote, branch)
    source = _as_typed(Path(pulled.source)) if Path(pulled.source).is_dir() else pulled.source
    for name in pulled.files:
        print(f"new: {name}")
    for name in pulled.skipped:
        print(f"skipped: {name} (you had it before; deleted or renamed since)")
    if not pulled.files:
        print(f"comment-pull: nothing new from {source}")
        return
    print(f"comment-pull: {_counted(len(pulled.files), 'file')} from {source}; "
          "moderate with invoke comment-triage and comment-approve")  # fmt: skip


@task(
    help={
        "articles": "comma-separated corpus sizes (default 1000,10000)",
        "runs": "builds per configuration; medians are reported (default 3)",
        "tags": "also measure the tag-heavy corpus: 500 articles, 1,200 tags (default on)",
        "cold-runs": "of those runs, how many are a site's first build, nothing cached (default 1)",
        "quality": "only related-list quality: NDCG@5 on the blog sets and Lee, by method",
        "related-cost": "only what related_topics adds to `pelican` builds of --articles",
    }
)
def bench(c, articles="1000,10000", runs=3, tags=True, cold_runs=1, quality=False,
          related_cost=False):  # fmt: skip
    """Measure build time and memory by corpus, against plain Pelican, and related quality."""
    from coaching_kb.bench.suite import run_suite

    if quality or related_cost:
        if quality:
            _print_related_quality()
        if related_cost:
            _print_related_cost([int(n) for n in articles.split(",") if n.strip()], int(runs))
        return
    sizes = [int(n) for n in articles.split(",") if n.strip()]
    figures = run_suite(sizes, int(runs), print, tags=tags, cold_runs=int(cold_runs))
    print()
    q = figures["quality"]
    print(f"quality: NDCG@5 on coaching_kb/bench/judgements.json ({q['queries']:.0f} queries)")
    for name, value in q.items():
        if name not in ("queries", "ndcg5_plugin", "ndcg5_tfidf_baseline", *REREAD):
            print(f"  {name:<34} {value:.3f}")
    print(f"  second reading of {q['reread_queries']:.0f} queries ({q['reread_pairs']:.0f} pairs): "
          f"same grade {q['same_grade']:.0%}, within one grade {q['within_one']:.0%}")  # fmt: skip
    _print_lee(figures.get("lee", {}))
    print()
    print("live preview: from saving one article to the open page's reload fetching it (median;")
    print("the watcher's poll, the rebuild, the reload signal and the page request included)")
    for row in figures["preview"]:
        print(f"  {row['articles']:>5} articles: {row['save_to_served_s']:.2f}s, of which "
              f"rebuild {row['rebuild_s']:.2f}s (runs {row['runs_s']}; poll every "
              f"{row['watch_poll_s']}s)")  # fmt: skip
    print()
    print("corpus    articles  pelican s  ours s  ours/pelican [range]  pelican  check"
          "   related  topics  search")  # fmt: skip
    for row in figures["sizes"]:
        print(_speed_row(row))
    print("(Pelican with its own theme and a page per tag, as `pelican` builds a tagged blog;")
    print(" over Pelican writing no tag pages, as this bench measured before 2026-11-24: "
          + ", ".join(f"{row['corpus']} {row['ours_over_pelican_without_tag_pages']:.2f}x"
                      for row in figures["sizes"]) + ")")  # fmt: skip
    by_round = ", ".join(f"{row['corpus']} {row['ratio_runs']}" for row in figures["sizes"])
    print(
        "ours/pelican by round (the first cold-runs rounds: a site's first build, nothing cached"
        f" or kept): {by_round}"
    )
    print("first build (median of the cold rounds): " + ", ".join(
        f"{row['corpus']} {row['ours_over_pelican_first_build']:.2f}x" for row in figures["sizes"]
    ))  # fmt: skip
    print("targets (paired medians): warm over plain Pelican with its reader cache: " + ", ".join(
        f"{row['corpus']} {row['warm_over_pelican_cached']:.2f}x" for row in figures["sizes"]
    ) + "; first build without related_topics over Pelican then Pagefind's CLI: " + ", ".join(
        f"{row['corpus']} {row['first_without_related_over_pelican_then_pagefind']:.2f}x"
        for row in figures["sizes"]
    ))  # fmt: skip
    print("the same in processor seconds (steadier on a shared machine): " + ", ".join(
        f"{row['corpus']} warm {row['warm_over_pelican_cached_cpu']:.2f}x, first "
        f"{row['first_without_related_over_pelican_then_pagefind_cpu']:.2f}x"
        for row in figures["sizes"]
    ))  # fmt: skip
    print()
    print("related_topics: handler = its own work in the build process; added = a whole build")
    print("with it minus one without it, as a share of Pelican's build (median of paired runs);")
    print("cold = the first builds, which embed every article; own cache cold = builds with every")
    print("other cache warm and related_topics's removed; warm = the runs after the first builds")
    print("(the same articles: the last run's lists are read back); edited = one more pair of")
    print("builds after one article changed, which relates every article again (embedding only")
    print("that one)")
    for row in figures["sizes"]:
        print(_related_row(row))
    print()
    print("corpus    bundle KB  first query KB  query ms (median)")
    for row in figures["sizes"]:
        print(f"{row['corpus']:<8}  {row['bundle_kb']:>9.0f}  {row['first_query_kb']:>14.0f}  "
              f"{row['query_ms_median']:>17.1f}")  # fmt: skip


REREAD = ("reread_queries", "reread_pairs", "same_grade", "within_one")


def _print_related_cost(sizes: list[int], runs: int) -> None:
    """Print what related_topics adds to plain `pelican` builds, cold and warm."""
    from coaching_kb.bench.related_cost import related_cost

    print(f"related_topics with `pelican` on its default theme (medians of {runs} rounds):")
    with tempfile.TemporaryDirectory() as work:
        for size in sizes:
            f = related_cost(Path(work), size, runs)
            print(f"  {size} articles: without {f['without']:.1f}s, first build {f['cold']:.1f}s "
                  f"(embedding {f.get('passages', 0):.0f} passages in {f.get('embed', 0):.1f}s), "
                  f"warm {f['warm']:.1f}s: +{f['warm_added_share']:.1%} warm, one article "
                  f"edited {f['edited']:.1f}s: +{f['edited_added_share']:.1%}")  # fmt: skip
            print(f"    processor seconds: without {f['without_cpu']:.1f}, first build "
                  f"{f['cold_cpu']:.1f}, warm {f['warm_cpu']:.1f}: "
                  f"+{f['warm_added_share_cpu']:.1%} warm, one article edited "
                  f"{f['edited_cpu']:.1f}: +{f['edited_added_share_cpu']:.1%}; "
                  f"peak memory {f['peak_mb']:.0f} MB")  # fmt: skip
            print(f"    related_topics' own seconds (its log): first build "
                  f"{f.get('cold_relate', 0):.2f}, warm {f.get('warm_relate', 0):.2f}, "
                  f"one article edited {f.get('edited_relate', 0):.2f}")  # fmt: skip


def _print_related_quality() -> None:
    """Print NDCG@5 of our related lists, each of their models and two baselines, by set."""
    from coaching_kb.bench.related_quality import quality_figures

    figures = quality_figures()
    print("related lists: NDCG@5 (dev: tuned on; held-out: never tuned on)")
    columns = [(name, split) for name, by in figures.items() for split in next(iter(by.values()))]
    print(f"  {'method':<24}" + "".join(f"{f'{n} {s}':>20}" for n, s in columns))
    for method in next(iter(figures.values())):
        cells = [figures[n].get(method, {}).get(s) for n, s in columns]
        print(f"  {method:<24}" + "".join(f"{c:>20.3f}" if c is not None else f"{'-':>20}"
                                          for c in cells))  # fmt: skip


def _print_lee(lee: dict) -> None:
    """Print NDCG@5 and Pearson r on the public Lee set, by method and half."""
    print()
    if not lee:
        print("Lee similarity set: not measured (pip install gensim, which ships it)")
        return
    print("Lee similarity set (50 texts rated by people; gensim's copy): NDCG@5 / Pearson r")
    halves = list(next(iter(lee.values())))
    print(f"  {'method':<42}" + "".join(f"{h:>24}" for h in halves))
    for name, by_half in lee.items():
        cells = [
            f"{f['ndcg5']:.3f} / {f['pearson_r']:.3f}" if "pearson_r" in f else f"{f['ndcg5']:.3f}"
            for f in by_half.values()
        ]
        print(f"  {name:<42}" + "".join(f"{c:>24}" for c in cells))


def _speed_row(row: dict) -> str:
    """Return one corpus's whole-build figures as a table row."""
    low, high = row["ratio_range"]
    stages, plugins = row["stages_s"], row["plugins_s"]
    return (
        f"{row['corpus']:<8}  {row['articles']:>8}  {row['pelican_s']:>9.2f}  {row['ours_s']:>6.2f}"
        f"  {row['ours_over_pelican']:>5.2f}x [{low:.2f}-{high:.2f}]  {stages['pelican']:>7.2f}"
        f"  {stages['check']:>5.2f}  {plugins['related_topics']:>8.2f}"
        f"  {plugins['topics']:>6.2f}  {plugins['pagefind_search']:>6.2f}"
    )


def _related_row(row: dict) -> str:
    """Return one corpus's related_topics figures as a table row."""
    pelican, handler, added = row["pelican_s"], row["related_handler_s"], row["related_added_s"]
    low, high = row["related_added_range_s"]
    return (
        f"{row['corpus']:<8}  handler {handler:>5.2f}s ({100 * handler / pelican:>4.1f}% Pelican)"
        f"  added warm {added:>5.2f}s [{low:.2f}-{high:.2f}]"
        f"  added {row['related_added_mb']:>4.0f} MB"
        f"\n          cold {row['related_added_cold_pct']}%, own cache cold"
        f" {row['related_added_own_cache_cold_pct']}%, warm {row['related_added_warm_pct']}%"
        f", one article edited {row['related_added_edit_pct']}% (whole build"
        f" {row['ours_over_pelican_edit']:.2f}x Pelican); by round"
        f" {row['related_added_share_runs_pct']}%"
    )


@task(
    help={
        "dest": "folder for the PNGs (default: coaching-kb-screenshots in the temp folder)",
        "site": "an already built site to screenshot instead of building content/",
        "compare": "only the first screens of the main pages, small, for docs/screenshots/",
    }
)
@reports_errors
def screenshots(c, dest="", site="", compare=False):
    """Build the sample site and screenshot every page type at phone and desktop widths."""
    import tempfile

    from coaching_kb.build import build_site
    from coaching_kb.screenshots import take_comparison, take_screenshots

    _log_to_terminal()
    target = Path(dest or Path(tempfile.gettempdir()) / "coaching-kb-screenshots").resolve()
    if target.is_relative_to(ROOT) and not target.is_relative_to(ROOT / "docs" / "screenshots"):
        raise Exit("screenshots: choose docs/screenshots/ or a folder outside the repository", 2)
    shoot = take_comparison if compare else take_screenshots
    if site:
        written = shoot(Path(site).resolve(), target)
    else:
        with tempfile.TemporaryDirectory(prefix="screenshots-site-") as folder:
            report = build_site(DEV_SETTINGS, CONTENT, Path(folder) / "output")
            if report.errors:
                raise Exit(f"screenshots: the build failed with {len(report.errors)} errors", 1)
            written = shoot(report.output, target)
    print(f"wrote {len(written)} screenshots to {target}")


@task(
    name="import",
    iterable=["source"],
    help={
        "pages": "a page, a folder of pages, or a quoted glob such as 'old-site/*.txt'",
        "source": "another page, folder or glob (repeat --source for more)",
        "dest": "where to write (default content/imported)",
        "dry-run": "show what would be written; write nothing",
        "force": "replace files that differ from what the import would write",
    },
)
def import_pages(
    c, pages="", source=None, dest=str(CONTENT / "imported"), dry_run=False, force=False
):
    """Import pages copied from an old site: essays, Q&As, comments and author profiles."""
    from coaching_kb.importer.writing import expand_inputs
    from coaching_kb.importer.writing import import_pages as run_import

    inputs = expand_inputs([pages, *(source or [])])
    if not inputs:
        raise Exit("import: no pages given. Fix: invoke import --pages 'old-site/*.txt'", 2)
    run = run_import(inputs, Path(dest), force=force, dry_run=dry_run)
    for report in run.reports:
        print(
            f"{report.source}: {report.essays} essays, {report.questions} Q&As, "
            f"{report.comments} comments ({report.spam} marked spam), "
            f"authors: {', '.join(report.authors) or 'none'}, "
            f"{len(report.dropped)} chrome lines dropped"
        )
        for line in report.dropped:
            reason = line.fate.split(":", 1)[1]
            print(f"  dropped line {line.number} ({reason}): {line.text.strip()[:70]}")
        for item in report.review:
            print(f"  review: {item}")
        for line in report.unaccounted:
            print(f"  NOT IMPORTED line {line.number}: {line.text.strip()[:70]}")
    for path, what in run.files:
        print(f"{what}: {path}")
    for error in run.errors:
        print(f"error: {error}", file=sys.stderr)
    if run.errors:
        count = len(run.errors)
        raise Exit(f"import: {count} file(s) could not be read; the others were imported", 1)


@task(
    help={
        "output": "the built site to check (default output/; with --settings, the site's own)",
        "site-url": "its SITEURL (default: the settings' SITEURL, else read from its home page)",
        "settings": "a site's own pelicanconf.py: check the site `build --settings` wrote",
    }
)
@reports_errors
def verify(c, output="", site_url="", settings=""):
    """Check a built site: links, anchors, assets, HTML, feeds, sitemap, no other hosts."""
    from coaching_kb.verify import verify_site

    output = _output_folder(output, settings)
    if not Path(output).is_dir():
        build = f"invoke build --settings {settings}" if settings else "invoke build"
        raise Exit(f"verify: {output} does not exist. Fix: run {build} first", 2)
    # The site's own address, where its settings give one: its pages may link it absolutely
    # (its feeds, its canonical addresses), or relatively (RELATIVE_URLS) with no way to tell.
    site_url = site_url or (_owner_overrides(settings).get("SITEURL") or "" if settings else "")
    content = (_owner_overrides(settings).get("PATH") or "") if settings else str(CONTENT)
    problems = verify_site(Path(output), site_url, Path(content) if content else None)
    for problem in problems:
        print(problem)
    if problems:
        raise Exit(f"verify: {len(problems)} problems in {_as_typed(Path(output))}", 1)
    print(f"verify: {_as_typed(Path(output))} is fine")
