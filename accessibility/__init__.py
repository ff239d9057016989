"""Accessibility audit of a built static site."""
