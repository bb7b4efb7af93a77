"""The built-in practice bank (SPEC section 4) and the daily pick: pure data, pure functions.

Interview questions (`behavioural`, and `rejection`: questions about failure and being turned
down) and drills (`body_language`, `confidence`), written for Bring It On. Ids are stable
slugs: a practice session stores one, so an id is never reused for another text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

KINDS = ("behavioural", "rejection", "body_language", "confidence")


@dataclass(frozen=True)
class PracticeItem:
    """One question or drill of the bank."""

    id: str
    kind: str
    text: str


_BEHAVIOURAL = """
tell-me-about-yourself
    Tell me about yourself in under two minutes: where you have been, what you are good at,
    and why this role is the next step. End on the job, not on your school years.
proud-of-work
    Describe a piece of work you are proud of. Say what the problem was, what you did (say
    “I”, not “we”), and what changed because of it.
disagreed-with-lead
    Tell me about a time you disagreed with a manager or lead. How did you raise it, and what
    happened next?
too-much-to-do
    Walk me through a time you had too much to do and too little time. What did you drop, and
    how did you decide?
learned-fast
    Tell me about something you had to learn quickly for a job. How did you go about it, and
    how did you know you had learned enough?
difficult-colleague
    Describe working with someone you found difficult. What did you do to make it work, and
    what would you do differently now?
why-this-company
    Why do you want to work here? Name one thing about this company that you could not say
    about its competitors.
why-leaving
    Why are you leaving, or why did you leave, your last role? Keep it honest, short and
    forward-looking: what you want more of, not what you disliked.
lead-without-title
    Tell me about a time you got people to follow your lead without being their boss.
changed-your-mind
    Describe a time someone changed your mind at work. What convinced you?
unclear-task
    Tell me about a task that arrived with unclear goals. Which questions did you ask first,
    and why those?
upset-customer
    Tell me about a time you helped a customer, user or colleague who was upset. What did you
    say in the first minute?
greatest-strength
    What is your greatest strength? Give it a name, then prove it with one short story from
    the last two years.
real-weakness
    What is a weakness you are working on? Pick a real one, and spend most of your answer on
    what you are doing about it.
few-years-from-now
    Where do you see yourself in a few years? Connect your answer to what this role would
    teach you.
made-it-better
    Tell me about a way of working you made better. What did it cost before, and what did it
    cost after?
useful-feedback
    Describe the most useful piece of critical feedback you have had. What did you change
    because of it?
two-bosses-today
    Two people you work for both need something from you today. Walk me through how you handle
    it.
questions-for-us
    “Do you have any questions for us?” Prepare three that show you have thought about the
    work itself, not the perks.
salary-expectations
    “What are your salary expectations?” Answer with a range and one sentence on where it
    comes from. Calm, no apology.
gap-in-your-cv
    “Tell me about the gap in your CV.” Say it in two sentences without apologising, then turn
    to what you are ready for now.
"""

_REJECTION = """
project-that-failed
    Tell me about a project that failed. What was your part in it, and what do you do
    differently because of it?
biggest-mistake
    What is the biggest mistake you have made at work? Own it in the first sentence; spend the
    rest on the repair and the lesson.
passed-over
    Tell me about a time you were passed over for something you wanted. How did you respond in
    the week after?
idea-turned-down
    Describe a time an idea of yours was turned down. Did you let it go, rework it or push
    again, and why?
missed-goal
    Tell me about a goal you missed. What did it teach you about how you plan?
still-looking
    “You have been looking for a while. Why should that not worry us?” Answer without
    defending yourself: say what the search has taught you.
feedback-that-stung
    Tell me about feedback that stung. What did you do with it once the sting wore off?
start-from-scratch
    Describe a time you had to start something over from scratch. What kept you going?
interview-do-over
    Think of an interview that went badly. Answer its hardest question again now, the way you
    wish you had.
hearing-no
    How do you handle hearing “no”? Give one real example and what you did the next day.
lost-something-big
    Tell me about a time you lost something important at work: a client, a deal, a vote. What
    did you do next?
over-or-under
    “Some would say you are overqualified, or underqualified, for this role.” Answer that
    worry directly and kindly.
let-someone-down
    Describe a time you let someone down. How did you tell them, and how did you make it
    right?
what-failure-means
    What does failure mean to you? Keep it concrete: one time you failed and what it gave you.
risk-that-did-not-pay
    Tell me about a risk you took that did not pay off. Would you take it again?
"""

_BODY_LANGUAGE = """
posture-reset
    Posture reset: sit on the front half of your chair, feet flat, shoulders down and back.
    Hold it through one whole practice answer, then notice where you slumped.
look-at-the-lens
    Video call drill: answer one question looking at the camera lens, not at your own face.
    Put a small sticker beside the lens as a reminder.
quiet-hands
    Rest your hands loosely on the table between gestures. Record one answer and count how
    often you touch your face or hair.
slow-first-line
    Say your first sentence half as fast as feels natural. Record it and listen: slower almost
    always sounds surer.
pause-not-filler
    Answer one question and swap every “um” for a silent pause. Ask a friend to tap the table
    each time a filler slips out.
the-walk-in
    Practise the first ten seconds: stand up, smile with your eyes, say the interviewer's
    name, and keep any handshake firm and brief. Three times in a row.
smile-that-reaches
    In front of a mirror, say “Thanks for having me” three ways until the smile reaches your
    eyes instead of stopping at your mouth.
honest-nodding
    Listening drill: watch a two-minute interview clip and nod only when you really agree.
    Constant nodding reads as nerves, not interest.
box-breathing
    Box breathing before you go in: in for four, hold for four, out for four, hold for four.
    Four rounds, then say your first line out loud.
land-your-sentences
    Record three answers and listen to how each sentence ends. Statements land with your voice
    going down, not up like a question.
take-up-space
    Two minutes before a call, stand tall, feet apart, arms loose. Roll your shoulders back,
    then sit down without losing that height.
sound-off-replay
    Record a two-minute answer on video and watch it with the sound off. What does your body
    say before your words do?
plant-your-feet
    Stand and answer one question without shifting your weight. Plant both feet and let your
    hands do the moving.
lean-in-to-listen
    When someone talks, lean in slightly and keep your face soft. Practise with a friend
    telling you about their day for one minute.
"""

_CONFIDENCE = """
three-wins
    Write down three things you did well this year, each one sentence starting with a verb.
    Read them out loud before your next interview.
say-your-number
    Say your salary range out loud five times, to a mirror or a friend, until it stops
    sounding like an apology.
own-the-silence
    When you finish an answer, stop. Practise letting two seconds of silence pass without
    adding “so, yeah” or starting again.
excited-not-scared
    Say out loud: “I am excited, not scared.” Your body feels much the same either way; the
    name you give it decides what you do next.
brag-file
    Start a brag file: one note on your phone for every thank-you, compliment and small win.
    Add one today, however small.
one-line-pitch
    Write a one-line pitch: “I help [who] do [what] by [how].” Say it until it comes out in
    one breath without looking.
worst-case-plan
    Name the worst thing that could happen in your next interview. Then write what you would
    do in the hour after. You would get through it.
ask-for-a-moment
    Practise saying “Good question; let me think for a moment.” Use it on the next hard
    question instead of rushing in.
just-thank-you
    The next time someone praises you, say only “Thank you.” No “it was nothing”. Practise on
    the first small compliment you get.
you-got-through-it
    Think of the hardest thing you have already got through. Write three lines on how you did
    it. That person walks into the interview with you.
in-your-own-words
    Answer “What do people like about working with you?” in the words a friend would use, not
    the words of a job advert.
five-stories
    Pick five stories from your working life that show different strengths. Give each a two-
    word name so you can find it under pressure.
interview-them-too
    Write three questions you want answered about the job. You are choosing them too: tell
    yourself that before you go in.
one-brave-message
    Do one small thing today that makes you a little nervous: message an old colleague, ask a
    question at a meetup, send a cold email.
"""


def _parse(kind: str, block: str) -> tuple[PracticeItem, ...]:
    """Items written as a slug on its own line, then the text on indented lines."""
    items: list[PracticeItem] = []
    for line in block.strip().splitlines():
        if line.startswith(" "):
            last = items[-1]
            text = f"{last.text} {line.strip()}".strip()
            items[-1] = PracticeItem(last.id, kind, text)
        else:
            items.append(PracticeItem(line.strip(), kind, ""))
    return tuple(items)


BANK: tuple[PracticeItem, ...] = (
    *_parse("behavioural", _BEHAVIOURAL),
    *_parse("rejection", _REJECTION),
    *_parse("body_language", _BODY_LANGUAGE),
    *_parse("confidence", _CONFIDENCE),
)
_BY_ID = {item.id: item for item in BANK}


def all_items() -> tuple[PracticeItem, ...]:
    """Every item of the bank, grouped by kind in the order of KINDS."""
    return BANK


def item_by_id(item_id: str) -> PracticeItem | None:
    """The item with this id, or None."""
    return _BY_ID.get(item_id)


def _rank(user_id: int, item_id: str) -> bytes:
    return hashlib.sha256(f"{user_id}:{item_id}".encode()).digest()


def user_order(user_id: int, items: Sequence[PracticeItem] = BANK) -> list[PracticeItem]:
    """The items in this user's own shuffled order (the same on every call).

    Each item's place depends only on (user, item id), so adding items to the bank inserts
    them into a user's cycle without reshuffling the rest.
    """
    return sorted(items, key=lambda item: _rank(user_id, item.id))


def daily_pick(user_id: int, day: date, items: Sequence[PracticeItem] = BANK) -> PracticeItem:
    """The item of the day for this user on their local date `day`.

    Stable for the whole day; the next day is the next item of the user's own order, so no
    item comes back before every other one has had its day (a cycle of len(items) days).
    Raises ValueError for an empty bank.
    """
    if not items:
        raise ValueError("the practice bank is empty")
    order = user_order(user_id, items)
    # A per-user offset, so users who signed up together do not walk in step.
    offset = int.from_bytes(_rank(user_id, "")[:4], "big")
    return order[(day.toordinal() + offset) % len(order)]
