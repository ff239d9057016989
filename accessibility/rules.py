"""The checker's own rules: what each one means and how an editor fixes it.

axe brings its own help text; these are the checks axe cannot do (site-wide, keyboard,
reflow, council conventions), worded for a web editor rather than a developer.
"""
from __future__ import annotations

from dataclasses import dataclass

from .findings import BEST_PRACTICE, ERROR, SOURCE_OWN, WARNING, WCAG, Finding

HELP_BASE = "https://www.w3.org/WAI/WCAG22/Understanding/"


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    criteria: tuple[str, ...]
    severity: str
    how_to_fix: str
    understanding: str  # slug of the W3C "Understanding" page

    @property
    def group(self) -> str:
        """A warning is a house convention ("best practice"), never a WCAG failure."""
        return WCAG if self.severity == ERROR else BEST_PRACTICE

    @property
    def help_url(self) -> str:
        return HELP_BASE + self.understanding


_RULES = [
    Rule("heading-one", "Page has exactly one main heading (h1)", ("1.3.1",), WARNING,
         "Give the page one h1 that says what the page is about; make other headings h2-h6.",
         "info-and-relationships"),
    Rule("heading-skipped", "Heading levels are not skipped", ("1.3.1",), WARNING,
         "Use the next heading level down (h2 after h1, h3 after h2). Choose a level for its "
         "place in the outline, not for its size; change the look with CSS.",
         "info-and-relationships"),
    Rule("page-title", "Page has a title", ("2.4.2",), ERROR,
         "Give every page a <title> that names the page and then the site.",
         "page-titled"),
    Rule("page-title-unique", "Page titles are unique across the site", ("2.4.2",), WARNING,
         "Make each title say what is different about its page, for example "
         "'Bin collection days - Anytown Council'.",
         "page-titled"),
    Rule("html-lang", "Page language is set", ("3.1.1",), ERROR,
         "Set the language on the html element, for example <html lang=\"en-GB\"> "
         "(or lang=\"cy\" for a Welsh page).",
         "language-of-page"),
    Rule("link-text", "Link text says where the link goes", ("2.4.4",), WARNING,
         "Write link text that says where the link goes, for example 'Pay your council tax' "
         "instead of 'click here', 'read more' or a web address.",
         "link-purpose-in-context"),
    Rule("document-link", "Links to documents give the format and size", ("2.4.4",), WARNING,
         "Say the file type and size in the link text, for example "
         "'Annual budget 2025 (PDF, 1.2 MB)', so people know what they will download.",
         "link-purpose-in-context"),
    Rule("img-alt", "Images have a text alternative", ("1.1.1",), ERROR,
         "Add an alt attribute that says what the image shows or does. Use alt=\"\" only for "
         "decoration that adds nothing.",
         "non-text-content"),
    Rule("img-alt-filename", "Image alt text is not a file name", ("1.1.1",), ERROR,
         "Replace the file name with words that say what the image shows, or alt=\"\" if it is "
         "decoration.",
         "non-text-content"),
    Rule("tabindex-positive", "No positive tabindex", ("2.4.3",), WARNING,
         "Remove tabindex values above 0; put elements in the right order in the HTML instead. "
         "Use tabindex=\"0\" or \"-1\" only.",
         "focus-order"),
    Rule("duplicate-id", "Element ids are unique", ("1.3.1", "4.1.2"), WARNING,
         "Give each id on a page a different value. Duplicates break form labels, ARIA "
         "references and links to a place on the page.",
         "info-and-relationships"),
    Rule("autocomplete", "Personal data fields say what they collect", ("1.3.5",), ERROR,
         "Add the autocomplete attribute with the right token, for example autocomplete=\"email\" "
         "on an email field, so browsers can fill it in and assistive technology can explain it.",
         "identify-input-purpose"),
    Rule("table-headers", "Data tables have header cells", ("1.3.1",), WARNING,
         "Mark the header row or column with <th> (scope=\"col\" or scope=\"row\"). If the table "
         "is only for layout, use CSS instead.",
         "info-and-relationships"),
    Rule("link-broken", "Internal links go to a page that exists", ("2.4.4",), WARNING,
         "Correct the link so it points at a page or file in the site, or remove it.",
         "link-purpose-in-context"),
    Rule("link-anchor-missing", "Links to a place on a page find that place", ("2.4.4", "2.4.1"),
         WARNING,
         "Make the part after # match the id of an element on the target page.",
         "link-purpose-in-context"),
    Rule("reflow", "No sideways scrolling at 320 CSS pixels", ("1.4.10",), ERROR,
         "Let content wrap and shrink: avoid fixed widths, use max-width: 100% on images and "
         "let wide tables scroll inside their own container.",
         "reflow"),
    Rule("focus-visible", "Keyboard focus is visible", ("2.4.7",), ERROR,
         "Do not remove the focus outline; give :focus-visible a clear style such as a "
         "3px outline or a yellow background.",
         "focus-visible"),
    Rule("focus-hidden", "Focus never lands on something hidden", ("2.4.7", "2.4.3"), ERROR,
         "Hide the element properly (display: none, the hidden attribute or inert) while it is "
         "not shown, or make it appear when it receives focus.",
         "focus-visible"),
    Rule("focus-obscured", "Focused element is not covered by other content", ("2.4.11",), ERROR,
         "Make sure sticky headers, banners and pop-ups do not cover the focused element, "
         "for example with scroll-padding-top.",
         "focus-not-obscured-minimum"),
    Rule("keyboard-trap", "Keyboard focus is never trapped", ("2.1.2",), ERROR,
         "Let Tab and Shift+Tab move focus out of every component; remove scripts that hold "
         "focus in one place.",
         "no-keyboard-trap"),
    Rule("focus-order", "Focus follows the visual order", ("2.4.3",), ERROR,
         "Put elements in the HTML in the order they appear on screen, rather than reordering "
         "them with CSS (order, flex-direction: *-reverse, absolute positioning).",
         "focus-order"),
    Rule("keyboard-unreachable", "Everything that works with a mouse works with a keyboard",
         ("2.1.1",), ERROR,
         "Use a real <a href> or <button> for things people click; do not rely on onclick or "
         "ARIA roles on a <div> or <span>.",
         "keyboard"),
    Rule("skip-link", "A skip link moves focus to the main content", ("2.4.1",), WARNING,
         "Make the first focusable element <a href=\"#main-content\">Skip to main content</a> "
         "and give <main> the matching id (and tabindex=\"-1\").",
         "bypass-blocks"),
    Rule("error-identification", "Form error state describes the error in text", ("3.3.1",),
         ERROR,
         "In the error state, say in text which field is wrong and what is wrong with it, for "
         "example an error summary and a message by the field (G83, G85).",
         "error-identification"),
    Rule("error-association", "Fields in error point at their message", ("3.3.1",), WARNING,
         "Set aria-invalid=\"true\" on each field in error and point its aria-describedby at "
         "the message, so screen readers read the error with the field (ARIA21, ARIA19).",
         "error-identification"),
    Rule("form-error-state", "Form declares its error state for checking", ("3.3.1",), WARNING,
         "Publish the form's error state and link it from the form page with "
         "<link rel=\"alternate\" data-councilsite-state=\"error\" href=\"...\"> so it is checked too.",
         "error-identification"),
    Rule("bypass-blocks", "Repeated blocks can be bypassed", ("2.4.1",), ERROR,
         "Give the page landmarks (<main>, <nav>, <header>), headings, or a working skip link "
         "to the main content (G1, ARIA11, H69).",
         "bypass-blocks"),
    Rule("meta-refresh", "The page does not refresh or redirect on a timer", ("2.2.1",), ERROR,
         "Remove the timed <meta http-equiv=\"refresh\">; redirect on the server or with a "
         "delay of 0 (H76; failures F40, F41).",
         "timing-adjustable"),
    Rule("text-spacing", "Text survives wider letter, word, line and paragraph spacing",
         ("1.4.12",), ERROR,
         "Let boxes that hold text grow with it: use min-height instead of height, and no "
         "overflow: hidden or text-overflow: ellipsis on text (C36, C35; failure F104).",
         "text-spacing"),
    Rule("resize-text", "Text is not cut off at 200% zoom", ("1.4.4",), ERROR,
         "Do not fix the height of boxes that hold text to the window (height: 100vh with "
         "overflow: hidden) or to a number of pixels; let them grow (G142; failure F69).",
         "resize-text"),
    Rule("orientation", "The page works in portrait and landscape", ("1.3.4",), ERROR,
         "Remove CSS that rotates or hides the content in one orientation (for example in "
         "@media (orientation: portrait)); let the layout adapt instead (failure F97).",
         "orientation"),
    Rule("on-input", "Changing a setting does not change the page unasked", ("3.2.2",), ERROR,
         "Do not load a page or open a window when a select list or radio button changes; "
         "add a button that the user presses to go (G80, H32; failures F36, F37).",
         "on-input"),
    Rule("on-focus", "Moving focus onto a control does not change the page", ("3.2.1",), ERROR,
         "Do not load a page, submit a form or open a window when something receives focus; "
         "do it when the user activates it (G107; failure F55, F52).",
         "on-focus"),
    Rule("shift-tab-order", "Shift+Tab goes back the way Tab came", ("2.4.3", "2.1.1"), ERROR,
         "Do not handle Tab or Shift+Tab in scripts to send focus elsewhere; let the browser "
         "move focus back through the page in the same order (G59; failure F44).",
         "focus-order"),
    Rule("arrow-keys", "Arrow keys move within widgets that Tab enters once", ("2.1.1",),
         ERROR,
         "Where only one member of a radio group, menu, tab list or listbox is in the Tab "
         "order, make the arrow keys move between members (SCR29, the ARIA Authoring "
         "Practices), or put every member in the Tab order.",
         "keyboard"),
    Rule("hover-dismiss", "Content shown on hover or focus can be dismissed with Escape",
         ("1.4.13",), ERROR,
         "Let Escape hide tooltips and pop-ups that hover or focus shows over other content, "
         "without moving the pointer or focus (SCR39).",
         "content-on-hover-or-focus"),
    Rule("keyboard-trap-advised", "A component left by a non-standard key says how", (),
         WARNING,
         "Focus can only leave this component with another key than Tab: make sure the page "
         "tells users which key (WCAG 2.1.2 allows it when they are told, G21).",
         "no-keyboard-trap"),
    Rule("page-audit-failed", "Page could be checked in the browser", (), ERROR,
         "The page did not load or a check crashed; open it in a browser, fix the cause and "
         "run the audit again.",
         "conformance"),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}


def own_finding(rule_id: str, *, page: str, state: str, selector: str, snippet: str,
                message: str) -> Finding:
    rule = RULES[rule_id]
    return Finding(
        rule=rule.id,
        source=SOURCE_OWN,
        severity=rule.severity,
        criteria=list(rule.criteria),
        page=page,
        state=state,
        selector=selector,
        snippet=snippet,
        message=message,
        help=rule.how_to_fix,
        help_url=rule.help_url,
        impact="serious" if rule.severity == ERROR else "minor",
        group=rule.group,
    )


# WCAG 2.2 level A and AA success criteria, so reports can name them for editors.
WCAG_NAMES = {
    "1.1.1": "Non-text Content", "1.2.1": "Audio-only and Video-only (Prerecorded)",
    "1.2.2": "Captions (Prerecorded)", "1.2.3": "Audio Description or Media Alternative",
    "1.2.4": "Captions (Live)", "1.2.5": "Audio Description (Prerecorded)",
    "1.3.1": "Info and Relationships", "1.3.2": "Meaningful Sequence",
    "1.3.3": "Sensory Characteristics", "1.3.4": "Orientation",
    "1.3.5": "Identify Input Purpose", "1.4.1": "Use of Color", "1.4.2": "Audio Control",
    "1.4.3": "Contrast (Minimum)", "1.4.4": "Resize Text", "1.4.5": "Images of Text",
    "1.4.6": "Contrast (Enhanced)",
    "1.4.10": "Reflow", "1.4.11": "Non-text Contrast", "1.4.12": "Text Spacing",
    "1.4.13": "Content on Hover or Focus", "2.1.1": "Keyboard", "2.1.2": "No Keyboard Trap",
    "2.1.3": "Keyboard (No Exception)",
    "2.1.4": "Character Key Shortcuts", "2.2.1": "Timing Adjustable", "2.2.2": "Pause, Stop, Hide",
    "2.2.4": "Interruptions",
    "2.3.1": "Three Flashes or Below Threshold", "2.4.1": "Bypass Blocks", "2.4.2": "Page Titled",
    "2.4.3": "Focus Order", "2.4.4": "Link Purpose (In Context)", "2.4.5": "Multiple Ways",
    "2.4.6": "Headings and Labels", "2.4.7": "Focus Visible",
    "2.4.9": "Link Purpose (Link Only)",
    "2.4.11": "Focus Not Obscured (Minimum)",
    "2.5.1": "Pointer Gestures", "2.5.2": "Pointer Cancellation", "2.5.3": "Label in Name",
    "2.5.4": "Motion Actuation", "2.5.7": "Dragging Movements", "2.5.8": "Target Size (Minimum)",
    "3.1.1": "Language of Page", "3.1.2": "Language of Parts", "3.2.1": "On Focus",
    "3.2.2": "On Input", "3.2.3": "Consistent Navigation", "3.2.4": "Consistent Identification",
    "3.2.6": "Consistent Help", "3.3.1": "Error Identification", "3.3.2": "Labels or Instructions",
    "3.3.3": "Error Suggestion", "3.3.4": "Error Prevention (Legal, Financial, Data)",
    "3.3.7": "Redundant Entry", "3.3.8": "Accessible Authentication (Minimum)",
    "4.1.1": "Parsing (obsolete)", "4.1.2": "Name, Role, Value", "4.1.3": "Status Messages",
}


def criterion_label(sc: str) -> str:
    name = WCAG_NAMES.get(sc)
    return f"{sc} {name}" if name else sc
