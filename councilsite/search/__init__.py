"""Full-text search: one index, built here with lunr (PyPI) and read by lunr.js in the browser and
by lunr in Python on the server, so both rank alike.

- text: how words become index terms (normalising, stop words, lunr's English stemmer, phrases)
- extract: what a built page says (title, headings, body), read from the published HTML
- build: the lunr index, cut into small files so one search fetches only what it needs
- engine: queries (typos, phrases) and results, from those same files
- suggest: "Did you mean ...?"
- render and serve: the results page for `councilsite serve`
"""
