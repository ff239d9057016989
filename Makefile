# The two commands: `make serve` (or `make site` to build only) and `make test`. See README.md.
export NO_MKDOCS_2_WARNING := 1
PY := .venv/bin/python

.PHONY: site serve preview test build setup audit

site: setup build        ## set up, then build the demo site into build/site/

serve: setup build       ## set up, build, then serve the site and receive its forms at http://127.0.0.1:8000/
	$(PY) -m councilsite serve --host 127.0.0.1 --port 8000

preview: setup           ## set up, then preview the site at http://127.0.0.1:8000/: rebuilds what each save changes, reloads the page (forms do not send)
	$(PY) -m councilsite preview --host 127.0.0.1 --port 8000

test:                    ## set up everything, run every test, then build and audit every page of the demo site
	scripts/setup --test
	COUNCILSITE_REQUIRE_POSTGRES=1 COUNCILSITE_REQUIRE_NGINX=1 $(PY) -m pytest
	$(PY) -m councilsite build
	$(PY) -m councilsite audit --profile strict build/site
	$(PY) tests/html/checkers.py build/site

audit:                   ## audit the built site again (after `make site`), holding it to our house rules too
	$(PY) -m councilsite audit --profile strict build/site

setup:
	scripts/setup

build:
	$(PY) -m councilsite build
