# Social Media Strategy Workbook. `make report` and `make test` set up everything they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
WORKSPACE ?=

.PHONY: report test test-fast lab workshop lint strip system-deps bench clean help

help:
	@echo "make report   render the example firm's strategy report (HTML, PDF, Markdown)"
	@echo "make test     run the whole test suite (installs headless Chromium if missing)"
	@echo "make test-fast the unit tests only: no notebooks, no renders, no browser (~2 min)"
	@echo "make workshop the notebooks without code (Voila) on 127.0.0.1:8866 [WORKSPACE=clients/x]"
	@echo "make lab      the same in JupyterLab (code collapsed)"
	@echo "make lint     ruff"
	@echo "make strip    remove outputs from the notebooks before committing"
	@echo "make bench    print render timings and the influencer analysis at 100k accounts"
	@echo "make soak     open every step notebook SOAK_LOADS times in Voila under CPU load (no hang)"

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m social_strategy.setup_lab
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/social-strategy render $(or $(WORKSPACE),data/example)

# the workshop browser tests keep their screenshots here (reports/ is never committed)
WORKSHOP_ARTIFACTS ?= $(CURDIR)/reports/test-artifacts

# `make test` runs in two passes: everything but the browser tests on PYTEST_WORKERS
# pytest-xdist workers (tests sharing a module-scoped fixture stay on one worker), then the
# browser tests one at a time. Both passes share the rendered example reports through
# SOCIAL_STRATEGY_TEST_RENDERS (see tests/conftest.py). Long soak tests (marker `soak`)
# are never part of `make test`; they run in a target of their own.
# A pass that collects no test fails (pytest's exit 5 becomes 1): a suite that silently
# lost its tests must not pass.
PYTEST_WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest --durations=15
# $(call pass,NAME,PYTEST ARGUMENTS): one pass; its exit status, a pass without tests as 1
define pass
{ $(PYTEST) $(2); rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests in $(1)" >&2; rc=1; fi; \
  [ $$rc -eq 0 ] || failed="$$failed $(1)"; }
endef

test: $(STAMP) system-deps
	@renders=$$(mktemp -d); trap 'rm -rf "$$renders"' EXIT; failed=""; \
	export SOCIAL_STRATEGY_TEST_RENDERS="$$renders" WORKSHOP_ARTIFACTS="$(WORKSHOP_ARTIFACTS)"; \
	$(call pass,the parallel pass,-n $(PYTEST_WORKERS) --dist loadgroup -m "not browser and not soak"); \
	$(call pass,the browser pass,-p no:xdist -m "browser and not soak"); \
	if [ -n "$$failed" ]; then echo "make test failed in:$$failed" >&2; exit 1; fi

test-fast: $(STAMP)
	$(PYTEST) -n $(PYTEST_WORKERS) --dist loadgroup -m "not slow and not browser and not soak"

# make soak: the workshop's long browser soak (marker `soak`) gets its target here.

lab: $(STAMP)
	$(BIN)/python -m social_strategy.workshop --lab $(WORKSPACE)

workshop: $(STAMP)
	$(BIN)/python -m social_strategy.workshop $(WORKSPACE)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

strip: $(STAMP)
	$(BIN)/nbstripout notebooks/*.ipynb

bench: $(STAMP)
	$(BIN)/python bench/render_bench.py
	$(BIN)/python bench/influence_bench.py --real

# Headless Chromium drives the workshop forms and the report's accessibility checks in the
# browser tests; the Noto fonts give the PDF real glyphs for emoji, Arabic, Hebrew and CJK;
# poppler-utils (pdftotext, pdftoppm) lets the tests read the PDF.
SYSTEM_PACKAGES := chromium fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji poppler-utils
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# The workshop soak (issue 35): every step notebook opened SOAK_LOADS times in a row in Voila
# in headless Chromium, a CPU busy loop beside the server; no page may hang, kernels end with
# their pages. `make test` runs a two-page version of the same test.
SOAK_LOADS ?= 10
.PHONY: soak
soak: $(STAMP) system-deps
	SMW_SOAK_LOADS=$(SOAK_LOADS) WORKSHOP_ARTIFACTS="$(WORKSHOP_ARTIFACTS)" \
	  $(BIN)/python -m pytest tests/test_workshop_soak.py -s -p no:cacheprovider
