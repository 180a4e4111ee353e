#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Every test ETSS has, in order: style, the pinned third-party sources, the
# host suites (Debug), the same with SFP1 parts served through the JESD261
# HAL binding, a Release build, static analysis, the host suites under
# ASan/UBSan, the Cortex-M33 cross-build, the suites on a Cortex-M33 under
# QEMU, ETSS inside TF-M 2.1.5 under QEMU (isolation levels 2 and 3 at
# once), a benchmark smoke run with the peer filesystems, fuzz smoke runs.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
fuzz_seconds=${ETSS_FUZZ_SECONDS:-10}
steps=0

step_start=$SECONDS
step() { step_start=$SECONDS; echo; echo "==== $* ===="; }
done_step() { steps=$((steps + 1)); echo "(step done in $((SECONDS - step_start)) s)"; }
# build_and_test DIR CMAKE_OPTIONS...: configure, build, run every ctest
# test; the build's and the tests' logs shown only when they fail, else the
# tests' summary.
build_and_test() {
  local dir=$1; shift
  cmake -S . -B "$dir" "$@" >/dev/null
  echo "building $dir..."
  cmake --build "$dir" -j"$jobs" >"$dir/build.log" 2>&1 || { cat "$dir/build.log"; exit 1; }
  ctest --test-dir "$dir" --output-on-failure -j"$jobs" >"$dir/ctest.log" 2>&1 ||
    { cat "$dir/ctest.log"; exit 1; }
  grep -E "tests passed|Total Test time" "$dir/ctest.log"
  # What the randomized campaigns ran (ctest keeps a passing test's output).
  grep -h -A1 -E "^(fs|service) campaign" "$dir/Testing/Temporary/LastTest.log" | grep -v "^--" || true
  grep -h -E "^unauthenticated" "$dir/Testing/Temporary/LastTest.log" || true
}

step "format"
scripts/check-format.sh
done_step

step "licence: every source file names it (SPDX)"
scripts/check-license.sh
done_step

step "documentation: every path of the tree it names exists"
scripts/check-doc-paths.sh
done_step

step "third-party sources: the pinned trees and their offline fallback, then TF-M 2.1.5 and what it pins, and the benchmark's peers"
scripts/check-pinned-sources.sh
scripts/tfm-sources.sh
scripts/bench-sources.sh >/dev/null
# The host tests compile the CMSIS-Driver SPI adapter against CMSIS 6's
# Driver_SPI.h from these (test_spi_cmsis); the Debug build also builds the
# benchmark with its peers, so that static analysis reads it.
cmsis=(-DETSS_CMSIS_DIR="$PWD/build/tfm/src/cmsis_6-d0c460c169")
peers=(-DETSS_LITTLEFS_DIR="$PWD/build/bench-src/littlefs-2.11.2"
       -DETSS_TFM_DIR="$PWD/build/tfm/src/trusted-firmware-m-2.1.5")
done_step

step "host build (Debug, with the benchmark) and tests"
build_and_test build/debug -DCMAKE_BUILD_TYPE=Debug "${cmsis[@]}" "${peers[@]}"
done_step

step "layers: every library uses only the libraries below it (docs/architecture.md)"
scripts/check-layers.sh build/debug
done_step

step "host build with SFP1 through the JESD261 HAL binding (ETSS_SFP1_VIA_JESD261) and tests"
# The filesystem campaign does not depend on the binding: its full run is the
# Debug build's; here and under the sanitizers it runs a tenth as many trials.
build_and_test build/jesd261 -DCMAKE_BUILD_TYPE=Debug -DETSS_SFP1_VIA_JESD261=ON "${cmsis[@]}" \
  -DETSS_FS_CAMPAIGN_TRIALS=2000 -DETSS_UNAUTH_CAMPAIGN_STRIDE=5
done_step

step "host build (Release): the optimiser's warnings, and what make run runs"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j"$jobs" >build/release-build.log 2>&1 \
  || { cat build/release-build.log; exit 1; }
done_step

step "static analysis"
scripts/check-static.sh build/debug
done_step

step "AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
build_and_test build/sanitize -DCMAKE_BUILD_TYPE=Debug -DETSS_SANITIZE=ON "${cmsis[@]}" \
  -DETSS_FS_CAMPAIGN_TRIALS=2000 -DETSS_UNAUTH_CAMPAIGN_STRIDE=10
done_step

step "Cortex-M33 cross-build"
scripts/check-target.sh build/cortex-m33
done_step

step "Cortex-M33 images under QEMU (mps2-an505): the suites on the target"
scripts/target-qemu.sh >build/target-qemu.log 2>&1 || { tail -80 build/target-qemu.log; exit 1; }
sed -n '/^== summary/,$p' build/target-qemu.log
done_step

step "ETSS inside TF-M 2.1.5 under QEMU (mps2-an521), isolation levels 2 and 3 at once: TF-M's NS regression and every ETSS suite"
scripts/tfm-levels.sh
done_step

step "benchmark smoke run (the full run: make bench)"
scripts/bench.sh smoke
done_step

step "fuzz smoke (${fuzz_seconds}s per target)"
scripts/fuzz.sh "$fuzz_seconds"
done_step

echo
echo "all checks: ${steps} passed, 0 failed, in $SECONDS s"
