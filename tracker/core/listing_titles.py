"""What a shared job listing says: a company and a role guessed from its page title, and its
link (SPEC section 9, the share target).

Pure and conservative: a field it is not sure of stays empty, because the person fixes an
empty field more easily than a wrong one they did not notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.core.limits import MAX_LINK, MAX_NAME

# How much of each shared parameter is read at all: a title or a text longer than this is
# no listing's, and cutting first keeps every pattern below cheap whatever arrives.
MAX_SHARED_TITLE = 300
MAX_SHARED_TEXT = 1000
MAX_SHARED_URL = MAX_LINK + 1  # one more than a link may hold, so a too-long one is refused

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_SPACE = re.compile(r"\s+")
_LINK = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_LINK_TAIL = ".,;:!?)]}>'\""
# Job boards that end a page title with their own name ("… | LinkedIn", "… - Indeed.com").
_SITES = re.compile(
    r"\s+[|\-–—·•]\s*(?:linkedin|indeed(?:\.\w+)?|glassdoor|stepstone(?:\.\w+)?|xing|"  # noqa: RUF001
    r"monster(?:\.\w+)?|welcome to the jungle|otta|wellfound|angellist|workable|greenhouse|"
    r"lever|ashby|smartrecruiters|personio|join\.com|jobs?|careers?)\s*$",
    re.IGNORECASE,
)
_PREFIX = re.compile(
    r"^(?:job application for|job opening:?|jobs?:|hiring:|we(?:'|’)re hiring:?)\s*",  # noqa: RUF001
    re.IGNORECASE,
)
# "(m/w/d)", "(f/m/x)", "(all genders)", "(Remote)": notes on a role, never a company.
_ROLE_NOTE = re.compile(
    r"\s*\((?:[mwfdx](?:\s*/\s*[mwfdx])+|all genders?|remote|hybrid|on-?site|full[- ]time|"
    r"part[- ]time|contract|freelance|temporary|permanent)\)",
    re.IGNORECASE,
)
_IN_PARENS = re.compile(r"^(?P<role>.+?)\s*\((?P<company>[^()]+)\)$")
_AT = re.compile(r"^(?P<role>.+)\s+(?:at|@)\s+(?P<company>.+)$", re.IGNORECASE)
_HIRING = re.compile(
    r"^(?P<company>.+?)\s+(?:is\s+)?hiring(?::|\s+(?:an?\s+)?)(?P<role>.+?)(?:\s+in\s+.+)?$",
    re.IGNORECASE,
)
_NOT_ROLES = re.compile(r"^(?:life|work(?:ing)?|careers?|jobs?|join us|culture)\b", re.I)
_SEPARATOR = re.compile(r"\s+[|\-–—]\s+")  # noqa: RUF001
# Words that make a phrase a job's name: of "A - B" (or a dash), the side holding one is the
# role.
_ROLE_WORDS = re.compile(
    r"\b(?:engineer|engineering|developer|programmer|architect|designer|manager|lead|head|"
    r"director|analyst|scientist|specialist|consultant|intern|internship|trainee|apprentice|"
    r"officer|coordinator|assistant|administrator|admin|associate|technician|writer|editor|"
    r"recruiter|accountant|nurse|teacher|tutor|representative|support|sales|marketing|"
    r"owner|executive|president|vp|cto|ceo|cfo|coo|tester|qa|devops|sre|researcher|advisor|"
    r"adviser|agent|operator|clerk|chef|cook|driver|cashier|receptionist|secretary|"
    r"strategist|producer|auditor|lawyer|counsel|paralegal|physician|therapist|pharmacist|"
    r"mechanic|electrician|planner|buyer|controller|bookkeeper|copywriter|marketer|"
    r"barista|waiter|waitress|cleaner|carer|caregiver|worker|staff|"
    r"product|data|software|frontend|backend|fullstack|full-stack|werkstudent|"
    r"praktikum|praktikant(?:in)?|entwickler(?:in)?|berater(?:in)?|leiter(?:in)?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Listing:
    """A company and a role guessed from a title; "" where the title gave no clear answer."""

    company: str = ""
    role: str = ""


def clean(text: str | None, limit: int) -> str:
    """`text` cut to `limit` characters, control characters turned into spaces, runs of
    whitespace into one space, stripped; "" for None."""
    text = _CONTROL.sub(" ", (text or "")[:limit])
    return _SPACE.sub(" ", text).strip()


def first_link(text: str | None) -> str:
    """The first http(s) URL in `text` (trailing punctuation left out), or ""."""
    found = _LINK.search(clean(text, MAX_SHARED_TEXT))
    return found.group(0).rstrip(_LINK_TAIL) if found else ""


def without_links(text: str | None) -> str:
    """`text` (cleaned) without its http(s) URLs: a shared text is often a title and a link."""
    return clean(_LINK.sub(" ", clean(text, MAX_SHARED_TEXT)), MAX_SHARED_TEXT)


def _fits(value: str) -> str:
    value = value.strip(" -–—|:·•,")  # noqa: RUF001
    return value if 0 < len(value) <= MAX_NAME else ""


def _is_role(text: str) -> bool:
    return _ROLE_WORDS.search(text) is not None


def _plausible_role(text: str) -> bool:
    """A role word, or a few words that are not a careers page's "Life at …"."""
    return _is_role(text) or (len(text.split()) <= 4 and not _NOT_ROLES.match(text))


def _pair(company: str, role: str) -> Listing:
    return Listing(_fits(company), _fits(role))


def _split(title: str) -> Listing:
    """Of "A - B" (or a dash) and "A | B", the side with a role word is the role, the other
    the company; of three or more parts only the role is taken (the rest may be a place)."""
    parts = [part for part in _SEPARATOR.split(title) if part.strip()]
    roles = [part for part in parts if _is_role(part)]
    if len(parts) == 2 and len(roles) == 1:
        company = parts[1] if roles[0] == parts[0] else parts[0]
        return _pair(company, roles[0])
    if roles and len(roles) < len(parts):
        return _pair("", roles[0])
    return Listing()


def guess_listing(title: str | None) -> Listing:
    """Guess the company and the role from a listing's page title.

    Reads "Role at Company", "Company - Role", "Role - Company | LinkedIn", "Job: Role
    (Company)", "Company hiring Role in Place" and Indeed's "Role - Place - Indeed.com" (the
    role alone); a job board's name at the end and notes
    such as "(m/w/d)" are dropped. A field it cannot tell stays "" (so does one longer than a
    company or role may be); a title with no separator and a role word is all role.
    """
    text = clean(title, MAX_SHARED_TITLE)
    # Indeed's titles are "Role - Place - Indeed.com": the part beside the role is no company.
    place_second = re.search(r"indeed(?:\.\w+)?\s*$", text, re.IGNORECASE) is not None
    while (shorter := _SITES.sub("", text)) != text:
        text = shorter
    had_prefix = _PREFIX.match(text) is not None
    text = _ROLE_NOTE.sub("", _PREFIX.sub("", text)).strip()
    if not text:
        return Listing()
    if had_prefix and (found := _IN_PARENS.match(text)):
        return _pair(found["company"], found["role"])
    if (found := _HIRING.match(text)) and _is_role(found["role"]):
        return _pair(found["company"], found["role"])
    if (found := _AT.match(text)) and _plausible_role(found["role"]):
        # "Role at Company - Place": what follows a separator is not the company's name.
        return _pair(_SEPARATOR.split(found["company"])[0], found["role"])
    if _SEPARATOR.search(text):
        found = _split(text)
        return Listing(role=found.role) if place_second else found
    return _pair("", text) if _is_role(text) else Listing()
