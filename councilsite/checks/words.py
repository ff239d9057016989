"""Words to avoid, from the GOV.UK style guide and plain English, with the plain alternative."""
from __future__ import annotations

import re

# (pattern, what to write instead). Patterns are matched case-insensitively on whole words.
AVOID: list[tuple[str, str]] = [
    (r"utili[sz](?:e|es|ed|ing|ation)", "use"),
    (r"facilitat(?:e|es|ed|ing)", "help, or say what you are actually doing"),
    (r"going forward", "from now on, or in future"),
    (r"deliver(?:s|ed|ing)?(?:\s+\w+){0,2}\s+(?:services?|outcomes?|improvements?|priorities|change|benefits|support)",
     "say what you do: run, provide, give, make"),
    (r"in order to", "to"),
    (r"commenc(?:e|es|ed|ing)", "start"),
    (r"prior to", "before"),
    (r"in the event (?:of|that)", "if"),
    (r"subsequent(?:ly)?", "later, or next"),
    (r"endeavou?r(?:s|ed|ing)?", "try"),
    (r"in respect of|with regards? to", "about, or for"),
    (r"leverag(?:e|es|ed|ing)", "use, or say what you mean"),
    (r"empower(?:s|ed|ing)?", "let, or help"),
    (r"robust", "strong, or say what you mean"),
    (r"streamlin(?:e|es|ed|ing)", "simplify, or make quicker"),
    (r"liais(?:e|es|ed|ing)", "work with, or talk to"),
    (r"overarching", "main, or overall"),
    (r"tackl(?:e|es|ed|ing)", "stop, solve or deal with"),
    # Only the abstract sense: foster carers and fostering children are a council service.
    (r"foster(?:s|ed|ing)?\s+(?:an?\s+)?(?:culture|relationships?|collaboration|innovation|growth|partnerships?|engagement|sense)",
     "encourage, or help"),
    (r"disincentivi[sz]e", "discourage"),
    (r"ensur(?:e|es|ed|ing)", "make sure"),
    (r"purchas(?:e|es|ed|ing)", "buy"),
    (r"obtain(?:s|ed|ing)?", "get"),
    (r"approximately", "about"),
    (r"regarding", "about"),
]
_COMPILED = [(re.compile(rf"\b(?:{pattern})\b", re.I), plain) for pattern, plain in AVOID]
_CAPITALISED = re.compile(r"[A-Z][a-z]")


def find(text: str):
    """Yield (start, matched text, plain alternative). A capitalised word next to another capitalised
    word is part of a name ("Robust Homes Ltd", "Assisted Digital Team") and is left alone."""
    for pattern, plain in _COMPILED:
        for match in pattern.finditer(text):
            if _in_name(text, match.start(), match.end()):
                continue
            yield match.start(), match.group(0), plain


def _in_name(text: str, start: int, end: int) -> bool:
    if not _CAPITALISED.match(text[start:start + 2]):
        return False
    before = text[:start].rstrip().split(" ")[-1:] or [""]
    after = text[end:].lstrip().split(" ")[:1] or [""]
    sentence_start = not text[:start].strip() or text[:start].rstrip()[-1:] in ".!?:"
    neighbours = [w for w in (before[0] if not sentence_start else "", after[0]) if w]
    return any(_CAPITALISED.match(w) for w in neighbours)
