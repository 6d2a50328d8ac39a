"""The comment and question inbox: a small ASGI service (Starlette) readers' forms post to.

Each accepted post becomes a file in the same format `invoke check` validates (a `pending`
or `spam` comment, or a draft Q&A letter), committed to a moderation branch in a clone of the
site's repository that belongs to the inbox alone, pushed, and only then acknowledged. It
commits only the files it wrote and never touches the owner's working copy. A reader's email
address goes to the inbox's private store (outside git), never into a file. Moderation stays
in git: `invoke comment-pull`, then `comment-approve` / `comment-spam`, then a merge publishes.

Run it with `invoke comment-inbox`, or `uvicorn coaching_kb.moderation.inbox:create_app
--factory --no-proxy-headers` behind any reverse proxy; it is configured by `COMMENTS_*`
environment variables (see `InboxSettings`), so no secret ever sits in the repository.
`--no-proxy-headers` leaves the reader's address to COMMENTS_TRUSTED_PROXIES: uvicorn would
otherwise believe X-Forwarded-For from any local process.
"""

import asyncio
import contextlib
import fcntl
import html
import ipaddress
import json
import logging
import os
import queue
import re
import subprocess
import threading
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from coaching_kb.content import replies as said
from coaching_kb.content.comments import unlisted_key
from coaching_kb.content.replies import Replies
from coaching_kb.errors import SiteError

from .files import BLOCKLIST_NAME, Question, Submission, add_comment, add_question, is_blank
from .private import PrivateStore
from .spam import Context, read_blocklist, score

log = logging.getLogger(__name__)

LIMITS = {"article": 200, "name": 100, "email": 254, "url": 300, "comment": 5000,
          "reply_to": 100, "website": 300, "title": 200, "letter": 8000, "asker": 100,
          "page": 500, "lang": 35}  # fmt: skip
MANIFEST = "comments.json"  # written by the static_comments plugin into the built site
LINE_BREAK = re.compile(r"\r\n?")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class InboxSettings:
    """Where and how the inbox writes; every field has a `COMMENTS_<NAME>` variable."""

    repo: Path  # COMMENTS_REPO: the inbox's own git clone of the site (nobody works in it)
    branch: str = "comments-pending"  # COMMENTS_BRANCH: the moderation branch
    remote: str = "origin"  # COMMENTS_REMOTE: pushed to after each commit ('' for none)
    site_origin: str = ""  # COMMENTS_SITE_ORIGIN: the site's origin, the only one CORS allows
    manifest: Path | None = None  # COMMENTS_MANIFEST: the built site's comments.json
    content: str = "content"  # COMMENTS_CONTENT: the content folder inside the repository
    rate_per_minute: int = 6  # COMMENTS_RATE_PER_MINUTE: posts one address may make a minute
    max_request_bytes: int = 32_768  # COMMENTS_MAX_REQUEST_BYTES: larger posts are refused
    # COMMENTS_PRIVATE_STORE: the SQLite file of readers' email addresses, outside the clone
    # (default: beside it, `<clone>-private.sqlite`)
    private_store: Path | None = None
    # COMMENTS_TRUSTED_PROXIES: addresses or networks (comma-separated) of the reverse proxies
    # whose X-Forwarded-For names the reader; from anyone else the header is ignored
    trusted_proxies: tuple[Network, ...] = ()

    @property
    def store(self) -> PrivateStore:
        default = self.repo.parent / f"{self.repo.name}-private.sqlite"
        return PrivateStore(self.private_store or default)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "InboxSettings":
        """Return the settings from COMMENTS_* variables; raise SiteError when one is wrong."""
        env = dict(os.environ if env is None else env)
        if not env.get("COMMENTS_REPO"):
            raise SiteError("comment-inbox: COMMENTS_REPO is not set. Fix: point it at a git "
                            "clone of the site the inbox may commit to")  # fmt: skip
        repo = Path(env["COMMENTS_REPO"]).resolve()
        store = env.get("COMMENTS_PRIVATE_STORE")
        manifest = env.get("COMMENTS_MANIFEST") or str(repo / "output" / MANIFEST)
        try:
            return cls(
                repo=repo,
                branch=env.get("COMMENTS_BRANCH", cls.branch),
                remote=env.get("COMMENTS_REMOTE", cls.remote),
                site_origin=env.get("COMMENTS_SITE_ORIGIN", ""),
                manifest=Path(manifest),
                content=env.get("COMMENTS_CONTENT", cls.content),
                rate_per_minute=int(env.get("COMMENTS_RATE_PER_MINUTE", cls.rate_per_minute)),
                max_request_bytes=int(env.get("COMMENTS_MAX_REQUEST_BYTES", cls.max_request_bytes)),
                private_store=Path(store).resolve() if store else None,
                trusted_proxies=networks(env.get("COMMENTS_TRUSTED_PROXIES", "")),
            )  # fmt: skip
        except ValueError as error:
            fix = "write numbers in digits, proxies as addresses or networks (10.0.0.0/8)"
            raise SiteError(
                f"comment-inbox: a COMMENTS_* value is wrong ({error}). Fix: {fix}"
            ) from None


def networks(text: str) -> tuple[Network, ...]:
    """Return the addresses and networks of a comma-separated list; raise ValueError."""
    return tuple(ipaddress.ip_network(item.strip()) for item in text.split(",") if item.strip())


class Refused(Exception):
    """A post the inbox will not take: the HTTP status and the reason a person can read (one
    of coaching_kb.content.replies' messages, English, and what fills its `%(name)s`)."""

    def __init__(self, status: int, reason: str, **variables: object) -> None:
        super().__init__(reason % variables)
        self.status = status
        self.reason = reason
        self.variables = variables

    def said(self, replies: Replies) -> str:
        """Return the refusal in the reader's language."""
        return replies.say(said.REFUSED, reason=replies.say(self.reason, **self.variables))


@dataclass
class Job:
    """One file to write and commit, and the place its outcome is handed back."""

    write: Callable[[], Path]
    done: threading.Event = field(default_factory=threading.Event)
    path: Path | None = None
    error: str = ""  # why it was not stored: a reply's message, filled from `detail`
    detail: dict[str, str] = field(default_factory=dict)


class GitQueue:
    """Writes files one thread at a time and commits and pushes them in batches.

    A request waits for its batch: when it is answered, its file is committed and pushed.
    Only the files of the batch are committed; a file written just before a crash was never
    acknowledged, and stays untracked in the inbox's clone.
    """

    def __init__(self, settings: InboxSettings) -> None:
        self.settings = settings
        self.jobs: queue.Queue[Job] = queue.Queue()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.lock: IO[str] | None = None  # the clone's inbox lock (see hold_lock)

    def start(self) -> None:
        prepare_branch(self.settings)
        self.thread.start()

    def submit(self, write: Callable[[], Path], timeout: float = 120) -> Path:
        """Return the committed file `write` wrote; raise Refused (503) if it could not be."""
        job = Job(write)
        self.jobs.put(job)
        if not job.done.wait(timeout) or job.path is None:
            raise Refused(503, job.error or said.TIMED_OUT, **job.detail)
        return job.path

    def _run(self) -> None:
        while True:
            batch = [self.jobs.get()]
            while not self.jobs.empty() and len(batch) < 200:
                batch.append(self.jobs.get_nowait())
            self._write_and_commit(batch)

    def _write_and_commit(self, batch: list[Job]) -> None:
        written = []
        for job in batch:
            try:
                job.path = job.write()
                written.append(job)
            except (SiteError, OSError) as error:
                job.error, job.detail = said.NOT_WRITTEN, {"error": str(error)}
                job.done.set()
        if not written:
            return
        try:
            commit_and_push(self.settings, [job.path for job in written if job.path])
        except SiteError as error:
            log.error("comment inbox: %s", error)
            for job in written:
                job.path, job.error = None, said.NOT_SAVED
        for job in written:
            job.done.set()


def git(settings: InboxSettings, *arguments: str, check: bool = True) -> str:
    """Run git in the inbox's repository; return its output; raise SiteError on failure."""
    who = {"NAME": "Comment inbox", "EMAIL": "inbox@localhost"}
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    env.update({f"GIT_{role}_{key}": value for role in ("AUTHOR", "COMMITTER")
                for key, value in who.items()})  # fmt: skip
    if token := os.environ.get("COMMENTS_PUSH_TOKEN"):  # from the environment, never a file
        env.update(GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0="http.extraHeader",
                   GIT_CONFIG_VALUE_0=f"Authorization: Bearer {token}")  # fmt: skip
    done = subprocess.run(["git", "-C", str(settings.repo), *arguments], env=env,
                          capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    if check and done.returncode != 0:
        raise SiteError(f"git {arguments[0]} failed: {(done.stderr or done.stdout).strip()[:300]}")
    return done.stdout


def prepare_branch(settings: InboxSettings) -> None:
    """Check out the moderation branch (from the remote's, if it has one)."""
    lock = settings.repo / ".git" / "index.lock"
    lock.unlink(missing_ok=True)  # left by a crash: the inbox is the only writer here
    branch, remote = settings.branch, settings.remote
    has_local = git(settings, "rev-parse", "--verify", "--quiet", branch, check=False).strip()
    if remote:
        git(settings, "fetch", "--quiet", remote, check=False)
    has_remote = (
        remote
        and git(
            settings, "rev-parse", "--verify", "--quiet", f"{remote}/{branch}", check=False
        ).strip()
    )
    if has_local:
        git(settings, "checkout", "--quiet", branch)
    elif has_remote:
        git(settings, "checkout", "--quiet", "-b", branch, f"{remote}/{branch}")
    else:
        git(settings, "checkout", "--quiet", "-b", branch)


def require_checkout(settings: InboxSettings) -> None:
    """Raise SiteError unless the inbox's clone has a commit to start its branch from: a clone
    of a bare remote whose HEAD names no branch has none, and a branch started there would
    share no history with the site's, so `comment-pull` could never merge it."""
    repo, branch, remote = settings.repo, settings.branch, settings.remote
    if not (repo / ".git").exists():
        raise SiteError(f"comment-inbox: {repo} is not a git clone of the site. Fix: git clone "
                        f"<the site's repository> {repo}")  # fmt: skip
    try:  # git refusing the clone (another user's, say) is a different fix from the one below
        git(settings, "rev-parse", "--git-dir")
    except SiteError as error:
        raise SiteError(f"comment-inbox: git cannot use {repo}: {error}") from None
    starts = ["HEAD", branch, *([f"{remote}/{branch}"] if remote else [])]
    if not any(git(settings, "rev-parse", "--verify", "--quiet", start, check=False).strip()
               for start in starts):  # fmt: skip
        raise SiteError(
            f"comment-inbox: {repo} has no commit checked out (its remote's HEAD names no "
            f"branch), so the inbox's branch would share no history with the site's. "
            f"Fix: git -C {repo} checkout main (the site's branch)"
        )


def hold_lock(settings: InboxSettings) -> IO[str]:
    """Return the open lock file that makes this the clone's only inbox (the system lets go of
    it when the process ends, however it ends); raise SiteError while another inbox holds it:
    two would take turns failing readers' posts on git's own lock."""
    folder = Path(git(settings, "rev-parse", "--absolute-git-dir").strip())
    handle = (folder / "comment-inbox.lock").open("a", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise SiteError(
            f"comment-inbox: another inbox is already running on {settings.repo}. Fix: use that "
            "one, or stop it (Ctrl-C) first; a second inbox needs a clone of its own "
            "(COMMENTS_REPO)"
        ) from None
    return handle


def commit_and_push(settings: InboxSettings, paths: list[Path]) -> None:
    """Commit the files at `paths` (and nothing else), then push the branch."""
    names = [str(path.relative_to(settings.repo)) for path in paths]
    git(settings, "add", "--", *names)
    if git(settings, "diff", "--cached", "--name-only", "--", *names).strip():
        message = f"Inbox: {len(names)} new item(s) for moderation"
        git(settings, "commit", "--quiet", "-m", message, "--", *names)
    if settings.remote:
        git(settings, "push", "--quiet", settings.remote, f"HEAD:refs/heads/{settings.branch}")


@dataclass(frozen=True, slots=True)
class Known:
    """An article of the built site the inbox takes comments for (or refuses, closed)."""

    title: str
    url: str = ""
    is_closed: bool = False
    published: frozenset[str] = frozenset()  # its published comments' ids (Reply forms)


class KnownSlugs:
    """The articles of the built site, reread when its comments.json changes.

    An older COMMENTS_MANIFEST naming related.json still works: comments.json beside it is
    read instead when it is there (related.json lists neither hidden nor closed articles).
    """

    def __init__(self, manifest: Path | None) -> None:
        self.manifest = manifest
        self.stamp = -1.0
        self.articles: dict[str, Known] = {}
        self.lang = "en"  # the site's language
        self.replies: dict[str, dict[str, str]] = {}  # the inbox's words, by page language

    @property
    def path(self) -> Path | None:
        """Return the file read: comments.json, beside an older manifest when it is there."""
        manifest = self.manifest
        if manifest is not None and manifest.with_name(MANIFEST).is_file():
            return manifest.with_name(MANIFEST)
        return manifest

    def missing(self) -> str:
        """Return what the owner must do when there is no manifest to read ('' when there is)."""
        path = self.path
        if path is None or path.is_file():
            return ""
        return (f"comment inbox: {path} is missing, so every comment is refused. Fix: build the "
                "site with the settings that set COMMENTS_ENDPOINT (invoke build when "
                "pelicanconf.py sets it, invoke publish for publishconf.py), or point "
                "COMMENTS_MANIFEST at the published site's comments.json (the copy your "
                "host serves, at <site>/comments.json)")  # fmt: skip

    def find(self, slug: str) -> Known | None:
        """Return the article, or None when the site has no such article; raise Refused (503)
        when there is no manifest, after logging the fix for the owner."""
        if error := self.missing():
            log.error("%s", error)
            raise Refused(503, said.NOT_READY)
        self.read()
        return self.articles.get(slug) or self.articles.get(unlisted_key(slug))

    def read(self) -> None:
        """Read the manifest again if it changed since it was last read (and is there)."""
        manifest = self.path
        if manifest is None or not manifest.is_file():
            return
        stamp = manifest.stat().st_mtime
        if stamp != self.stamp:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            found = (known_from(a) for a in data["articles"])
            self.articles = {key: known for key, known in found if key}
            self.lang = str(data.get("lang") or "en")
            self.replies = data.get("replies") or {}
            self.stamp = stamp

    def replies_in(self, lang: str = "") -> Replies:
        """Return the inbox's replies in `lang`, the language of the page the form was on,
        else in the site's (English before the site is built, or for an older manifest)."""
        self.read()
        chosen = next((code for code in (lang, self.lang) if code in self.replies), "en")
        return Replies(chosen, self.replies.get(chosen, {}))  # English words say "en"


def known_from(entry: dict[str, Any]) -> tuple[str, Known]:
    """Return an article's key and the article as comments.json lists it (related.json lists
    less: none closed; a hidden one is keyed by its unlisted key, named by its slug)."""
    closed = entry.get("comments") == "closed"
    published = frozenset(entry.get("published", ()))
    if "unlisted" in entry:
        return entry["unlisted"], Known("", "", closed, published)
    return entry.get("slug", ""), Known(entry["title"], entry.get("url", ""), closed, published)


def client_address(request: Request, proxies: tuple[Network, ...]) -> str:
    """Return the reader's address: the peer's, or, when the peer is a configured proxy, the
    last address in X-Forwarded-For that is not a proxy (the ones before it can be forged)."""
    peer = request.client.host if request.client else "unknown"
    chain = [peer]
    if proxies and is_among(peer, proxies):
        forwarded = request.headers.get("x-forwarded-for", "")
        chain = [peer, *reversed([hop.strip() for hop in forwarded.split(",") if hop.strip()])]
    return next((hop for hop in chain if not is_among(hop, proxies)), chain[-1])


def is_among(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False  # not an address (a forged header, say): never a trusted proxy
    return any(parsed in network for network in proxies)


def page_link(page: str, site_origin: str) -> str:
    """Return the page a form was sent from, as a link back: only a page of the site itself."""
    if site_origin and page.startswith(site_origin.rstrip("/") + "/"):
        return page
    page = from_site_root(page)
    if page.startswith("/") and not page.startswith("//") and "\\" not in page:
        return site_origin.rstrip("/") + page
    return site_origin.rstrip("/") + "/" if site_origin else ""


def article_link(article: Known, site_origin: str) -> str:
    """Return the article's own address, for a form post that named no page."""
    return f"{site_origin.rstrip('/')}/{article.url}" if site_origin and article.url else ""


def from_site_root(page: str) -> str:
    """Return a page's relative address ('../../essay/', what a site built with relative URLs
    sends) as one from the site's root ('/essay/'): a page's way up always ends there."""
    if not page.startswith(("./", "../")):
        return page
    while page.startswith(("./", "../")):
        page = page.split("/", 1)[1]
    return "/" + page


class RateLimit:
    """At most `per_minute` posts from one reader (one address) in any minute.

    The addresses live only in memory, for a minute: none is ever written anywhere.
    """

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.seen: dict[str, deque[float]] = defaultdict(deque)
        self.lock = threading.Lock()

    def allow(self, address: str) -> bool:
        now = time.monotonic()
        with self.lock:
            recent = self.seen[address]
            while recent and now - recent[0] > 60:
                recent.popleft()
            if len(recent) >= self.per_minute:
                return False
            recent.append(now)
            return True


async def read_form(request: Request, limit: int) -> dict[str, str]:
    """Return the posted form fields; refuse oversized, non-UTF-8 or non-form bodies."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise Refused(415, said.NOT_A_FORM)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Refused(413, said.TOO_BIG, limit=limit)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise Refused(413, said.TOO_BIG, limit=limit)
    try:
        text = body.decode("utf-8")
        fields = parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise Refused(400, said.NOT_UTF8) from None
    # A browser without script sends each line break as CR LF: count and keep what was typed.
    form = {name: LINE_BREAK.sub("\n", values[0]) for name, values in fields.items()}
    for name, value in form.items():
        if len(value) > LIMITS.get(name, 300):
            raise Refused(422, said.FIELD_TOO_LONG, field=name, limit=LIMITS.get(name, 300))
    return form


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def answer(request: Request, code: int, message: str, replies: Replies, back: str = "",
           **extra: Any) -> Response:  # fmt: skip
    """Return the outcome as JSON (for the page's script) or as a short HTML page linking
    `back` to the page the form was on, in the language of `replies`."""
    if wants_json(request):
        return JSONResponse({"message": message, **extra}, status_code=code)
    title = html.escape(replies.say(said.THANK_YOU if code < 400 else said.NOT_SENT))
    back_text = html.escape(replies.say(said.BACK))
    link = f'<p><a href="{html.escape(back, True)}">{back_text}</a></p>' if back else ""
    page = (
        f'<!doctype html><html lang="{html.escape(replies.tag, True)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head><body>"
        f'<main><p role="status">{html.escape(message)}</p>{link}</main></body></html>'
    )
    return HTMLResponse(page, status_code=code)


def create_app(settings: InboxSettings | None = None) -> Starlette:
    """Return the inbox application (the factory uvicorn's `--factory` calls)."""
    # uvicorn's access log would keep every reader's address (in `docker logs`, say), however
    # the app is started; the README promises none is stored.
    logging.getLogger("uvicorn.access").disabled = True
    if settings is None:  # run by uvicorn itself: a misconfiguration is one line, no traceback
        try:
            settings = InboxSettings.from_env()
            require_checkout(settings)
            lock = hold_lock(settings)
        except SiteError as error:
            raise SystemExit(str(error)) from None
    else:
        require_checkout(settings)
        lock = hold_lock(settings)
    git_queue = GitQueue(settings)
    git_queue.lock = lock  # held as long as the app lives
    slugs = KnownSlugs(settings.manifest)
    if missing := slugs.missing():  # before the first reader's post is refused for it
        log.warning("%s", missing)
    limit = RateLimit(settings.rate_per_minute)
    content = settings.repo / settings.content
    private = settings.store

    def admit(request: Request) -> None:
        if not limit.allow(client_address(request, settings.trusted_proxies)):
            raise Refused(429, said.TOO_MANY)

    async def store(write: Callable[[], Path], email: str, now: datetime) -> Path:
        path = await asyncio.to_thread(git_queue.submit, write)
        item = str(path.relative_to(settings.repo))
        await asyncio.to_thread(private.keep, item, email, now)
        return path

    async def receive_comment(request: Request) -> Response:
        back, replies = "", slugs.replies_in()
        try:
            admit(request)
            form = await read_form(request, settings.max_request_bytes)
            replies = slugs.replies_in(form.get("lang", ""))
            back = page_link(form.get("page", ""), settings.site_origin) if form.get("page") else ""
            slug, name, body = (
                form.get("article", ""),
                form.get("name", ""),
                form.get("comment", ""),
            )
            article = slugs.find(slug)
            if article is None:
                raise Refused(422, said.NO_ARTICLE, slug=slug)
            back = back or article_link(article, settings.site_origin)
            title = article.title or slug  # a hidden article's is not in comments.json
            if article.is_closed:
                raise Refused(403, said.CLOSED, title=title)
            if is_blank(name) or is_blank(body):
                raise Refused(422, said.EMPTY_COMMENT)
            field = {name: form.get(name, "").strip() for name in ("url", "reply_to")}
            sent = Submission(name.strip(), body.strip(), **field)
            blocklist = read_blocklist(content / "comments" / BLOCKLIST_NAME)
            verdict = score(sent.body, Context(title, form.get("website", ""), blocklist,
                                               sent.author, sent.url))  # fmt: skip
            status = "spam" if verdict.is_spam else "pending"
            now = datetime.now(UTC)
            parents = article.published
            path = await store(
                lambda: add_comment(content / "comments", slug, sent, now, status, parents),
                form.get("email", ""),
                now,
            )
        except Refused as refused:
            return answer(request, refused.status, refused.said(replies), replies, back)
        log.info("comment inbox: %s (%s)", path.relative_to(settings.repo), status)
        return answer(request, 202, replies.say(said.COMMENT_TAKEN), replies, back,
                      status="pending", file=path.name)  # fmt: skip

    async def receive_question(request: Request) -> Response:
        back, replies = "", slugs.replies_in()
        try:
            admit(request)
            form = await read_form(request, settings.max_request_bytes)
            replies = slugs.replies_in(form.get("lang", ""))
            back = page_link(form.get("page", ""), settings.site_origin)
            letter = form.get("letter", "")
            if len([word for word in letter.split() if not is_blank(word)]) < 5:
                raise Refused(422, said.SHORT_QUESTION)
            # Rules only: the model learnt from comments, not letters, and a refused letter is
            # lost to its reader (a comment flagged as spam is only filed, for a person to see).
            trap = Context(honeypot=form.get("website", ""))
            if score(letter, trap, rules_only=True).is_spam:
                raise Refused(422, said.ADVERTISING)
            sent = Question(form.get("title", ""), letter, form.get("asker", ""))
            now = datetime.now(UTC)
            path = await store(lambda: add_question(content, sent, now), form.get("email", ""), now)
        except Refused as refused:
            return answer(request, refused.status, refused.said(replies), replies, back)
        log.info("comment inbox: %s (question)", path.relative_to(settings.repo))
        return answer(request, 202, replies.say(said.QUESTION_TAKEN), replies, back,
                      status="pending", file=path.name)  # fmt: skip

    async def health(_request: Request) -> Response:
        return JSONResponse({"ok": git_queue.thread.is_alive()})

    origins = [settings.site_origin] if settings.site_origin else []
    return Starlette(
        routes=[
            Route("/comments", receive_comment, methods=["POST"]),
            Route("/questions", receive_question, methods=["POST"]),
            Route("/health", health, methods=["GET"]),
        ],
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=["POST"],
                allow_headers=["Accept"],
            )
        ],
        lifespan=lambda _app: started(git_queue),
    )


def serve(app: Starlette, host: str, port: int, on_ready: Callable[[], None]) -> None:
    """Run `app` with uvicorn; call `on_ready` once it listens (never before a refusal)."""
    import uvicorn

    class Announced(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets)
            if self.started:
                on_ready()

    # No access log (it would keep readers' addresses); a reader's address comes from
    # COMMENTS_TRUSTED_PROXIES, never from uvicorn's own trust of local proxies.
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            proxy_headers=False)  # fmt: skip
    Announced(config).run()


@contextlib.asynccontextmanager
async def started(git_queue: GitQueue) -> AsyncIterator[None]:
    """Check out the moderation branch and start the writer before the first request."""
    await asyncio.to_thread(git_queue.start)
    yield
