#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# ETSS inside TF-M at isolation levels 2 and 3 at once (scripts/tfm.sh in
# build/tfm and build/tfm-il3): most of each is its QEMU run, one thread.
# The sources are unpacked once first, so the two builds never race on
# them. Prints each level's verdict and counts; fails when either fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/tfm-sources.sh >/dev/null
mkdir -p build
ETSS_TFM_ISOLATION=3 scripts/tfm.sh build/tfm-il3 >build/tfm-il3.log 2>&1 &
il3=$!
il2_status=0
scripts/tfm.sh >build/tfm.log 2>&1 || il2_status=$?
il3_status=0
wait "$il3" || il3_status=$?
[[ $il2_status -eq 0 ]] || { tail -80 build/tfm.log; exit 1; }
[[ $il3_status -eq 0 ]] || { tail -80 build/tfm-il3.log; exit 1; }
echo "-- isolation level 2 (build/tfm.log)"
sed -n '/^== QEMU/,$p' build/tfm.log
echo "-- isolation level 3 (build/tfm-il3.log)"
sed -n '/^== QEMU/,$p' build/tfm-il3.log
