"""The owner's side of the inbox: a local inbox's own clone, and pulling what it received.

The inbox never works in the owner's working copy. Run locally, it commits in a clone it
makes and keeps in `.inbox/` (ignored by git); in production, in `COMMENTS_REPO`. Pulling
fetches its moderation branch and merges it into whatever branch the owner is on; git leaves
uncommitted and untracked files alone.
"""

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from coaching_kb.errors import SiteError

LOCAL_FOLDER = ".inbox"  # in the project, ignored by git: the local inbox's clone and store
BRANCH = "comments-pending"


def run_git(repo: Path, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run git in `repo`; raise SiteError naming the command when it fails and `check`."""
    done = subprocess.run(["git", "-C", str(repo), *arguments], capture_output=True, text=True,
                          check=False, timeout=300)  # fmt: skip
    if check and done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise SiteError(f"git {' '.join(arguments)} failed: {detail[-1] if detail else ''}")
    return done


def local_clone(root: Path) -> Path:
    """Return the local inbox's own clone of the project at `root`, cloning it the first time."""
    clone = root / LOCAL_FOLDER / "site"
    if not (clone / ".git").is_dir():
        if run_git(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode:
            raise SiteError(f"comment-inbox: {root} has no commit yet. Fix: commit the site first")
        clone.parent.mkdir(parents=True, exist_ok=True)
        run_git(root, "clone", "--quiet", "--no-hardlinks", str(root), str(clone))
    return clone


def shared_git_folder(path: Path) -> Path | None:
    """Return the git folder `path` belongs to (shared by all its worktrees), or None."""
    found = run_git(path, "rev-parse", "--path-format=absolute", "--git-common-dir", check=False)
    return Path(found.stdout.strip()).resolve() if found.returncode == 0 else None


def require_own_clone(repo: Path, root: Path) -> None:
    """Raise SiteError when `repo` is the owner's working copy at `root` (or a worktree of it):
    the inbox switches its clone's branch, which would take the owner's work from under them."""
    owners = shared_git_folder(root)
    if repo.is_dir() and owners is not None and shared_git_folder(repo) == owners:
        raise SiteError(
            f"comment-inbox: {repo} is your own working copy; the inbox would switch its "
            f"branch. Fix: leave --repo and COMMENTS_REPO unset (it clones into "
            f"{LOCAL_FOLDER}/site), or give it a clone: git clone {root} <folder>"
        )


def local_environment(root: Path) -> dict[str, str]:
    """Return the COMMENTS_* variables of an inbox run for the project at `root`."""
    folder = root / LOCAL_FOLDER
    return {
        "COMMENTS_REPO": str(local_clone(root)),
        "COMMENTS_REMOTE": "",  # the owner pulls from the clone: nothing is pushed anywhere
        "COMMENTS_MANIFEST": str(root / "output" / "comments.json"),
        "COMMENTS_PRIVATE_STORE": str(folder / "private.sqlite"),
    }


@dataclass(frozen=True, slots=True)
class Pulled:
    """What a pull brought: the files that arrived (repository paths), those it left out,
    and from where."""

    source: str
    files: tuple[str, ...]
    skipped: tuple[str, ...] = ()  # the owner had them before: deleted or renamed since


def pull_source(root: Path, remote: str) -> str:
    """Return where to fetch from: `remote` if given, else a local inbox's clone, else origin."""
    if remote:
        return remote
    clone = root / LOCAL_FOLDER / "site"
    return str(clone) if (clone / ".git").is_dir() else "origin"


# What an inbox commits: a comment file in its article's folder, a letter in the Q&A folder.
INBOX_FILE = re.compile(r"(^|/)(comments/[^/]+|qa)/[^/]+\.md$")


def pull(root: Path, remote: str = "", branch: str = BRANCH) -> Pulled:
    """Merge the inbox's branch into the branch checked out at `root`; return what arrived."""
    source = pull_source(root, remote)
    run_git(root, "fetch", "--quiet", source, branch)
    fetched = run_git(root, "rev-parse", "FETCH_HEAD").stdout.strip()
    if not run_git(root, "merge-base", "--is-ancestor", fetched, "HEAD", check=False).returncode:
        return Pulled(source, ())
    unrelated = bool(run_git(root, "merge-base", fetched, "HEAD", check=False).returncode)
    if unrelated:
        require_inbox_files(root, fetched, f"{source} {branch}")
    if staged := run_git(root, "diff", "--cached", "--name-only").stdout.split():
        # git merges nothing over staged changes ("Merge with strategy ort failed").
        raise SiteError(
            f"comment-pull: you have staged changes ({', '.join(staged[:3])}"
            f"{', ...' if len(staged) > 3 else ''}), and git merges nothing over them, so "
            "nothing was merged. Fix: commit them (git commit), or unstage them (git restore "
            "--staged <file>: your edits stay), then run comment-pull again"
        )
    message = f"Comments and questions from the inbox ({source} {branch})"
    if unrelated:
        return merge_unrelated(root, fetched, source, message)
    added = ("--name-only", "--no-renames", "--diff-filter=A", f"HEAD...{fetched}")
    arrived = run_git(root, "diff", *added).stdout.split()
    run_git(root, "merge", "--no-edit", "--no-ff", "-m", message, fetched)
    return Pulled(source, tuple(arrived))


def merge_unrelated(root: Path, fetched: str, source: str, message: str) -> Pulled:
    """Merge `fetched`, which shares no history with HEAD, adding only its files the owner
    never had: a branch an older inbox started in a clone with nothing checked out holds
    every reader's file since, including those the owner took by hand and has approved,
    deleted or renamed since (each stays as the owner left it)."""
    held = run_git(root, "ls-tree", "-r", "--name-only", fetched).stdout.splitlines()
    present = set(run_git(root, "ls-tree", "-r", "--name-only", "HEAD").stdout.splitlines())
    had = set(owners_history(root, fetched, [name for name in held if name not in present]))
    arrived = [name for name in held if name not in present | had]
    skipped = [name for name in held if name in had and name not in present]
    joined = ("--allow-unrelated-histories", "-X", "ours", "--no-commit")
    run_git(root, "merge", "--no-ff", *joined, fetched)
    if skipped:
        run_git(root, "rm", "-q", "-f", "--", *skipped)
    run_git(root, "commit", "-q", "-m", message)
    return Pulled(source, tuple(arrived), tuple(skipped))


def owners_history(root: Path, fetched: str, names: list[str]) -> list[str]:
    """Return which of `names` any of the owner's commits (not the inbox's) ever held."""
    if not names:
        return []
    listed = ("--name-only", "--no-renames", "--format=", "--all", "--not", fetched, "--")
    return run_git(root, "--literal-pathspecs", "log", *listed, *names).stdout.splitlines()


def require_inbox_files(root: Path, fetched: str, where: str) -> None:
    """Raise SiteError unless the commit `fetched`, which shares no history with the owner's
    branch, holds only files an inbox writes (so merging it cannot change the site)."""
    held = run_git(root, "ls-tree", "-r", "--name-only", fetched).stdout.splitlines()
    others = [name for name in held if not INBOX_FILE.search(name)]
    if others:
        raise SiteError(
            f"comment-pull: {where} shares no history with your branch and holds files no "
            f"inbox writes ({', '.join(others[:3])}{', ...' if len(others) > 3 else ''}), so "
            "nothing was merged. Fix: see what it holds with git ls-tree -r --name-only "
            "FETCH_HEAD, and give comment-pull your inbox's --remote and --branch"
        )
