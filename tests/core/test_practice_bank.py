"""The practice bank and the daily pick: pure data, pure functions (the reflection prompts
are in test_prompts.py)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest

from tracker.core import practice_bank
from tracker.core.practice_bank import BANK, KINDS, PracticeItem, daily_pick, item_by_id

DAY = date(2026, 3, 18)
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def test_the_bank_holds_at_least_60_items_of_all_four_kinds():
    assert len(BANK) >= 60
    counts = Counter(item.kind for item in BANK)
    assert set(counts) == set(KINDS) == {"behavioural", "rejection", "body_language", "confidence"}
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
