#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The peers the benchmarks measure ETSS against, in DIR (default
# build/bench-src): littlefs 2.11.2, and TF-M 2.1.5 (its ITS flash
# filesystem) through scripts/tfm-sources.sh; from ../shared/third_party
# when it is there, otherwise from upstream, checked either way
# (scripts/pinned-source.sh).
#
#   scripts/bench-sources.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mkdir -p "${1:-build/bench-src}" && cd "${1:-build/bench-src}" && pwd)
. scripts/pinned-source.sh

if [[ ! -f "$dir/littlefs-2.11.2/lfs.c" ]]; then
  rm -rf "$dir/littlefs-2.11.2"
  read -r name url digest < <(pinned_list littlefs)
  pinned_source "$name" "$url" "$digest" ../shared/third_party/littlefs "$dir" ||
    { echo "bench-sources: failed" >&2; exit 1; }
fi
scripts/tfm-sources.sh >/dev/null
echo "littlefs: $dir/littlefs-2.11.2"
echo "TF-M: $PWD/build/tfm/src/trusted-firmware-m-2.1.5"
