#!/usr/bin/env bash
# Build the libFuzzer targets and run each for N seconds (default 60;
# the test command runs a short smoke). Crashes fail the run and leave
# the input in build/fuzz/<target>-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=build/fuzz
mkdir -p "$out"
flags=(-std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)

build_target() { # name sources...
  local name=$1; shift
  clang "${flags[@]}" -Isecureflash/transport -Isecureflash/jedec -Isecureflash/nor \
    "$@" -o "$out/$name"
}

build_target fuzz_sfdp tests/fuzz/fuzz_sfdp.c secureflash/jedec/sfdp.c \
  secureflash/transport/spi_transaction.c

for target in fuzz_sfdp; do
  mkdir -p "$out/$target-corpus" "$out/$target-artifacts"
  "$out/$target" -max_total_time="$seconds" -print_final_stats=0 \
    -artifact_prefix="$out/$target-artifacts/" "$out/$target-corpus" 2>"$out/$target.log" \
    || { tail -40 "$out/$target.log" >&2; echo "fuzz: $target failed" >&2; exit 1; }
  echo "fuzz: $target ran ${seconds}s: $(grep -o 'Done [0-9]* runs' "$out/$target.log" || echo done)"
done
