"""The keyboard walk: press Tab through a page in the real browser and watch where focus goes.

Covers WCAG 2.1.1 (everything reachable), 2.1.2 (no trap), 2.4.3 (order follows the
layout), 2.4.7 (focus visible), 2.4.11 (focus not covered) and 2.4.1 (the skip link works).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import page_js
from .browser import Browser
from .findings import Finding
from .rules import own_finding

# Extra presses beyond the number of tab stops before a walk that never leaves is a trap.
SLACK = 10
MAX_STEPS = 600
# The same element focused this many times in a row means Tab cannot move on.
STUCK = 2
# Pixels of slack when comparing positions: sub-pixel layout and baseline differences.
ORDER_TOLERANCE = 8
# Shift+Tab is checked back along at most this many stops from the end of the walk.
REVERSE_STEPS = 60

_SETUP_JS = page_js.script("keyboard_setup")
_STEP_JS = page_js.script("keyboard_step")
_SKIP_TARGET_JS = page_js.source("skip_target")
_FOCUS_JS = page_js.source("focus_stop")
_BLUR_JS = page_js.source("blur")
_RESET_JS = page_js.source("reset_focus")
_IN_MAIN_JS = page_js.source("focus_in_main")
_SETTLE_JS = page_js.source("settle_focus")


@dataclass
class WalkResult:
    findings: list[Finding] = field(default_factory=list)
    stops: int = 0
    visited: int = 0
    completed: bool = False


def walk(browser: Browser, page: str, state: str, backwards: bool = False) -> WalkResult:
    """Tab through the page as loaded; leaves the page focused somewhere, so reload after.

    `backwards`: then also press Shift+Tab back along the way Tab came (once per page is
    enough: the order is the document's, whatever the width).
    """
    result = WalkResult()
    browser.js(_RESET_JS)
    setup = browser.js(_SETUP_JS)
    stops = setup["stops"]
    result.stops = len(stops)

    def add(rule: str, info: dict, message: str) -> None:
        result.findings.append(own_finding(rule, page=page, state=state,
                                           selector=info["selector"], snippet=info["snippet"],
                                           message=message))

    for dead in setup["dead"]:
        add("keyboard-unreachable", dead,
            "This element reacts to clicks (onclick or an ARIA widget role) but Tab never "
            "reaches it.")

    visited: list[dict] = []
    seen: dict[str, int] = {}
    previous_positioned: dict | None = None
    stuck = 0
    # Tab also visits what is inside iframes, which the top document cannot count.
    expected = len(stops) + SLACK + 50 * sum(1 for s in stops if s["opaque"])
    limit = min(expected, MAX_STEPS)
    trapped = None
    navigated = False
    for _ in range(limit):
        browser.press("Tab")
        info = _step(browser)
        if info.get("navigated"):
            # Focus alone loaded another page: blame the stop Tab was moving to.
            nxt = visited[-1]["idx"] + 1 if visited and visited[-1].get("idx") is not None \
                else 0
            trigger = stops[nxt] if nxt < len(stops) else {"selector": "html", "snippet": ""}
            add("on-focus", trigger,
                "When this element receives keyboard focus the browser goes to another page "
                "(or reloads), before the user has activated anything.")
            navigated = True
            break
        if info["left"] and browser.driver.execute_async_script(_SETTLE_JS):
            info = _step(browser)  # a script pulled focus back in: not out after all
        if info.get("moved_from"):
            add("on-focus", info["moved_from"],
                "When this element receives keyboard focus a script moves focus somewhere "
                "else at once, which the user did not ask for.")
        if info["left"]:
            result.completed = True
            break
        # Inside a cross-origin frame we cannot see focus move, so it cannot count as stuck;
        # the step limit still ends a walk that never comes back out.
        opaque = info["key"].endswith(">>cross-origin") or info.get("opaque")
        if visited and info["key"] == visited[-1]["key"] and not opaque:
            stuck += 1
            if stuck >= STUCK:
                trapped = info
                break
            continue
        stuck = 0
        if opaque and info["key"] in seen:
            continue
        if info["key"] in seen:
            if seen[info["key"]] == 0:
                result.completed = True  # wrapped round to the start: a full circuit
            else:
                trapped = info  # cycling among a subset: cannot get out with Tab
                trapped = dict(info, cycle=[v["key"] for v in visited[seen[info["key"]]:]])
            break
        seen[info["key"]] = len(visited)
        visited.append(info)
        _check_visible(browser, info, add)
        if not info["hidden"] and not info["fixed"]:
            if previous_positioned is not None:
                _check_order(previous_positioned, info, setup["ltr"], add)
            previous_positioned = info
    else:
        if expected < MAX_STEPS:
            trapped = visited[-1] if visited else None

    if trapped is not None:
        way_out = _other_way_out(browser, trapped)
        if way_out:
            add("keyboard-trap-advised", trapped,
                f"Tab alone does not move focus out of here; after {way_out} it does. Make sure "
                "the page tells users how to leave (WCAG 2.1.2).")
        else:
            add("keyboard-trap", trapped,
                "Focus is trapped: pressing Tab, even after Escape, keeps focus on this "
                "element or cycles back to it without ever leaving.")
    result.visited = len(visited)

    if result.completed:
        reached = {v["idx"] for v in visited if v.get("idx") is not None}
        radio_groups = {stops[i]["radio"] for i in reached if i < len(stops) and stops[i]["radio"]}
        for stop in stops:
            if stop["idx"] in reached or (stop["radio"] and stop["radio"] in radio_groups):
                continue
            add("keyboard-unreachable", stop,
                "This control is in the page but pressing Tab never reached it.")

    if result.completed and backwards and not navigated:
        _check_reverse(browser, visited, stops, add)

    if setup["has_main"] and visited and not navigated:
        # A house convention (warning): 2.4.1 itself is met by landmarks and headings too,
        # which site_checks judges as bypass-blocks.
        _check_skip_link(browser, visited[0], add)
    return result


_ACTIVE_KEY_JS = page_js.source("active_key")


def _step(browser: Browser) -> dict:
    try:
        return browser.js(_STEP_JS)
    except Exception:  # the document was replaced under the script: a change of context
        return {"left": False, "navigated": True}


def _other_way_out(browser: Browser, trapped: dict) -> str | None:
    """Does Escape, a standard exit method (2.1.2), then free focus from the trap?

    Shift+Tab does not count: where unmodified Tab is stuck, WCAG wants users told.
    """
    cycle = set(trapped.get("cycle") or [trapped["key"]])
    for _ in range(2):
        browser.press("Escape")
        browser.press("Tab")
        if browser.js(_ACTIVE_KEY_JS) not in cycle:
            return "Escape"
    return None


def _check_reverse(browser: Browser, visited: list[dict], stops: list[dict], add) -> None:
    """Shift+Tab must visit the same stops as Tab, in reverse (2.4.3, 2.1.1).

    A radio group is one stop, entered at either end; frames and players have stops of
    their own inside, which the top document cannot name, so pages with them are skipped.
    """
    if any(v.get("opaque") or v.get("idx") is None for v in visited) or len(visited) < 2:
        return
    path = visited[-REVERSE_STEPS:]

    def stop_of(key: str) -> str:
        if key.startswith("k") and key[1:].isdigit() and int(key[1:]) < len(stops):
            radio = stops[int(key[1:])]["radio"]
            return "radio:" + radio if radio else key
        return key

    browser.js(_FOCUS_JS, path[-1]["idx"])
    came_from = path[-1]
    for want in reversed(path[:-1]):
        browser.press_shift_tab()
        got = browser.js(_ACTIVE_KEY_JS)
        if stop_of(got) != stop_of(want["key"]):
            add("shift-tab-order", came_from,
                f"Shift+Tab from here should go back to {want['selector']}, where Tab came "
                f"from, but focus went to {_describe(got, stops)}.")
            return
        came_from = want


def _describe(key: str, stops: list[dict]) -> str:
    if key.startswith("k") and key[1:].isdigit() and int(key[1:]) < len(stops):
        return stops[int(key[1:])]["selector"]
    return "the page itself (nothing focused)" if key == "body" else f"a {key[1:].lower()}"


def _check_visible(browser: Browser, info: dict, add) -> None:
    if info.get("opaque"):
        return  # the frame or player draws focus inside itself, out of the top page's reach
    if info["hidden"]:
        if info.get("proxy") and _looks_different(browser, info, info["proxy"]):
            return  # hidden itself, but focusing it visibly changes what is around it
        add("focus-hidden", info, f"Focus lands on this element but {info['hidden']}, so a "
                                  "keyboard user cannot see where they are.")
        return
    if info["obscured"]:
        add("focus-obscured", info,
            "When this element has focus it is entirely covered by other content.")
        return
    if info["changed"]:
        return
    # No style change we can read: compare what is painted focused and unfocused, which
    # also catches indicators drawn by a parent (:focus-within) or a sibling label.
    crop = info["crop"]
    if crop["w"] < 1 or crop["h"] < 1:
        return
    if not _looks_different(browser, info, crop):
        add("focus-visible", info,
            "This element looks exactly the same with and without keyboard focus.")


def _looks_different(browser: Browser, info: dict, crop: dict) -> bool:
    """Screenshot an area with the element focused and blurred; focus is restored after."""
    focused = browser.screenshot(crop["x"], crop["y"], crop["w"], crop["h"])
    browser.js(_BLUR_JS)
    unfocused = browser.screenshot(crop["x"], crop["y"], crop["w"], crop["h"])
    if info.get("idx") is not None:
        browser.js(_FOCUS_JS, info["idx"])
    return focused != unfocused


def _check_order(prev: dict, cur: dict, ltr: bool, add) -> None:
    a, b = prev["rect"], cur["rect"]
    tol = ORDER_TOLERANCE
    same_row = b["y"] < a["y"] + a["h"] - tol and b["y"] + b["h"] > a["y"] + tol
    overlaps_x = b["x"] < a["x"] + a["w"] - tol and b["x"] + b["w"] > a["x"] + tol
    if same_row:
        backwards = b["x"] + b["w"] <= a["x"] + tol if ltr else b["x"] >= a["x"] + a["w"] - tol
        if backwards:
            add("focus-order", cur,
                f"Focus moved {'left' if ltr else 'right'} to this element from "
                f"{prev['selector']}, against the reading order of the line.")
    elif b["y"] + b["h"] <= a["y"] + tol and overlaps_x:
        add("focus-order", cur,
            f"Focus moved up the page to this element from {prev['selector']}, which is "
            "below it in the same column.")


def _check_skip_link(browser: Browser, first: dict, add) -> None:
    if first["in_main"]:
        return  # nothing to skip before the main content
    href = first.get("href") or ""
    if first["tag"] != "a" or not href.startswith("#") or len(href) < 2 or first.get("idx") is None:
        add("skip-link", first,
            "The first thing Tab reaches is not a skip link to the main content.")
        return
    target = browser.js(_SKIP_TARGET_JS, first["idx"])
    if not target["exists"]:
        add("skip-link", first,
            f"The skip link points at '#{target['id']}', but no element has that id.")
        return
    if not target["to_main"]:
        add("skip-link", first,
            f"The skip link points at '#{target['id']}', which is not the main content.")
        return
    browser.js(_FOCUS_JS, first["idx"])
    browser.press("Enter")
    if browser.js(_IN_MAIN_JS):
        return
    browser.press("Tab")
    if not browser.js(_IN_MAIN_JS):
        add("skip-link", first,
            "Activating the skip link does not move focus into the main content.")
