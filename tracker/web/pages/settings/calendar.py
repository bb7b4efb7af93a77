"""Your calendar (/settings/calendar): the secret address a phone's calendar subscribes to,
with every interview and each open application's follow-up date (SPEC 6).

Only the secret's digest is kept, so the address is shown once, on the answer to the request
that made it; asking again makes a new one and the old one stops working.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from tracker.extensions import db
from tracker.services import calendar_feed
from tracker.web.http.addresses import public_url
from tracker.web.http.forms import login_required

bp = Blueprint("calendar_settings", __name__, url_prefix="/settings/calendar")


def _page(user, address: str | None = None):
    return render_template(
        "settings/calendar.html",
        user=user,
        address=address,
        # webcal:// opens the calendar app's "subscribe" on iPhone, macOS and most desktops.
        subscribe=address and "webcal://" + address.split("://", 1)[1],
    )


@bp.get("")
@login_required
def index(user):
    return _page(user)


@bp.post("")
@login_required
def new_address(user):
    secret = calendar_feed.new_feed_secret(db.session, user)
    db.session.commit()
    return _page(user, public_url("feeds.calendar", secret=secret))


@bp.post("/stop")
@login_required
def stop(user):
    calendar_feed.drop_feed(db.session, user)
    db.session.commit()
    flash("Your calendar address no longer works. Remove the subscription from your calendar.")
    return redirect(url_for("calendar_settings.index"))
