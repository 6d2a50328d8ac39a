"""Thread comments by `Reply-To`, oldest first; find replies to nowhere or in a circle."""

from dataclasses import dataclass, field

from coaching_kb.content.comments import Comment


@dataclass(slots=True)
class CommentNode:
    """A published comment, its sanitized HTML and its replies."""

    comment: Comment
    html: str
    safe_url: str
    replies: list["CommentNode"] = field(default_factory=list)


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
