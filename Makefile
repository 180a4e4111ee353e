# The two commands of the README:
#   make run   - the demos on the device models (raw NOR, then the secure channel)
#   make test  - every test
# Both install missing Debian packages first (scripts/setup.sh).

DATA ?= data
JOBS := $(shell nproc)

.PHONY: run test setup build fuzz format clean

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build build/release -j$(JOBS) >build/release-build.log 2>&1 \
		|| { cat build/release-build.log; exit 1; }

run: build
	@mkdir -p $(DATA)
	@build/release/tools/etss-nor-demo --image $(DATA)/nor-flash.img
	@echo
	@build/release/tools/etss-sf-demo --image $(DATA)/secure-flash.img \
		--config config/provision-example.conf

test: setup
	@scripts/test.sh

fuzz: setup
	@scripts/fuzz.sh 600

format:
	@git ls-files --cached --others --exclude-standard '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf build
