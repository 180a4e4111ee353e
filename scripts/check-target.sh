#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Cross-build the partition-side code for Cortex-M33 and prove it is
# freestanding: its only outside references are the few libc routines a
# bare-metal image has anyway, and every function has a bounded, small stack.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/cortex-m33}
max_stack=${ETSS_MAX_FRAME_BYTES:-512}
# Besides libc's mem* routines: the PSA APIs (crypto service, SPM) and
# the board port (etss_platform.h).
allowed_external='^(memcpy|memset|memmove|memcmp|psa_[a-z0-9_]+|etss_platform_[a-z0-9_]+)$'

cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake \
  -DCMAKE_BUILD_TYPE=MinSizeRel >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null

mapfile -t libs < <(find "$build" -name 'libetss_*.a' | sort)
[[ ${#libs[@]} -gt 0 ]] || { echo "target: no partition libraries built" >&2; exit 1; }

defined=$(arm-none-eabi-nm -g --defined-only "${libs[@]}" 2>/dev/null | awk 'NF==3 {print $3}' | sort -u)
undefined=$(arm-none-eabi-nm -u "${libs[@]}" 2>/dev/null | awk 'NF==2 {print $2}' | sort -u)
external=$(comm -23 <(echo "$undefined") <(echo "$defined") | grep -v -E "$allowed_external" || true)
if [[ -n "$external" ]]; then
  echo "target: partition code references symbols a freestanding image lacks:" >&2
  echo "$external" | sed 's/^/  /' >&2
  exit 1
fi

fail=0
while read -r file; do
  while IFS=$'\t' read -r fn bytes kind; do
    if [[ "$kind" != static* ]] || (( bytes > max_stack )); then
      echo "target: unbounded or large stack frame: $fn $bytes $kind" >&2
      fail=1
    fi
  done < "$file"
done < <(find "$build" -name '*.su')
(( fail == 0 )) || exit 1

echo "target: Cortex-M33 build of ${#libs[@]} partition libraries is freestanding;" \
     "largest frame $(cat $(find "$build" -name '*.su') | cut -f2 | sort -n | tail -1) bytes"
