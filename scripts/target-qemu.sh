#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# ETSS on a Cortex-M33 under QEMU's mps2-an505: build Mbed TLS for the
# target (scripts/target-mbedtls.sh), build the test images (target/an505/:
# the secure flash model with its array in RAM, the ETSS partition in the
# bare-metal SPM, one suite per image), run them under qemu-system-arm
# with a timeout, as many at once as there are cores, and print what they
# print.
#
#   scripts/target-qemu.sh [BUILD_DIR]       (default build/target/an505)
#
# ETSS_QEMU_TIMEOUT  seconds one image may run (default 600)
#
# Fails (non-zero) when an image fails a test, ends without its
# "[an505] SUMMARY: PASS" line, exits non-zero, or times out; and when one of
# the images that must fail (the SPM's fault checks) does not fail as
# expected. Prints each partition's stack high-water mark.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
build=${1:-build/target/an505}
timeout_s=${ETSS_QEMU_TIMEOUT:-600}
mbedtls_out=build/target/mbedtls
qemu=(qemu-system-arm -machine mps2-an505 -cpu cortex-m33 -nographic
  -semihosting-config "enable=on,target=native")

t_start=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# qemu-system-arm and the cross toolchain come with the project's setup.
scripts/setup.sh
for tool in qemu-system-arm arm-none-eabi-gcc arm-none-eabi-size cmake timeout; do
  command -v "$tool" >/dev/null || { echo "target-qemu: $tool missing (scripts/setup.sh)" >&2; exit 1; }
done

echo "== Mbed TLS for Cortex-M33 (scripts/target-mbedtls.sh)"
scripts/target-mbedtls.sh "$mbedtls_out" | sed 's/^/  /'

echo "== images (target/an505, $build)"
mkdir -p "$build/logs"
cmake -S target/an505 -B "$build" -DCMAKE_TOOLCHAIN_FILE="$repo/cmake/arm-none-eabi.cmake" \
  -DETSS_MBEDTLS_BUILD="$repo/$mbedtls_out/build" >"$build/logs/cmake-configure.log" 2>&1 || {
  cat "$build/logs/cmake-configure.log" >&2
  exit 1
}
cmake --build "$build" -j"$(nproc)" >"$build/logs/cmake-build.log" 2>&1 || {
  grep -E -A5 'error|Error' "$build/logs/cmake-build.log" | head -60 >&2
  exit 1
}
mapfile -t images <"$build/images.txt"
mapfile -t must_fail <"$build/images-must-fail.txt"
echo "  built ${#images[@]} images and ${#must_fail[@]} that must fail"
echo "  image                             text     data      bss"
for image in "${images[@]}" "${must_fail[@]}"; do
  arm-none-eabi-size "$build/$image" | awk -v n="$image" 'NR == 2 { printf "  %-48s %8s %8s %8s\n", n, $1, $2, $3 }'
done

# Every image at once, as many QEMUs as there are cores (QEMU's emulation
# of one core is one thread); each one's output in $build/logs/IMAGE.log,
# its exit status and seconds in IMAGE.status.
launch() {
  local image=$1
  (
    t0=$(date +%s.%N)
    set +e
    timeout -k 10 "$timeout_s" "${qemu[@]}" -kernel "$build/$image" </dev/null \
      >"$build/logs/${image%.elf}.log" 2>&1
    echo "$? $(elapsed "$t0")" >"$build/logs/${image%.elf}.status"
  ) &
}
echo "== running the images, $(nproc) at a time"
rm -f "$build"/logs/*.status
for image in "${images[@]}" "${must_fail[@]}"; do
  while [[ $(jobs -rp | wc -l) -ge $(nproc) ]]; do
    wait -n || true
  done
  launch "$image"
done
wait

# result IMAGE: its exit status in $status, its seconds in $seconds, its
# output on stdout.
result() {
  read -r status seconds <"$build/logs/${1%.elf}.status"
  sed 's/^/  | /' "$build/logs/${1%.elf}.log"
}

failures=()
summary=()
highwater=()
for image in "${images[@]}"; do
  echo "== $image"
  result "$image"
  log=$build/logs/${image%.elf}.log
  cases=$(sed -n 's/^\[an505\] cases: \(.*\); suite status.*/\1/p' "$log")
  verdict=PASS
  if [[ $status -eq 124 || $status -eq 137 ]]; then
    verdict="TIMEOUT after ${timeout_s} s"
  elif grep -q -- ' - FAILED' "$log"; then
    verdict="FAILED tests: $(grep -c -- ' - FAILED' "$log")"
  elif ! grep -qx '\[an505\] SUMMARY: PASS' "$log"; then
    verdict="no PASS summary (QEMU status $status)"
  elif [[ $status -ne 0 ]]; then
    verdict="QEMU status $status"
  fi
  [[ $verdict == PASS ]] || failures+=("$image: $verdict")
  summary+=("$(printf '%-48s %-5s %6s s  %s' "$image" "${verdict%% *}" "$seconds" "${cases:-no case counts}")")
  while IFS= read -r line; do
    highwater+=("$(printf '%-48s %s' "$image" "${line#\[an505\] }")")
  done < <(grep -E '^\[an505\] partition .* stack high-water' "$log" || true)
  echo "  -> $verdict ($seconds s)"
done

# The images that must fail: the status and the message the SPM or the fault
# handler gives. A run that passes here would mean failures go unnoticed.
expect_failure() {
  case $1 in
  etss_an505_spm_fault1.elf) echo "1|spm_target: programmer error in partition 256: psa_write(" ;;
  etss_an505_spm_fault2.elf) echo "3|stack overflow (UsageFault STKOF" ;;
  etss_an505_spm_fault3.elf) echo "1|spm_target: programmer error in partition 256: deadlock" ;;
  *) echo "" ;;
  esac
}
for image in "${must_fail[@]}"; do
  echo "== $image (must fail)"
  result "$image"
  expected=$(expect_failure "$image")
  want_status=${expected%%|*}
  want_text=${expected#*|}
  if [[ -z $expected ]]; then
    verdict="no expectation in scripts/target-qemu.sh"
  elif [[ $status -eq 124 || $status -eq 137 ]]; then
    verdict="TIMEOUT after ${timeout_s} s"
  elif [[ $status -ne $want_status ]]; then
    verdict="QEMU status $status, expected $want_status"
  elif ! grep -qF -- "$want_text" "$build/logs/${image%.elf}.log"; then
    verdict="no '$want_text' in its output"
  else
    verdict="PASS"
  fi
  [[ $verdict == PASS ]] || failures+=("$image: $verdict")
  summary+=("$(printf '%-48s %-5s %6s s  %s' "$image" "${verdict%% *}" "$seconds" "failed as expected: status $status")")
  echo "  -> ${verdict/#PASS/failed as expected} ($seconds s)"
done

echo
echo "== summary (mps2-an505, qemu-system-arm $(qemu-system-arm --version | sed -n '1s/.*version \([^ ]*\).*/\1/p'))"
printf '  %s\n' "${summary[@]}"
echo "== partition stack high-water marks"
if [[ ${#highwater[@]} -gt 0 ]]; then
  printf '  %s\n' "${highwater[@]}"
fi
echo "== total $(elapsed "$t_start") s (build included)"
if [[ ${#failures[@]} -gt 0 ]]; then
  echo "target-qemu: FAILED" >&2
  printf '  %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "target-qemu: all ${#images[@]} images passed; the ${#must_fail[@]} fault images failed as they must"
