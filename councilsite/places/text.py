"""Small wording helpers shared by the places modules: slugs, lists and dates in GOV.UK style."""
from __future__ import annotations

import datetime as dt
import re

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")


def slug(text: str) -> str:
    """'Customer service centre' -> 'customer-service-centre'; 'Free WiFi' -> 'free-wifi'."""
    text = str(text).strip().lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def join_words(items: list[str], conjunction: str = "and") -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def day_month(day: dt.date) -> str:
    """'Monday 4 January'."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"


def long_date(day: dt.date) -> str:
    """'Monday 4 January 2027'."""
    return f"{day_month(day)} {day.year}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """plural(1, 'place') -> '1 place'; plural(3, 'place') -> '3 places'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"
