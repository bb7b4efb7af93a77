"""Guided reflection prompts (SPEC section 4), and the debrief offered after a rejection.

The debrief walks six themes of how a "no" feels and what helps, one question each with a
short line under it: the fear that comes with wanting the job, feeling outmatched,
second-guessing your approach, being yourself instead of a rehearsed part, the habits an old
rejection left in how you carry yourself (noted so they can be worked on), and the next
concrete step. Pure data and pure functions: the web layer decides which set to show.

Ids are stable: pages post them, and a saved reflection keeps the prompt's words.
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
# The themes every debrief walks, in order (all of THEMES but the general "debrief" one).
DEBRIEF_THEMES = THEMES[:6]


@dataclass(frozen=True)
class Prompt:
    """One question to write about; `theme` is one of THEMES, `hint` a short helpful line
    shown under the question (may be empty)."""

    id: str
    theme: str
    text: str
    hint: str = ""


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
        "debrief-fear",
        "fear",
        "You wanted this one, and wanting it made it scary. What was the fear, in a sentence "
        "or two?",
        "Fear comes with caring; it is not a sign you were wrong to try. Written down, it "
        "usually looks smaller than it felt.",
    ),
    Prompt(
        "debrief-outmatched",
        "outmatched",
        "Did you feel outmatched by the other candidates? Write what you think they had, then "
        "what you brought that they did not.",
        "You compare their best moments with all of your doubts. List your side as fairly as "
        "you list theirs.",
    ),
    Prompt(
        "debrief-second-guessing",
        "second_guessing",
        "Hearing how others did can make you doubt your whole approach. What are you "
        "second-guessing now, and which part of your approach is worth keeping?",
        "What worked for them was their route. Change one thing on purpose rather than "
        "everything out of doubt.",
    ),
    Prompt(
        "debrief-being-yourself",
        "being_yourself",
        "Were there moments you played a rehearsed part instead of being yourself? What would "
        "you have said as you?",
        "Rehearse what you want to say, not who to be. They hire the person they met, so let "
        "them meet you.",
    ),
    Prompt(
        "debrief-old-habits",
        "old_rejections",
        "Has an old rejection left a habit in how you carry yourself: looking away, rushing, "
        "apologising, making yourself small? Which one showed up this time?",
        "Habits are learned, so they can be unlearned. Note one under “A habit to work on” and "
        "it goes on your practice list.",
    ),
    Prompt(
        "debrief-next-step",
        "next_step",
        "What is your next concrete step, and when will you take it?",
        "Small and specific beats big and vague: “one application on Thursday morning”. Then "
        "bring it on.",
    ),
)
# Where the habit the debrief asks about can be noted for the practice list.
HABIT_PROMPT = DEBRIEF[4]

# More about the "no" itself, offered after the six themes (the first debrief set: its ids
# stay valid for forms and reflections written with them).
DEBRIEF_MORE: tuple[Prompt, ...] = (
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
    """The prompts to offer: after a rejection the debrief (its six themes in order, then
    the further questions about the "no"), otherwise the guided set."""
    return (*DEBRIEF, *DEBRIEF_MORE) if after_rejection else GUIDED


def next_debrief_prompt(answered: set[str]) -> Prompt:
    """The debrief question to offer first: the first of the six themes whose words are not
    among `answered` (the prompts of the reflections already written on this "no"); once all
    six are answered, the first again."""
    return next((p for p in DEBRIEF if p.text not in answered), DEBRIEF[0])
