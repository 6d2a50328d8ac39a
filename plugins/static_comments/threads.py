"""Thread comments by `Reply-To`, oldest first; find replies to nowhere or in a circle."""

from dataclasses import dataclass, field

from site_errors import ContentError

from .comments import Comment


@dataclass(slots=True)
class CommentNode:
    """A published comment, its sanitized HTML and its replies."""

    comment: Comment
    html: str
    safe_url: str
    replies: list["CommentNode"] = field(default_factory=list)


def check_replies(comments: list[Comment]) -> list[ContentError]:
    """Return an error for each reply to an unknown comment and for each reply cycle."""
    by_id = {c.id: c for c in comments}
    errors = [
        ContentError(
            f"{c.path}: Reply-To '{c.reply_to}' names no comment on this article. "
            f"Fix: use one of {', '.join(sorted(by_id)) or '(none)'} or remove the line"
        )
        for c in comments
        if c.reply_to and c.reply_to not in by_id
    ]
    reported: set[str] = set()
    for start in comments:
        seen: list[str] = []
        current: Comment | None = start
        while current and current.reply_to in by_id and current.id not in seen:
            seen.append(current.id)
            current = by_id[current.reply_to]
        if current and current.id in seen and current.id not in reported:
            loop = seen[seen.index(current.id) :]
            reported.update(loop)
            errors.append(
                ContentError(
                    f"{current.path}: replies form a circle ({' -> '.join([*loop, loop[0]])}). "
                    "Fix: remove 'Reply-To' from the comment that started the conversation"
                )
            )
    return errors


def thread(nodes: list[CommentNode]) -> list[CommentNode]:
    """Return the top-level nodes with replies nested under their parents, oldest first.

    A reply whose parent is not published is shown at the top level rather than lost.
    Call only on comments without reply cycles (see check_replies).
    """
    ordered = sorted(nodes, key=lambda n: (n.comment.date, n.comment.id))
    by_id = {n.comment.id: n for n in ordered}
    roots: list[CommentNode] = []
    for node in ordered:
        parent = by_id.get(node.comment.reply_to)
        (parent.replies if parent else roots).append(node)
    return roots


def count(nodes: list[CommentNode]) -> int:
    """Return how many comments a thread list holds, replies included."""
    return sum(1 + count(node.replies) for node in nodes)
