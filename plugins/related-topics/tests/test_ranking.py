"""The ranking, text and settings cores on plain data: no Pelican, no model."""

import numpy as np
import pytest
from pelican.plugins.related_topics.ranking import (
    Doc,
    Meaning,
    candidates,
    relate,
    shares,
    top_k,
    word_counts,
)
from pelican.plugins.related_topics.settings import RelatedSettings, load
from pelican.plugins.related_topics.text import (
    function_words,
    passages,
    plain_text,
    term_counts,
    words_of,
)

DOCS = [
    Doc("a.md", "Delegating", "Delegate the tasks to the team and trust the team with them."),
    Doc("b.md", "Letting go", "When you delegate tasks, trust your team to decide."),
    Doc("c.md", "Listening", "Ask questions, listen to the answer, summarise before advice."),
    Doc("d.md", "Questions", "Listen more than you talk; ask one more question first."),
]


def keys(found):
    return [match.key for match in found]


def test_text_alone_finds_the_article_on_the_same_subject():
    found = relate(DOCS, k=1)
    assert [keys(f) for f in found] == [["b.md"], ["a.md"], ["d.md"], ["c.md"]]
    assert found[0][0].shared_terms[:2] == ("team", "delegate")


def test_shared_topics_lift_a_match_and_are_its_reason():
    tagged = [*DOCS[:3], Doc("d.md", "Questions", DOCS[3].text, topics=("delegation",))]
    tagged[0] = Doc("a.md", "Delegating", DOCS[0].text, topics=("delegation",))
    found = relate(tagged, k=2)
    assert keys(found[0]) == ["b.md", "d.md"]  # a shared topic counts as a first place
    assert found[0][1].shared_topics == ("delegation",)
    assert "d.md" not in keys(relate(DOCS, k=2)[0])


def test_ties_are_broken_by_key_and_nothing_lists_itself():
    same = [Doc(k, "Same", "identical words here") for k in ("z.md", "m.md", "a.md")]
    # Others, so that the three's words are not in most of the site's articles (never a match).
    others = [Doc(f"{n}.md", "Other", f"unlike{n} anything{n} else{n}") for n in range(3)]
    found = relate([*same, *others], k=2)
    assert keys(found[0]) == ["a.md", "m.md"]
    assert all(doc.key not in keys(f) for doc, f in zip(same, found[:3], strict=True))


@pytest.mark.parametrize("docs", [[], [DOCS[0]]])
def test_empty_and_single_article_sites(docs):
    assert relate(docs) == [[] for _ in docs]


def test_empty_texts_and_min_score():
    found = relate([Doc("a.md", "", ""), Doc("b.md", "", ""), *DOCS], k=5, min_score=0.3)
    assert found[0] == []
    assert all(m.score >= 0.3 for f in found for m in f)
    assert all(0 < m.score <= 1 for f in relate(DOCS) for m in f)


def test_non_english_articles_relate_by_their_own_words():
    docs = [
        Doc("pt1.md", "Delegar", "Delegar tarefas à equipa exige confiança na equipa.", lang="pt"),
        Doc("pt2.md", "Confiar", "A confiança na equipa cresce quando delegar tarefas.", lang="pt"),
        Doc("pt3.md", "Ouvir", "Ouvir com atenção e fazer perguntas abertas.", lang="pt"),
        *DOCS,
    ]
    assert relate(docs, k=1)[0][0].key == "pt2.md"


def unit_rows(rows):
    matrix = np.array(rows, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_meaning_finds_what_shares_no_word_and_says_which_passage():
    docs = [
        Doc("a.md", "Deadline", "the deadline slipped"),
        Doc("b.md", "Schedule", "a late schedule"),
        Doc("c.md", "Garden", "tomatoes and roses"),
    ]
    vectors = unit_rows([[1, 0.1], [0.9, 0.2], [0, 1]])
    meaning = Meaning(vectors, [["the deadline slipped"], ["a late schedule"], ["roses"]],
                      [vectors[i : i + 1] for i in range(3)])  # fmt: skip
    found = relate(docs, k=1, meaning=meaning)
    assert found[0][0].key == "b.md"
    assert found[0][0].passage == "a late schedule"
    assert not found[0][0].shared_terms


@pytest.mark.parametrize("words", [10, 400, 2_000, 20_000])
def test_the_model_keeps_twice_the_terms_share_however_long_the_post(words):
    # On a blog where the model is the stronger view, a share falling with length would bury it
    # under the terms on exactly the long posts (the held-out blog of issue 34).
    length = word_counts([Doc("a.md", "A", "word " * words)])
    terms, meaning = shares(length, np.array([True]), True)
    assert meaning[0] >= 2 * terms[0]


def test_plain_text_passages_and_terms():
    assert plain_text("<p>Trust &amp; <em>teams</em></p>\n<!-- x -->") == "Trust & teams"
    assert passages("one two three four five", 2, 2) == ["one two", "three four"]
    assert passages("", 2, 2) == [""]
    counts, forms = term_counts("The teams' team: it's the team’s call. 2024", "en")
    assert counts == {"team": 3, "call": 1, "team call": 1}  # "teams team": one term twice
    assert forms["team"] == "team"
    counts, _ = term_counts("User research, not the user of research; user research", "en")
    assert counts["user research"] == 2  # "user of research": a stop word between


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("It's the team's call", ["it", "the", "team", "call"]),
        ("Team leads’ notes", ["team", "leads", "notes"]),
        ("会议记录 and notes", ["会议", "议记", "记录", "and", "notes"]),  # no spaces: pairs
    ],
)
def test_words_end_at_an_apostrophe_and_chinese_runs_become_character_pairs(text, words):
    assert words_of(text) == words


def test_a_shared_pair_of_words_is_a_reason_and_its_words_are_not_said_again():
    docs = [
        Doc("a.md", "A", "Code review rules: we ask for code review on every change."),
        Doc("b.md", "B", "Why code review matters for code review teams."),
        Doc("c.md", "C", "Budget forecasts for the next quarter."),
    ]
    reason = relate(docs, k=1)[0][0].shared_terms
    assert "code review" in reason
    assert "review" not in reason  # the pair said it


def test_settings_warn_and_keep_defaults_never_raise():
    settings, problems = load({"RELATED_TOPICS_MAX": 3, "RELATED_POSTS_LIMIT": 9})
    assert settings == RelatedSettings(max=3)
    assert problems == []
    settings, problems = load(
        {"RELATED_TOPICS_MAXX": 3, "RELATED_TOPICS_MIN_SCORE": 2, "RELATED_MAX": 4},
        lambda key: "conf.py",
    )
    assert settings == RelatedSettings()
    assert "conf.py set what it does not use" in problems[0]
    assert "RELATED_TOPICS_MAXX: did you mean RELATED_TOPICS_MAX?" in problems[0]
    assert "RELATED_MAX: now called RELATED_TOPICS_MAX" in problems[0]
    assert any("RELATED_TOPICS_MIN_SCORE = 2 is out of range" in p for p in problems)


@pytest.mark.parametrize(
    ("setting", "value", "said"),
    [
        ("MIN_SCORE", 1.5, "is out of range: it must be from 0.0 to 1.0"),
        ("MIN_SCORE", "0.5", "is not a number"),
        ("MAX", -1, "is out of range: it must be at least 0"),
        ("MAX", 2.5, "is not a whole number"),
        ("PASSAGE_WORDS", 0, "is out of range: it must be at least 1"),
        ("AUTO_INSERT", "no", "is not True or False"),
        ("MODEL", "bert", "is no model it has"),
    ],
)
def test_a_value_set_wrong_says_whether_it_is_out_of_range_or_of_the_wrong_kind(
    setting, value, said
):
    _, problems = load({f"RELATED_TOPICS_{setting}": value})
    assert f"RELATED_TOPICS_{setting} = {value!r} {said}" in problems[0]


def test_pairs_whose_scores_round_to_one_are_ranked_by_key():
    # Arguments 7 and up give erf(x) == 1.0 exactly: four ties, the lower keys win, although
    # 10 and 9 are the two largest arguments.
    argument = np.array([[10.0, 9.0, 8.0, 7.0, 0.1, 0.0]])
    allowed = np.array([[True, True, True, True, True, False]])
    found = candidates(argument, allowed, 2)[0]
    key_rank = np.array([3, 2, 1, 0, 4, 5])
    chosen, scores = top_k(argument[0], found, key_rank, 2, 0.0)
    assert chosen == [3, 2]
    assert scores == [1.0, 1.0]


def test_the_model_reads_the_summary_its_author_wrote_else_the_text():
    written = Doc(
        "a.md", "Delegating", "Delegating. Hand it over. Long body", summary="Hand it over."
    )
    assert written.read_by_model() == "Delegating. Hand it over."
    assert DOCS[0].read_by_model() == DOCS[0].text


def test_an_article_the_model_never_read_is_never_said_close_in_meaning():
    portuguese = [
        Doc("pt1.md", "Equipe", "a equipe decide o prazo da entrega", lang="pt"),
        Doc("pt2.md", "Prazo", "o prazo da equipe e a entrega atrasada", lang="pt"),
        Doc("pt3.md", "Entrega", "a entrega da equipe e o prazo", lang="pt"),
    ]
    docs = [*DOCS, *portuguese]
    vectors = np.vstack([unit_rows([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]]), np.zeros((3, 2))])
    meaning = Meaning(vectors.astype(np.float32), [[doc.text] for doc in docs],
                      [vectors[i : i + 1] for i in range(len(docs))])  # fmt: skip
    for found in relate(docs, k=3, meaning=meaning)[4:]:
        assert found, "the Portuguese articles relate by their terms"
        assert all(match.shared_terms and not match.passage for match in found)


def post(key: str, subject: int, topical: list[int], common: list[int]) -> Doc:
    """Return a post of words from its subject's 40 and from 3,000 any post may use."""
    words = [f"s{subject:02d}w{w:02d}x" for w in topical] + [f"c{w:04d}x" for w in common]
    return Doc(key, key, " ".join(words))


SUBJECTS = 30  # one a latent dimension


def subject_site(rng: np.random.Generator) -> list[Doc]:
    """Return 180 long posts on 30 subjects: 200 words of their subject's, 100 common."""
    return [
        post(f"{n:03d}.md", n % SUBJECTS, rng.choice(40, 200).tolist(), rng.choice(3000, 100))
        for n in range(6 * SUBJECTS)
    ]


def test_latent_topics_bring_together_posts_that_share_no_word_and_never_list_them_alone():
    from pelican.plugins.related_topics.terms import term_model

    docs = subject_site(np.random.default_rng(7))
    # Two more posts on subject a in words no other post of it shares with them: only the
    # site's latent topics can tell they are on subject a.
    rng = np.random.default_rng(8)
    docs += [
        post("x.md", 0, rng.choice(20, 200).tolist(), rng.choice(1500, 100).tolist()),
        post("y.md", 0, (20 + rng.choice(20, 200)).tolist(), (1500 + rng.choice(1500, 100))),
    ]
    terms = term_model([term_counts(doc.text, doc.lang)[0] for doc in docs])
    latent = terms.latent()
    assert latent is not None
    x, y = len(docs) - 2, len(docs) - 1
    assert (terms.matrix[x] @ terms.matrix[y].T).toarray()[0, 0] == 0
    on_other_subjects = [row for row in range(6 * SUBJECTS) if row % SUBJECTS != 0]
    assert latent[x] @ latent[y] > max(latent[x] @ latent[row] for row in on_other_subjects)
    # They share nothing a reader could be told: the latent topics alone never list a pair.
    found = relate(docs, k=len(docs))  # every pair that may be listed
    assert found[x]
    assert all(match.shared_terms for match in found[x])
    assert "y.md" not in keys(found[x])
    assert term_model([term_counts(doc.text, doc.lang)[0] for doc in docs[:99]]).latent() is None


@pytest.mark.parametrize(
    ("locale", "language", "word"),
    [("en_US", "en", "much"), ("pt_BR", "pt", "muito"), ("fr-CA", "fr", "très")],
)
def test_a_sites_locale_has_its_languages_function_words(locale, language, word):
    assert word in function_words(locale)
    assert function_words(locale) == function_words(language)


@pytest.mark.parametrize(
    ("language", "function_word", "content_word"),
    [("en", "every", "research"), ("en", "much", "system"), ("en", "best", "group"),
     ("en", "thing", "work"), ("en", "use", "problem"), ("en", "uk", "web"),
     ("pt", "muito", "trabalho"),
     ("es", "muy", "tiempo"), ("fr", "très", "sujet")],
)  # fmt: skip
def test_function_words_hold_no_word_that_names_a_subject(language, function_word, content_word):
    assert function_word in function_words(language)
    assert content_word not in function_words(language)


def test_a_quote_cut_at_a_sentences_end_has_no_ellipsis_after_its_full_stop():
    from pelican.plugins.related_topics.glue import reason_for
    from pelican.plugins.related_topics.ranking import Match

    whole = "Compost needs green kitchen scraps and brown dry leaves in equal parts."
    said = reason_for(Match("a.md", 0.9, passage=f"{whole} Turn the heap every week."), {})
    assert said == f"Close in meaning: “{whole}”"
    cut = reason_for(Match("a.md", 0.9, passage="one two three four five six seven eight nine "
                                                "ten eleven twelve thirteen"), {})  # fmt: skip
    assert cut.endswith("twelve…”")


def test_a_quote_cut_after_an_abbreviations_full_stop_keeps_its_ellipsis():
    from pelican.plugins.related_topics.glue import reason_for
    from pelican.plugins.related_topics.ranking import Match

    shown = "The whole team meets every Monday for its stand-up at 9 a.m."
    going_on = reason_for(Match("a.md", 0.9, passage=f"{shown} sharp, in the big room."), {})
    assert going_on == f"Close in meaning: “{shown}…”"
    for next_sentence in ("Then we plan the week.", "18F plans the week."):
        ended = reason_for(Match("a.md", 0.9, passage=f"{shown} {next_sentence}"), {})
        assert ended == f"Close in meaning: “{shown}”"


def test_a_reason_never_names_a_web_address_part_and_the_list_stays_the_same():
    # Two posts citing the same addresses were "Both discuss: http, http www, forms".
    web = [
        Doc("w1.md", "Forms", "See https://www.forms.gov/apply.html and http://www.help.org."),
        Doc("w2.md", "Help", "Read http://www.help.org and https://www.forms.gov/faq.html."),
    ]
    found = relate([*web, *DOCS], k=1)
    assert [(m.key, m.shared_terms) for m in found[0]] == [("w2.md", ("forms",))]


@pytest.mark.parametrize(
    ("texts", "said"),
    [
        (  # "são" and "equipe fica" were said: a verb form, and a pair holding one
            ["As reuniões são curtas e a equipe fica atenta quando são poucas.",
             "As pausas são boas e a equipe fica calma quando são longas."],
            ("equipe",),
        ),
        (  # "est" and "le" were said
            ["Le projet est lent et il est tard, le client est loin.",
             "Le client est content et le budget est clair, il est tard."],
            ("client", "tard"),
        ),
        (  # "chacun" (each one) was said: a pronoun the package's French list lacks
            ["Chacun parle du budget et chacun écoute le client.",
             "Chacun lit le budget puis chacun appelle le client."],
            ("budget", "client"),
        ),
        (  # "alguém" (someone) and "cada" (each), the same in Portuguese
            ["Alguém revisa o orçamento e cada cliente recebe uma resposta.",
             "Alguém aprova o orçamento e cada cliente recebe um convite."],
            ("cliente", "cliente recebe", "orçamento"),
        ),
    ],
)  # fmt: skip
def test_a_reason_names_no_function_word_of_the_language_a_post_is_written_in(texts, said):
    # The site says its posts are English (Pelican's DEFAULT_LANG), but they are not.
    docs = [Doc(f"{n}.md", "T", text, lang="en") for n, text in enumerate(texts)]
    found = relate([*docs, *DOCS], k=1)
    assert found[0][0].key == "1.md"
    assert found[0][0].shared_terms == said


@pytest.mark.parametrize(
    ("reason", "swapped_reason"),
    [
        ("Both discuss: budget, forecast", "Close in meaning"),  # was the English words
        ("Close in meaning: “The forecast was wrong.”", "Close in meaning"),
        ("Shared topics: planning", "Shared topics: planning"),  # tags are the translation's
    ],
)
def test_a_link_swapped_to_a_translation_names_no_word_of_the_original(reason, swapped_reason):
    from pelican.contents import Article
    from pelican.plugins.related_topics.glue import RelatedLink, in_own_language
    from pelican.settings import DEFAULT_CONFIG

    original = Article("<p>Text.</p>", {"title": "Budgets", "lang": "en"}, DEFAULT_CONFIG)
    portuguese = Article("<p>Texto.</p>", {"title": "Orçamentos", "lang": "pt"}, DEFAULT_CONFIG)
    original.translations = [portuguese]
    [link] = in_own_language([RelatedLink(original, 0.9, reason)], "pt")
    assert link.article is portuguese
    assert link.reason == swapped_reason
    assert in_own_language([RelatedLink(original, 0.9, reason)], "en")[0].reason == reason
