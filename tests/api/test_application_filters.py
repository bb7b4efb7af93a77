"""GET /api/v1/applications filtered by `q` (company or role, ignoring case, a substring) and
`stage`, as the board filters them; a bad value answers 400 JSON naming the field."""

from __future__ import annotations

import pytest

from tests.api.expect import error

ACME = {"company": "Acme", "role": "Data analyst"}


def _companies(api, **query) -> list[str]:
    answer = api.get("/applications", query_string=query)
    assert answer.status_code == 200, answer.get_json()
    return [a["company"] for a in answer.get_json()]


@pytest.fixture
def pipeline(api):
    for company, role, stage in [
        ("Acme", "Data analyst", "applied"),
        ("Globex", "Designer", "screen"),
        ("DataCorp", "Engineer", "screen"),
        ("100% Remote_Co", "Writer", "saved"),
    ]:
        assert api.post("/applications", {"company": company, "role": role, "stage": stage})
    return api


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "data"}, ["DataCorp", "Acme"]),
        ({"q": "DATA", "stage": "screen"}, ["DataCorp"]),
        ({"q": " designer "}, ["Globex"]),
        ({"q": "% r"}, ["100% Remote_Co"]),
        ({"q": "0_"}, []),  # LIKE's wildcards are matched as typed
        ({"q": ""}, ["100% Remote_Co", "DataCorp", "Globex", "Acme"]),
        ({"stage": "screen"}, ["DataCorp", "Globex"]),
        ({"q": "zebra"}, []),
    ],
)
def test_applications_filter_by_company_or_role_and_stage(pipeline, query, expected):
    assert _companies(pipeline, **query) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"q": "x" * 121}, "q"),
        ({"q": "a\x00b"}, "q"),
        ({"stage": "hired"}, "stage"),
        ({"stage": "all"}, "stage"),
    ],
)
def test_a_bad_filter_answers_400_json(pipeline, query, field):
    error(pipeline.get("/applications", query_string=query), 400, field)


def test_a_search_of_120_characters_is_fine(pipeline):
    assert _companies(pipeline, q="x" * 120) == []
