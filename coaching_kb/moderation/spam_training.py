"""Fit the spam model at release time, choose its settings by cross-validation, and measure
the scorer once on comments nobody tuned on.

The procedure (`invoke spam-train`):
1. Development data: one video of the public set (DEVELOPMENT_VIDEO) and our own
   coaching-blog comments in BLOG_SETS: labelled_comments.json, and held_out_comments.json,
   fresh_held_out_comments.json, blind_held_out_comments.json, blind2_held_out_comments.json,
   blind3_held_out_comments.json, blind4_held_out_comments.json,
   blind5_held_out_comments.json, blind6_held_out_comments.json and
   blind7_held_out_comments.json, which were each scored once as held-out (stops 40 and 41,
   the round before the sentence-view trial, stops 42, 43 and 44, the sixth spam round, not
   merged, and the seventh) and then made development data (for tuning
   and cross-validation), and dev4a_comments.json and dev4b_comments.json (stop 43),
   dev5a_comments.json and dev5b_comments.json (stop 44), and dev6a_comments.json,
   dev6b_comments.json and dev6c_comments.json (the sixth round), dev7a_comments.json and
   dev7b_comments.json (the seventh), dev8a_comments.json and dev8b_comments.json (the
   eighth), written for development by writers who had not seen the scorer (blind8, dev9a
   and dev9b wait in the folder for the next round: the ninth round that trained on them was
   not kept, and the model shipped is fitted on the sets listed here). Held out, never read
   while choosing:
   the other video, and HELD_OUT_BLOG, coaching-blog comments written blind by someone else
   and merged only once the tuning (rules, data and this choosing rule) was committed.
2. Nested cross-validation on the development data only, grouped by set (since the sixth
   round): each blog set is one outer fold, held out whole, so its writer is new to the
   model, as a blind set's is; the video's comments are dealt round-robin over the same
   folds. For each penalty in L2_CHOICES and each false-alarm budget in BUDGETS, in each
   outer fold: fit on the other folds, set the model's probability cut so that at most
   `budget` of their real comments are filed as spam out-of-fold (FOLDS inner folds), then
   score the outer fold with the whole scorer (rules and model).
3. The setting kept files no real blog comment as spam (a reader filed as spam is the worst
   mistake; if every setting files some, the fewest), then keeps the video's false-positive
   rate within MAX_VIDEO_FALSE_POSITIVES, then has the best recall on blog spam, then on
   video spam. Changes to the rules and the data were kept by the same rule, fixed (stop 42)
   before any of them ran; so was the choice against a sentence-embedding view beside the
   n-grams (commit 9c1bf64 ran it: every setting with it filed real blog comments).
   Stop 43 fixed, before any variant ran, that changes to the features (word n-grams, text
   folding, counts), the weighting of the examples and the rules are kept by the same order,
   applied to each variant's best setting over all blog development sets (blind3 included):
   fewest real blog comments filed, then the video's false-positive rate within
   MAX_VIDEO_FALSE_POSITIVES, then blog recall, then video recall; a tie keeps what shipped.
   Kept by it: the rule kinds of a way to reach a seller and a business signing its praise.
   Tried and not kept (README): accents and digits-for-letters folded (kept on six blog sets,
   then one blog spam behind once dev4a and dev4b joined), sublinear counts, character
   n-grams within words, balanced classes, word stems, a blog weight of 5 (a tie), a lower
   "fairly sure" level, a penalty of 1e-5.
   Stop 44 fixed, before any run, the same rule, unchanged: each new rule kind is kept only
   if, over all blog development sets (blind4 included), the best setting of L2_CHOICES x
   BUDGETS with it files the fewest real blog comments, keeps the video within
   MAX_VIDEO_FALSE_POSITIVES, then catches more blog spam, then more video spam, than without
   it; a tie keeps what shipped. The new development sets (dev5a, dev5b) join the data and
   the setting is chosen again by it; the grid is not widened.
   Kept by it (blind4 in the development data, before dev5a and dev5b): the rule kinds of
   offers in Italian, Polish, Turkish and Russian, a product's price with a sale or a reader
   offer, "reply WORD below", giveaways to subscribers, coursework sellers and businesses
   thanking under their name (blog spam caught 717 against 705 of 857; the same 1 of 1,199
   real blog and 1 of 174 real video comments filed; both chose penalty 3e-5, budget 0).
   The seventh round fixed, before any run (the sixth round's choice of a higher penalty
   filed one real blog comment fewer in cross-validation, but caught less of the development
   video, then fell under the 0.8 target on the held-out one), the same order with a floor:
   a setting or a candidate (a rule kind, a feature change, a setting) is eligible only if
   its cross-validated (grouped by set) video false-positive rate is within
   MAX_VIDEO_FALSE_POSITIVES AND its video recall out of fold is not below that of main's
   scorer at SHIPPED_BEFORE, main's setting, in the same cross-validation (a candidate is
   held to main's rules and features there; `invoke spam-train` to the kept ones); among
   the eligible, the fewest real blog comments filed, then the most blog spam caught, then
   video recall; a tie keeps what shipped. Main's features (character n-grams of 2 to 5)
   stay unless the rule prefers a change: the sixth round's 2 to 4 is a candidate, not a
   given. New development sets (dev7a, dev7b) join the data and the
   setting is chosen again on the existing grid.
   Judged by it (blind6 in the development data, before dev7a and dev7b; each kind added
   alone to main's rules, then each left out in turn from those kept): the sixth round's
   kinds (a free first meeting, returns per period, recruiters fishing for CVs, money for a
   mention or link, a bare messenger handle, dating asks, firms' greetings and private asks
   in other languages, two mended rules) and this round's, from blind6's misses (a business
   pitching the owner a paid service, a testimonial of a seller bought from, a firm's
   slogan signed, a call to reply with a word, an advance-fee windfall, offers in Hinglish,
   Turkish, Arabic and Polish, a comment bot's stock praise). All sixteen were kept: blog
   spam caught 1,241 against 1,160 of 1,602, real blog comments filed 4 against 5 of 2,000,
   the video at 0.851 recall and 1 of 174 real, all at penalty 3e-5, budget 0. Character
   n-grams of 2 to 4 were not kept (1,238 with the kinds, 1,154 without, the same filed).
   Four more kinds, for the same miss kinds in dev6b's and dev6c's words (a business asking
   the owner's price for a post, someone to look up in another language, an offer in a
   pinned post, bio or highlights, a product's sale price or code word), were kept the same
   way (1,270 with all twenty; the same 4 filed). With dev7a and dev7b in the data the
   setting was chosen again by `invoke spam-train` on the existing grid: penalty 3e-5,
   budget 0 (4 of 2,248 real blog comments filed, 1,431 of 1,849 blog spam caught, video
   recall 0.84, the floor, with 1 of 174 real); penalty 1e-4 filed one reader fewer but
   caught less of the video (0.834), so the floor ruled it out. The twenty kinds, judged
   again on the eighteen sets, all stay (1,431 against 1,309 without them; 4 against 6 real
   filed).
   Scored once with the model it wrote (spam-train ran before blind7 was merged; the model
   was then scored on it once): the held-out video 143 of 173 (3 of 173 real filed), blind7
   46 of 63 (none of 91 real filed), where the scorer shipped before catches 141 and 44.
   The eighth round fixed, before any run, the seventh round's rule unchanged: cross-
   validation grouped by set (each writer's set held out whole); a candidate (a rule kind,
   a change to an old kind, a feature change, a setting, the model's "fairly sure" level) is
   eligible only if its cross-validated video false-positive rate is within
   MAX_VIDEO_FALSE_POSITIVES and its video recall out of fold is not below that of main's
   scorer at SHIPPED_BEFORE in the same cross-validation; among the eligible, the fewest
   real blog comments filed, then the most blog spam caught, then video recall; a tie keeps
   what shipped. blind7 joins the development data; dev8a and dev8b join when written, and
   the setting is chosen again on the existing grid. Kept or not, fixed with it: this
   round's scorer replaces main's only if, scored once, it catches more of blind8 than
   main's scorer does with none of blind8's real comments filed, and on the held-out video
   keeps recall at 0.8 or over and the false-positive rate at 2% or under; otherwise main's
   model and rules stay and the round is written up as measured and not kept.
   Judged by it (twenty-one blog sets, blind7, dev8a and dev8b among them; each kind added
   alone to main's rules, then each left out in turn from those kept): extensions of old
   kinds for blind7's misses (a firm offering readers something free, a coach's own
   programme, a collaboration pitched to the owner, a customer's testimonial, podcast and
   newsletter plugs, offers in Turkish, Indonesian and Dutch, a suspension notice, an
   investment testimonial, a bot's chat) were kept, a trade's greeting was not (a tie); a
   second wave from dev8a's and dev8b's misses (a free webinar or "start free", podcast
   plugs in other languages, a trade introducing itself, domain, hosting and fee notices) and
   bare domains on newer and country TLDs were kept; a link's own half point was not (16
   real blog comments filed against 6). The model's half point moved from 0.6 to 0.75: 5
   real blog comments filed against 6, 1,617 of 2,168 blog spam caught against main's 1,587;
   0.8 and over fell under the video floor. dev8a and dev8b, merged after the first wave was
   committed, were caught at 94 and 83 of 127 and 129 with main's model and the first wave
   (93 and 82 with main's rules). `invoke spam-train` then chose penalty 3e-5, budget 0 (cut
   0.936; video recall 0.834, the floor, 1 of 174 real), 508 processor-seconds.
   Scored once with the model it wrote (blind8 merged after it was committed): the held-out
   video 139 of 173 (1 of 173 real filed), blind8 54 of 65 (none of 92 real filed), where
   main's scorer catches 143 (3 real filed) and 52 (none filed); rules alone 30 against 29.
   Kept by the rule fixed first: more of blind8, no reader filed, the video at 0.803 and 0.6%.
   The ninth round fixed, before any run, the eighth round's rule unchanged: cross-validation
   grouped by set (each writer's set held out whole, the video dealt over the folds); a
   candidate (an extension of an existing rule kind, a feature change, a setting, the model's
   "fairly sure" level) is eligible only if its cross-validated video false-positive rate is
   within MAX_VIDEO_FALSE_POSITIVES and its video recall out of fold is not below that of
   main's scorer (the eighth round's rules and features) at SHIPPED_BEFORE in the same
   cross-validation; among the eligible, the fewest real blog comments filed, then the most
   blog spam caught, then video recall; a tie keeps what shipped. Each candidate is judged
   added alone to main's rules, then each kept one left out in turn from all those kept. No
   new kind of rule: a candidate extends one of the existing kinds. blind8 joins the
   development data; dev9a and dev9b join when written (if there by 17:05 UTC), and the
   setting is chosen again on the existing grid by `invoke spam-train`. Kept or not, fixed
   with it: blind9 is merged only after the refitted model is committed, and this round's
   scorer and main's (main's spam_model.npz and rules) are each scored on it and on the
   held-out video once. This round's scorer replaces main's only if all three hold:
   (a) it catches more of blind9's spam than main's scorer does (a tie is not enough);
   (b) it files none of blind9's real comments, or, if main's scorer files some, no more than
   main's does; (c) on the held-out video its recall is 0.8 or over and it files at most 1%
   of the video's real comments (1 of 173). Otherwise main's model and rules stay, BLOG_SETS
   goes back to main's (the shipped model must be the one fitted on the sets it lists), blind9
   is the held-out set main's scorer was scored on, blind8, dev9a and dev9b stay in the
   repository for the next round without joining the training data, and the round is
   written up as measured and not kept.
   Judged by it (twenty-two blog sets, blind8 among them, before dev9a and dev9b joined; each
   candidate added alone to main's rules, then each left out in turn from all those kept):
   fourteen extensions of old kinds were kept (a link after a call to act, a sentence pasted
   three times, SEO in Chinese and Japanese, loans and recovery hackers in other words, a
   course's guarantee and next cohort, a price per head, offers in French, German, Polish and
   Russian, betting sites, notices in other languages, a credit claim's proof, dating bots'
   photos, a trade's call-outs, spun text, jobs from home in other languages): 1,726 of 2,233
   blog spam caught against 1,679, the same 5 of 2,688 real filed, the video at the floor
   0.846 with 1 of 174 real, at penalty 3e-5, budget 0 (the grid chose it again). Four were
   ties left out and not kept ("just reply yes", "could I send you a walkthrough", a first
   month free in other languages, "I'm Rob from ReviewBoost"). dev9a and dev9b, merged after
   the rules were committed, were caught at 94 and 85 of 128 and 128 with main's model (main's
   rules 94 and 84). `invoke spam-train` could not finish before the stop (load 16 to 18 on
   two cores); the model was fitted with `shipped` at CHOSEN on the twenty-four sets (cut
   0.948) and committed before blind9 was merged. Cross-validated on the twenty-four sets
   afterwards (penalty 3e-5 only): 1,889 of 2,489 blog spam against main's rules' 1,841, the
   same 8 of 2,938 real filed, video 0.84 with 1 of 174 real. Scored once: blind9 64 of 72 by both
   scorers (none of 97 real filed by either), the held-out video 140 of 173 against main's
   139 (1 of 173 real filed by each). A tie on blind9 fails the condition fixed first, so the
   round was not kept: main's rules and model stay, and blind9 is their held-out set.
4. The model is fitted on all development data with that setting, and that model is both
   measured on the held-out comments and shipped: the figures describe the very weights a
   site runs (a refit that also read the held-out video filed two blind real readers).
Only the weights are written; no text of the training set.
"""

import functools
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

from .spam import Context, is_brief, model_signals, rule_signals, score, verdict
from .spam_model import BUCKETS, SpamModel, feature_ids

OWN_LABELS = Path(__file__).with_name("labelled_comments.json")
# Our coaching-blog development sets; nine were held out once, then made development.
BLOG_SETS = tuple(
    Path(__file__).with_name(name)
    for name in (
        "labelled_comments.json",
        "held_out_comments.json",
        "fresh_held_out_comments.json",
        "blind_held_out_comments.json",
        "blind2_held_out_comments.json",
        "blind3_held_out_comments.json",
        "dev4a_comments.json",
        "dev4b_comments.json",
        "blind4_held_out_comments.json",
        "dev5a_comments.json",
        "dev5b_comments.json",
        "blind5_held_out_comments.json",
        "dev6a_comments.json",
        "dev6b_comments.json",
        "dev6c_comments.json",
        "blind6_held_out_comments.json",
        "dev7a_comments.json",
        "dev7b_comments.json",
        "blind7_held_out_comments.json",
        "dev8a_comments.json",
        "dev8b_comments.json",
    )
)
# Written blind, by another person, before the ninth round's tuning; merged and scored once after
# it, with the ninth round's scorer and with this one (the ninth round was not kept, README).
HELD_OUT_BLOG = Path(__file__).with_name("blind9_held_out_comments.json")
DEVELOPMENT_VIDEO = "PSY - Gangnam Style"  # the other video of the public set is held out
L2_CHOICES = (3e-5, 1e-4, 3e-4)  # penalties cross-validation chooses from
# Shares of real comments the model's cut may file, in-fold; 0: above every real one seen
BUDGETS = (0.0, 0.005, 0.01, 0.02, 0.03)
# (penalty on the weights per example, budget) the cross-validation chose; spam-train prints it
# (the eighth round chose it again, with blind7, dev8a and dev8b; model cut 0.936)
CHOSEN = (3e-5, 0.0)
L2, BUDGET = CHOSEN
# Main's setting before this round: its cross-validated video recall is the floor a choice keeps.
SHIPPED_BEFORE = (3e-5, 0.0)
# The whole scorer's cross-validated false-positive rate on the video the choice must keep to:
# half the 2% target, because on comments from other videos and writers the rate has come out
# up to three and a half times the cross-validated one (2.9% held out against 0.8%).
MAX_VIDEO_FALSE_POSITIVES = 0.01
FOLDS = 5
BLOG_WEIGHT = 3.0  # our own comments count thrice: the site is a blog, not a music video


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled comment: its text, whether it is spam, and where it comes from."""

    body: str
    is_spam: bool
    group: str  # the video's title, or "blog" for our own comments
    title: str = ""  # what the comment is under (the article's or video's title)
    honeypot: str = ""  # what a bot put in the field people cannot see
    blocklist: tuple[str, ...] = ()  # the owner's blocklist when it arrived
    source: str = ""  # the file of our own comments it comes from


def read_jsonl(path: Path) -> list[Example]:
    """Return the labelled comments of a JSON-lines file (`body`, `label`, `video`)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Example(r["body"], r["label"] == "spam", r.get("video", ""), r.get("video", ""))
            for r in rows]  # fmt: skip


def read_own(path: Path = OWN_LABELS) -> list[Example]:
    """Return our own labelled coaching-blog comments."""
    rows = json.loads(path.read_text(encoding="utf-8"))["comments"]
    return [
        Example(
            r["body"],
            r["label"] == "spam",
            "blog",
            r.get("title", ""),
            r.get("honeypot", ""),
            tuple(r.get("blocklist", ())),
            path.name,
        )
        for r in rows
    ]


def read_blog_development() -> list[Example]:
    """Return every coaching-blog comment of our development sets."""
    return [example for path in BLOG_SETS for example in read_own(path)]


# Nested cross-validation turns each text into features hundreds of times: once is enough.
cached_feature_ids = functools.cache(feature_ids)


def design(texts: Iterable[str]) -> sparse.csr_matrix:
    """Return the examples as rows of unit-length hashed n-gram indicators."""
    rows, columns, values = [], [], []
    for row, text in enumerate(texts):
        ids = cached_feature_ids(text)
        rows += [row] * len(ids)
        columns += ids.tolist()
        values += [1.0 / np.sqrt(max(len(ids), 1))] * len(ids)
    return sparse.csr_matrix((values, (rows, columns)), shape=(row + 1, BUCKETS))


def fit(examples: list[Example], l2: float | None = None) -> tuple[np.ndarray, float]:
    """Return the weights and bias that minimise the penalised logistic loss."""
    l2 = L2 if l2 is None else l2
    features = design(e.body for e in examples)
    # Only the slots some example fills can move off zero: optimise those alone (the same
    # minimum, far fewer numbers for L-BFGS to carry).
    used = np.unique(features.indices)
    features = features[:, used]
    target = np.array([e.is_spam for e in examples], dtype=np.float64)
    share = np.array([BLOG_WEIGHT if e.group == "blog" else 1.0 for e in examples])
    count = share.sum()

    def loss(parameters: np.ndarray) -> tuple[float, np.ndarray]:
        weights, bias = parameters[:-1], parameters[-1]
        logits = features @ weights + bias
        value = share @ (np.logaddexp(0, logits) - target * logits)
        error = share * (1 / (1 + np.exp(-logits)) - target)
        gradient = np.append(features.T @ error, error.sum()) / count
        gradient[:-1] += l2 * weights
        return value / count + l2 / 2 * weights @ weights, gradient

    start = np.zeros(len(used) + 1)
    found = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    weights = np.zeros(BUCKETS, dtype=np.float32)
    weights[used] = found.x[:-1]
    return weights, float(found.x[-1])


def out_of_fold(examples: list[Example], l2: float = L2, folds: int = FOLDS) -> np.ndarray:
    """Return each example's spam probability from a model fitted without its fold."""
    probabilities = np.zeros(len(examples))
    for fold in range(folds):
        weights, bias = fit([e for n, e in enumerate(examples) if n % folds != fold], l2)
        model = SpamModel(weights, bias, 1.0)
        for n in range(fold, len(examples), folds):
            probabilities[n] = model.probability(examples[n].body)
    return probabilities


def cut_for(examples: list[Example], probabilities: np.ndarray, budget: float) -> float:
    """Return the lowest probability cut that files at most `budget` of the real comments."""
    real = np.sort([p for p, e in zip(probabilities, examples, strict=True) if not e.is_spam])
    allowed = int(budget * len(real))
    return float(real[len(real) - allowed - 1]) + 1e-6 if len(real) else 0.5


def train(examples: list[Example], l2: float = L2, budget: float = BUDGET) -> SpamModel:
    """Return a model fitted on every example, its cut chosen out-of-fold for `budget`."""
    cut = cut_for(examples, out_of_fold(examples, l2), budget)
    weights, bias = fit(examples, l2)
    return SpamModel(weights, bias, cut)


def flags(examples: list[Example], model: SpamModel | None) -> list[bool]:
    """Return whether the whole scorer (the rules alone when no model) files each as spam."""
    return [
        score(
            e.body, Context(e.title, e.honeypot, e.blocklist), model=model, rules_only=model is None
        ).is_spam
        for e in examples
    ]


def tally(examples: list[Example], flagged: list[bool]) -> dict[str, float]:
    """Return recall and false-positive rate of `flagged` against the labels."""
    spam = [f for f, e in zip(flagged, examples, strict=True) if e.is_spam]
    real = [f for f, e in zip(flagged, examples, strict=True) if not e.is_spam]
    return {
        "comments": len(examples),
        "spam": len(spam),
        "caught": sum(spam),
        "recall": round(sum(spam) / max(len(spam), 1), 3),
        "false_positive_rate": round(sum(real) / max(len(real), 1), 3),
        "real_filed_as_spam": sum(real),
    }


def figures(examples: list[Example], model: SpamModel | None) -> dict[str, float]:
    """Return the whole scorer's recall and false-positive rate on `examples`."""
    return tally(examples, flags(examples, model))


Setting = tuple[float, float]  # (penalty, budget)


def outer_folds(development: list[Example]) -> list[int]:
    """Return each example's outer fold: the index of its blog set (each set held out whole,
    its writer new to the model), the video's comments dealt round-robin over the folds."""
    sets = list(dict.fromkeys(e.source for e in development if e.group == "blog"))
    dealt = itertools.count()
    return [
        sets.index(e.source) if e.group == "blog" else next(dealt) % len(sets) for e in development
    ]


def cross_validated(
    development: list[Example],
) -> tuple[list[Example], dict[Setting, list[bool]]]:
    """Return the development examples in fold order and, for each (penalty, budget), whether
    the whole scorer files each as spam in nested cross-validation grouped by set."""
    found: dict[Setting, list[bool]] = {}
    order: list[Example] = []
    folds = outer_folds(development)
    for fold in range(max(folds) + 1):
        inner = [e for e, f in zip(development, folds, strict=True) if f != fold]
        outer = [e for e, f in zip(development, folds, strict=True) if f == fold]
        order += outer
        # The whole scorer on each setting, as `flags` gives it, with the rules run once per
        # comment and the model's probability once per penalty (not once per setting).
        rules = [rule_signals(e.body, Context(e.title, e.honeypot, e.blocklist)) for e in outer]
        for l2 in L2_CHOICES:
            probabilities = out_of_fold(inner, l2)
            weights, bias = fit(inner, l2)
            chances = [SpamModel(weights, bias, 1.0).probability(e.body) for e in outer]
            for budget in BUDGETS:
                cut = cut_for(inner, probabilities, budget)
                found.setdefault((l2, budget), []).extend(
                    verdict(
                        found_rules + ([] if is_brief(e.body) else model_signals(chance, cut))
                    ).is_spam
                    for e, found_rules, chance in zip(outer, rules, chances, strict=True)
                )
    return order, found


def summary(examples: list[Example], flagged: list[bool]) -> dict[str, float]:
    """Return the figures on all `examples`, then the blog's and the video's recall and false
    alarms apart."""
    row = tally(examples, flagged)
    for part, is_blog in (("blog", True), ("video", False)):
        pairs = [
            (e, f) for e, f in zip(examples, flagged, strict=True) if (e.group == "blog") == is_blog
        ]
        if pairs:
            of_part = tally([e for e, _ in pairs], [f for _, f in pairs])
            row |= {f"{part}_recall": of_part["recall"],
                    f"{part}_false_positive_rate": of_part["false_positive_rate"],
                    f"{part}_real_filed": of_part["real_filed_as_spam"]}  # fmt: skip
    return row


def by_source(examples: list[Example], flagged: list[bool]) -> dict[str, dict[str, float]]:
    """Return the figures of each development set (the video, each file of our own)."""
    sources = dict.fromkeys(e.source or e.group for e in examples)
    return {
        source: tally(
            [e for e in examples if (e.source or e.group) == source],
            [f for e, f in zip(examples, flagged, strict=True) if (e.source or e.group) == source],
        )
        for source in sources
    }


def choose(table: dict[Setting, dict[str, float]], video_recall_floor: float = 0.0) -> Setting:
    """Return the (penalty, budget) that keeps the video within MAX_VIDEO_FALSE_POSITIVES and
    its recall at `video_recall_floor` or over; among those, the one that files the fewest
    real blog comments, then has the best blog recall, then video recall; ties go to the
    smaller budget. If none is eligible: the fewest real blog comments filed, at the video's
    lowest false-positive rate."""
    eligible = [
        s
        for s, row in table.items()
        if row.get("video_false_positive_rate", 0) <= MAX_VIDEO_FALSE_POSITIVES
        and row.get("video_recall", 0) >= video_recall_floor
    ]
    if not eligible:
        fewest = min(row.get("blog_real_filed", 0) for row in table.values())
        rates = {
            s: row.get("video_false_positive_rate", 0)
            for s, row in table.items()
            if row.get("blog_real_filed", 0) == fewest
        }
        eligible = [s for s, rate in rates.items() if rate == min(rates.values())]
    return max(
        eligible,
        key=lambda s: (
            -table[s].get("blog_real_filed", 0),
            table[s].get("blog_recall", 0),
            table[s].get("video_recall", 0),
            -s[1],
            s[0],
        ),
    )


def split(labelled: list[Example]) -> tuple[list[Example], list[Example]]:
    """Return the development comments (one video, our own) and the held-out video's."""
    development = [e for e in labelled if e.group == DEVELOPMENT_VIDEO] + read_blog_development()
    return development, [e for e in labelled if e.group != DEVELOPMENT_VIDEO]


def shipped(labelled: list[Example], l2: float = L2, budget: float = BUDGET) -> SpamModel:
    """Return the model spam-train measures and ships: fitted on the development data only."""
    return train(split(labelled)[0], l2, budget)


def release(labelled_file: Path, save: bool = True) -> dict[str, dict[str, float]]:
    """Choose the settings by cross-validation, report the held-out figures, save the model."""
    labelled = read_jsonl(labelled_file)
    development, held_video = split(labelled)
    order, found = cross_validated(development)
    table = {setting: summary(order, flagged) for setting, flagged in found.items()}
    l2, budget = choose(table, table[SHIPPED_BEFORE].get("video_recall", 0))
    model = shipped(labelled, l2, budget)
    report = {f"cross-validated, L2 {k[0]:g}, budget {k[1]:g}": row for k, row in table.items()}
    report["chosen"] = {"l2": l2, "budget": budget, "cut": round(model.threshold, 4)}
    for source, row in by_source(order, found[l2, budget]).items():
        report[f"cross-validated, chosen, on {source}"] = row
    report["held-out video"] = figures(held_video, model)
    report["held-out video, rules alone"] = figures(held_video, None)
    if HELD_OUT_BLOG.is_file():  # merged only once the choice is committed
        blind = read_own(HELD_OUT_BLOG)
        report[f"held-out blog comments ({HELD_OUT_BLOG.stem})"] = figures(blind, model)
        report[f"held-out blog comments ({HELD_OUT_BLOG.stem}), rules alone"] = figures(blind, None)
    if save:
        model.save()
    return report
