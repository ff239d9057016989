"""Accessibility audit of a built static site: axe-core 4.x, keyboard walk and HTML checks
in headless Chromium. Entry points: `cli.run` (command line) and `audit.run_audit` (Python)."""
