"""A lived-in account for the export and import tests, and what a user reads back from one.

`build_account` fills an account through the API the way a person would over two months;
`readable` gathers everything the user can read about it with the ids replaced by positions,
so two accounts holding the same things compare equal.
"""

from __future__ import annotations

from datetime import date, timedelta

from tests.factories import ApiClient

TODAY = date(2026, 3, 18)
FIRST = TODAY - timedelta(days=59)


def _ok(answer, status: int = 200):
    assert answer.status_code == status, answer.get_data(as_text=True)[:400]
    return answer.get_json()


def _goals(api: ApiClient) -> dict[str, int]:
    ids = api.goal_ids()
    _ok(api.patch(f"/goals/{ids['apply']}", {"target": 2, "weekdays": [1, 2, 3, 4, 5]}))
    twin = {"category": "practice", "title": "Mock interview", "weekdays": [2, 4]}
    ids["mock"] = _ok(api.post("/goals", twin), 201)["id"]
    ids["mock-twin"] = _ok(api.post("/goals", {**twin, "target": 3}), 201)["id"]
    ids["old"] = _ok(api.post("/goals", {"category": "reflect", "title": "Gratitude"}), 201)["id"]
    _ok(api.patch(f"/goals/{ids['old']}", {"archived": True}))
    return ids


def _entries(api: ApiClient, ids: dict[str, int]) -> None:
    notes = ["", "Felt good", 'Said "yes", then "no"', "Übung macht den Meister ✓", "line\nbreak"]
    for n in range(60):
        day = (FIRST + timedelta(days=n)).isoformat()
        if n % 7 != 3:
            body = {"value": 1 + n % 3, "note": notes[n % len(notes)]}
            _ok(api.put(f"/goals/{ids['apply']}/entries/{day}", body))
        if n % 5 == 0:
            _ok(api.put(f"/goals/{ids['practice']}/entries/{day}", {"skipped": True}))
        if n % 4 == 1:
            _ok(api.put(f"/goals/{ids['mock-twin']}/entries/{day}", {"value": n % 4}))
        if n < 20 and n % 2 == 0:
            _ok(api.put(f"/goals/{ids['old']}/entries/{day}", {}))


def _journal(api: ApiClient) -> None:
    for n, (company, stage) in enumerate([("Acme", "screen"), ("Globex", None), ("", None)]):
        day = (FIRST + timedelta(days=10 + 17 * n)).isoformat()
        body = {"date": day, "company": company, "role": "Developer", "note": f"No. {n}"}
        _ok(api.post("/rejections", {**body, "stage": stage}), 201)
    _ok(api.post("/rejections", {"date": TODAY.isoformat()}), 201)  # twins of a rejection
    _ok(api.post("/rejections", {"date": TODAY.isoformat()}), 201)
    apps = [
        {"company": "Initech", "role": "Engineer", "date": "2026-02-02", "link": "https://x.example/1"},
        {"company": "Umbrella", "role": "Analyst", "date": "2026-02-20"},
        {"company": "Hooli", "role": "PM", "date": "2026-03-01", "stage": "screen"},
    ]  # fmt: skip
    app_ids = [_ok(api.post("/applications", body), 201)["id"] for body in apps]
    _ok(api.patch(f"/applications/{app_ids[0]}", {"stage": "interview"}))
    _ok(api.patch(f"/applications/{app_ids[0]}", {"stage": "rejected"}))
    _ok(api.patch(f"/applications/{app_ids[2]}", {"stage": "ghosted"}))
    details = {"notes": "Referral\nfrom Kim", "contact": "Kim Lee", "location": "Remote"}
    saved = {"company": "Wonka", "role": "Taster", "stage": "saved", "date": "2026-03-05"}
    _ok(api.post("/applications", {**saved, **details}), 201)
    later = _ok(api.post("/applications", {**saved, "company": "Stark", "date": "2026-03-02"}), 201)
    _ok(api.patch(f"/applications/{later['id']}", {"stage": "applied", "stage_date": "2026-03-04"}))
    _ok(
        api.patch(
            f"/applications/{later['id']}", {"stage": "interview", "stage_date": "2026-03-09"}
        )
    )
    _ok(api.patch(f"/applications/{later['id']}", {"stage": "screen", "stage_date": "2026-03-06"}))
    talk = {"starts_at": "2026-03-24T09:45", "kind": "video", "location": "Zoom", "notes": "Ask\n"}
    talk["plan"] = "If my mind goes blank, then I will ask for a moment and breathe out."
    _ok(api.post(f"/applications/{later['id']}/interviews", talk), 201)  # moves it on
    done = {"starts_at": "2026-02-10T14:00", "duration_minutes": 90, "kind": "onsite"}
    past = _ok(api.post(f"/applications/{app_ids[0]}/interviews", done), 201)
    debrief = {"outcome": "went_badly", "debrief": "Froze on the system design ✓"}
    _ok(api.patch(f"/interviews/{past['id']}", debrief))
    _ok(api.post("/breaks", {"start": "2026-02-09", "end": "2026-02-13", "note": "Flu"}), 201)
    _ok(api.post("/breaks", {"start": "2026-04-01", "end": "2026-04-03"}), 201)
    for day, item, rating in [("2026-03-10", "posture-reset", 3), ("2026-03-17", None, 5)]:
        _ok(api.post("/practice", {"date": day, "item_id": item, "rating": rating}), 201)
    rejections = _ok(api.get("/rejections"))
    linked = rejections[0]["id"]
    _ok(
        api.post("/reflections", {"date": "2026-03-18", "text": "Next!", "rejection_id": linked}),
        201,
    )
    _ok(api.post("/reflections", {"date": "2026-02-10", "text": "Scared.", "prompt": "Fear?"}), 201)
    _ok(api.post("/reflections", {"date": "2026-02-11", "text": "Slept well."}), 201)
    questions = [
        {"text": "Why should we pick you?", "rejection_id": rejections[2]["id"]},
        {"text": "Looking away when I answer", "rejection_id": linked},
        {"text": "Walk me through a hard week."},
    ]
    for body in questions:
        _ok(api.post("/practice/questions", body), 201)


def build_account(api: ApiClient) -> None:
    """Two months of use: changed and twin goals, an archived one, entries with notes and
    rest days, rejections (twins among them, one logged by an application), applications
    along the pipeline (a saved listing with notes, one applied to later with back-dated
    stages), a planned interview and a past one with its outcome and debrief, a past and a
    planned break, practice, linked reflections, own practice questions (two from debriefs),
    and reminders set to other times and days."""
    ids = _goals(api)
    _entries(api, ids)
    _journal(api)
    rules = [
        {"kind": "plan", "time": "08:30", "weekdays": [1, 2, 3, 4, 5]},
        {"kind": "nudge", "enabled": False},
    ]
    _ok(api.put("/reminders", rules))


def _positions(items: list[dict]) -> dict[int, int]:
    return {item["id"]: n for n, item in enumerate(items)}


def readable(api: ApiClient) -> dict:
    """Everything the user reads back, ids replaced by positions in their lists."""
    goals = _ok(api.get("/goals"))
    goal = _positions(goals)
    streaks = _ok(api.get("/streaks"))
    for row in streaks["goals"]:
        row["goal_id"] = goal[row["goal_id"]]
    calendar = _ok(api.get(f"/calendar?from={FIRST.isoformat()}&to={TODAY.isoformat()}"))
    for row in calendar:
        row["done_goal_ids"] = sorted(goal[g] for g in row["done_goal_ids"])
    entries = [_ok(api.get(f"/goals/{g['id']}/entries")) for g in goals]
    for row in (e for rows in entries for e in rows):
        row["goal_id"] = goal[row["goal_id"]]
    today = _ok(api.get("/today"))
    for item in today["goals"]:
        item["goal"]["id"] = goal[item["goal"]["id"]]
        if item["entry"]:
            item["entry"]["goal_id"] = goal[item["entry"]["goal_id"]]
    applications = _ok(api.get("/applications"))
    application = _positions(applications)
    rejections = _ok(api.get("/rejections"))
    rejection = _positions(rejections)
    for row in rejections:
        row["application_id"] = application.get(row["application_id"])
    reflections = _ok(api.get("/reflections"))
    for row in reflections:
        row["rejection_id"] = rejection.get(row["rejection_id"])
    interviews = _ok(api.get(f"/interviews?from={FIRST.isoformat()}"))
    nested = [i for a in applications for i in a.get("interviews", ())]
    for row in interviews + nested:
        row["application_id"] = application[row["application_id"]]
    for row in nested:
        row.pop("id")
    questions = _ok(api.get("/practice/questions"))
    for row in questions:
        row["rejection_id"] = rejection.get(row["rejection_id"])
    lists = {
        "goals": goals,
        "applications": applications,
        "interviews": interviews,
        "rejections": rejections,
        "reflections": reflections,
        "practice": _ok(api.get("/practice")),
        "practice_questions": questions,
        "breaks": _ok(api.get("/breaks")),
    }
    reminders = _ok(api.get("/reminders"))
    for rows in lists.values():
        for row in rows:
            row.pop("id")
    return {
        **lists,
        "reminders": reminders,
        "streaks": streaks,
        "calendar": calendar,
        "entries": entries,
        "today": today,
    }
