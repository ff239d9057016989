"""What `councilsite submissions status` says about each channel: how many wait, since when, the
last error, and loudly, any delivery that has been failing for a day."""
from __future__ import annotations

import datetime as dt

from councilsite.clock import LONDON
from councilsite.receiver.deliver import queue

NAMES = {"webhook": "webhook", "team": "team email", "resident": "resident email"}


def _when(moment: dt.datetime) -> str:
    local = moment.astimezone(LONDON)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def status_lines(store, settings, now: dt.datetime) -> list[str]:
    mail = settings.mail
    via = {"webhook": "to the webhook" if settings.webhook_url else "no webhook set up (COUNCILSITE_WEBHOOK_URL)",
           "team": f"by {mail.describe()}" if mail else "no mail channel set up",
           "resident": f"by {mail.describe()}" if mail else "no mail channel set up"}
    found = queue.status(store, now)
    width = max(len(name) for name in NAMES.values())
    lines = ["Waiting per channel:"]
    alarms = []
    for s in found:
        oldest = f" (the oldest received {_when(s.oldest_waiting)})" if s.oldest_waiting else ""
        lines.append(f"  {NAMES[s.channel]:<{width}}  {s.waiting} waiting{oldest}, {s.delivered} delivered, "
                     f"{via[s.channel]}")
        if s.last_error and s.waiting:
            lines.append(f"  {'':<{width}}  last error: {s.last_error}")
        if s.failing_for_a_day:
            alarms.append(f"FAILING: {s.failing_for_a_day} {NAMES[s.channel]} deliver"
                          f"{'y has' if s.failing_for_a_day == 1 else 'ies have'} been failing for more than a day"
                          f" (last error: {s.last_error or 'none recorded'})")
    return lines + alarms
