"""Write a realistic synthetic corpus of N articles, from our own sample content's vocabulary.

Deterministic for a given seed: the same N and seed give byte-identical files.
"""

import random
import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from coaching_kb.content.front_matter import parse, render, split_list
from coaching_kb.content.words import STOP_WORDS, words

UNTAGGED_SHARE = 0.2
QA_SHARE = 0.15


def vocabulary(content: Path) -> tuple[list[str], dict[str, list[str]]]:
    """Return common words and each topic's characteristic words, from the sample content."""
    general: Counter[str] = Counter()
    by_topic: dict[str, Counter[str]] = {}
    for path in sorted(content.glob("*/*.md")):
        if path.parent.name not in ("essays", "qa"):
            continue
        doc = parse(path.read_text(encoding="utf-8"), str(path))
        found = [w for w in words(doc.body) if len(w) > 2]
        general.update(found)
        for tag in split_list(doc.get("tags")):
            by_topic.setdefault(tag, Counter()).update(w for w in found if w not in STOP_WORDS)
    common = [w for w, _ in general.most_common(1500)]
    topical = {
        t: [w for w, _ in c.most_common(120) if general[w] < 40] for t, c in by_topic.items()
    }
    return common, topical


def sentence(rng: random.Random, common: list[str], topical: list[str]) -> str:
    """Return one sentence mixing everyday words with the topic's own."""
    length = rng.randint(8, 22)
    chosen = [
        rng.choice(topical)
        if topical and rng.random() < 0.25
        else common[int(rng.paretovariate(1.1)) % len(common)]
        for _ in range(length)
    ]
    return " ".join(chosen).capitalize() + "."


def article(rng: random.Random, index: int, common: list[str], topical: dict[str, list[str]],
            authors: list[str]) -> tuple[str, str]:  # fmt: skip
    """Return the folder and text of synthetic article number `index`."""
    topics = [] if rng.random() < UNTAGGED_SHARE else rng.sample(sorted(topical), rng.randint(1, 3))
    pool = [w for t in topics for w in topical[t]] or rng.choice(list(topical.values()))
    paragraphs = []
    for number in range(rng.randint(5, 10)):
        if number in (2, 6):
            paragraphs.append("## " + sentence(rng, common, pool).rstrip(".")[:60])
        paragraphs.append(" ".join(sentence(rng, common, pool) for _ in range(rng.randint(3, 7))))
    is_qa = rng.random() < QA_SHARE
    if is_qa:
        paragraphs.insert(len(paragraphs) // 2, "<!-- answer -->")
    meta = {
        "Title": f"{sentence(rng, common, pool).rstrip('.')[:70]} ({index})",
        "Date": (date(2015, 1, 1) + timedelta(days=rng.randint(0, 3650))).isoformat(),
        "Author": rng.choice(authors),
        "Tags": ", ".join(topics),
        "Summary": sentence(rng, common, pool),
        "Type": "qa" if is_qa else "",
        "Asker": "A Reader" if is_qa else "",
    }
    return ("qa" if is_qa else "essays"), render(meta, "\n\n".join(paragraphs))


def write_corpus(sample: Path, target: Path, count: int, seed: int = 20261123) -> Path:
    """Write `count` synthetic articles plus our topics and authors into `target`; return it."""
    rng = random.Random(seed)
    common, topical = vocabulary(sample)
    shutil.rmtree(target, ignore_errors=True)
    for folder in ("topics", "authors"):
        shutil.copytree(sample / folder, target / folder)
    authors = [
        parse(p.read_text(encoding="utf-8"), "").get("name")
        for p in sorted((sample / "authors").glob("*.md"))
    ]
    for index in range(count):
        folder, text = article(rng, index, common, topical, authors)
        path = target / folder / f"article-{index:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


def write_tag_heavy_corpus(sample: Path, target: Path, count: int = 500, tags: int = 1200,
                           seed: int = 20261123) -> Path:  # fmt: skip
    """Write a blog shaped like a long-running one: free tags (no topic files), many of them.

    Every one of `tags` made-up tags is used, and each post has two to six.
    """
    rng = random.Random(seed)
    common, topical = vocabulary(sample)
    words_pool = [w for w in common if len(w) > 3][:600]
    names = sorted({" ".join(rng.sample(words_pool, 2)) for _ in range(tags * 2)})[:tags]
    shutil.rmtree(target, ignore_errors=True)
    for index in range(count):
        _folder, text = article(rng, index, common, topical, [""])
        meta_end = text.index("\n\n")
        header = [line for line in text[:meta_end].splitlines() if not line.startswith("Tags:")]
        own = names[index::count]  # every tag is used at least once
        extra = [name for name in rng.sample(names, rng.randint(0, 3)) if name not in own]
        header.append("Tags: " + ", ".join([*own, *extra]))
        path = target / "posts" / f"post-{index:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(header) + text[meta_end:], encoding="utf-8")
    return target
