"""Thin mkdocs adapters over the councilsite core."""
