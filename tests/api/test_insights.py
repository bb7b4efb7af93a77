"""GET /insights: the insights page as JSON, in the shape the OpenAPI document declares."""

from __future__ import annotations

from tests.api.expect import error

TODAY = "2026-03-18"


def test_a_new_account_has_zeros_and_no_estimate(api, conforms):
    body = conforms(api.get("/insights"))
    assert body["date"] == TODAY
    assert body["counters"] == {
        "applications": 0,
        "rejections": 0,
        "rejections_goal": 100,
        "comebacks": 0,
        "practice_sessions": 0,
        "reflections": 0,
    }
    assert [s["count"] for s in body["funnel"]["steps"]] == [0, 0, 0, 0]
    assert body["funnel"]["next_interview_in"] is None
    assert [w["weekday"] for w in body["weekdays"]] == [1, 2, 3, 4, 5, 6, 7]
    assert [s["title"] for s in body["strength"]] == [
        "Send 1 application",
        "Practise 1 interview answer",
        "Write a short reflection",
    ]
    assert {b["kind"] for b in body["next_badges"]} == {
        "day_streak",
        "comebacks",
        "rejections",
        "applications",
        "reflections",
    }


def test_counters_and_funnel_follow_the_journal(api, conforms):
    ids = [
        api.post("/applications", {"company": f"C{i}", "role": "Analyst"}).get_json()["id"]
        for i in range(4)
    ]
    api.patch(f"/applications/{ids[0]}", {"stage": "interview"})
    api.patch(f"/applications/{ids[1]}", {"stage": "rejected"})
    api.post("/practice", {"date": TODAY, "rating": 4})
    api.post("/reflections", {"date": TODAY, "text": "Noted."})
    body = conforms(api.get("/insights"))
    assert body["counters"]["applications"] == 4
    assert body["counters"]["rejections"] == 1
    assert body["counters"]["comebacks"] == 1  # active on the day of the "no"
    assert body["counters"]["practice_sessions"] == 1
    assert body["counters"]["reflections"] == 1
    steps = body["funnel"]["steps"]
    assert [(s["stage"], s["count"]) for s in steps] == [
        ("applied", 4),
        ("screen", 1),
        ("interview", 1),
        ("offer", 0),
    ]
    assert steps[1]["rate"] == 0.25
    assert body["funnel"]["next_interview_in"] == 4


def test_insights_need_a_sign_in(client):
    error(client.get("/api/v1/insights"), 401)


def test_each_account_sees_only_its_own(api, other_api):
    api.post("/applications", {"company": "Mine", "role": "Analyst"})
    assert other_api.get("/insights").get_json()["counters"]["applications"] == 0
