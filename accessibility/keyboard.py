"""The keyboard walk: press Tab through a page in the real browser and watch where focus goes.

Covers WCAG 2.1.1 (everything reachable), 2.1.2 (no trap), 2.4.3 (order follows the
layout), 2.4.7 (focus visible), 2.4.11 (focus not covered) and 2.4.1 (the skip link works).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .browser import Browser
from .findings import Finding
from .page_js import HELPERS
from .rules import own_finding

# Extra presses beyond the number of tab stops before a walk that never leaves is a trap.
SLACK = 10
MAX_STEPS = 600
# The same element focused this many times in a row means Tab cannot move on.
STUCK = 2
# Pixels of slack when comparing positions: sub-pixel layout and baseline differences.
ORDER_TOLERANCE = 8

_SETUP_JS = HELPERS + r"""
__cs.sig = function (el) {
  function side(cs, s) {
    var st = cs['border' + s + 'Style'];
    return st === 'none' || st === 'hidden' ? 'none' :
      st + cs['border' + s + 'Width'] + cs['border' + s + 'Color'];
  }
  function one(cs) {
    var outline = (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0) ? 'none' :
      cs.outlineStyle + cs.outlineWidth + cs.outlineColor + cs.outlineOffset;
    return [outline, cs.boxShadow, cs.backgroundColor, cs.backgroundImage, cs.color,
            side(cs, 'Top'), side(cs, 'Right'), side(cs, 'Bottom'), side(cs, 'Left'),
            cs.textDecorationLine, cs.textDecorationStyle, cs.textDecorationColor,
            cs.textDecorationThickness, cs.transform, cs.filter, cs.opacity,
            cs.fontWeight].join('|');
  }
  var parts = [one(getComputedStyle(el)), one(getComputedStyle(el, '::before')),
               one(getComputedStyle(el, '::after'))];
  var kids = el.querySelectorAll('*');
  for (var i = 0; i < kids.length && i < 5; i++) parts.push(one(getComputedStyle(kids[i])));
  return parts.join('#');
};
var sel = 'a[href], area[href], button, input, select, textarea, iframe, summary, ' +
  '[tabindex], [contenteditable]:not([contenteditable="false"]), audio[controls], video[controls]';
var list = [];
__cs.kbBefore = {};
var i = 0;
document.querySelectorAll(sel).forEach(function (el) {
  if (el.disabled || el.tabIndex < 0 || (el.type === 'hidden' && el.tagName === 'INPUT')) return;
  if (el.closest('[inert]')) return;
  if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) return;
  if (el.tagName === 'SUMMARY' && el.parentElement.tagName !== 'DETAILS') return;
  el.setAttribute('data-cs-kb', String(i));
  __cs.kbBefore[i] = __cs.sig(el);
  list.push({idx: i, selector: __cs.cssPath(el), snippet: __cs.snippet(el),
             radio: (el.type === 'radio' && el.name) ? (el.form ? 'f' : '') + el.name : null,
             iframe: el.tagName === 'IFRAME',
             opaque: /^(IFRAME|VIDEO|AUDIO|OBJECT|EMBED)$/.test(el.tagName)});
  i++;
});
// Things that act as controls for a mouse but cannot be reached with Tab.
var dead = [];
var roles = /^(button|link|checkbox|radio|switch|tab|menuitem|menuitemcheckbox|menuitemradio|option|slider|spinbutton|textbox|combobox|searchbox|treeitem)$/;
document.querySelectorAll('[onclick], [role]').forEach(function (el) {
  if (el.hasAttribute('data-cs-kb') || el.disabled) return;
  if (el.matches(sel) && el.tabIndex >= 0) return;
  if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) return;
  var role = el.getAttribute('role') || '';
  var acts = el.hasAttribute('onclick') || roles.test(role);
  if (!acts) return;
  if (role === 'option' || role === 'treeitem' || role === 'tab' || role === 'menuitem' ||
      role === 'radio' || role === 'menuitemcheckbox' || role === 'menuitemradio') {
    // Composite widgets move focus with arrow keys: one member is the tab stop.
    var group = el.closest('[role=listbox],[role=tree],[role=tablist],[role=menu],' +
                           '[role=menubar],[role=radiogroup]');
    if (group && (group.tabIndex >= 0 || group.querySelector('[tabindex="0"]'))) return;
  }
  if (el.closest('[data-cs-kb]')) return;  // inside a real control, e.g. a span in a button
  var b = __cs.box(el);
  if (b.width < 1 || b.height < 1) return;
  dead.push({selector: __cs.cssPath(el), snippet: __cs.snippet(el)});
});
var main = document.querySelector('main, [role=main]');
// 2.4.1 is met by landmarks or headings (ARIA11, H69) as well as by a skip link (G1).
var bypass = !!document.querySelector('main, [role=main], nav, [role=navigation], ' +
  'h1, h2, h3, h4, h5, h6, [role=heading]');
return {stops: list, dead: dead, has_main: !!main, bypass: bypass,
        ltr: getComputedStyle(document.documentElement).direction !== 'rtl'};
"""

_STEP_JS = HELPERS + r"""
var el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return {left: true};
var idx = el.getAttribute('data-cs-kb');
var key = idx !== null ? 'k' + idx : __cs.cssPath(el);
if (el.tagName === 'IFRAME') {
  try {
    var inner = el.contentDocument && el.contentDocument.activeElement;
    if (inner && inner !== el.contentDocument.body) key += '>>' + __cs.cssPath(inner);
  } catch (e) { key += '>>cross-origin'; }
}
// What the reader sees is the visual viewport: on a phone-sized page that overflows it is
// smaller than the layout viewport and offset into it.
var vv = window.visualViewport;
var vx = vv ? vv.offsetLeft : 0, vy = vv ? vv.offsetTop : 0;
var vw = vx + (vv ? vv.width : document.documentElement.clientWidth);
var vh = vy + (vv ? vv.height : document.documentElement.clientHeight);
var b = __cs.box(el), v = __cs.visibleBox(el);
var cs = getComputedStyle(el);
var hidden = null;
if (b.width <= 1 || b.height <= 1) hidden = 'it has no size on screen';
else if (cs.visibility !== 'visible') hidden = 'it is visibility: hidden';
else if (__cs.clippedAway(el)) hidden = 'it is clipped to nothing';
else if (v.width < 1 || v.height < 1) hidden = 'it is cut off by a container (overflow)';
else if (v.right <= vx || v.bottom <= vy || v.left >= vw || v.top >= vh)
  hidden = 'it stays off-screen';
// A visually hidden native control (a custom checkbox, say) may show its focus on a visible
// neighbour instead: offer the nearest small ancestor's area for a before/after comparison.
var proxy = null;
if (hidden === 'it has no size on screen' || hidden === 'it is clipped to nothing') {
  for (var a = el.parentElement, up = 0; a && up < 3 && a !== document.body; a = a.parentElement, up++) {
    var ab = __cs.box(a);
    if (ab.width >= 8 && ab.height >= 8) {
      if (ab.width <= 800 && ab.height <= 400 && ab.right > vx && ab.bottom > vy &&
          ab.left < vw && ab.top < vh)
        proxy = {x: Math.max(0, ab.left + scrollX - 6), y: Math.max(0, ab.top + scrollY - 6),
                 w: ab.width + 12, h: ab.height + 12};
      break;
    }
  }
}
var obscured = false;
if (!hidden) {
  var l = Math.max(v.left, vx), t = Math.max(v.top, vy);
  var r = Math.min(v.right, vw), bo = Math.min(v.bottom, vh);
  var pts = [[0.5, 0.5], [0.2, 0.2], [0.8, 0.2], [0.2, 0.8], [0.8, 0.8]];
  var covered = 0;
  pts.forEach(function (p) {
    var x = l + (r - l) * p[0], y = t + (bo - t) * p[1];
    var top = document.elementFromPoint(x, y);
    if (!top || top === el || el.contains(top) || top.contains(el) ||
        (top.control && top.control === el) ||
        (el.labels && Array.prototype.indexOf.call(el.labels, top) >= 0)) return;
    covered++;
  });
  obscured = covered === pts.length;
}
var fixed = false;
for (var n = el; n && n.nodeType === 1; n = n.parentElement) {
  var p = getComputedStyle(n).position;
  if (p === 'fixed' || p === 'sticky') { fixed = true; break; }
}
var sig = __cs.sig ? __cs.sig(el) : null;
var before = idx !== null && __cs.kbBefore ? __cs.kbBefore[idx] : undefined;
var main = document.querySelector('main, [role=main]');
// Media controls, plugins and frames move focus inside themselves, where the top document
// sees the same active element press after press: that is not a trap, and their focus
// indicator is drawn inside them.
var opaque = /^(IFRAME|VIDEO|AUDIO|OBJECT|EMBED)$/.test(el.tagName);
return {left: false, key: key, idx: idx === null ? null : +idx, tag: el.tagName.toLowerCase(),
        opaque: opaque,
        selector: __cs.cssPath(el), snippet: __cs.snippet(el), hidden: hidden,
        obscured: obscured, proxy: proxy,
        changed: before === undefined ? null : before !== sig,
        fixed: fixed, in_main: !!(main && (main === el || main.contains(el))),
        href: el.getAttribute('href'),
        rect: {x: b.left + scrollX, y: b.top + scrollY, w: b.width, h: b.height},
        crop: {x: Math.max(0, v.left + scrollX - 6), y: Math.max(0, v.top + scrollY - 6),
               w: Math.min(v.width + 12, 800), h: Math.min(v.height + 12, 400)}};
"""

_SKIP_TARGET_JS = r"""
var link = document.querySelector('[data-cs-kb="' + arguments[0] + '"]');
var id = decodeURIComponent((link.getAttribute('href') || '').slice(1));
var target = document.getElementById(id) || document.getElementsByName(id)[0] || null;
var main = document.querySelector('main, [role=main]');
var ok = !!(target && main && (target === main || main.contains(target) || target.contains(main)
          || (target.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING &&
              !target.querySelector('a[href], button, input, select, textarea'))));
return {id: id, exists: !!target, to_main: ok};
"""

_FOCUS_JS = """var el = document.querySelector('[data-cs-kb="' + arguments[0] + '"]');
if (el) { el.focus(); } return !!el;"""

_BLUR_JS = """var el = document.activeElement; if (el && el.blur) el.blur();"""

# Start from nothing focused (so "before" styles are the unfocused ones) and from the top:
# blur() alone leaves Tab's starting point where focus was, so focus and drop a probe.
_RESET_JS = _BLUR_JS + """
var probe = document.createElement('span');
probe.tabIndex = -1;
document.body.prepend(probe);
probe.focus(); probe.blur(); probe.remove();
window.scrollTo(0, 0);"""

_IN_MAIN_JS = r"""
var el = document.activeElement;
var main = document.querySelector('main, [role=main]');
if (!main || !el || el === document.body) return false;
if (main === el || main.contains(el)) return true;
// Focus moved past main (main had nothing focusable): still skipped the repeated blocks.
return !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
"""


@dataclass
class WalkResult:
    findings: list[Finding] = field(default_factory=list)
    stops: int = 0
    visited: int = 0
    completed: bool = False


def walk(browser: Browser, page: str, state: str) -> WalkResult:
    """Tab through the page as loaded; leaves the page focused somewhere, so reload after."""
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
    for _ in range(limit):
        browser.press("Tab")
        info = browser.js(_STEP_JS)
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

    if setup["has_main"] and visited:
        def skip_problem(rule, info, message):
            # Without a skip link, landmarks or headings still bypass the blocks (2.4.1):
            # only a page with none of the three fails the criterion.
            if setup.get("bypass"):
                add("skip-link", info, message)
            else:
                add("bypass-blocks", info, message + " The page has no landmarks or headings "
                                                     "either, so nothing bypasses its blocks.")
        _check_skip_link(browser, visited[0], skip_problem)
    return result


_ACTIVE_KEY_JS = """var e = document.activeElement;
if (!e || e === document.body) return 'body';
var i = e.getAttribute('data-cs-kb'); return i !== null ? 'k' + i : '?' + e.tagName;"""


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
