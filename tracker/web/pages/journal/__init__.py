"""The journal: applications, practice, reflections and the rejections collected."""

from __future__ import annotations

from datetime import date

from flask import render_template

from tracker.web.pages.insights import badge_news


def journal_page(template: str, user, today: date, status: int = 200, **context):
    """A journal page: `template` with the user, their local `today` and `context`, and the
    badges a write just earned them (base.html celebrates them); answered with `status`."""
    page = render_template(template, user=user, today=today, **context, new_badges=badge_news(user))
    return page, status
