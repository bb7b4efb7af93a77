"""The words of the practice bank (tracker.core.practice_bank), one block per kind.

Each item is a slug on its own line (its stable id: a practice session stores it, so an id is
never reused for another text), then its text on indented lines. Written for Bring It On.
"""

BEHAVIOURAL = """
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

TECHNICAL = """
think-out-loud
    Solve a small problem from your field out loud for five minutes, naming each step before
    you take it. The interviewer can only follow the thinking you say.
project-trade-offs
    Pick a past project and explain one trade-off in it: what you chose, what you gave up for
    it, and what you would choose today.
i-dont-know-yet
    Practise the honest answer: “I don't know, but here is how I would find out.” Say it, then
    name the first two things you would check.
whiteboard-nerves
    Stand at a wall or a whiteboard and sketch something you know well while explaining it.
    If your hand shakes, let it, and keep talking.
clarify-first
    Before solving anything, ask two questions that pin the problem down: how big it is, what
    goes in, what counts as done. Try them on any task today.
explain-to-a-newcomer
    Explain a tool or method you use every day as if to someone in their first week. Leave out
    every word they would have to look up.
debug-story
    Tell the story of the hardest fault you tracked down: the first wrong guess, the clue that
    turned it, and how you made sure it stayed fixed.
estimate-out-loud
    Estimate something out loud in two minutes, such as how long a piece of work would take.
    Say your assumptions first, then the number.
walk-through-your-work
    Open something you built and walk a friend or a recording through it for three minutes:
    why it is shaped the way it is, and one thing you would change.
stuck-mid-answer
    Practise getting stuck on purpose: stop halfway, say “Let me step back”, sum up where you
    are, and choose the next step out loud.
check-your-answer
    After solving a practice problem, test it out loud with one ordinary case and one odd one,
    before anyone asks you to.
keep-learning
    “How do you keep your skills current?” Answer with one thing you learned in the last month
    and where you used it.
"""

REJECTION = """
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

BODY_LANGUAGE = """
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

CONFIDENCE = """
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

# Each kind's block, by the kind's name (tracker.core.practice_bank.KINDS).
BLOCKS = {
    "behavioural": BEHAVIOURAL,
    "technical": TECHNICAL,
    "rejection": REJECTION,
    "body_language": BODY_LANGUAGE,
    "confidence": CONFIDENCE,
}
