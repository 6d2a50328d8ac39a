"""What a hostile reader sends the inbox, over real HTTP (uvicorn) against a real bare remote:
Pelican placeholders, endless reply chains, a hidden article's public key, addresses spelt
to dodge the rate limit; and an owner's origin written with a trailing slash."""

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coaching_kb.content.comments import MAX_REPLY_DEPTH, unlisted_key
from coaching_kb.content.front_matter import parse
from coaching_kb.errors import SiteError
from coaching_kb.moderation.inbox import RateLimit, origin_of
from coaching_kb.moderation.testing import Inbox, git

ARTICLE = "the-first-ninety-days"
HIDDEN = "a-hidden-essay"
MANIFEST = {"articles": [{"slug": ARTICLE, "url": f"{ARTICLE}/", "title": "The first ninety"},
                         {"unlisted": unlisted_key(HIDDEN)}]}  # fmt: skip
ORIGIN = "http://127.0.0.1:8348"
RATE = 3
addresses = (f"198.51.100.{n}" for n in itertools.count(1))  # one reader per test, or per post


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    remote, clone = root / "remote.git", root / "clone"
    git("init", "-q", "--bare", "-b", "main", str(remote), cwd=root)
    git("clone", "-q", str(remote), str(clone), cwd=root)
    (clone / "content" / "comments").mkdir(parents=True)
    (clone / "content" / "comments" / "blocklist.txt").write_text("shady-pharma\n")
    who = ("-c", "user.name=T", "-c", "user.email=t@example.org")
    git(*who, "add", "-A", cwd=clone)
    git(*who, "commit", "-qm", "site", cwd=clone)
    git("push", "-q", "origin", "main", cwd=clone)
    (root / "comments.json").write_text(json.dumps(MANIFEST))
    return {"remote": remote, "clone": clone, "manifest": root / "comments.json"}


def environment(repo: dict[str, Path], origin: str) -> dict[str, str]:
    return {"COMMENTS_REPO": str(repo["clone"]), "COMMENTS_MANIFEST": str(repo["manifest"]),
            "COMMENTS_SITE_ORIGIN": origin, "COMMENTS_RATE_PER_MINUTE": str(RATE),
            "COMMENTS_TRUSTED_PROXIES": "127.0.0.1"}  # fmt: skip


@pytest.fixture(scope="module")
def inbox(repo):
    # Written as SITEURLs often are: a trailing slash, an uppercase scheme and host.
    running = Inbox(environment(repo, "HTTP://127.0.0.1:8348/")).start()
    yield running
    running.stop()


def send(inbox: Inbox, path: str, fields: dict[str, str], reader: str = "") -> tuple[int, dict]:
    """Post as one reader, whose address the trusted proxy (loopback) forwards."""
    forwarded = {"X-Forwarded-For": reader or next(addresses)}
    status, body = inbox.post(path, fields, headers=forwarded)
    return status, json.loads(body)


def stored(repo: dict[str, Path], name: str) -> str:
    """Return the text of the file `name` on the remote's moderation branch."""
    (found,) = [p for p in git("ls-tree", "-r", "--name-only", "comments-pending",
                               cwd=repo["remote"]).split() if p.endswith(f"/{name}")]  # fmt: skip
    return git("show", f"comments-pending:{found}", cwd=repo["remote"])


PLACEHOLDERS = "see [my notes]({attach}../../.inbox/private.sqlite) and [this](|filename|x.md)"


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/comments", {"article": ARTICLE, "name": "Mallory", "comment": PLACEHOLDERS}),
        (
            "/questions",
            {"title": "My notes", "asker": "M", "letter": f"Dear coach, {PLACEHOLDERS}"},
        ),
    ],
)
def test_a_readers_placeholders_are_stored_as_text(inbox, repo, path, fields):
    status, answer = send(inbox, path, fields)
    assert status == 202, answer
    text = stored(repo, answer["file"])
    assert "{attach}" not in text
    assert "|filename|" not in text
    assert "&#123;attach}../../.inbox/private.sqlite" in text  # shown as typed


def test_a_chain_of_replies_stops_at_the_depth_the_page_shows(inbox, repo):
    parent, files = "", []
    for number in range(MAX_REPLY_DEPTH + 4):
        fields = {"article": ARTICLE, "name": "Chain", "comment": f"Reply {number} in a chain",
                  "reply_to": parent.removesuffix(".md")}  # fmt: skip
        status, answer = send(inbox, "/comments", fields)
        assert status == 202, answer
        parent = answer["file"]
        files.append(parent)
    parents = {name.removesuffix(".md"): parse(stored(repo, name), name).get("reply-to")
               for name in files}  # fmt: skip

    def depth(name: str) -> int:
        return 0 if not parents[name] else 1 + depth(parents[name])

    assert [depth(name.removesuffix(".md")) for name in files[: MAX_REPLY_DEPTH + 1]] == list(
        range(MAX_REPLY_DEPTH + 1)
    )
    assert max(depth(name) for name in parents) == MAX_REPLY_DEPTH


def test_a_hidden_articles_public_key_is_no_article_name(inbox):
    fields = {"name": "Nosy", "comment": "Found you through comments.json"}
    status, _ = send(inbox, "/comments", {**fields, "article": unlisted_key(HIDDEN)})
    assert status == 422
    status, _ = send(inbox, "/comments", {**fields, "article": HIDDEN})
    assert status == 202


def test_an_origin_with_a_trailing_slash_lets_the_site_post(inbox):
    assert inbox.allowed_origin(ORIGIN) == ORIGIN  # what a browser sends
    assert inbox.allowed_origin("http://127.0.0.1:8349") is None


def test_an_origin_that_is_no_origin_is_refused_in_one_line(repo):
    env = {**os.environ, **environment(repo, "https://site.example/blog")}
    done = subprocess.run(
        [sys.executable, "-m", "uvicorn", "coaching_kb.moderation.inbox:create_app", "--factory",
         "--port", "9"], env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    (line,) = [line for line in done.stderr.splitlines() if "COMMENTS_SITE_ORIGIN" in line]
    assert "Fix: " in line


@pytest.mark.parametrize(
    ("written", "origin"),
    [
        ("https://Site.Example:443/", "https://site.example"),
        ("http://[2001:DB8::1]:8080", "http://[2001:db8::1]:8080"),
        ("", ""),
        ("site.example", None),
        ("ftp://site.example", None),
        ("https://site.example/?q=1", None),
        ("https://user@site.example", None),
        ("https://site.example:99999", None),
    ],
)
def test_an_origin_is_read_as_a_browser_sends_it(written, origin):
    if origin is None:
        with pytest.raises(SiteError, match=r"COMMENTS_SITE_ORIGIN .*Fix: "):
            origin_of(written)
    else:
        assert origin_of(written) == origin


@pytest.mark.parametrize(
    "spellings",
    [
        [f"203.0.113.88:{port}" for port in (40001, 40002, 40003, 40004)],  # a proxy adds ports
        [f"2001:db8:1:2::{n:x}" for n in range(1, 5)],  # one /64: one home or phone
        ["203.0.113.77", "::ffff:203.0.113.77", "::ffff:cb00:714d", "[::ffff:203.0.113.77]:80"],
        ["2001:db8:5::1", "2001:0DB8:0005::1", "2001:db8:5:0:0:0:0:1", "[2001:db8:5::1]:443"],
    ],
)
def test_one_reader_however_their_address_is_written_is_rate_limited(inbox, spellings):
    codes = [
        send(
            inbox,
            "/comments",
            {"article": ARTICLE, "name": "Flood", "comment": f"Post {n}"},
            reader=address,
        )[0]
        for n, address in enumerate(spellings)
    ]
    assert codes == [202] * RATE + [429]


def test_the_rate_limit_forgets_addresses_after_its_minute():
    limit = RateLimit(per_minute=2)
    for number in range(10_000):
        assert limit.allow(f"10.{number // 65536}.{number // 256 % 256}.{number % 256}", now=0.0)
    assert limit.allow("10.0.0.0", now=59.0)
    assert not limit.allow("10.0.0.0", now=59.5)  # its two posts of this minute
    assert limit.allow("192.0.2.1", now=121.0)
    assert len(limit.seen) == 1  # the others' minute is over: forgotten
