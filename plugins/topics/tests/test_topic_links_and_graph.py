"""Cross-links, backlinks, topic relations, suggestions and the map, on plain data."""

import itertools
import pickle
import re
import xml.etree.ElementTree as ET

import pytest
from pelican.plugins.topics.backlinks import link_targets, referenced_by
from pelican.plugins.topics.crosslinks import link_mentions, link_options, scan
from pelican.plugins.topics.settings import TopicSettings, load
from pelican.plugins.topics.term_model import Doc, build_model
from pelican.plugins.topics.topic_graph import (
    TopicInfo,
    centroids,
    relate,
    suggest,
    suggest_rows,
)
from pelican.plugins.topics.topic_map import (
    ARC_COLUMN,
    FONT,
    arc_map_svg,
    cheapest_label,
    crosses,
    label_cost,
    label_options,
    label_width,
    local_map_svg,
    topic_groups,
    topic_map_svg,
)

from coaching_kb.errors import SettingsError

NAMES = {"delegation": ["Delegation", "delegating"], "heros-trap": ["The hero's trap", "hero trap"]}
HREFS = {"delegation": "{tag}delegation", "heros-trap": "{tag}heros-trap"}


def test_first_mention_of_each_topic_is_linked_once():
    html = "<p>Delegating is hard. Delegation takes practice; delegating again.</p>"
    out, linked = link_mentions(html, NAMES, HREFS, limit=5)
    assert linked == ["delegation"]
    assert out.count('class="topic-link"') == 1
    assert '<a class="topic-link" href="{tag}delegation">Delegating</a> is hard' in out


@pytest.mark.parametrize(
    "html",
    [
        "<h2>Delegation</h2>",
        '<p><a href="x">delegation</a></p>',
        "<p><code>delegation</code></p>",
        "<pre><code>delegating\n</code></pre>",
        "<p>self-delegation and delegationism</p>",
        '<p><img alt="delegation" src="d.png"> <!-- delegation --></p>',
        "<h3>On <em>delegating</em> well</h3>",
    ],
)
def test_headings_links_code_and_partial_words_are_left_alone(html):
    out, linked = link_mentions(html, NAMES, HREFS, limit=5)
    assert out == html
    assert linked == []


def test_a_mention_after_a_skipped_element_or_a_tag_naming_it_is_linked():
    html = '<h2>Delegation</h2><p><abbr title="delegation">Delegating</abbr> pays.</p>'
    out, linked = link_mentions(html, NAMES, HREFS, limit=5)
    assert linked == ["delegation"]
    assert 'title="delegation"><a class="topic-link" href="{tag}delegation">Delegating</a>' in out


def test_limit_and_apostrophe_variants():
    html = "<p>The hero’s trap is real. So is delegation.</p>"
    out, linked = link_mentions(html, NAMES, HREFS, limit=1)
    assert linked == ["heros-trap"]
    assert "So is delegation." in out
    assert link_mentions(html, NAMES, HREFS, limit=0) == (html, [])


def test_mentions_are_read_left_to_right_longest_name_first_without_overlaps():
    names = {"lead": ["team lead"], "engineer": ["lead engineer"], "team": ["team"]}
    hrefs = {slug: f"/{slug}/" for slug in names}
    # "team lead" is taken first at "team"; "lead engineer" starts inside it, so it is not
    # a mention; later the shorter "team" alone is.
    html = "<p>A team lead engineer, then a team.</p>"
    found = scan(html, link_options(names, hrefs, limit=5))
    assert found.mentioned == {"lead", "team"}
    assert [html[start:end] for start, end, _ in found.links] == ["team lead", "team"]
    # Where the longer name is not whole words, the shorter one at the same place is.
    assert scan("<p>team leader</p>", link_options(names, hrefs, 5)).mentioned == {"team"}


def test_backlinks_resolve_relative_and_absolute_filename_links():
    pages = {
        "essays/a.md": '<a href="{filename}b.md">b</a> <a href="{filename}/qa/c.md">c</a>',
        "essays/b.md": '<a href="{filename}../essays/a.md#x">a</a> <a href="{filename}b.md">me</a>',
        "qa/c.md": "no links",
    }
    assert link_targets(pages["essays/a.md"], "essays/a.md") == {"essays/b.md", "qa/c.md"}
    assert referenced_by(pages) == {
        "essays/b.md": ["essays/a.md"],
        "qa/c.md": ["essays/a.md"],
        "essays/a.md": ["essays/b.md"],
    }


DOCS = [
    Doc("1", "Handing work over", "", "delegate tasks to the team and trust them", ("delegation",)),
    Doc("2", "Letting go", "", "delegate decisions, trust the team", ("delegation", "trust")),
    Doc("3", "Listening", "", "ask questions and listen to people", ("listening",)),
    Doc("4", "Passing tasks on", "", "how to delegate tasks to your team"),
]
TOPICS = [
    TopicInfo("delegation", "Delegation", "topics/delegation/", "Delegation: handing work over"),
    TopicInfo("trust", "Trust", "topics/trust/", "Trust: keeping promises"),
    TopicInfo("listening", "Listening", "topics/listening/", "Listening: hearing people out"),
]


def test_suggestions_and_relations_come_from_text_and_co_occurrence():
    model = build_model(DOCS)
    found = centroids(DOCS, model, TOPICS)
    passing_tasks_on = model.vectors[3]
    assert suggest(passing_tasks_on, found, mentioned={"delegation"})[0] == "delegation"
    assert "listening" not in suggest(passing_tasks_on, found)
    assert suggest({}, found) == []
    relations = relate({"delegation": {"1", "2"}, "trust": {"2"}, "listening": {"3"}}, found)
    assert relations["delegation"][0][0] == "trust"
    assert "listening" not in [slug for slug, _ in relations["trust"][:1]]


def test_suggesting_for_many_rows_at_once_agrees_with_one_at_a_time():
    model = build_model(DOCS)
    found = centroids(DOCS, model, TOPICS)
    rows = list(range(len(DOCS)))
    named = [frozenset({"delegation"}) if row == 3 else frozenset() for row in rows]
    at_once = suggest_rows(model, rows, found, named)
    assert at_once == [suggest(model.vector(row), found, named[row]) for row in rows]
    assert suggest_rows(model, [], found, []) == []


def test_topic_map_is_well_formed_svg_with_a_link_per_topic():
    svg = topic_map_svg(TOPICS, {"delegation": 2, "trust": 1}, {"delegation": [("trust", 0.5)]})
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}a")) == 3
    assert len(root.findall(f"{ns}line")) == 1
    assert topic_map_svg([], {}, {}) == ""


def map_spots(svg):
    """Return each topic's dot centre and label box from the map's SVG."""
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    ns = "{http://www.w3.org/2000/svg}"
    spots = {}
    for node in root.findall(f"{ns}a"):
        circle, text = node.find(f"{ns}circle"), node.find(f"{ns}text")
        x, y = float(circle.get("cx")), float(circle.get("cy"))
        width = label_width(text.text)
        shift = {"start": 0, "middle": width / 2, "end": width}[text.get("text-anchor")]
        left, baseline = float(text.get("x")) - shift, float(text.get("y"))
        spots[text.text] = (x, y, (left, baseline - FONT, left + width, baseline))
    return root, spots


def two_clusters(size=6):
    """Two groups of topics, strongly related inside each group, not at all across."""
    topics = [TopicInfo(f"{group}{i}", f"{group} topic {i}", f"/{group}{i}/", "")
              for group in ("north", "south") for i in range(size)]  # fmt: skip
    relations = {
        t.slug: [(o.slug, 0.9) for o in topics if o.slug[:5] == t.slug[:5] and o is not t][:3]
        for t in topics
    }
    return topics, {t.slug: 3 for t in topics}, relations


def test_the_topic_map_puts_related_topics_near_each_other():
    topics, counts, relations = two_clusters()
    _, spots = map_spots(topic_map_svg(topics, counts, relations))
    centre = {g: [sum(v[i] for k, v in spots.items() if k.startswith(g)) / 6 for i in (0, 1)]
              for g in ("north", "south")}  # fmt: skip

    def nearest(name):
        x, y, _ = spots[name]
        return min(centre, key=lambda g: (centre[g][0] - x) ** 2 + (centre[g][1] - y) ** 2)

    assert all(nearest(name) == name.split()[0] for name in spots)


def test_the_topic_map_is_deterministic_and_no_label_overlaps_another_or_the_edge():
    topics = [TopicInfo(f"t{i}", f"A fairly long topic name {i}", f"/t{i}/", "") for i in range(40)]
    relations = {t.slug: [(topics[(i * 7 + 3) % 40].slug, 0.4)] for i, t in enumerate(topics)}
    counts = {t.slug: 1 + i % 9 for i, t in enumerate(topics)}
    svg = topic_map_svg(topics, counts, relations)
    assert svg == topic_map_svg(list(reversed(topics)), counts, relations)
    root, spots = map_spots(svg)
    boxes = [box for _, _, box in spots.values()]
    width = float(root.get("viewBox").split()[2])
    assert all(left >= 0 and right <= width for left, _, right, _ in boxes)
    for i, (l1, t1, r1, b1) in enumerate(boxes):
        for l2, t2, r2, b2 in boxes[i + 1 :]:
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, "two labels overlap"
    assert root.get("font-size") == str(FONT)
    assert FONT >= 15


@pytest.mark.parametrize("crowd", [0, 3, 12, 40])
def test_a_label_takes_the_first_of_its_cheapest_places_among_all(crowd):
    # Scoring stops at the rank of the best cost so far; the place must be the one that
    # scoring every option would choose, on free and on crowded maps alike.
    lines = [(i * 37 % 500, i * 11 % 300, (i * 53 + 90) % 500, (i * 29 + 40) % 300)
             for i in range(crowd)]  # fmt: skip
    corners = [(i * 41 % 480, i * 23 % 290) for i in range(crowd)]
    boxes = [(left, top, left + 60, top + 20) for left, top in corners]
    for x, y in itertools.product((20, 150, 260, 470), (15, 120, 280)):
        everything = list(label_options(x, y, 8, 96))
        costs = [label_cost(rank, o, lines, boxes, 500) for rank, o in enumerate(everything)]
        chosen = cheapest_label(label_options(x, y, 8, 96), lines, boxes, 500)
        assert chosen == everything[costs.index(min(costs))]


@pytest.mark.parametrize(("segment", "expected"), [
    ((0, 0, 5, 5), False),  # wholly left of the box, and above it
    ((0, 15, 40, 15), True),  # straight through
    ((0, 0, 10, 10), True),  # ends on the box's corner: touching counts
    ((0, 30, 40, 30), True),  # along its bottom edge
    ((0, 31, 40, 31), False),  # just below it
    ((0, 0, 40, 60), True),  # corner to corner, ends outside on both sides
])  # fmt: skip
def test_a_line_crosses_a_label_only_where_it_touches_the_box(segment, expected):
    assert crosses(segment, (10, 10, 30, 30)) is expected


def test_settings_reject_typos_and_wrong_types():
    assert load({"TOPIC_LINKS_MAX": 3}) == TopicSettings(topic_links_max=3)
    with pytest.raises(SettingsError, match="unknown setting TOPIC_LINKS_MAXX"):
        load({"TOPIC_LINKS_MAXX": 3})
    with pytest.raises(SettingsError, match="TOPIC_LINKS_MAX = '3' is not a int"):
        load({"TOPIC_LINKS_MAX": "3"})


def test_links_start_where_the_doc_says_and_mentions_count_everywhere():
    options = link_options({"delegation": ["delegation"], "trust": ["trust"]},
                           {"delegation": "/d/", "trust": "/t/"}, 3)  # fmt: skip
    html = "<p>My delegation fails.</p><!-- answer --><p>Trust, then delegation.</p>"
    start = html.index("<!-- answer -->") + len("<!-- answer -->")
    answered = scan(html, options, start)
    assert answered.linked(html)[:start] == html[:start]  # the reader's letter is left as written
    assert answered.topic_links == ("trust", "delegation")
    assert answered.mentioned == {"delegation", "trust"}
    opted_out = scan(html, options, -1)
    assert opted_out.linked(html) == html
    assert opted_out.topic_links == ()
    assert opted_out.mentioned == {"delegation", "trust"}


def test_a_name_of_several_words_is_found_across_line_breaks_but_not_with_its_own_spacing():
    names = {"safety": ["psychological safety"], "odd": ["odd  name"], "trust": ["trust"]}
    options = link_options(names, {slug: f"/{slug}/" for slug in names}, 3)
    html = "<p>Build Psychological\n  safety, an odd  name and trust.</p>"
    found = scan(html, options)
    assert found.topic_links == ("safety", "trust")  # a doubled space in a name matches nothing
    assert found.linked(html).startswith('<p>Build <a class="topic-link" href="/safety/">Psych')


def test_a_scan_keeps_where_links_go_not_a_second_copy_of_the_article():
    options = link_options({"trust": ["trust"]}, {"trust": "/t/"}, 3)
    html = "<p>Trust is earned in small moments, " + "again and again, " * 200 + "</p>"
    found = scan(html, options)
    assert found.linked(html).startswith('<p><a class="topic-link" href="/t/">Trust</a> is')
    assert len(pickle.dumps(found)) < 200  # spans, not a second copy of the HTML


def test_the_phone_map_keeps_every_arc_left_of_the_labels_and_related_topics_adjacent():
    topics, counts, relations = two_clusters()
    root = ET.fromstring(arc_map_svg(topics, counts, relations))  # noqa: S314 - our own output
    ns = "{http://www.w3.org/2000/svg}"
    arcs = [re.findall(r"-?[\d.]+", p.get("d")) for p in root.iter(f"{ns}path")]
    labels = [float(t.get("x")) for t in root.iter(f"{ns}tspan")]
    assert arcs
    assert max(float(x) for d in arcs for x in d[0::2]) <= ARC_COLUMN < min(labels)
    order = [a.get("data-topic")[:5] for a in root.findall(f"{ns}a")]
    assert order.count("north") == 6
    assert (
        sum(1 for a, b in itertools.pairwise(order) if a != b) == 1
    )  # one cluster, then the other


def test_groups_are_stable_and_follow_the_graph():
    topics, _, relations = two_clusters()
    groups = topic_groups(topics, relations)
    assert groups == topic_groups(list(reversed(topics)), relations)
    north = {groups[t.slug] for t in topics if t.slug.startswith("north")}
    south = {groups[t.slug] for t in topics if t.slug.startswith("south")}
    assert not north & south  # no colour spans both clusters
    assert topic_groups([], {}) == {}


def test_a_local_map_marks_its_own_topic_and_draws_only_its_neighbours():
    topics, counts, relations = two_clusters()
    svg = local_map_svg(topics[0], topics[1:4], counts, relations)
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    nodes = root.findall("{http://www.w3.org/2000/svg}a")
    assert nodes[0].get("data-topic") == "north0"
    assert nodes[0].get("aria-current") == "page"
    assert len(nodes) == 4
    assert local_map_svg(topics[0], [], counts, relations) == ""
