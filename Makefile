# Fabrique: `make run` serves the app, `make test` runs every check. Both set up what is missing.

UV ?= python3 -m uv
HOST ?= 0.0.0.0
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test setup uv python-deps browser-deps debian-deps pdf-deps check lint typecheck pytest bench guide-screens clean

run: uv browser-deps pdf-deps
	$(UV) sync --frozen --no-dev --quiet
	HOST=$(HOST) PORT=$(PORT) $(UV) run --frozen --no-dev python -m server

test: setup check

setup: python-deps browser-deps debian-deps

# uv comes from PyPI like everything else; the lock file pins every Python package.
# (A system Python that forbids installing, as Debian's does, gets it in the user's folder.)
uv:
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv==0.13.9" \
		|| python3 -m pip install --quiet --user --break-system-packages "uv==0.13.9"

# Tests need the dev tools and the PostgreSQL driver too.
python-deps: uv
	$(UV) sync --frozen --all-extras --quiet

# Lit and the Socket.IO client come from npm and are served by our own server (no CDN).
browser-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Installs the Debian packages listed in $$missing, through sudo when not root.
APT_INSTALL = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	echo "Installing from Debian's packages:$$missing$${SUDO:+ (with sudo: it may ask for your password)}"; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null

# The PDF minutes (WeasyPrint) need Pango and a font. `make run` installs them as `make test`
# does; where it cannot (not Debian, apt refused), the server still starts and its PDF route
# says, in the session's language, that this server makes no PDF.
PDF_LIBS ?= libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

pdf-deps:
	@missing=""; \
	for package in $(PDF_LIBS); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		if command -v apt-get >/dev/null 2>&1; then \
			$(APT_INSTALL) || echo "Could not install$$missing: Fabrique runs, without PDF minutes."; \
		else \
			echo "Pango is missing (Debian:$$missing): Fabrique runs, without PDF minutes."; \
		fi; \
	fi

# Browser tests drive Debian's Chromium (no browser is downloaded); the PostgreSQL tests start
# a throw-away cluster from Debian's postgresql package; the PDF minutes need PDF_LIBS.
debian-deps:
	@missing=""; \
	test -x $(CHROMIUM) || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	for package in $(PDF_LIBS); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		$(APT_INSTALL); \
	fi

check: lint typecheck pytest

lint:
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

typecheck:
	$(UV) run --frozen mypy

pytest:
	$(UV) run --frozen pytest

# Load figures (a real server, hundreds of sockets on loopback); not part of `make test`.
bench: python-deps
	$(UV) run --frozen python -m bench $(BENCH_ARGS)

# The facilitator guide's pictures (docs/img/fr, docs/img/en), taken from the real app in
# Debian's Chromium; GUIDE_ARGS="--lang fr" for one language. Not part of `make test`.
guide-screens: python-deps browser-deps
	@test -x $(CHROMIUM) || { echo "No Chromium at $(CHROMIUM): make debian-deps installs it."; exit 1; }
	$(UV) run --frozen python docs/screenshots.py $(GUIDE_ARGS)

clean:
	rm -rf .venv node_modules .pytest_cache .mypy_cache .ruff_cache
