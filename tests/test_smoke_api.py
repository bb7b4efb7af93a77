def test_new_account_checks_in_and_sees_streak(api):
    goals = api.goal_ids()
    answer = api.put(f"/goals/{goals['apply']}/entries/2026-03-18", {})
    assert answer.status_code == 200
    assert answer.get_json()["done"] is True
    assert api.get("/today").get_json()["streak"]["current"] == 1
