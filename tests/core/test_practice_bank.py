"""The practice bank and the daily pick: pure data, pure functions (the reflection prompts
are in test_prompts.py)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest

from tracker.core import practice_bank
from tracker.core.labels import INTERVIEW_KINDS, PRACTICE_KIND
from tracker.core.practice_bank import (
    BANK,
    KINDS,
    PracticeItem,
    daily_pick,
    item_by_id,
    items_for,
    prep_picks,
)

DAY = date(2026, 3, 18)
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def test_the_bank_holds_at_least_60_items_of_all_five_kinds():
    assert len(BANK) >= 60
    counts = Counter(item.kind for item in BANK)
    five = {"behavioural", "technical", "rejection", "body_language", "confidence"}
    assert set(counts) == set(KINDS) == five
    assert min(counts.values()) >= 10, counts


def test_ids_are_unique_stable_slugs():
    ids = [item.id for item in BANK]
    assert len(set(ids)) == len(ids)
    assert all(SLUG.fullmatch(i) and len(i) <= 64 for i in ids), ids


@pytest.mark.parametrize("item", BANK, ids=lambda item: item.id)
def test_every_text_is_a_complete_sentence_of_sensible_length(item):
    assert item.text == item.text.strip()
    assert 30 <= len(item.text) <= 300
    assert item.text[0].isupper() or item.text[0] == "“"
    assert item.text[-1] in ".?!”"
    assert "  " not in item.text


def test_texts_are_unique():
    texts = [item.text for item in BANK]
    assert len(set(texts)) == len(texts)


def test_item_by_id_finds_each_item_and_nothing_else():
    for item in BANK:
        assert item_by_id(item.id) is item
    for unknown in ("", "nope", BANK[0].id.upper(), BANK[0].id + " "):
        assert item_by_id(unknown) is None


@pytest.mark.parametrize("user_id", [1, 2, 77, 10**6])
def test_the_pick_is_the_same_for_the_same_user_and_day(user_id):
    assert daily_pick(user_id, DAY) == daily_pick(user_id, DAY)
    assert daily_pick(user_id, DAY) in BANK


@pytest.mark.parametrize("user_id", [1, 2, 77, 10**6])
def test_no_item_repeats_within_any_run_of_len_bank_days(user_id):
    start = DAY - timedelta(days=17)  # any start, not only a cycle boundary
    picks = [daily_pick(user_id, start + timedelta(days=n)) for n in range(len(BANK))]
    assert len(set(picks)) == len(BANK)
    assert daily_pick(user_id, start + timedelta(days=len(BANK))) == picks[0]


def test_the_pick_rotates_across_days_and_differs_across_users():
    for user_id in range(1, 20):
        assert daily_pick(user_id, DAY) != daily_pick(user_id, DAY + timedelta(days=1))
    assert len({daily_pick(user_id, DAY).id for user_id in range(1, 20)}) >= 5
    orders = {tuple(i.id for i in practice_bank.user_order(u)) for u in range(1, 6)}
    assert len(orders) == 5


def test_adding_an_item_keeps_the_order_of_the_others():
    extra = PracticeItem("brand-new-drill", "confidence", "Stand up straight.")
    before = practice_bank.user_order(7)
    after = practice_bank.user_order(7, (*BANK, extra))
    assert [i for i in after if i != extra] == before


def test_an_empty_bank_is_refused():
    with pytest.raises(ValueError, match="empty"):
        daily_pick(1, DAY, ())


# The pick while an interview lies ahead (SPEC section 4): its own questions where the bank has
# them, and the body-language and nerves drills for every kind.
FITS = {
    "technical": {"technical", "body_language", "confidence"},
    "behavioural": {"behavioural", "body_language", "confidence"},
    **{
        kind: {"body_language", "confidence"}
        for kind in ("phone", "video", "onsite", "panel", "final", "other")
    },
}


def test_every_kind_of_the_bank_has_words_to_show():
    assert set(PRACTICE_KIND) == set(KINDS)


def test_every_interview_kind_is_mapped():
    assert set(FITS) == set(INTERVIEW_KINDS)


@pytest.mark.parametrize(("interview_kind", "kinds"), FITS.items(), ids=list(FITS))
def test_the_items_for_an_interview_kind_are_those_that_fit_it(interview_kind, kinds):
    found = items_for(interview_kind)
    assert {item.kind for item in found} == kinds
    assert list(found) == [item for item in BANK if item.kind in kinds]  # all of them, in order


def test_an_unknown_interview_kind_gets_the_drills():
    assert {item.kind for item in items_for("lunch")} == {"body_language", "confidence"}


def test_the_ids_of_the_items_before_technical_ones_were_added_stay():
    for kept in ("tell-me-about-yourself", "posture-reset", "three-wins", "hearing-no"):
        assert item_by_id(kept) is not None


@pytest.mark.parametrize("interview_kind", sorted(FITS))
@pytest.mark.parametrize("user_id", [1, 2, 77])
def test_prep_picks_are_the_days_pick_a_body_language_and_a_nerves_drill(interview_kind, user_id):
    own = {"technical", "behavioural"} & {interview_kind}
    for day in (DAY + timedelta(days=n) for n in range(30)):
        picks = prep_picks(user_id, day, interview_kind)
        assert picks == prep_picks(user_id, day, interview_kind)  # stable for the day
        assert picks[0] == daily_pick(user_id, day, items_for(interview_kind))
        kinds = [item.kind for item in picks]
        assert len(set(picks)) == 3
        assert {"body_language", "confidence"} <= set(kinds)
        assert set(kinds) <= FITS[interview_kind]
        if own:  # a question of its own kind, whichever drill the day's pick was
            assert sorted(kinds) == sorted([*own, "body_language", "confidence"])
