"""Content model: front matter, service pages, catalogue."""
