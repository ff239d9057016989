"""'Did you mean ...?': the site's own words one or two typing mistakes away from a word that
finds nothing. The same rules are in theme/assets/search.js."""
from __future__ import annotations


def distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance (a swap of two neighbouring letters is one mistake),
    or limit + 1 once it is clearly over the limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[len(b)]


def allowed(word: str) -> int:
    return 1 if len(word) < 6 else 2


def closest(word: str, site_words: dict[str, int]) -> str | None:
    best, best_key = None, None
    limit = allowed(word)
    for candidate, count in site_words.items():
        d = distance(word, candidate, limit)
        if d == 0 or d > limit:
            continue
        key = (d, -count, candidate)
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


def suggestion(words: list[str], unknown: set[str], site_words: dict[str, int]) -> str | None:
    """The query again with each unknown word replaced by its closest site word, if any was."""
    changed, out = False, []
    for word in words:
        better = closest(word, site_words) if word in unknown and len(word) >= 3 else None
        if better:
            changed = True
        out.append(better or word)
    return " ".join(out) if changed else None
