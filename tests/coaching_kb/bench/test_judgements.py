"""The graded judgements behind the bench's NDCG: every sample article, real files, grades 0-2."""

import json

from coaching_kb.bench.quality import JUDGEMENTS, reading_agreement
from coaching_kb.testing import ROOT

CONTENT = ROOT / "content"


def test_every_sample_article_is_a_judged_query_of_real_articles():
    data = json.loads(JUDGEMENTS.read_text(encoding="utf-8"))
    articles = {p.relative_to(CONTENT).as_posix() for p in CONTENT.glob("[eq]*/*.md")}
    judged = data["judgements"]
    assert set(judged) == articles
    for query, grades in judged.items():
        assert set(grades) <= articles - {query}
        assert set(grades.values()) <= {0, 1, 2}
        assert 2 in grades.values() or 1 in grades.values(), query


def test_the_second_reading_agrees_within_one_grade():
    agreement = reading_agreement()
    assert agreement["reread_queries"] >= 4
    assert agreement["within_one"] >= 0.9
