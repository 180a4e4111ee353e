# SPDX-License-Identifier: BSD-3-Clause
# The two commands of the README:
#   make run   - the demos on the device models (raw NOR, then the secure channel)
#   make test  - every test
# and make bench (docs/performance.md), make fuzz (10 minutes a target, about
# 70 for the seven).
# Both install missing Debian packages first (scripts/setup.sh).

DATA ?= data
JOBS := $(shell nproc)

.PHONY: run test setup build bench footprint target-qemu tfm tfm-footprint fuzz soak format clean

setup:
	@scripts/setup.sh

build:
	@scripts/setup.sh run
	@echo "building the tools (Release, about half a minute the first time)..."
	@cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build build/release -j$(JOBS) >build/release-build.log 2>&1 \
		|| { cat build/release-build.log; exit 1; }

# $(call etss,ARGS): show an etss command line, then run it on the run's device.
run: etss = @echo; echo '$$ etss $(1)'; build/release/tools/etss --data $(DATA)/etss $(1)
run: build
	@mkdir -p $(DATA)
	@build/release/tools/etss-nor-demo --image $(DATA)/nor-flash.img
	@echo
	@build/release/tools/etss-sf-demo --image $(DATA)/secure-flash.img \
		--config config/provision-example.conf
	@echo
	@echo "etss, the ETSS service on the device model, on a fresh device in $(DATA)/etss"
	@echo "(the device a previous make run left there is deleted):"
	@rm -rf $(DATA)/etss
	$(call etss,provision config/provision-example.conf)
	$(call etss,set 1 --value "hello from the non-secure side")
	$(call etss,get 1)
	$(call etss,info 1)
	$(call etss,counter increment 0)
	$(call etss,counter get 0)
	$(call etss,puf)
	$(call etss,random 16)
	@echo
	@echo "# client 256 (a secure partition) must not see client -1's uid 1:"
	@echo "# the next command is expected to fail, hence its || true"
	$(call etss,--client 256 get 1 || true)
	$(call etss,stats)
	@echo
	@echo "To carry on: the tool is build/release/tools/etss, and this run's device is"
	@echo "$(DATA)/etss, the tool's default (the next make run starts it afresh;"
	@echo "docs/etss-tool.md), e.g."
	@echo "  build/release/tools/etss get 1"

test: setup
	@scripts/test.sh

# The filesystem campaigns at length: SOAK_TRIALS trials (default 2 million)
# in the default build and a quarter as many with 4 KiB assets, on both cores.
SOAK_TRIALS ?= 2000000
soak: setup
	@cmake -S . -B build/soak -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build build/soak -j$(JOBS) --target test_fs_campaign test_fs_campaign_4k >/dev/null
	@build/soak/tests/test_fs_campaign --trials $(SOAK_TRIALS) & \
	 build/soak/tests/test_fs_campaign_4k --trials $$(($(SOAK_TRIALS) / 4)); s4=$$?; \
	 wait $$!; s=$$?; exit $$((s | s4))

# The benchmarks: table, CSV and plot in build/bench-results (docs/performance.md).
bench:
	@scripts/setup.sh bench
	@scripts/bench.sh

# ETSS on a Cortex-M33 under QEMU (mps2-an505); also part of make test.
target-qemu: setup
	@scripts/target-qemu.sh

# ETSS inside TF-M 2.1.5 under QEMU (mps2-an521), at isolation levels 2 and
# 3; also part of make test (docs/tfm-integration.md).
tfm: setup
	@scripts/tfm-levels.sh

# ETSS's share of TF-M's secure image (docs/tfm-integration.md).
tfm-footprint: setup
	@scripts/tfm-footprint.sh

# Cortex-M33 footprint report: docs/footprint.md.
footprint: setup
	@scripts/target-mbedtls.sh >/dev/null
	@scripts/footprint.sh

fuzz: setup
	@scripts/fuzz.sh 600

format:
	@git ls-files --cached --others --exclude-standard '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf build
