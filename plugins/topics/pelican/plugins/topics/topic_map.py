"""The topic map, drawn at build time: a force-directed layout, so related topics sit close.

Plain data in (topics, article counts, topic relations), an SVG string out. Deterministic: the
layout starts from the graph's spectral embedding, not from random positions, and runs a fixed
number of steps, so the same site always draws the same map.
"""

import math
from collections.abc import Mapping, Sequence
from html import escape

import numpy as np

from .topic_graph import TopicInfo

WIDTH = 680  # SVG units; about the text column's width in pixels, so 1 unit ~ 1 px on a desktop
FONT = 16  # label size in SVG units: never below the body's small text where the map is shown
AREA_PER_TOPIC = 16_000  # room for a dot and its label
MIN_HEIGHT = 360
STEPS = 300
LABEL_GAP = 6


def topic_map_svg(
    topics: Sequence[TopicInfo],
    counts: Mapping[str, int],
    relations: Mapping[str, list[tuple[str, float]]],
) -> str:
    """Return the map as SVG: dots sized by articles, near their related topics, joined by
    lines as thick as the relation is strong. Empty when there are no topics."""
    if not topics:
        return ""
    ordered = sorted(topics, key=lambda t: t.slug)
    edges = edge_weights([t.slug for t in ordered], relations)
    biggest = max([counts.get(t.slug, 0) for t in ordered] + [1])
    radii = np.array([6 + 16 * math.sqrt(counts.get(t.slug, 0) / biggest) for t in ordered])
    widths = np.array([label_width(t.name) for t in ordered])
    height = max(MIN_HEIGHT, round(AREA_PER_TOPIC * len(ordered) / WIDTH))
    spots = separate(layout(len(ordered), edges, WIDTH, height), radii, widths)
    return svg(ordered, counts, edges, spots, radii)


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


def label_width(name: str) -> float:
    """Return the width a label takes, in SVG units (a system sans averages ~0.55 em)."""
    return 0.55 * FONT * len(name)


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


def separate(spots: np.ndarray, radii: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """Push apart topics whose dot-and-label boxes overlap, along the shorter way out, keeping
    every box inside WIDTH (a push the edge stops is made downwards instead)."""
    boxes = box_sizes(radii, widths)
    below = np.column_stack([np.zeros(len(radii)), boxes[:, 1] / 2 - radii])  # box centre - dot
    spots = spots + below
    low, high = boxes[:, 0] / 2, WIDTH - boxes[:, 0] / 2
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


def label_y(y: float, radius: float) -> float:
    """Return the baseline of a label centred under its dot."""
    return y + radius + LABEL_GAP + FONT


def svg(
    topics: Sequence[TopicInfo],
    counts: Mapping[str, int],
    edges: Mapping[tuple[int, int], float],
    spots: np.ndarray,
    radii: np.ndarray,
) -> str:
    """Return the SVG text: lines first, then the dots and labels over them."""
    boxes = box_sizes(radii, np.array([label_width(t.name) for t in topics]))
    top = float((spots[:, 1] - radii).min())
    spots = spots - [0, top - 4]  # dots and labels start at the top, whatever the layout did
    height = float((spots[:, 1] - radii + boxes[:, 1]).max()) + 4
    lines = [
        f'<line class="topic-map__edge" x1="{spots[a, 0]:.1f}" y1="{spots[a, 1]:.1f}" '
        f'x2="{spots[b, 0]:.1f}" y2="{spots[b, 1]:.1f}" stroke-width="{1.5 + 4 * w:.1f}"/>'
        for (a, b), w in sorted(edges.items())
    ]
    nodes = []
    for topic, (x, y), radius in zip(topics, spots.tolist(), radii.tolist(), strict=True):
        count = counts.get(topic.slug, 0)
        nodes.append(
            f'<a href="{escape(topic.url)}" class="topic-map__node">'
            f"<title>{escape(topic.name)}: {count} article{'s' if count != 1 else ''}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>'
            f'<text x="{x:.1f}" y="{label_y(y, radius):.1f}" text-anchor="middle">'
            f"{escape(topic.name)}</text></a>"
        )
    return (
        f'<svg class="topic-map__svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" font-size="{FONT}" '
        'aria-labelledby="topic-map-title" xmlns="http://www.w3.org/2000/svg">'
        '<title id="topic-map-title">Map of topics: related topics sit close together</title>'
        + "".join(lines)
        + "".join(nodes)
        + "</svg>"
    )
