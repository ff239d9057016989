# The two commands: `make site` (or `make serve`) and `make test`. See README.md.
export NO_MKDOCS_2_WARNING := 1
PY := .venv/bin/python

.PHONY: site serve test build setup audit

site: setup build        ## set up, then build the demo site into build/site/

serve: setup             ## set up, then preview the site at http://127.0.0.1:8000/ with live reload
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

test:                    ## set up everything, run every test, then build and audit every page of the demo site
	scripts/setup --test
	COUNCILSITE_REQUIRE_POSTGRES=1 $(PY) -m pytest
	$(PY) -m mkdocs build --strict
	$(PY) -m councilsite audit build/site

audit:                   ## audit the built site again (after `make site`)
	$(PY) -m councilsite audit build/site

setup:
	scripts/setup

build:
	$(PY) -m mkdocs build --strict
