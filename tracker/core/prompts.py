"""Guided reflection prompts (SPEC section 4), and the debrief offered after a rejection.

Pure data and pure functions: the web layer decides which set to show.
"""

from __future__ import annotations

from dataclasses import dataclass

THEMES = (
    "fear",
    "outmatched",
    "second_guessing",
    "being_yourself",
    "old_rejections",
    "next_step",
    "debrief",
)


@dataclass(frozen=True)
class Prompt:
    """One question to write about; `theme` is one of THEMES."""

    id: str
    theme: str
    text: str


GUIDED: tuple[Prompt, ...] = (
    Prompt(
        "fear-named",
        "fear",
        "What exactly are you afraid will happen in your next application or interview? "
        "Write it down plainly. How likely is it, really, and what would you do if it did?",
    ),
    Prompt(
        "fear-unafraid",
        "fear",
        "What would you apply for this week if hearing “no” did not scare you?",
    ),
    Prompt(
        "outmatched-what-you-bring",
        "outmatched",
        "Where did you feel outmatched lately? List what the other candidates might have, "
        "then list what only you bring.",
    ),
    Prompt(
        "outmatched-whose-voice",
        "outmatched",
        "Whose voice says you are not good enough? Is it yours, or one you picked up from "
        "someone else?",
    ),
    Prompt(
        "second-guessing-replay",
        "second_guessing",
        "Which answer or message do you keep replaying? Write what you actually said, then "
        "one thing in it worth keeping.",
    ),
    Prompt(
        "second-guessing-talked-out",
        "second_guessing",
        "Did you talk yourself out of something this week? Write the reason you gave "
        "yourself. Is it true?",
    ),
    Prompt(
        "being-yourself-mask",
        "being_yourself",
        "When did you last sound like someone you are not, in an interview or a cover "
        "letter? What would the real you have said?",
    ),
    Prompt(
        "being-yourself-hidden",
        "being_yourself",
        "Which part of yourself do you hide when you are being assessed? What might happen "
        "if you let a little of it show?",
    ),
    Prompt(
        "old-rejection-still-hurts",
        "old_rejections",
        "Is there an old rejection that still hurts? Write what happened, then what it left "
        "in how you carry yourself: your posture, your voice, where your eyes go.",
    ),
    Prompt(
        "old-rejection-habit",
        "old_rejections",
        "Think of an old “no” that still stings. Which habit did it leave you with: rushing, "
        "looking away, over-explaining? What would you tell that earlier you now?",
    ),
    Prompt(
        "next-step-small",
        "next_step",
        "What is one small step you will take tomorrow? Make it small enough that you cannot "
        "talk yourself out of it.",
    ),
    Prompt(
        "next-step-more-of",
        "next_step",
        "What went well today, even if it was tiny? What do you want more of tomorrow?",
    ),
)

DEBRIEF: tuple[Prompt, ...] = (
    Prompt(
        "debrief-what-happened",
        "debrief",
        "What happened? Write it plainly, without judging yourself: the stage, how you "
        "heard, what they said.",
    ),
    Prompt(
        "debrief-feeling",
        "debrief",
        "How do you feel about it right now? Name the feeling. It is allowed to be there.",
    ),
    Prompt(
        "debrief-went-well",
        "debrief",
        "What did you do well in this process, whatever the outcome?",
    ),
    Prompt(
        "debrief-try-differently",
        "debrief",
        "What is one thing you would try differently next time: an answer, your "
        "preparation, the way you carried yourself?",
    ),
    Prompt(
        "debrief-ask-for-feedback",
        "debrief",
        "Is there something you could ask them for feedback on? Write the one-line message, "
        "even if you never send it.",
    ),
    Prompt(
        "debrief-bring-it-on",
        "debrief",
        "What is your next application or practice session, and when? Bring it on.",
    ),
)


def prompts_for(after_rejection: bool) -> tuple[Prompt, ...]:
    """The prompts to offer: the debrief after a rejection, otherwise the guided set."""
    return DEBRIEF if after_rejection else GUIDED
