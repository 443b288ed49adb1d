# Two commands do everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup test-tools browser pdf-libraries site view test audit golden validate serve lint clean bench

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# What the browser tests need beyond Python: Debian's Chromium and its driver
# (test tools cannot download a browser here), Java for the Nu Html Checker,
# and the pinned checkers from package-lock.json (pa11y-ci's Puppeteer is
# told not to download a browser: it drives Debian's Chromium).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TOOLS_STAMP := node_modules/.installed-stamp

test-tools: browser $(TOOLS_STAMP)

# Only what is missing: a machine whose Node.js comes from another package
# source must not be asked to install Debian's npm over it.
browser:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	[ -z "$$missing" ] || $(SUDO) sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends$$missing"

$(TOOLS_STAMP): package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(TOOLS_STAMP)

# What WeasyPrint needs to print the papers' PDFs: Pango (it loads the
# libraries at run time) and the font the print stylesheet names. Only
# what is missing is installed, as for the browser.
pdf-libraries:
	@missing=""; \
	libraries="$$( (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null)"; \
	echo "$$libraries" | grep -q "libpango-1.0.so.0" || missing="$$missing libpango-1.0-0"; \
	echo "$$libraries" | grep -q "libpangoft2-1.0.so.0" || missing="$$missing libpangoft2-1.0-0"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	[ -z "$$missing" ] || $(SUDO) sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends$$missing"

site: setup pdf-libraries
	$(PY) -m generator build

# The built site as a reader's browser gets it, over HTTP on the loopback
# address: opening site/index.html from disk cannot follow its links to
# folders. Ctrl-C stops it.
VIEW_PORT ?= 8080
view: site
	@echo "Serving site/ at http://127.0.0.1:$(VIEW_PORT)/ (Ctrl-C stops)"
	$(PY) -m http.server --bind 127.0.0.1 --directory site $(VIEW_PORT)

validate: setup
	$(PY) -m generator validate

serve: setup
	$(PY) -m generator serve

test: setup test-tools pdf-libraries
	$(PY) -m pytest

# Run the accessibility suite and, if every page passes, rewrite
# docs/accessibility-audit.json (tools, versions, pages, date), which the
# accessibility statement reports. Commit the record with the change.
audit: setup test-tools
	WRITE_ACCESSIBILITY_AUDIT=1 $(PY) -m pytest tests/accessibility -q

# Rewrite the golden snapshot (tests/golden-snapshot/pages/) after an intended
# change to what pages say; review its diff and commit it with the change.
golden: setup
	$(PY) -m tests.golden --update

# Not part of `make test`: builds synthetic archives at 1x, 10x and 50x a
# realistic archive (several minutes) and writes docs/performance.md.
bench: setup
	$(PY) -m benchmarks.run --sizes 1,10,50 --compare-nav 10

lint: setup
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m ruff format --check generator tests benchmarks
	$(PY) -m mypy

clean:
	rm -rf site build .site.* .cache
