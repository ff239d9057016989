"""The security and caching headers every page of a council's site gets, wherever it is hosted.

One policy, written out four ways, so they cannot drift apart:

- a `<meta http-equiv="Content-Security-Policy">` and `<meta name="referrer">` in every built
  page (theme/base.html), for hosts that cannot set headers at all;
- headers from `councilsite serve` (councilsite.receiver.server.StaticSite);
- the nginx configuration (councilsite/deploy/nginx.conf, filled in by councilsite.deploy);
- a `_headers` file in the built site, which Netlify and Cloudflare Pages read.

The policy: everything from the site itself and nothing from anyone else (no third-party
requests), no inline script or style (`unsafe-inline` never), forms posted only to the site or
to a receiver a form names, never framed (frame-ancestors cannot be set in a meta element, so a
host that cannot send headers cannot stop framing: prefer one that can). Assets whose names carry
their content's hash are cached for a year, immutable; pages and everything else revalidate.
"""
from __future__ import annotations

import re
from typing import Iterable
from urllib.parse import urlsplit

REFERRER_POLICY = "strict-origin-when-cross-origin"
# A hash of the content in the name, as council.3e9773df1d.css: a new version is a new name.
HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.(css|js|woff2?|svg|png|jpe?g|webp|ico)$")
YEAR = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # may be stored, but asked about (cheaply, with ETag) before each use


def form_origins(actions: Iterable[str]) -> list[str]:
    """The other sites forms post to (actions such as https://forms.example/submit/x), in order."""
    found = []
    for action in actions:
        if action.startswith("https://"):
            parts = urlsplit(action)
            origin = f"https://{parts.netloc}"
            if origin not in found:
                found.append(origin)
    return found


def content_security_policy(actions: Iterable[str] = (), meta: bool = False) -> str:
    """The Content-Security-Policy; meta=True leaves out what a meta element cannot carry."""
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'none'",
        "form-action " + " ".join(["'self'", *form_origins(actions)]),
    ]
    if not meta:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


def security_headers(actions: Iterable[str] = ()) -> dict[str, str]:
    """What every response of the site carries."""
    return {
        "Content-Security-Policy": content_security_policy(actions),
        "Referrer-Policy": REFERRER_POLICY,
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def cache_control(path: str) -> str:
    return YEAR if HASHED_NAME.search(path) else REVALIDATE


def headers_file(site_paths: Iterable[str], actions: Iterable[str] = ()) -> str:
    """`_headers` for static hosts that read one (Netlify, Cloudflare Pages): the same headers
    for every path, and a year's caching for each asset with a hashed name among `site_paths`.
    Pages keep the host's own default, which revalidates (two rules setting one header would be
    merged into a list by some hosts)."""
    lines = ["# Written by councilsite build: the site's security and caching headers (councilsite/headers.py).",
             "/*"]
    lines += [f"  {name}: {value}" for name, value in security_headers(actions).items()]
    for path in sorted(p for p in site_paths if HASHED_NAME.search(p)):
        lines += [path, f"  Cache-Control: {YEAR}"]
    return "\n".join(lines) + "\n"
