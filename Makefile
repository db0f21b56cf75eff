# Two commands on a fresh machine: `make demo` and `make test`. Both install what they need.
SHELL := /bin/bash
CHROMIUM ?= /usr/bin/chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export PUPPETEER_SKIP_DOWNLOAD := 1

.PHONY: deps chromium demo test lint typecheck unit component e2e build manifest bench mutation consumer redis haproxy cluster-deps cluster test-cluster

node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

deps: node_modules/.package-lock.json

# Debian's Chromium: the only browser the tests use (a tool's own browser download fails on this network).
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@"$(CHROMIUM)" --version 2>/dev/null

# Debian's redis-server and HAProxy: the gateway cluster tests and `npm run cluster` use the real ones.
redis:
	@if ! command -v redis-server >/dev/null; then \
	  echo "Installing Debian's redis-server (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	fi
	@redis-server --version

haproxy:
	@if ! command -v haproxy >/dev/null; then \
	  echo "Installing Debian's haproxy (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; \
	fi
	@haproxy -v | head -1

cluster-deps: redis haproxy

# Redis + emulator + N instances + HAProxy (N=2 by default: `make cluster INSTANCES=3`).
cluster: deps cluster-deps
	npm run cluster -- --instances $(or $(INSTANCES),2)

test-cluster: deps cluster-deps
	npm run test:cluster

demo: deps
	npm run demo

lint: deps
	npm run lint

typecheck: deps
	npm run typecheck

manifest: deps
	npm run manifest

build: deps
	npm run build

unit: deps
	npm run test:unit

component: deps chromium
	npm run test:component

e2e: deps chromium build
	npm run test:e2e

# The packed tarball installed into a fresh strict TypeScript app (npm registry through the local cache).
consumer: deps build
	npm run test:consumer

bench: deps chromium build
	npm run bench

# Lint and types first (fast feedback), then every suite; the manifest must match the source.
test: deps chromium cluster-deps
	npm run lint
	npm run typecheck
	npm run manifest && git diff --exit-code -- custom-elements.json || (echo "custom-elements.json is out of date: run 'make manifest' and commit it" && false)
	npm run test:unit
	npm run test:cluster
	npm run test:component
	npm run build
	npm run test:consumer
	npm run test:e2e

# Mutation testing (Stryker), outside `make test`: slow. One module: `make mutation MODULE=markdown`.
# Modules and their tests: test/mutation/modules.mjs; scores in README ("Mutation testing"); survivors in docs/mutation.md.
MUTATION_MODULES = $(shell node -e "import('./test/mutation/modules.mjs').then((m) => console.log(Object.keys(m.MUTATION_MODULES).join(' ')))")
mutation: deps
	@set -e; for m in $(or $(MODULE),$(MUTATION_MODULES)); do \
	  echo "== mutation: $$m"; MUTATION_MODULE=$$m npx stryker run; \
	done
	@node test/mutation/summary.mjs $(MODULE)
