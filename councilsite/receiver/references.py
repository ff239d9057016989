"""Reference numbers residents can read out over the phone: short, unambiguous and unguessable.

No 0/O, 1/I/L or U (which reads as V), in two groups of five: 30 symbols to the power of 10 is
about 5.9 × 10^14, so guessing one that exists is hopeless, and uniqueness per form is enforced
by the database (a clash just draws again).
"""
from __future__ import annotations

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
LENGTH = 10
PATTERN = re.compile(rf"[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}")


def new_reference() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{symbols[:5]}-{symbols[5:]}"

