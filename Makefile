# DigestSync build entry points. `make demo` and `make test` work on a fresh machine:
# they install the Debian packages that are missing, then build and run.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libxxhash-dev libssl-dev openssl \
	openvswitch-common openvswitch-switch ovn-common ovn-central openvswitch-vtep \
	python3-openvswitch
DEBUG_BIN = $(shell $(SWIFT) build --show-bin-path)
RELEASE_BIN = $(shell $(SWIFT) build -c release --show-bin-path)

.PHONY: deps build release test bench-smoke demo bench-resync papers clean

## deps: install the Debian packages that are not installed yet.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## test: every unit, property and interop test, then each bench subcommand at a tiny scale.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) bench-smoke

## bench-smoke: every digestsync-bench subcommand once, tiny, from the debug build.
bench-smoke:
	$(DEBUG_BIN)/digestsync-bench iblt --d 10 --ratio 2.0:2.1:0.1 --k 3,4 --trials 20 --json
	$(DEBUG_BIN)/digestsync-bench rateless --d 1,10 --trials 20 --json
	$(DEBUG_BIN)/digestsync-bench estimator --d 10 --n 100 --trials 5 --json
	$(DEBUG_BIN)/digestsync-bench speed --n 10000 --d 10 --json
	$(DEBUG_BIN)/digestsync-bench demo --n 10000 --d 10
	$(DEBUG_BIN)/digestsync-bench json --switches 2 --ports-per-switch 3 --rounds 1 --json
	$(DEBUG_BIN)/digestsync-bench digest --switches 2 --repeats 1 --json
	$(DEBUG_BIN)/digestsync-bench storage --n 20 --json
	$(DEBUG_BIN)/digestsync-bench server --servers ovsdb-server,digestsync --lflows 200 --clients 1,2 --txn-count 20 --json
	$(DEBUG_BIN)/digestsync-bench resync --lflows 200 --clients 2 --verifiers 2 --change-fraction 0,0.01,0.3 --json

## demo: a digestsync server on OVN_Southbound, 3 SyncClients, a restart with 1% changed,
## the digest resync against a full fetch (under a minute once built).
demo: release
	$(RELEASE_BIN)/digestsync-bench resync --demo

## bench-resync: the resync measurement of the README (about 30 minutes on 2 cores; not in CI).
bench-resync: release
	mkdir -p Benchmarks/results
	$(RELEASE_BIN)/digestsync-bench resync --lflows 60000 --clients 50 --change-fraction 0,0.01,0.3 --json \
		--svg Benchmarks/results/resync.svg > Benchmarks/results/resync.jsonl
	cat Benchmarks/results/resync.jsonl

## papers: rerun every experiment of Papers/ at full scale (about 17 minutes on 2 cores; not in CI).
papers: release
	Papers/regenerate.sh $(RELEASE_BIN)/digestsync-bench

clean:
	rm -rf .build
