"""The fixed vocabularies of the product, each code with the words a person sees for it, in one
table: the tables and schemas store and accept the codes, pages and templates show the words
(the template global `labels`, registered by the pages).

Order matters: it is the order of every list and select that shows a vocabulary.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, NamedTuple

# A goal's kind.
CATEGORY: Final = MappingProxyType({"apply": "Apply", "practice": "Practise", "reflect": "Reflect"})
# How far a rejection got (lower-cased where it follows a " · " in a line of text).
STAGE: Final = MappingProxyType(
    {
        "application": "Application",
        "screen": "Screening call",
        "interview": "Interview",
        "final": "Final round",
        "offer": "Offer stage",
    }
)
# The pipeline of an application: a saved listing, the four steps in order, then one of the
# three outcomes. A saved listing is not an application yet (SPEC section 4).
APPLICATION_STAGE: Final = MappingProxyType(
    {
        "saved": "Saved to apply",
        "applied": "Applied",
        "screen": "Screening call",
        "interview": "Interview",
        "offer": "Offer",
        "rejected": "Rejected",
        "withdrawn": "Withdrawn",
        "ghosted": "Ghosted (no reply)",
    }
)
# The kind of an interview (SPEC section 4).
INTERVIEW_KIND: Final = MappingProxyType(
    {
        "phone": "Phone call",
        "video": "Video call",
        "onsite": "On site",
        "technical": "Technical",
        "behavioural": "Behavioural",
        "panel": "Panel",
        "final": "Final round",
        "other": "Other",
    }
)
# How an interview went, in the person's own words.
INTERVIEW_OUTCOME: Final = MappingProxyType(
    {"went_well": "It went well", "unsure": "Not sure yet", "went_badly": "It went badly"}
)
# ISO weekdays, Monday first.
WEEKDAY: Final = MappingProxyType(
    {1: "Mon", 2: "Tue", 3: "Wed", 4: "Thu", 5: "Fri", 6: "Sat", 7: "Sun"}
)
# The state of a calendar day (SPEC section 3), in the order the history's key lists them.
DAY_STATE: Final = MappingProxyType(
    {
        "active": "Showed up",
        "shielded": "Rejection shield",
        "frozen": "Saved by a freeze",
        "restful": "Rest day or break",
        "missed": "Missed",
        "open": "Today, still open",
        "before": "Before you started",
    }
)
# The kinds of item in the practice bank.
PRACTICE_KIND: Final = MappingProxyType(
    {
        "behavioural": "Interview question",
        "technical": "Technical question",
        "rejection": "Question about setbacks",
        "body_language": "Body-language drill",
        "confidence": "Confidence drill",
    }
)

CATEGORIES: Final = tuple(CATEGORY)
STAGES: Final = tuple(STAGE)
APPLICATION_STAGES: Final = tuple(APPLICATION_STAGE)
INTERVIEW_KINDS: Final = tuple(INTERVIEW_KIND)
INTERVIEW_OUTCOMES: Final = tuple(INTERVIEW_OUTCOME)
WEEKDAY_NAMES: Final = tuple(WEEKDAY.values())


class Labels(NamedTuple):
    """Every vocabulary's words by code, as templates read them (`labels.stage[r.stage]`)."""

    category: Mapping[str, str] = CATEGORY
    stage: Mapping[str, str] = STAGE
    application_stage: Mapping[str, str] = APPLICATION_STAGE
    interview_kind: Mapping[str, str] = INTERVIEW_KIND
    interview_outcome: Mapping[str, str] = INTERVIEW_OUTCOME
    weekday: Mapping[int, str] = WEEKDAY
    day_state: Mapping[str, str] = DAY_STATE
    practice_kind: Mapping[str, str] = PRACTICE_KIND


LABELS: Final = Labels()
