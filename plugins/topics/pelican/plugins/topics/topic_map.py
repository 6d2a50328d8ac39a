"""The topic map, drawn at build time: a force-directed layout, so related topics sit close.

Plain data in (topics, article counts, topic relations), an SVG string out. Deterministic: the
layout starts from the graph's spectral embedding, not from random positions, and runs a fixed
number of steps, so the same site always draws the same map. Each label goes on the side of
its dot that no line crosses; dots are coloured by group (topics that sit together); each
topic names its neighbours (`data-near`) so a script can light them.
"""

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from gettext import NullTranslations
from html import escape
from typing import Any

import numpy as np

from .topic_graph import TopicInfo

WIDTH = 1000  # SVG units; about the page's frame in pixels, so 1 unit ~ 1 px on a desktop
NARROW_WIDTH = 340  # the phone's map: drawn for a 360 px screen, so labels keep their size
GROUPS_MAX = 6  # dot colours: .topic-map__node--g0 to --g5 in the stylesheet
LINES_PER_TOPIC = 2  # lines drawn from a topic to its strongest relations
REPAIR_ROUNDS = 30
REPAIR_STEP = 8  # SVG units a topic moves off a line that crosses its label
ARC_ROW = 44  # the phone map's row: a finger-sized target per topic
ARC_COLUMN = 120  # where the phone map's dots stand: arcs to the left, labels to the right
ARC_LABEL_GAP = 22
LOCAL_NEIGHBOURS = 6  # topics around a hub's own on its local map
FONT = 16  # label size in SVG units: never below the body's small text where the map is shown
AREA_PER_TOPIC = 16_000  # room for a dot and its label
MIN_HEIGHT = 360
# The maps' words, for screen readers (gettext's messages: a site's own language's catalog,
# such as the theme's, gives them translated; its text is HTML, as the SVG is).
MAP_TITLE = "Map of topics: related topics sit close together"
ARC_MAP_TITLE = "Map of topics: related topics sit next to each other"
DOT_TITLE = ("%(topic)s: %(num)s article", "%(topic)s: %(num)s articles")
MESSAGES = (MAP_TITLE, ARC_MAP_TITLE, DOT_TITLE[0])
ENGLISH = NullTranslations()
STEPS = 300
LABEL_GAP = 6


def topic_map_svg(
    topics: Sequence[TopicInfo],
    counts: Mapping[str, int],
    relations: Mapping[str, list[tuple[str, float]]],
    group_of: Mapping[str, int] | None = None,
    width: int = WIDTH,
    words: Any = ENGLISH,
) -> str:
    """Return the map as SVG, `width` units wide: dots sized by articles and coloured by
    group (see topic_groups), near their related topics, joined by lines as thick as the
    relation is strong. Empty without topics."""
    if not topics:
        return ""
    ordered = sorted(topics, key=lambda t: t.slug)
    edges = edge_weights([t.slug for t in ordered], relations)
    biggest = max([counts.get(t.slug, 0) for t in ordered] + [1])
    radii = np.array([6 + 16 * math.sqrt(counts.get(t.slug, 0) / biggest) for t in ordered])
    widths = np.array([label_width(t.name) for t in ordered])
    height = max(MIN_HEIGHT, round(AREA_PER_TOPIC * len(ordered) / width))
    spots = separate(layout(len(ordered), edges, width, height), radii, widths, width)
    lines = strongest_edges(edges, LINES_PER_TOPIC)
    spots, labels = clear_labels(spots, radii, widths, lines, width)
    colours = [(group_of or {}).get(t.slug, 0) for t in ordered]
    return svg(ordered, counts, lines, spots, radii, labels, colours, width, words)


def local_map_svg(
    centre: TopicInfo,
    neighbours: Sequence[TopicInfo],
    counts: Mapping[str, int],
    relations: Mapping[str, list[tuple[str, float]]],
    group_of: Mapping[str, int] | None = None,
    words: Any = ENGLISH,
) -> str:
    """Return a small map of one topic and its nearest: the same drawing over fewer topics,
    narrow enough for a phone. Empty when the topic has no neighbours."""
    if not neighbours:
        return ""
    shown = {centre.slug, *(t.slug for t in neighbours)}
    # Only the shown topics' relations: going through every topic's, once per hub, made the
    # local maps grow with the square of the topics (1,200 free tags: 0.2 s under cProfile).
    # Hence each shown topic looked up, never `shown.intersection(relations)`, which walks
    # every topic (0.02 s of 0.16 s for 1,200 hubs).
    local = {slug: [(o, w) for o, w in relations[slug] if o in shown]
             for slug in sorted(slug for slug in shown if slug in relations)}  # fmt: skip
    return arc_map_svg([centre, *neighbours], counts, local, group_of, centre.slug, words)


def arc_map_svg(
    topics: Sequence[TopicInfo],
    counts: Mapping[str, int],
    relations: Mapping[str, list[tuple[str, float]]],
    group_of: Mapping[str, int] | None = None,
    current: str = "",
    words: Any = ENGLISH,
) -> str:
    """Return the map for a phone: topics in a column, related ones next to each other (the
    graph's spectral order; `current` first), labels to the right, relations as arcs on the
    left, so no arc can cross a label and labels keep their size. Empty without topics."""
    if not topics:
        return ""
    ordered = sorted(topics, key=lambda t: t.slug)
    edges = edge_weights([t.slug for t in ordered], relations)
    order = spectral_order(len(ordered), edges)
    if current:
        here = next(i for i, t in enumerate(ordered) if t.slug == current)
        order = [here, *(i for i in order if i != here)]
    row_of = {index: row for row, index in enumerate(order)}
    biggest = max([counts.get(t.slug, 0) for t in ordered] + [1])
    lines = strongest_edges(edges, LINES_PER_TOPIC) if not current else edges
    arcs = []
    for (a, b), weight in sorted(lines.items()):
        top, bottom = sorted((row_of[a], row_of[b]))
        y1, y2 = ARC_ROW * (top + 0.5), ARC_ROW * (bottom + 0.5)
        bulge = ARC_COLUMN - min(ARC_COLUMN - 6, (y2 - y1) * 0.45)
        arcs.append(
            f'<path class="topic-map__edge" data-ends="{ordered[a].slug} {ordered[b].slug}" '
            f'd="M{ARC_COLUMN} {y1:.1f}C{bulge:.1f} {y1:.1f} {bulge:.1f} {y2:.1f} '
            f'{ARC_COLUMN} {y2:.1f}" fill="none" stroke-width="{1.5 + 3 * weight:.1f}"/>'
        )
    near = neighbours_of(ordered, lines)
    nodes = []
    for index in order:
        topic, count = ordered[index], counts.get(ordered[index].slug, 0)
        y = ARC_ROW * (row_of[index] + 0.5)
        radius = 5 + 9 * math.sqrt(count / biggest)
        current_mark = ' aria-current="page"' if topic.slug == current else ""
        lines_of_label = wrap_label(topic.name, NARROW_WIDTH - ARC_COLUMN - ARC_LABEL_GAP)
        first = y + FONT * 0.35 - (len(lines_of_label) - 1) * FONT * 0.55
        text = "".join(
            f'<tspan x="{ARC_COLUMN + ARC_LABEL_GAP}" y="{first + n * FONT * 1.1:.1f}">'
            f"{escape(part)}</tspan>"
            for n, part in enumerate(lines_of_label)
        )
        nodes.append(
            f'<a href="{escape(topic.url)}" class="topic-map__node topic-map__node--g'
            f'{(group_of or {}).get(topic.slug, 0)}" '
            f'data-topic="{topic.slug}" data-near="{" ".join(near.get(index, []))}"'
            f"{current_mark}>"
            f"<title>{dot_title(topic, count, words)}</title>"
            f'<circle cx="{ARC_COLUMN}" cy="{y:.1f}" r="{radius:.1f}"/>'
            f"<text>{text}</text></a>"
        )
    height = ARC_ROW * len(ordered)
    title_id = f"topic-map-title-{current or 'narrow'}"
    return (
        f'<svg class="topic-map__svg" viewBox="0 0 {NARROW_WIDTH} {height}" '
        f'width="{NARROW_WIDTH}" height="{height}" font-size="{FONT}" '
        f'aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">{words.gettext(ARC_MAP_TITLE)}</title>'
        + "".join(arcs)
        + "".join(nodes)
        + "</svg>"
    )


def dot_title(topic: TopicInfo, count: int, words: Any) -> str:
    """Return a dot's title, "Feedback: 10 articles", in `words`' language."""
    return words.ngettext(*DOT_TITLE, count) % {"topic": escape(topic.name), "num": count}


def spectral_points(count: int, edges: Mapping[tuple[int, int], float]) -> np.ndarray:
    """Return each topic as a point of the Laplacian's three smoothest eigenvectors: close
    when related, and apart when two parts of the graph are not joined at all."""
    if count < 2 or not edges:
        return np.eye(count)  # nothing joins them: every topic is its own corner
    adjacency = np.zeros((count, count))
    for (a, b), weight in edges.items():
        adjacency[a, b] = adjacency[b, a] = weight
    values, vectors = np.linalg.eigh(np.diag(adjacency.sum(axis=1)) - adjacency)
    # The smoother a vector, the more it says about parts: a part the graph does not join to
    # the rest (eigenvalue 0) outweighs the slopes within one.
    weights = 1 / (values[:3] / max(float(values[-1]), 1e-9) + 0.05)
    signs = np.sign(vectors[:, :3].sum(axis=0) + 1e-12)
    return np.round(vectors[:, :3] * signs * weights, 9)


def spectral_order(count: int, edges: Mapping[tuple[int, int], float]) -> list[int]:
    """Return the topics in the order of the graph's smoothest eigenvector, so related topics
    come next to each other (ties and unconnected graphs in slug order)."""
    if count < 3 or not edges:
        return list(range(count))
    adjacency = np.zeros((count, count))
    for (a, b), weight in edges.items():
        adjacency[a, b] = adjacency[b, a] = weight
    _, vectors = np.linalg.eigh(np.diag(adjacency.sum(axis=1)) - adjacency)
    smooth = vectors[:, 1] * np.sign(vectors[:, 1].sum() + 1e-12)
    return sorted(range(count), key=lambda i: (round(float(smooth[i]), 9), i))


def neighbours_of(
    topics: Sequence[TopicInfo], lines: Mapping[tuple[int, int], float]
) -> dict[int, list[str]]:
    """Return, by topic position, the slugs of the topics a line joins it to."""
    near: dict[int, list[str]] = {}
    for a, b in sorted(lines):
        near.setdefault(a, []).append(topics[b].slug)
        near.setdefault(b, []).append(topics[a].slug)
    return near


def wrap_label(name: str, width: float) -> list[str]:
    """Return the label in at most two lines that fit `width` (a longer second line stays)."""
    if label_width(name) <= width:
        return [name]
    words = name.split()
    first: list[str] = []
    while words and label_width(" ".join([*first, words[0]])) <= width:
        first.append(words.pop(0))
    return [" ".join(first), " ".join(words)] if first else [name]


def edge_weights(
    slugs: Sequence[str], relations: Mapping[str, list[tuple[str, float]]]
) -> dict[tuple[int, int], float]:
    """Return the strongest weight between each pair of drawn topics, by their positions."""
    at = {slug: i for i, slug in enumerate(slugs)}
    edges: dict[tuple[int, int], float] = {}
    for slug, others in relations.items():
        for other, weight in others:
            if slug in at and other in at and slug != other:
                pair = (min(at[slug], at[other]), max(at[slug], at[other]))
                edges[pair] = max(edges.get(pair, 0.0), float(weight))
    return edges


def strongest_edges(
    edges: Mapping[tuple[int, int], float], per_topic: int
) -> dict[tuple[int, int], float]:
    """Return the edges among each topic's `per_topic` strongest: all of them shape the
    layout, but more lines would cross the labels and hide the map's backbone."""
    ranked: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    for pair, weight in edges.items():
        for end in pair:
            ranked.setdefault(end, []).append((-weight, pair))
    kept = {pair for mine in ranked.values() for _, pair in sorted(mine)[:per_topic]}
    return {pair: weight for pair, weight in edges.items() if pair in kept}


def label_width(name: str) -> float:
    """Return the width a label takes, in SVG units (a system sans averages under 0.6 em)."""
    return 0.6 * FONT * len(name)


def layout(count: int, edges: Mapping[tuple[int, int], float], width: float, height: float):
    """Return an (count, 2) array of positions: Fruchterman-Reingold from a spectral start."""
    positions = spectral_start(count, edges)
    if count == 1:
        return np.array([[width / 2, height / 2]])
    positions = positions * [width / 2, height / 2] + [width / 2, height / 2]
    ideal = math.sqrt(width * height / count)
    pairs = np.array(list(edges), dtype=int).reshape(-1, 2)
    weights = np.array(list(edges.values()), dtype=float)
    temperature = width / 10
    for step in range(STEPS):
        delta = positions[:, None, :] - positions[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 0.01)
        push = (ideal * ideal / distance**2)[:, :, None] * delta
        moves = push.sum(axis=1)
        if len(pairs):
            along = positions[pairs[:, 0]] - positions[pairs[:, 1]]
            length = np.maximum(np.linalg.norm(along, axis=1), 0.01)
            pull = (length / ideal * (0.5 + weights))[:, None] * along
            np.add.at(moves, pairs[:, 0], -pull)
            np.add.at(moves, pairs[:, 1], pull)
        moves += ([width / 2, height / 2] - positions) * 0.02  # gravity keeps islands in view
        size = np.maximum(np.linalg.norm(moves, axis=1), 0.01)[:, None]
        positions += moves / size * np.minimum(size, temperature)
        positions[:, 0] = positions[:, 0].clip(0, width)
        positions[:, 1] = positions[:, 1].clip(0, height)
        temperature = width / 10 * (1 - step / STEPS) + 1
    return positions


def spectral_start(count: int, edges: Mapping[tuple[int, int], float]) -> np.ndarray:
    """Return starting positions in [-1, 1]²: the Laplacian's two smoothest eigenvectors,
    nudged apart on a circle so unconnected topics do not start on one spot."""
    angles = 2 * np.pi * np.arange(count) / max(count, 1)
    circle = np.column_stack([np.cos(angles), np.sin(angles)])
    if count < 3 or not edges:
        return circle
    adjacency = np.zeros((count, count))
    for (a, b), weight in edges.items():
        adjacency[a, b] = adjacency[b, a] = weight
    laplacian = np.diag(adjacency.sum(axis=1)) - adjacency
    _, vectors = np.linalg.eigh(laplacian)
    smooth = vectors[:, 1:3]
    smooth = smooth * np.sign(smooth.sum(axis=0) + 1e-12)  # eigenvectors' sign is arbitrary
    span = np.abs(smooth).max(axis=0)
    smooth = smooth / np.where(span > 0, span, 1)
    return 0.7 * smooth + 0.3 * circle


def separate(
    spots: np.ndarray, radii: np.ndarray, widths: np.ndarray, width: float = WIDTH
) -> np.ndarray:
    """Push apart topics whose dot-and-label boxes overlap, along the shorter way out, keeping
    every box inside `width` (a push the edge stops is made downwards instead)."""
    boxes = box_sizes(radii, widths)
    below = np.column_stack([np.zeros(len(radii)), boxes[:, 1] / 2 - radii])  # box centre - dot
    spots = spots + below
    low, high = boxes[:, 0] / 2, width - boxes[:, 0] / 2
    spots[:, 0] = spots[:, 0].clip(low, high)
    reach = (boxes[:, None, :] + boxes[None, :, :]) / 2
    for _ in range(300):
        overlap = (reach - np.abs(spots[:, None, :] - spots[None, :, :]) > 0).all(axis=2)
        pairs = np.argwhere(np.triu(overlap, k=1))
        if not len(pairs):
            break
        for a, b in pairs.tolist():
            gap = reach[a, b] - np.abs(spots[a] - spots[b])
            if (gap > 0).all():  # an earlier push in this round may have parted them
                push_apart(spots, [a, b], gap, low, high)
    return spots - below


def push_apart(
    spots: np.ndarray, pair: list[int], gap: np.ndarray, low: np.ndarray, high: np.ndarray
) -> None:
    """Move two overlapping boxes apart by `gap` along its shorter axis (in place)."""
    axis = 0 if gap[0] < gap[1] else 1
    if spots[pair[0], axis] > spots[pair[1], axis]:
        pair = pair[::-1]  # the first moves up or left
    spots[pair, axis] += [-(gap[axis] / 2 + 0.5), gap[axis] / 2 + 0.5]
    if axis == 0:
        wanted = spots[pair, 0].copy()
        spots[pair, 0] = wanted.clip(low[pair], high[pair])
        if not np.array_equal(wanted, spots[pair, 0]):  # stopped by the edge: part vertically
            spots[pair, 1] += [-(gap[1] / 2 + 0.5), gap[1] / 2 + 0.5]


def box_sizes(radii: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """Return each topic's (width, height): its dot with the label centred below, and a margin
    (the box starts at the top of the dot)."""
    height = 2 * radii + LABEL_GAP + FONT * 1.3
    return np.column_stack([np.maximum(widths, 2 * radii) + 12, height + 8])


@dataclass(frozen=True, slots=True)
class Label:
    """Where a topic's label goes: its anchor point, alignment and box (left, top, right,
    bottom)."""

    x: float
    y: float
    anchor: str
    box: tuple[float, float, float, float]


def label_options(x: float, y: float, radius: float, width: float) -> Iterator[Label]:
    """Yield the places a label may take around its dot, the most natural first: beside or
    under and over it, then the same a little farther out and shifted sideways. Lazily: the
    search for a label's place mostly ends at one of the first few."""
    for away in (0, 12, 26):
        reach = radius + LABEL_GAP + away
        below, above, beside = y + reach + FONT, y - reach - FONT * 0.3, y + FONT * 0.35
        for shift in (0, width / 3, -width / 3) if away else (0,):
            middle = x + shift - width / 2
            yield Label(x + shift, below, "middle", text_box(middle, below, width))
            yield Label(x + shift, above, "middle", text_box(middle, above, width))
        yield Label(x + reach, beside, "start", text_box(x + reach, beside, width))
        yield Label(x - reach, beside, "end", text_box(x - reach - width, beside, width))
        yield Label(x + radius, below, "start", text_box(x + radius, below, width))
        yield Label(x - radius, below, "end", text_box(x - radius - width, below, width))
        yield Label(x + radius, above, "start", text_box(x + radius, above, width))
        yield Label(x - radius, above, "end", text_box(x - radius - width, above, width))
    for away in (1.5, 2.5, 3.5):  # last resort: anywhere on rings around the dot
        for step in range(16):
            angle = step * math.pi / 8
            cx = x + math.cos(angle) * (radius + away * FONT + width / 4)
            baseline = y + math.sin(angle) * (radius + away * FONT) + FONT * 0.35
            yield Label(cx, baseline, "middle", text_box(cx - width / 2, baseline, width))


def text_box(left: float, baseline: float, width: float) -> tuple[float, float, float, float]:
    """Return the box of a line of text from its left end and baseline (descenders too)."""
    return (left, baseline - FONT, left + width, baseline + FONT * 0.3)


def place_labels(
    spots: np.ndarray,
    radii: np.ndarray,
    widths: np.ndarray,
    edges: Mapping[tuple[int, int], float],
    width: float,
) -> list[Label]:
    """Return each topic's label, on the side of its dot that crosses fewest lines and no
    other label or dot, inside the map (biggest topics choose first)."""
    segments = line_segments(spots, edges)
    dots = [
        (x - r, y - r, x + r, y + r)
        for (x, y), r in zip(spots.tolist(), radii.tolist(), strict=True)
    ]
    placed: dict[int, Label] = {}
    for index in sorted(range(len(radii)), key=lambda i: (-radii[i], i)):
        x, y = spots[index]
        others = [box for i, box in enumerate(dots) if i != index]
        others += [label.box for label in placed.values()]

        options = label_options(x, y, radii[index], widths[index])
        placed[index] = cheapest_label(options, segments, others, width)
    return [placed[i] for i in range(len(radii))]


def cheapest_label(
    options: Iterator[Label],
    segments: Sequence[tuple[float, float, float, float]],
    others: Sequence[tuple[float, float, float, float]],
    width: float,
) -> Label:
    """Return the option of lowest `label_cost`, the first of equals.

    An option costs at least its rank, so the options from the best cost's rank on are never
    made or scored: on a 100-article site whose map took every repair round, scoring all 80
    options of each label against every line and box was 0.7 s of processor time, a third of
    its build.
    """
    best = next(options)
    lowest = label_cost(0, best, segments, others, width)
    for rank, option in enumerate(options, start=1):
        if rank >= lowest:
            break
        if (cost := label_cost(rank, option, segments, others, width, lowest)) < lowest:
            best, lowest = option, cost
    return best


def label_cost(
    rank: int,
    label: Label,
    segments: Sequence[tuple[float, float, float, float]],
    others: Sequence[tuple[float, float, float, float]],
    width: float,
    limit: float = math.inf,
) -> float:
    """Return how bad a label's place is: 1,000 outside the map, 500 for each thing under it,
    100 for each line through it; of equals, the more natural place (lower rank) wins.

    Counting stops once the cost reaches `limit` (the best place's so far): what it returns
    then is only known to be no lower."""
    box = label.box
    cost = rank + (1000 if box[0] < 0 or box[2] > width else 0)
    for other in others:
        if cost >= limit:
            return cost
        cost += 500 if overlap(box, other) else 0
    for segment in segments:
        if cost >= limit:
            return cost
        cost += 100 if crosses(segment, box) else 0
    return cost


def clear_labels(
    spots: np.ndarray,
    radii: np.ndarray,
    widths: np.ndarray,
    lines: Mapping[tuple[int, int], float],
    width: float,
) -> tuple[np.ndarray, list[Label]]:
    """Return positions and labels with the fewest lines through labels and no two labels
    overlapping: where no place keeps a label clear, its topic moves off the line, for
    REPAIR_ROUNDS rounds at most; the best round is kept."""
    labels = place_labels(spots, radii, widths, lines, width)
    best = (badness(spots, labels, lines), spots, labels)
    for _ in range(REPAIR_ROUNDS):
        crossed = crossed_labels(spots, labels, lines)
        if not crossed:
            break
        spots = move_off_lines(spots, labels, crossed, radii, width)
        labels = place_labels(spots, radii, widths, lines, width)
        best = min(best, (badness(spots, labels, lines), spots, labels), key=lambda b: b[0])
    return best[1], best[2]


def badness(
    spots: np.ndarray, labels: Sequence[Label], lines: Mapping[tuple[int, int], float]
) -> tuple[int, int]:
    """Return (labels overlapping, labels crossed by a line): overlaps are the worse."""
    boxes = [label.box for label in labels]
    overlaps = sum(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    return overlaps, len(crossed_labels(spots, labels, lines))


def crossed_labels(
    spots: np.ndarray, labels: Sequence[Label], lines: Mapping[tuple[int, int], float]
) -> list[tuple[int, tuple[int, int]]]:
    """Return (topic, line) for each line through a topic's label (its own lines too)."""
    segments = line_segments(spots, lines)
    return [
        (index, line)
        for index, label in enumerate(labels)
        for line, segment in zip(lines, segments, strict=True)
        if crosses(segment, label.box)
    ]


def line_segments(
    spots: np.ndarray, lines: Iterable[tuple[int, int]]
) -> list[tuple[float, float, float, float]]:
    """Return each line's ends (x1, y1, x2, y2) as plain floats: `crosses` runs thousands of
    times per map, and arithmetic on numpy's scalars is several times slower."""
    points = spots.tolist()
    return [(*points[a], *points[b]) for a, b in lines]


def move_off_lines(
    spots: np.ndarray,
    labels: Sequence[Label],
    crossed: Sequence[tuple[int, tuple[int, int]]],
    radii: np.ndarray,
    width: float,
) -> np.ndarray:
    """Return the positions with each crossed topic moved a step away from the line through
    its label, square to the line."""
    moved = spots.copy()
    for index, (a, b) in crossed:
        if index in (a, b):  # its own line: moving the topic moves the line along with it
            continue
        left, top, right, bottom = labels[index].box
        centre = np.array([(left + right) / 2, (top + bottom) / 2])
        along = spots[b] - spots[a]
        square = np.array([-along[1], along[0]]) / max(float(np.linalg.norm(along)), 0.01)
        if np.dot(centre - spots[a], square) < 0:
            square = -square
        moved[index] += square * REPAIR_STEP
        moved[index, 0] = moved[index, 0].clip(radii[index], width - radii[index])
    return moved


def crosses(segment: tuple[float, float, float, float], box: tuple[float, ...]) -> bool:
    """Return True if the line segment passes through the box (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = segment
    left, top, right, bottom = box
    # Most segments lie wholly to one side of a label: their ends tell, with no clipping.
    if (x1 < left and x2 < left) or (x1 > right and x2 > right):
        return False
    if (y1 < top and y2 < top) or (y1 > bottom and y2 > bottom):
        return False
    dx, dy = x2 - x1, y2 - y1
    start, end = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            start = max(start, t)
        else:
            end = min(end, t)
        if start > end:
            return False
    return True


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Return True if two boxes (left, top, right, bottom) overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def topic_groups(
    topics: Sequence[TopicInfo], relations: Mapping[str, list[tuple[str, float]]]
) -> dict[str, int]:
    """Return a colour group per topic slug: k-means over the graph's spectral embedding
    (topics read together land close), from the farthest-apart starts, so the same site
    always gets the same colours on every map."""
    ordered = sorted(topics, key=lambda t: t.slug)
    if not ordered:
        return {}
    points = spectral_points(len(ordered), edge_weights([t.slug for t in ordered], relations))
    wanted = max(1, min(GROUPS_MAX, round(len(ordered) / 4)))
    centres = [points[0]]
    while len(centres) < min(wanted, len(points)):
        nearest = np.min([np.linalg.norm(points - c, axis=1) for c in centres], axis=0)
        centres.append(points[int(np.argmax(nearest))])
    members = np.zeros(len(ordered), dtype=int)
    for _ in range(20):
        distances = np.array([np.linalg.norm(points - c, axis=1) for c in centres])
        members = distances.argmin(axis=0)
        centres = [points[members == g].mean(axis=0) if (members == g).any() else centres[g]
                   for g in range(len(centres))]  # fmt: skip
    return {topic.slug: int(group) for topic, group in zip(ordered, members, strict=True)}


def svg(
    topics: Sequence[TopicInfo],
    counts: Mapping[str, int],
    edges: Mapping[tuple[int, int], float],
    spots: np.ndarray,
    radii: np.ndarray,
    labels: Sequence[Label],
    group_of: Sequence[int],
    width: int = WIDTH,
    words: Any = ENGLISH,
) -> str:
    """Return the SVG text: lines first, then the dots and labels over them."""
    top = min(min(label.box[1] for label in labels), float((spots[:, 1] - radii).min())) - 4
    bottom = max(max(label.box[3] for label in labels), float((spots[:, 1] + radii).max())) + 4
    height = bottom - top
    spots = spots - [0, top]
    lines = [
        f'<line class="topic-map__edge" data-ends="{topics[a].slug} {topics[b].slug}" '
        f'x1="{spots[a, 0]:.1f}" y1="{spots[a, 1]:.1f}" '
        f'x2="{spots[b, 0]:.1f}" y2="{spots[b, 1]:.1f}" stroke-width="{1.5 + 4 * w:.1f}"/>'
        for (a, b), w in sorted(edges.items())
    ]
    near = neighbours_of(topics, edges)
    nodes = []
    for index, (topic, (x, y), radius, label) in enumerate(
        zip(topics, spots.tolist(), radii.tolist(), labels, strict=True)
    ):
        count = counts.get(topic.slug, 0)
        nodes.append(
            f'<a href="{escape(topic.url)}" class="topic-map__node topic-map__node--g'
            f'{group_of[index]}" data-topic="{topic.slug}" '
            f'data-near="{" ".join(near.get(index, []))}">'
            f"<title>{dot_title(topic, count, words)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>'
            f'<text x="{label.x:.1f}" y="{label.y - top:.1f}" text-anchor="{label.anchor}">'
            f"{escape(topic.name)}</text></a>"
        )
    title_id = f"topic-map-title-{width}"
    return (
        f'<svg class="topic-map__svg" viewBox="0 0 {width} {height:.0f}" '
        f'width="{width}" height="{height:.0f}" font-size="{FONT}" '
        f'aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">{words.gettext(MAP_TITLE)}</title>'
        + "".join(lines)
        + "".join(nodes)
        + "</svg>"
    )
