#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# ETSS's footprint in TF-M's secure image (docs/tfm-integration.md,
# "Footprint in the TF-M secure image"): TF-M 2.1.5's secure image for
# arm/mps2/an521 built from TF-M's own tree as a product would build it (no
# test suites, RelWithDebInfo, isolation level 2, etss_config.cmake, so
# TF-M's crypto and ITS partitions are on either way), once with ETSS, its
# factory partition and the an521_model chip, once with
# -DTFM_PARTITION_ETSS=OFF. Prints arm-none-eabi-size of each tfm_s.axf
# and the difference, as the document's table.
#
#   scripts/tfm-footprint.sh [BUILD_DIR]      (default build/tfm-footprint)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
out=$(mkdir -p "${1:-build/tfm-footprint}" && cd "${1:-build/tfm-footprint}" && pwd)
scripts/setup.sh tfm
src=$repo/build/tfm/src
scripts/tfm-sources.sh "$src" >/dev/null
tfm=$src/trusted-firmware-m-2.1.5

# quiet LOG CMD...: CMD's output in LOG, shown only if it fails.
quiet() {
  local log=$1; shift
  "$@" >"$log" 2>&1 || { tail -40 "$log" >&2; echo "tfm-footprint: failed, see $log" >&2; exit 1; }
}

# The factory partition carries the provisioning the suites on TF-M use.
quiet "$out/host.log" cmake -S . -B "$out/host" -DCMAKE_BUILD_TYPE=Release
quiet "$out/host-build.log" cmake --build "$out/host" -j"$(nproc)" --target etss-provision
quiet "$out/record.log" "$out/host/tools/etss-provision" suites/etss/tfm/etss_tfm_suites.conf \
  --out "$out/factory.bin"

# secure_image NAME OPTIONS...: text, data and bss of its tfm_s.axf.
secure_image() {
  local name=$1; shift
  quiet "$out/$name-configure.log" cmake -S "$tfm" -B "$out/$name" \
    -DTFM_PLATFORM=arm/mps2/an521 -DTFM_TOOLCHAIN_FILE="$tfm/toolchain_GNUARM.cmake" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMBEDCRYPTO_PATH="$src/mbedtls-3.6.6" \
    -DMCUBOOT_PATH="$src/mcuboot-2.1.0" -DQCBOR_PATH="$src/qcbor-1.2" \
    -DCMSIS_PATH="$src/cmsis_6-d0c460c169" -DPython3_EXECUTABLE=/usr/bin/python3 \
    -DTFM_ISOLATION_LEVEL=2 -DTFM_EXTRA_CONFIG_PATH="$repo/integration/tfm/etss_config.cmake" \
    -DETSS_FACTORY_RECORD="$out/factory.bin" "$@"
  quiet "$out/$name-build.log" cmake --build "$out/$name" -j"$(nproc)" --target tfm_s
  arm-none-eabi-size "$out/$name/bin/tfm_s.axf" | awk 'NR == 2 { print $1, $2, $3 }'
}

read -r text0 data0 bss0 < <(secure_image without -DTFM_PARTITION_ETSS=OFF)
read -r text1 data1 bss1 < <(secure_image with -DTFM_PARTITION_ETSS=ON)
commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
row() { printf '| %s | %s | %s | %s |\n' "$1" "$(commas "$2")" "$(commas "$3")" "$(commas "$4")"; }
echo "| | text | data | bss |"
echo "| --- | ---: | ---: | ---: |"
row "TF-M without ETSS" "$text0" "$data0" "$bss0"
row "TF-M with ETSS and the \`an521_model\` chip" "$text1" "$data1" "$bss1"
row "ETSS's share" $((text1 - text0)) $((data1 - data0)) $((bss1 - bss0))
