# The two commands: `make site` (or `make serve`) and `make test`. See README.md.
export NO_MKDOCS_2_WARNING := 1
PY := .venv/bin/python

.PHONY: site serve test build setup

site: setup build        ## set up, then build the demo site into build/site/

serve: setup             ## set up, then preview the site at http://127.0.0.1:8000/ with live reload
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

test:                    ## set up everything, build the site, run every test
	scripts/setup --test
	$(PY) -m mkdocs build --strict
	$(PY) -m pytest

setup:
	scripts/setup

build:
	$(PY) -m mkdocs build --strict
