"""A shared listing's title gives a company and a role, or leaves a field empty when unsure."""

from __future__ import annotations

import pytest

from tracker.core.listing_titles import (
    MAX_SHARED_TITLE,
    Listing,
    clean,
    first_link,
    guess_listing,
    without_links,
)


@pytest.mark.parametrize(
    ("title", "company", "role"),
    [
        ("Senior Engineer at Acme", "Acme", "Senior Engineer"),
        ("Senior Engineer @ Acme", "Acme", "Senior Engineer"),
        ("Acme – Backend Developer", "Acme", "Backend Developer"),  # noqa: RUF001
        ("Acme — Backend Developer", "Acme", "Backend Developer"),
        ("Backend Developer - Acme | LinkedIn", "Acme", "Backend Developer"),
        ("Job: Product Designer (Acme GmbH)", "Acme GmbH", "Product Designer"),
        ("Jobs: Data Analyst (Initech)", "Initech", "Data Analyst"),
        ("Job Application for Product Designer at Figma", "Figma", "Product Designer"),
        ("Backend Developer (m/w/d) - Acme", "Acme", "Backend Developer"),
        (
            "Acme hiring Backend Developer in Berlin, Germany | LinkedIn",
            "Acme",
            "Backend Developer",
        ),
        ("Senior Engineer at Acme | Berlin", "Acme", "Senior Engineer"),
        ("Data Scientist | Initech | Glassdoor", "Initech", "Data Scientist"),
        ("Engineer\x00\n at  Acme\t", "Acme", "Engineer"),
    ],
)
def test_common_listing_titles_give_a_company_and_a_role(title, company, role):
    assert guess_listing(title) == Listing(company, role)


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Software Engineer (Remote)", "Software Engineer"),  # "(Remote)" is no company
        ("Backend Developer - Berlin - Indeed.com", "Backend Developer"),  # a place, not a company
        ("Backend Developer", "Backend Developer"),
        ("Product Manager - Acme - Berlin", "Product Manager"),  # which of the others? unsure
        ("Senior Engineer at " + "A" * 200, "Senior Engineer"),  # longer than a company may be
    ],
)
def test_a_title_that_names_no_sure_company_gives_the_role_alone(title, role):
    assert guess_listing(title) == Listing("", role)


@pytest.mark.parametrize(
    "title",
    [
        None,
        "",
        "   ",
        "Careers",
        "Life at Acme",  # a careers page, not a job
        "Acme | Jobs",
        "Acme - Initech",  # neither side names a job
        "Home - Example",
        "\x00\x01\x02",
    ],
)
def test_a_title_it_cannot_read_leaves_both_fields_empty(title):
    assert guess_listing(title) == Listing()


def test_an_absurdly_long_title_is_cut_before_it_is_read():
    assert guess_listing("Engineer at Acme" + "x" * 1_000_000) == Listing("", "Engineer")
    assert len(clean("y" * 1_000_000, MAX_SHARED_TITLE)) == MAX_SHARED_TITLE


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Look at this https://jobs.example.com/1?a=b&c=d.", "https://jobs.example.com/1?a=b&c=d"),
        ("(https://example.com/job)", "https://example.com/job"),
        ("HTTP://EXAMPLE.COM/x and http://second.example", "HTTP://EXAMPLE.COM/x"),
        ("ftp://example.com/file javascript:alert(1)", ""),
        ("no link here", ""),
        (None, ""),
    ],
)
def test_the_first_http_link_of_a_text_is_found(text, link):
    assert first_link(text) == link


def test_a_text_without_its_links_can_stand_in_for_a_title():
    shared = "Backend Developer at Acme\nhttps://example.com/jobs/1"
    assert without_links(shared) == "Backend Developer at Acme"
    assert guess_listing(without_links(shared)) == Listing("Acme", "Backend Developer")
