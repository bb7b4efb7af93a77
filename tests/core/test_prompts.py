"""The reflection prompts: the guided set, and the debrief that walks the six themes of how a
"no" feels and what helps. Pure data, pure functions."""

from __future__ import annotations

import re

import pytest

from tracker.core import prompts
from tracker.core.prompts import DEBRIEF, DEBRIEF_MORE, GUIDED, HABIT_PROMPT

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# The six themes of a "no" the issue names, in the order the debrief walks them, each with
# the words its question must use.
THEME_WORDS = {
    "fear": ("wanted", "scary"),
    "outmatched": ("outmatched", "other candidates"),
    "second_guessing": ("how others did", "second-guessing"),
    "being_yourself": ("rehearsed part", "yourself"),
    "old_rejections": ("old rejection", "carry yourself"),
    "next_step": ("next concrete step",),
}
SIX_THEMES = tuple(THEME_WORDS)
# Pages post these ids and old forms may still hold them: they never change.
STABLE_IDS = {
    "debrief-fear": "fear",
    "debrief-outmatched": "outmatched",
    "debrief-second-guessing": "second_guessing",
    "debrief-being-yourself": "being_yourself",
    "debrief-old-habits": "old_rejections",
    "debrief-next-step": "next_step",
    "debrief-what-happened": "debrief",
    "debrief-feeling": "debrief",
    "debrief-went-well": "debrief",
    "debrief-try-differently": "debrief",
    "debrief-ask-for-feedback": "debrief",
    "debrief-bring-it-on": "debrief",
    "fear-named": "fear",
    "fear-unafraid": "fear",
    "outmatched-what-you-bring": "outmatched",
    "outmatched-whose-voice": "outmatched",
    "second-guessing-replay": "second_guessing",
    "second-guessing-talked-out": "second_guessing",
    "being-yourself-mask": "being_yourself",
    "being-yourself-hidden": "being_yourself",
    "old-rejection-still-hurts": "old_rejections",
    "old-rejection-habit": "old_rejections",
    "next-step-small": "next_step",
    "next-step-more-of": "next_step",
}
EVERY = (*GUIDED, *DEBRIEF, *DEBRIEF_MORE)
# Words that blame or push; the debrief is warm and direct, never guilt-tripping.
GUILT = re.compile(r"\b(should have|shouldn't have|failed|failure|your fault|blame|why didn't)\b")


def test_guided_prompts_cover_every_theme_of_the_spec():
    assert {p.theme for p in GUIDED} == set(SIX_THEMES)
    assert set(prompts.THEMES) == set(SIX_THEMES) | {"debrief"}
    assert prompts.DEBRIEF_THEMES == SIX_THEMES


def test_the_debrief_walks_the_six_themes_once_each_in_order():
    assert tuple(p.theme for p in DEBRIEF) == SIX_THEMES


@pytest.mark.parametrize("prompt", DEBRIEF, ids=[p.id for p in DEBRIEF])
def test_each_debrief_question_has_a_short_helpful_line(prompt):
    assert "?" in prompt.text
    assert 20 <= len(prompt.hint) <= 160
    assert prompt.hint[-1] in ".!" and prompt.hint != prompt.text
    assert not GUILT.search(prompt.text.lower()) and not GUILT.search(prompt.hint.lower())


@pytest.mark.parametrize(("theme", "words"), THEME_WORDS.items())
def test_each_theme_asks_about_what_the_issue_names(theme, words):
    (prompt,) = [p for p in DEBRIEF if p.theme == theme]
    for word in words:
        assert word in prompt.text


def test_the_habit_question_points_to_the_practice_list():
    assert HABIT_PROMPT.theme == "old_rejections" and HABIT_PROMPT in DEBRIEF
    assert "habit" in HABIT_PROMPT.text and "practice list" in HABIT_PROMPT.hint


def test_the_debrief_follows_a_rejection():
    assert prompts.prompts_for(after_rejection=True) == (*DEBRIEF, *DEBRIEF_MORE)
    assert prompts.prompts_for(after_rejection=False) == GUIDED
    assert {p.theme for p in DEBRIEF_MORE} == {"debrief"}


def test_ids_are_stable():
    assert {p.id: p.theme for p in EVERY} == STABLE_IDS


def test_prompt_ids_are_unique_slugs_and_texts_fit_a_reflection_prompt():
    assert len({p.id for p in EVERY}) == len(EVERY)
    assert len({p.text for p in EVERY}) == len(EVERY)
    assert all(SLUG.fullmatch(p.id) for p in EVERY)
    # A prompt is saved with the reflection, which takes up to 500 characters of it.
    assert all(0 < len(p.text) <= 500 and p.text[-1] in ".?" for p in EVERY)


def test_the_next_debrief_question_is_the_first_theme_not_answered():
    assert prompts.next_debrief_prompt(set()) == DEBRIEF[0]
    answered = {DEBRIEF[0].text, DEBRIEF[2].text, "Something I wrote without a prompt."}
    assert prompts.next_debrief_prompt(answered) == DEBRIEF[1]
    # Answers to the further questions do not move the walk on.
    assert prompts.next_debrief_prompt({p.text for p in DEBRIEF_MORE}) == DEBRIEF[0]
    # All six answered: the walk starts over.
    assert prompts.next_debrief_prompt({p.text for p in DEBRIEF}) == DEBRIEF[0]
