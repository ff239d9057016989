"""Slips a machine can catch in prose: hours that contradict each other, "12pm", and a name
written in two cases on one page. Each function takes text and returns (offset, found, fix)."""
from __future__ import annotations

import re

from councilsite.places.hours import HoursError, parse_time

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_TIME = r"(?:\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)|midday|noon|midnight|\d{1,2}[:.]\d{2})"
# "Monday to Friday", "Mondays, Tuesdays and Thursdays", "weekdays", then "9am to 5pm" or
# "from 10am to 5pm", possibly after a comma or "between".
HOURS = re.compile(
    r"(?P<days>(?:weekdays|" + _DAY + r")(?:\s*(?:,|and|to|-|–)\s*(?:" + _DAY + r"))*)"
    r"[\s,:]*(?:(?:from|between|open|opens|is|are|we|they|lines|it|the|office|line)\s+){0,4}"
    r"(?P<open>" + _TIME + r")\s*(?:to|until|-|–|and)\s*(?P<close>" + _TIME + r")",
    re.I,
)
# Words that make the second set of hours an exception to the first, not a contradiction.
EXCEPTION = re.compile(r"(\(|\bexcept\b|\bbut\b|\bapart from\b|\bother than\b)[^()]{0,20}$", re.I)


def _days(text: str) -> set[str]:
    text = text.lower()
    if text.strip() == "weekdays":
        return set(DAYS[:5])
    found = [d for d in re.findall(_DAY, text, re.I)]
    names = [next(day for day in DAYS if day.startswith(f.lower()[:3])) for f in found]
    days = set(names)
    for start, end in re.findall(r"(" + _DAY + r")\s*(?:to|-|–)\s*(" + _DAY + r")", text, re.I):
        a = DAYS.index(next(d for d in DAYS if d.startswith(start.lower()[:3])))
        b = DAYS.index(next(d for d in DAYS if d.startswith(end.lower()[:3])))
        days |= set(DAYS[a:b + 1] if a <= b else DAYS[a:] + DAYS[:b + 1])
    return days


def _tidy(time: str, closing: bool) -> str:
    try:
        return str(parse_time(time, closing))
    except HoursError:  # "12pm" and friends: the midday check reports those
        return time.lower().replace(" ", "")


def contradictory_hours(text: str):
    """Two sets of hours for the same day in one paragraph, with nothing saying one is the exception:
    "Monday to Friday, 9am to 5pm, and on Wednesdays from 10am to 5pm"."""
    seen: list[tuple[set[str], str, str]] = []
    for match in HOURS.finditer(text):
        days = _days(match.group("days"))
        hours = f"{_tidy(match.group('open'), False)} to {_tidy(match.group('close'), True)}"
        before = text[max(0, match.start() - 40):match.start()]
        for earlier_days, earlier_hours, earlier_text in seen:
            shared = days & earlier_days
            if shared and hours != earlier_hours and not EXCEPTION.search(before):
                day = next(d for d in DAYS if d in shared).capitalize()
                yield (match.start(), f"{earlier_text} … {match.group(0)}",
                       f"These give 2 different times for {day}. Say which days each time is for, "
                       f"such as \u201cMonday to Friday, 9am to 5pm, except Wednesday, 10am to 5pm\u201d.")
                break
        seen.append((days, hours, match.group(0)))


TWELVE = re.compile(r"(?<![\d:.])12(?:[:.]00)?\s?(?P<half>[ap])(?:m\b|\.m\.)|\b12\s(?P<word>noon|midnight)\b", re.I)


def twelve_oclock(text: str):
    """'12pm' and '12am' are ambiguous; GOV.UK writes 'midday' and 'midnight'."""
    for match in TWELVE.finditer(text):
        if match.group("word"):
            plain = match.group("word").lower().replace("noon", "midday")
        else:
            plain = "midday" if match.group("half").lower() == "p" else "midnight"
        yield match.start(), match.group(0), f"Write \u201c{plain}\u201d instead: people read 12am and 12pm differently."


_WORD = re.compile(r"[A-Za-z][a-z]+")
SMALL = {"a", "an", "and", "the", "of", "to", "in", "on", "for", "or", "by", "at", "with", "from", "your", "our",
         "you", "we", "is", "are", "be", "if", "it", "as", "can", "this", "that", "not", "do", "will"}


def _sentence_starts(text: str) -> set[int]:
    starts = {m.end() for m in re.finditer(r"(?:^|[.!?:]\s+|\n\s*)", text)}
    return starts | {0}


def names(text: str) -> dict[tuple[str, ...], str]:
    """Runs of 2 or 3 capitalised words standing alone, such as "Council Tax", by their lower-case
    words. "Eastmere Central Library" is a run of 3, so it never makes "central library" a slip."""
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text)]
    found: dict[tuple[str, ...], str] = {}
    index = 0
    while index < len(words):
        run = index
        while (run < len(words) and words[run][1][0].isupper() and words[run][1].lower() not in SMALL
               and (run == index or _adjacent(text, words[run - 1], words[run]))):
            run += 1
        # Part of a longer title, such as "(No. 2) Accessibility Regulations 2018", is not a name here.
        before = text[:words[index][0]].rstrip()[-1:]
        after = text[words[run - 1][0] + len(words[run - 1][1]):].lstrip()[:1]
        if 2 <= run - index <= 3 and before != ")" and not after.isdigit():
            found.setdefault(tuple(w.lower() for _, w in words[index:run]), " ".join(w for _, w in words[index:run]))
        index = max(run, index + 1)
    return found


def lower_case_uses(text: str, known: dict[tuple[str, ...], str]):
    """Where `text` writes one of the `known` names in lower case ("council tax", or "Council tax"
    at the start of a sentence)."""
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text)]
    starts = _sentence_starts(text)
    reported: set[int] = set()
    for size in (3, 2):
        for i in range(len(words) - size + 1):
            group = words[i:i + size]
            key = tuple(w.lower() for _, w in group)
            if key not in known or not all(_adjacent(text, a, b) for a, b in zip(group, group[1:])):
                continue
            if group[0][0] not in reported and \
                    all(w.islower() or (j == 0 and start in starts) for j, (start, w) in enumerate(group)):
                reported.add(group[0][0])
                written = text[group[0][0]:group[-1][0] + len(group[-1][1])]
                yield (group[0][0], written,
                       f"This page also writes \u201c{known[key]}\u201d. Write it the same way every time.")


def _adjacent(text: str, a: tuple[int, str], b: tuple[int, str]) -> bool:
    return text[a[0] + len(a[1]):b[0]] == " "
