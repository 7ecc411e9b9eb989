# Release Desk: `make run` to use it, `make test` to check it. GNU make.
GO        ?= go
# migrated_fynedo: UI updates from goroutines go through fyne.Do. no_emoji: Fyne leaves out its
# 4 MB colour emoji font, which it parses again for every text style (regular, bold, italic,
# monospace): 12 MB less resident memory; emoji are drawn from the system's fonts instead.
TAGS      := migrated_fynedo,no_emoji
BIN       := bin/releasedesk
# Fyne only needs LANG set to a sane value; the locale itself need not be generated.
RUN_ENV   := LANG=en_US.UTF-8
GOBIN_DIR := $(shell $(GO) env GOPATH)/bin
STATICCHECK := $(GOBIN_DIR)/staticcheck
STATICCHECK_VERSION := v0.8.2
# The fyne tool packages the program for users (make package, make windows).
FYNE      := $(GOBIN_DIR)/fyne
FYNE_VERSION := v1.7.4

# Debian packages for cgo (SQLite, OpenGL/X11 for Fyne), the window smoke test
# (Xvfb, xdotool) and the independent readers every workbook is checked with
# (openpyxl, Gnumeric's ssconvert, LibreOffice headless; exceljs below); Gnumeric
# also writes the files of another spreadsheet program the plan import is tested on.
# poppler-utils (pdfinfo, pdftotext, pdftoppm) reads the timeline and review PDFs back.
# PostgreSQL's server programs: the data and reports suites run a second time on
# a private server the tests start and throw away (see data/pgtest).
# The Linux package is checked with desktop-file-validate, appstreamcli and file, and packed with xz.
DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxrandr-dev libxxf86vm-dev \
	libxi-dev libxcursor-dev libxinerama-dev xvfb xdotool python3-openpyxl gnumeric poppler-utils postgresql \
	desktop-file-utils appstream xz-utils file
# Installed without the packages they only recommend (a desktop's worth for LibreOffice).
DEB_BARE_PACKAGES := libreoffice-calc
# exceljs, the Node reader, pinned in its package-lock.json; a test tool only.
READERS := reports/testdata/readers
# How long each fuzz target runs in make test; longer runs: make fuzz FUZZ_TIME=5m.
FUZZ_TIME ?= 2s
# The store suites run once per engine, under the race detector: more than go test's default ten minutes.
TEST_TIMEOUT ?= 40m

# What make package and make windows make, named after the version in FyneApp.toml.
VERSION   := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
DIST      := dist
LINUX_PACKAGE   := $(DIST)/releasedesk-$(VERSION)-linux-amd64.tar.xz
WINDOWS_PACKAGE := $(DIST)/releasedesk-$(VERSION)-windows-amd64.exe
# Everything a package is built from; test files aside.
PACKAGE_SOURCES := go.mod go.sum FyneApp.toml $(wildcard assets/* assets/linux/*) \
	$(shell find . -name '*.go' -not -name '*_test.go' -not -path './.git/*' -not -path './$(DIST)/*')
# Where make install puts Release Desk: your own applications menu (sudo make install PREFIX=/usr/local for everyone).
PREFIX    ?= $(HOME)/.local
# The Windows C compiler, and Python's reader of Windows programs for the check; large, so make windows installs them.
WINDOWS_DEB_PACKAGES := gcc-mingw-w64-x86-64-win32 python3-pefile
# What make bench measures against or with: GNOME Planner (the peer of the Timeline's scrolling), bc and GNU time.
BENCH_DEB_PACKAGES := planner bc time
WINDOWS_ENV := CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64

.PHONY: deps build run test fuzz shots bench bench-deps bench-all bench-once lint package package-check install uninstall windows windows-test windows-deps screenshots

## deps: install the missing Debian packages and staticcheck; quiet when all are present
deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
		dpkg -s $$p 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$p"; \
	done; \
	bare=""; \
	for p in $(DEB_BARE_PACKAGES); do \
		dpkg -s $$p 2>/dev/null | grep -q '^Status: install ok installed' || bare="$$bare $$p"; \
	done; \
	node=""; command -v node >/dev/null && command -v npm >/dev/null || node="nodejs npm"; \
	if [ -n "$$missing$$bare$$node" ]; then \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		echo "deps: installing$$missing$$bare $$node"; \
		$$sudo apt-get update -qq && \
		{ [ -z "$$missing$$node" ] || DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing $$node >/dev/null; } && \
		{ [ -z "$$bare" ] || DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$bare >/dev/null; }; \
	fi
	@[ -f $(READERS)/node_modules/exceljs/package.json ] || { echo "deps: installing exceljs for the workbook checks"; \
		npm ci --prefix $(READERS) --no-audit --no-fund --loglevel=error >/dev/null; }
	@[ -x $(STATICCHECK) ] || { echo "deps: installing staticcheck $(STATICCHECK_VERSION)"; \
		$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION); }
	@$(FYNE) version 2>/dev/null | grep -q '$(FYNE_VERSION)$$' || { echo "deps: installing the fyne tool $(FYNE_VERSION)"; \
		$(GO) install fyne.io/tools/cmd/fyne@$(FYNE_VERSION); }

## build: compile the program to bin/releasedesk
build:
	$(GO) build -tags $(TAGS) -o $(BIN) .

## run: open the window on the default database (sample data on first start)
run: deps build
	$(RUN_ENV) ./$(BIN)

## test: vet (the screenshot tests too), a short run of every fuzz target, every test with the race detector (the window smoke test included), every benchmark once, then the Linux package
test: deps
	$(GO) vet -tags $(TAGS) ./...
	$(GO) vet -tags $(TAGS),shots ./views/... ./app/
	@$(MAKE) --no-print-directory fuzz
	$(RUN_ENV) $(GO) test -race -timeout $(TEST_TIMEOUT) -tags $(TAGS) ./...
	@$(MAKE) --no-print-directory bench-once
	@$(MAKE) --no-print-directory package-check

## fuzz: run every fuzz target (func FuzzXxx in a _test.go file) for FUZZ_TIME, one at a time
fuzz:
	@for file in $$(grep -l '^func Fuzz' $$(find . -name '*_test.go' -not -path './.git/*' | sort)); do \
		pkg=$$(dirname $$file); \
		for target in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$file); do \
			echo "fuzz: $$pkg $$target for $(FUZZ_TIME)"; \
			out=$$($(RUN_ENV) $(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZ_TIME) $$pkg 2>&1) || \
				{ echo "$$out"; echo "fuzz: $$target failed; the failing input is in $$pkg/testdata/fuzz/$$target"; exit 1; }; \
		done; \
	done

## shots: write PNGs of every screen and dialog, light and dark, into shots/ for a person to look at
SHOTS_DIR ?= $(CURDIR)/shots
shots: deps
	$(RUN_ENV) SHOTS_DIR=$(SHOTS_DIR) $(GO) test -tags $(TAGS),shots -count=1 -timeout 30m -run 'Look|VisualPNG' ./views/...
	@echo "shots: the PNGs are in $(SHOTS_DIR)"

## package: the Linux archive in dist/, made with `fyne package`: the program, its menu entry, icons, AppStream metainfo and a Makefile that installs them
package: $(LINUX_PACKAGE)
	@echo "package: $(LINUX_PACKAGE)"

$(LINUX_PACKAGE): $(PACKAGE_SOURCES) | deps
	TAGS=$(TAGS) FYNE=$(FYNE) scripts/package linux $@

## package-check: check the Linux archive and its install into a fresh home, with desktop-file-validate, appstreamcli and the real window
package-check: $(LINUX_PACKAGE)
	$(RUN_ENV) scripts/check-package linux $(LINUX_PACKAGE)

## install: put Release Desk in your applications menu (into ~/.local; sudo make install PREFIX=/usr/local for every user)
install: $(LINUX_PACKAGE)
	@unpacked=$$(mktemp -d) && trap 'rm -rf "$$unpacked"' EXIT && \
	tar -xJf $(LINUX_PACKAGE) -C "$$unpacked" && \
	$(MAKE) --no-print-directory -C "$$unpacked/releasedesk-$(VERSION)" install PREFIX=$(PREFIX)

## uninstall: take Release Desk out of your applications menu again (your databases and settings stay)
uninstall:
	@$(MAKE) --no-print-directory -C assets/linux uninstall PREFIX=$(PREFIX)

## windows: cross-build the Windows program with `fyne package` (icon, version information) into dist/, check it, and vet and compile every package and test for Windows
windows: $(WINDOWS_PACKAGE) | windows-deps
	scripts/check-package windows $(WINDOWS_PACKAGE)
	$(WINDOWS_ENV) $(GO) vet -tags $(TAGS) ./...

$(WINDOWS_PACKAGE): $(PACKAGE_SOURCES) | deps windows-deps
	TAGS=$(TAGS) FYNE=$(FYNE) CC=x86_64-w64-mingw32-gcc scripts/package windows $@

## windows-test: run the tests of data, reports, main and app's commands for Windows under Wine, and the packaged program (installs wine64; see scripts/wine-test)
windows-test: windows
	TAGS=$(TAGS) scripts/wine-test $(WINDOWS_PACKAGE)

## windows-deps: install the Windows C compiler and the Windows program reader when they are missing
windows-deps:
	$(call install_missing,$(WINDOWS_DEB_PACKAGES),windows)

## bench-deps: install what the budget table measures with or against when it is missing
bench-deps:
	$(call install_missing,$(BENCH_DEB_PACKAGES),bench)

# install_missing installs those of the Debian packages $(1) that are missing, without the packages
# they only recommend, saying so after "$(2):".
define install_missing
@missing=""; \
for p in $(1); do \
	dpkg -s $$p 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$p"; \
done; \
if [ -n "$$missing" ]; then \
	sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	echo "$(2): installing$$missing"; \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
fi
endef

## screenshots: the README's pictures of the Dashboard, Timeline and release editor, from the real window on demo data
screenshots: deps build
	$(RUN_ENV) scripts/screenshots docs/screenshots

## bench: the budget table of SPEC section 5 at ten-year scale, each figure beside its peer or floor
## measured in the same run (scripts/budgets; about fifteen minutes, the 100,000-release demo once more)
bench: deps bench-deps
	$(RUN_ENV) scripts/budgets

## bench-all: run the benchmarks of every package (BenchmarkConcurrentWriters keeps
## ten writers at work for a minute on each engine)
bench-all:
	$(RUN_ENV) $(GO) test -tags $(TAGS) -timeout $(TEST_TIMEOUT) -run XXX -bench . -benchmem ./...

## bench-once: run every benchmark once, so one that no longer runs fails the tests (their figures are make bench's)
bench-once:
	$(RUN_ENV) $(GO) test -tags $(TAGS) -timeout $(TEST_TIMEOUT) -run '^$$' -bench . -benchtime 1x ./...

## lint: go vet and staticcheck, the screenshot tests included
lint: deps
	$(GO) vet -tags $(TAGS) ./...
	$(GO) vet -tags $(TAGS),shots ./views/... ./app/
	$(STATICCHECK) -tags $(TAGS) ./...
	$(STATICCHECK) -tags $(TAGS),shots ./views/... ./app/
