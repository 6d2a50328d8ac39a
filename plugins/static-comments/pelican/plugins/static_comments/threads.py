"""Thread comments by `Reply-To`, oldest first; find replies to nowhere or in a circle."""

from dataclasses import dataclass, field

from coaching_kb.content.comments import MAX_REPLY_DEPTH, Comment


@dataclass(slots=True)
class CommentNode:
    """A published comment, its sanitized HTML and its replies."""

    comment: Comment
    html: str
    safe_url: str
    replies: list["CommentNode"] = field(default_factory=list)


def thread(nodes: list[CommentNode]) -> list[CommentNode]:
    """Return the top-level nodes with replies nested under their parents, oldest first.

    A reply whose parent is not published is shown at the top level rather than lost. Replies
    nest MAX_REPLY_DEPTH deep at most: a deeper one is shown beside its parent, so however long
    a chain of replies is, the page (rendered by a recursive macro) builds.
    Call only on comments without reply cycles (see check_replies).
    """
    ordered = sorted(nodes, key=lambda n: (n.comment.date, n.comment.id))
    by_id = {n.comment.id: n for n in ordered}
    shown_under = shown_parents(by_id)
    roots: list[CommentNode] = []
    for node in ordered:
        parent = shown_under[node.comment.id]
        (parent.replies if parent else roots).append(node)
    return roots


def shown_parents(by_id: dict[str, CommentNode]) -> dict[str, CommentNode | None]:
    """Return the node each comment is shown under (None: at the top level): its parent, or,
    for a reply deeper than MAX_REPLY_DEPTH, the node its parent is shown under. Iterative:
    a chain of thousands of replies must not exhaust Python's stack."""
    depth: dict[str, int] = {}
    shown: dict[str, CommentNode | None] = {}
    for start in by_id.values():
        chain: list[CommentNode] = []  # up to the first comment already placed, or the root
        on_chain: set[str] = set()
        current: CommentNode | None = start
        while current and current.comment.id not in depth and current.comment.id not in on_chain:
            chain.append(current)
            on_chain.add(current.comment.id)
            current = by_id.get(current.comment.reply_to)
        for node in reversed(chain):
            parent = by_id.get(node.comment.reply_to)
            if parent is None or parent.comment.id not in depth:  # a root (or a circle's start)
                depth[node.comment.id], shown[node.comment.id] = 0, None
            elif depth[parent.comment.id] < MAX_REPLY_DEPTH:
                depth[node.comment.id] = depth[parent.comment.id] + 1
                shown[node.comment.id] = parent
            else:
                depth[node.comment.id] = depth[parent.comment.id]
                shown[node.comment.id] = shown[parent.comment.id]
    return shown


def count(nodes: list[CommentNode]) -> int:
    """Return how many comments a thread list holds, replies included."""
    return sum(1 + count(node.replies) for node in nodes)
