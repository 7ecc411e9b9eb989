# Release Desk: `make run` to use it, `make test` to check it. GNU make.
GO        ?= go
TAGS      := migrated_fynedo
BIN       := bin/releasedesk
# Fyne only needs LANG set to a sane value; the locale itself need not be generated.
RUN_ENV   := LANG=en_US.UTF-8
GOBIN_DIR := $(shell $(GO) env GOPATH)/bin
STATICCHECK := $(GOBIN_DIR)/staticcheck
STATICCHECK_VERSION := v0.8.2

# Debian packages for cgo (SQLite, OpenGL/X11 for Fyne), the window smoke test
# (Xvfb, xdotool) and the workbook checks (openpyxl).
DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxrandr-dev libxxf86vm-dev \
	libxi-dev libxcursor-dev libxinerama-dev xvfb xdotool python3-openpyxl

.PHONY: deps build run test shots bench lint

## deps: install the missing Debian packages and staticcheck; quiet when all are present
deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
		dpkg -s $$p 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		echo "deps: installing$$missing"; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi
	@[ -x $(STATICCHECK) ] || { echo "deps: installing staticcheck $(STATICCHECK_VERSION)"; \
		$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION); }

## build: compile the program to bin/releasedesk
build:
	$(GO) build -tags $(TAGS) -o $(BIN) .

## run: open the window on the default database (sample data on first start)
run: deps build
	$(RUN_ENV) ./$(BIN)

## test: vet (the screenshot tests too), then every test with the race detector, the window smoke test included
test: deps
	$(GO) vet -tags $(TAGS) ./...
	$(GO) vet -tags $(TAGS),shots ./views/...
	$(RUN_ENV) $(GO) test -race -tags $(TAGS) ./...

## shots: write PNGs of every screen and dialog, light and dark, into shots/ for a person to look at
SHOTS_DIR ?= $(CURDIR)/shots
shots: deps
	$(RUN_ENV) SHOTS_DIR=$(SHOTS_DIR) $(GO) test -tags $(TAGS),shots -count=1 -timeout 30m -run 'Look|VisualPNG' ./views/...
	@echo "shots: the PNGs are in $(SHOTS_DIR)"

## bench: run the benchmarks of every package
bench:
	$(RUN_ENV) $(GO) test -tags $(TAGS) -run XXX -bench . -benchmem ./...

## lint: go vet and staticcheck, the screenshot tests included
lint: deps
	$(GO) vet -tags $(TAGS) ./...
	$(GO) vet -tags $(TAGS),shots ./views/...
	$(STATICCHECK) -tags $(TAGS) ./...
	$(STATICCHECK) -tags $(TAGS),shots ./views/...
