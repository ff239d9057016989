"""Browser checks that axe-core does not make, decided once per page rather than per state.

- 1.4.12 Text spacing: the criterion's spacing applied over the author's CSS; text that is
  then cut off or runs over what follows, and was not before, fails (F104).
- 1.4.4 Resize text: the page at 200% zoom (the viewport halved, as browser zoom does);
  text cut off that was not at 100% fails (F69). Zoom is how G142 meets the criterion, so
  text-only scaling, which the criterion does not demand, is not tested.
- 1.3.4 Orientation: the page in portrait and landscape; main content turned sideways or
  hidden in one and not the other is locked to an orientation (F97).
- 2.1.1 Keyboard: in a composite widget whose other members Tab skips (radio group, menu,
  tabs, listbox, tree, toolbar with a roving tabindex), an arrow key must move focus, the
  selection or the active descendant: otherwise those members cannot be reached (SCR29).
- 1.4.13 Content on hover or focus: content that hovering or focusing shows over other
  content (a tooltip, a pop-up) must go away on Escape without moving the pointer or focus
  (SCR39; failure F95 is its hoverable half, not tested).
- 3.2.2 On input: changing a select list or radio group with the arrow keys must not load
  another page or open a window (F36, F37).

They run on the pages that get the keyboard walk (a few per template and one per form),
where template and form problems show, and leave the page as they found it.
"""
from __future__ import annotations

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By

from . import page_js
from .browser import Browser
from .findings import Finding
from .rules import own_finding

_CLIPPED_JS = page_js.script("clipped_text")
_SPACING_JS = page_js.source("text_spacing")
_ORIENTATION_JS = page_js.script("orientation")
_CONTROLS_JS = page_js.script("input_controls")
_MARK_JS = page_js.script("input_mark")
_WIDGETS_JS = page_js.script("arrow_widgets")
_TRIGGERS_JS = page_js.script("hover_triggers")
_PROBE_JS = page_js.script("hover_probe")
_WIDGET_STATE_JS = page_js.script("arrow_state")
_FOCUS_INPUT_JS = """var el = document.querySelector('[data-cs-input="' + arguments[0] + '"]');
if (el) el.focus(); return !!el;"""
ZOOM_MIN_WIDTH = 640
def check(browser: Browser, page: str, state: str, url: str, width: int,
          height: int) -> tuple[list[Finding], bool]:
    """Findings, and whether the page was touched (values, widgets, hover): then reload it."""
    out: list[Finding] = []
    acted: list[str] = []  # what pressed keys or moved the pointer in the page
    before = _clipped(browser)
    out += _text_spacing(browser, page, state, before)
    if width >= ZOOM_MIN_WIDTH:
        out += _zoom(browser, page, state, before, width, height)
    out += _orientation(browser, page, state, width, height)
    browser.set_viewport(width, height, mobile=False)
    out += _dismissible(browser, page, state, acted)
    out += _arrow_keys(browser, page, state, acted)
    out += _on_input(browser, page, state, url, acted)
    return out, bool(acted)


def _dismissible(browser, page, state, acted) -> list[Finding]:
    out = []
    reported = set()
    for t in browser.js(_TRIGGERS_JS):
        acted.append("hover")
        el = browser.driver.find_element(By.CSS_SELECTOR, f'[data-cs-hover="{t["key"]}"]')
        browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        ways = [("hover", lambda: ActionChains(browser.driver).move_to_element(el).perform())]
        if t["focusable"]:
            ways.append(("focus", lambda: browser.driver.execute_script(
                "arguments[0].focus()", el)))
        for how, show in ways:
            browser.js(_PROBE_JS, "mark")
            try:
                show()
            except WebDriverException:  # not reachable by the pointer here: nothing to judge
                continue
            shown = browser.js(_PROBE_JS, "shown")
            if not shown:
                _reset_pointer(browser)
                continue
            browser.press("Escape")
            still = browser.js(_PROBE_JS, "shown")
            _reset_pointer(browser)
            for c in still:
                if c["selector"] in reported:
                    continue
                reported.add(c["selector"])
                out.append(own_finding(
                    "hover-dismiss", page=page, state=state, selector=c["selector"],
                    snippet=c["snippet"],
                    message=f"This content appears over other content on {how} of "
                            f"{t['selector']} and stays after Escape: it cannot be dismissed "
                            f"without moving the {'pointer' if how == 'hover' else 'focus'}."))
    return out


def _reset_pointer(browser: Browser) -> None:
    browser.driver.execute_script(
        "var a = document.activeElement; if (a && a.blur) a.blur();")
    actions = ActionBuilder(browser.driver)
    actions.pointer_action.move_to_location(0, 0)
    actions.perform()


def _arrow_keys(browser, page, state, acted) -> list[Finding]:
    out = []
    for w in browser.js(_WIDGETS_JS):
        acted.append("arrows")
        before = browser.js(_WIDGET_STATE_JS, w["key"], True)
        moved = False
        for key in ("ArrowDown", "ArrowRight"):
            browser.press(key)
            if browser.js(_WIDGET_STATE_JS, w["key"], False) != before:
                moved = True
                break
        if not moved:
            out.append(own_finding(
                "arrow-keys", page=page, state=state, selector=w["selector"],
                snippet=w["snippet"],
                message=f"Tab reaches one member of this {w['role']} and skips the others, "
                        "but the arrow keys do not move to them, so a keyboard user cannot "
                        "reach them."))
    return out


def _clipped(browser: Browser) -> dict[str, dict]:
    return {c["selector"]: c for c in browser.js(_CLIPPED_JS)}


def _text_spacing(browser, page, state, before) -> list[Finding]:
    browser.js(_SPACING_JS, True)
    after = _clipped(browser)
    browser.js(_SPACING_JS, False)
    return [own_finding("text-spacing", page=page, state=state, selector=sel,
                        snippet=c["snippet"],
                        message="With the text spacing of WCAG 1.4.12 (line height 1.5, "
                                "letter spacing 0.12 em, word spacing 0.16 em, paragraph "
                                "spacing 2 em) this text is "
                                + ("cut off by its box." if c["how"] == "clipped" else
                                   "pushed out of its box over the content that follows."))
            for sel, c in after.items() if sel not in before]


def _zoom(browser, page, state, before, width, height) -> list[Finding]:
    browser.set_viewport(width // 2, height // 2, mobile=False)
    after = _clipped(browser)
    browser.set_viewport(width, height, mobile=False)
    return [own_finding("resize-text", page=page, state=state, selector=sel,
                        snippet=c["snippet"],
                        message=f"Zoomed to 200% (a {width} px window showing {width // 2} "
                                "CSS px) this text is "
                                + ("cut off by its box." if c["how"] == "clipped" else
                                   "pushed out of its box over the content that follows."))
            for sel, c in after.items() if sel not in before]


def _orientation(browser, page, state, width, height) -> list[Finding]:
    long_side, short_side = max(width, height), min(width, height)
    seen = {}
    for name, (w, h) in (("portrait", (short_side, long_side)),
                         ("landscape", (long_side, short_side))):
        browser.set_viewport(w, h, mobile=False)
        seen[name] = browser.js(_ORIENTATION_JS)
    for locked, other in (("landscape", "portrait"), ("portrait", "landscape")):
        bad, good = seen[other], seen[locked]
        if (bad["turned"] and not good["turned"]) or (bad["hidden"] and not good["hidden"]):
            how = "turned sideways" if bad["turned"] else "hidden"
            return [own_finding(
                "orientation", page=page, state=state, selector=bad["selector"],
                snippet=bad["snippet"],
                message=f"In {other} orientation the main content is {how}: the page only "
                        f"works in {locked}.")]
    return []


def _on_input(browser, page, state, url, acted) -> list[Finding]:
    controls = browser.js(_CONTROLS_JS)
    if controls:
        acted.append("input")
    out = []
    home = browser.driver.current_window_handle
    for c in controls:
        handles = len(browser.driver.window_handles)
        if not browser.js(_FOCUS_INPUT_JS, c["key"]):
            continue
        browser.press("ArrowDown")
        try:
            seen = browser.driver.execute_async_script(_MARK_JS, c["key"])
        except Exception:  # the document went away while the script waited
            seen = {"same": False, "kept": False}
        opened = len(browser.driver.window_handles) > handles
        if opened:
            _close_new_windows(browser, home)
        if seen["same"] and seen["kept"] and not opened:
            continue
        what = ("opens a new window" if opened else "loads another page" if not seen["same"]
                else f"moves focus away (to {seen.get('to') or 'nothing'})")
        out.append(own_finding(
            "on-input", page=page, state=state, selector=c["selector"], snippet=c["snippet"],
            message=f"Changing this control with the arrow keys {what}, without warning and "
                    "before the user chooses to submit."))
        browser.get(url)
        controls_again = browser.js(_CONTROLS_JS)
        if len(controls_again) != len(controls):
            break
    return out


def _close_new_windows(browser: Browser, home: str) -> None:
    driver = browser.driver
    for handle in driver.window_handles:
        if handle != home:
            driver.switch_to.window(handle)
            driver.close()
    driver.switch_to.window(home)
