# Mixdown — make targets (see README.md). Every target installs what it needs first.
SHELL := /bin/bash
SWIFT ?= swift
MIXDOWN := .build/release/mixdown

.PHONY: all deps templates build site test check browser-check bench update-golden clean

all: site

## deps: install the Debian packages Mixdown needs (only those missing)
deps:
	@bash scripts/install-deps.sh

## templates: build templates/ into the binary's defaults (Sources/MixdownDocs/Render/BuiltInTemplates.swift)
templates:
	python3 scripts/embed-templates.py

## build: release build of the `mixdown` executable
build: deps templates
	$(SWIFT) build -c release --product mixdown

## site: render tutorial/ into output/
site: build
	$(MIXDOWN) build

## test: unit tests, then `mixdown check` (output/ is up to date), then the browser check
test: build
	$(SWIFT) test --disable-xctest
	$(MIXDOWN) check
	python3 scripts/browser-check.py output
	python3 scripts/browser-site-check.py output

## check: only compare output/ with a fresh render
check: build
	$(MIXDOWN) check

browser-check: deps
	python3 scripts/browser-check.py output
	python3 scripts/browser-site-check.py output

## bench: timings against statsmodels on simulated data (not part of CI)
bench: build
	bash bench/run.sh

## update-golden: rewrite the golden files of the chart tests (review the diff before committing)
update-golden: deps
	MIXDOWN_UPDATE_GOLDEN=1 $(SWIFT) test --filter MixdownChartsTests

clean:
	rm -rf .build
