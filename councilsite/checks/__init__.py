"""Plain-English content checks on editors' Markdown, like a content designer beside them."""
