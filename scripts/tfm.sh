#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# ETSS inside TF-M 2.1.5 on QEMU's mps2-an521 (docs/tfm-integration.md):
# unpack the pinned sources (scripts/tfm-sources.sh), build the secure image
# with ETSS out of tree (integration/tfm) and the factory record of the
# suites' provisioning, build the non-secure image with TF-M's NS regression
# (ITS, PS, crypto, NSID) and the ETSS NS suite, the secure one with the
# ETSS secure suite in tf-m-tests' secure test partition (and the test peers
# it calls through, suites/etss/tfm/peers), boot both under QEMU and check
# what they print.
#
#   scripts/tfm.sh [BUILD_DIR]      (default build/tfm; the sources are
#                                    always unpacked in build/tfm/src)
#
# ETSS_TFM_ISOLATION  TF-M's isolation level (default 2)
# ETSS_TFM_TIMEOUT  seconds the QEMU run may take (default 900; it takes 220 to 380)
#
# Fails when a build fails, when any suite fails or is missing, when the
# ETSS suites run fewer cases than they have, when the image resets, or on
# timeout. Prints each suite's verdict and each image's ETSS case counts.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
out=$(mkdir -p "${1:-build/tfm}" && cd "${1:-build/tfm}" && pwd)
timeout_s=${ETSS_TFM_TIMEOUT:-900}
isolation=${ETSS_TFM_ISOLATION:-2}
logs=$out/logs
mkdir -p "$logs"
t_start=$(date +%s)
elapsed() { echo $(($(date +%s) - $1)); }

scripts/setup.sh tfm
for tool in qemu-system-arm arm-none-eabi-gcc arm-none-eabi-size cmake /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "tfm: $tool missing (scripts/setup.sh tfm)" >&2; exit 1; }
done

# quiet LOG CMD...: run CMD with its output in LOG, shown only if it fails.
quiet() {
  local log=$1; shift
  "$@" >"$log" 2>&1 || { grep -E -B3 -A12 'error|Error|FAILED' "$log" | head -80 >&2; echo "tfm: failed, see $log" >&2; exit 1; }
}

echo "== sources (scripts/tfm-sources.sh)"
src=$repo/build/tfm/src
scripts/tfm-sources.sh "$src" | sed 's/^/  /'
tfm=$src/trusted-firmware-m-2.1.5
tests=$src/tf-m-tests-2.1.5
python=(-DPython3_EXECUTABLE=/usr/bin/python3)

echo "== the factory record: suites/etss/tfm/etss_tfm_suites.conf"
t0=$(date +%s)
quiet "$logs/host-configure.log" cmake -S . -B "$out/host" -DCMAKE_BUILD_TYPE=Release
quiet "$logs/host-build.log" cmake --build "$out/host" -j"$(nproc)" --target etss-provision
"$out/host/tools/etss-provision" suites/etss/tfm/etss_tfm_suites.conf --out "$out/etss_tfm_suites.bin" |
  sed 's/^/  /'

echo "== secure image: TF-M 2.1.5, arm/mps2/an521, isolation level $isolation, ETSS out of tree, ETSS secure suite"
spe_options=(
  -DTFM_PLATFORM=arm/mps2/an521 -DCONFIG_TFM_SOURCE_PATH="$tfm" \
  -DTFM_TOOLCHAIN_FILE="$tfm/toolchain_GNUARM.cmake" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMBEDCRYPTO_PATH="$src/mbedtls-3.6.6" -DMCUBOOT_PATH="$src/mcuboot-2.1.0" \
  -DQCBOR_PATH="$src/qcbor-1.2" -DCMSIS_PATH="$src/cmsis_6-d0c460c169" "${python[@]}" \
  -DTFM_ISOLATION_LEVEL="$isolation" -DTFM_NS_MANAGE_NSID=ON \
  -DTEST_NS_ITS=ON -DTEST_NS_PS=ON -DTEST_NS_CRYPTO=ON -DTEST_NS_MANAGE_NSID=ON \
  -DTFM_EXTRA_CONFIG_PATH="$repo/suites/etss/tfm/etss_tfm_test_config.cmake" \
  -DEXTRA_S_TEST_SUITE_PATH="$repo/suites/etss/tfm/secure" \
  -DETSS_FACTORY_RECORD="$out/etss_tfm_suites.bin")
# tests_reg/spe hands its options to TF-M's own build only when that build
# is configured the first time: other options (or sources), new builds of
# both images (the NS one is configured against the secure one's sources).
if [[ "$(cat "$out/spe/.options" 2>/dev/null)" != "${spe_options[*]}" ]]; then
  rm -rf "$out/spe" "$out/nspe"
fi
quiet "$logs/spe-configure.log" cmake -S "$tests/tests_reg/spe" -B "$out/spe" "${spe_options[@]}"
echo "${spe_options[*]}" >"$out/spe/.options"
quiet "$logs/spe-build.log" cmake --build "$out/spe" -j"$(nproc)" -- install
echo "  built in $(elapsed "$t0") s"
arm-none-eabi-size "$out/spe/bin/tfm_s.axf" | sed 's/^/  /'

echo "== non-secure image: TF-M's NS regression and the ETSS NS suite"
t0=$(date +%s)
quiet "$logs/nspe-configure.log" cmake -S "$tests/tests_reg" -B "$out/nspe" \
  -DCONFIG_SPE_PATH="$out/spe/api_ns" \
  -DTFM_TOOLCHAIN_FILE="$out/spe/api_ns/cmake/toolchain_ns_GNUARM.cmake" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQCBOR_PATH="$src/qcbor-1.2" "${python[@]}" \
  -DEXTRA_NS_TEST_SUITE_PATH="$repo/suites/etss/tfm/non_secure"
quiet "$logs/nspe-build.log" cmake --build "$out/nspe" -j"$(nproc)"
echo "  built in $(elapsed "$t0") s"

echo "== QEMU mps2-an521"
t0=$(date +%s)
log=$logs/qemu-ns.log
end_marker='End of Non-secure test suites'
qemu-system-arm -M mps2-an521 -nographic -kernel "$out/spe/bin/bl2.axf" \
  -device loader,file="$out/nspe/tfm_s_ns_signed.bin",addr=0x10080000 </dev/null >"$log" 2>&1 &
qemu=$!
verdict=""
while kill -0 "$qemu" 2>/dev/null; do
  if grep -aq "$end_marker" "$log"; then
    break
  elif [[ $(grep -ac 'Booting TF-M' "$log") -gt 1 ]]; then
    verdict="the secure image reset"
    break
  elif [[ $(elapsed "$t0") -ge $timeout_s ]]; then
    verdict="timeout after $timeout_s s"
    break
  fi
  sleep 2
done
kill "$qemu" 2>/dev/null || true
wait "$qemu" 2>/dev/null || true
sed 's/\x1b\[[0-9;]*m//g' "$log" >"$log.txt"
echo "  ran in $(elapsed "$t0") s (log: $log.txt)"

# The suites TF-M must report, each PASSED.
suites=("ETSS secure tests" "PSA protected storage NS interface tests" "PSA internal trusted storage NS interface tests"
        "Crypto non-secure interface test" "ETSS non-secure interface tests" "TFM NSID Test")
[[ -z "$verdict" ]] && ! grep -aq "$end_marker" "$log.txt" && verdict="QEMU ended early"
for s in "${suites[@]}"; do
  line=$(grep -a "^Test suite '$s" "$log.txt" || true)
  echo "  ${line:-Test suite '$s' did not run}"
  [[ "$line" == *"has PASSED"* ]] || verdict=${verdict:-"a suite failed or did not run"}
done
# Every ETSS case ran, in each image: the suites' cases (those the image
# leaves out aside, each class's matrix once per class; the reliability
# suite's inside the ETSS partition) and the TF-M-only ones.
cases() { grep -c "TEST_CASE_DESC(TFM_ETSS_TEST_$1" "${@:2}" | awk -F: '{ n += $NF } END { print n }'; }
s_env=suites/etss/tfm/secure/etss_tfm_s_env.c
count() { # IMAGE DIGIT EXPECTED
  local passed failed
  passed=$(grep -ac "TEST: TFM_ETSS_TEST_$2[0-9]* - PASSED" "$log.txt" || true)
  failed=$(grep -ac "TEST: TFM_ETSS_TEST_$2[0-9]* - FAILED" "$log.txt" || true)
  echo "  $1 image, ETSS $2xxx suite on TF-M: $passed passed, $failed failed, of $3"
  [[ $passed -eq $3 && $failed -eq 0 ]] || verdict=${verdict:-"ETSS cases missing or failed"}
}
count secure 2 "$(cases 2 suites/etss/secure/etss_s_interface_testsuite.c "$s_env")"
count secure 3 "$(cases 3 suites/etss/reliability/etss_reliability_testsuite.c)"
count secure 4 "$(( $(cases 4 suites/etss/services/etss_services_testsuite.c \
                           suites/etss/services/etss_blank_part_testsuite.c) -
                    $(grep -o '"TFM_ETSS_TEST_4[0-9]*"' "$s_env" | wc -l) ))"
count secure 5 "$(( $(cases 5 suites/etss/classes/etss_device_class_testsuite.c) *
                    $(grep -o '{etss_tfm_classes_main,' "$s_env" | wc -l) ))"
count non-secure 1 "$(cases 1 suites/etss/non_secure/etss_ns_interface_testsuite.c \
                      suites/etss/tfm/non_secure/etss_tfm_ns_env.c)"
if [[ -n "$verdict" ]]; then
  grep -a -B2 -A3 'FAILED' "$log.txt" | head -40 >&2 || true
  echo "tfm: FAIL ($verdict)" >&2
  exit 1
fi
echo "tfm: PASS in $(elapsed "$t_start") s"
