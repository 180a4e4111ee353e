#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Footprint of ETSS on a Cortex-M33 (size-optimised build): text/data/bss of
# each component, the worst-case stack depth of the partition's entry and
# of each client call from GCC's call graph (-fcallgraph-info=su), and the
# proof that partition code needs no heap. Writes docs/footprint.md.
#   scripts/footprint.sh [OUT]   (default docs/footprint.md)
set -euo pipefail
cd "$(dirname "$0")/.."
out_md=${1:-docs/footprint.md}
build=build/footprint
cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake \
  -DCMAKE_BUILD_TYPE=MinSizeRel -DCMAKE_C_FLAGS="-fcallgraph-info=su" >/dev/null 2>&1
cmake --build "$build" -j"$(nproc)" >"$build/build.log" 2>&1 || { cat "$build/build.log"; exit 1; }

lib() { find "$build" -name "lib$1.a" | head -1; }
sizes() { # archive -> "text data bss"
  arm-none-eabi-size -t "$1" | awk 'END {print $1, $2, $3}'
}

components=(
  "client API (tfm_etss_*)|etss_api_s"
  "request manager|etss_req_mngr"
  "service|etss_service"
  "filesystem|etss_fs"
  "filesystem storage on a secure zone|etss_fs_zone"
  "secure flash API layer|etss_sf_api"
  "common layer|etss_sf_common"
  "JESD261 HAL and its binding|etss_jesd261"
  "vendor layer (SFP1: packets, direct binding, JESD261 sub-steps)|etss_sf_vendor_sfp1"
  "vendor layer (RPMC binding)|etss_sf_vendor_rpmc"
  "RPMC driver|etss_rpmc"
  "crypto interface|etss_sf_crypto"
  "raw NOR driver|etss_nor"
  "JEDEC / SFDP|etss_jedec"
  "SPI transport|etss_transport"
)

# The device model is host code, compiled here for the same core only to
# show what a test image carries besides ETSS.
model_dir="$build/devmodel"
mkdir -p "$model_dir"
# The hosted model (malloc, an image file), as the test images carry it; the
# static pool and the imageless store are TF-M's variant.
for src in devmodel/*.c; do
  case "$src" in devmodel/model_memory_pool.c | devmodel/nor_model_no_image.c) continue ;; esac
  arm-none-eabi-gcc -mcpu=cortex-m33 -mthumb -Os -ffunction-sections -fdata-sections \
    -D_POSIX_C_SOURCE=200809L -Idevmodel/include -Idevmodel -Isecureflash/status \
    -Isecureflash/transport \
    -Isecureflash/jedec -Isecureflash/crypto -Isecureflash/vendor/sfp1 -Isecureflash/vendor/rpmc \
    -I"$build/psa-api" \
    -c "$src" -o "$model_dir/$(basename "$src" .c).o"
done
arm-none-eabi-ar rcs "$model_dir/libdevmodel.a" "$model_dir"/*.o

mbedtls=$(find build/target -name 'libmbedcrypto_etss.a' 2>/dev/null | head -1 || true)

# Worst-case stack: longest path of static frames from an entry point.
# Indirect calls from the common layer go to the vendor binding's
# operations, those of the filesystem to its storage on a secure zone; the
# remaining indirect calls (the board's SPI driver) and
# the PSA calls (served by the SPM and the crypto service on their own
# stacks) count as zero here.
stack_report() {
  find "$build" -name '*.ci' -print0 | xargs -0 cat | awk -v entries="$*" '
    /^node:/ && / bytes \(/ {
      # A definition (declarations of callees elsewhere carry no size).
      match($0, /title: "[^"]*"/); t = substr($0, RSTART + 8, RLENGTH - 9)
      match($0, /[0-9]+ bytes \(/); frame[t] = substr($0, RSTART, RLENGTH) + 0
    }
    /^edge:/ {
      match($0, /sourcename: "[^"]*"/); s = substr($0, RSTART + 13, RLENGTH - 14)
      match($0, /targetname: "[^"]*"/); d = substr($0, RSTART + 13, RLENGTH - 14)
      if (d == "__indirect_call") {
        if (s ~ /secureflash\/common\//) { d = "@vendor" }
        else if (s ~ /secureflash\/vendor\/jesd261\//) { d = "@steps" }
        else if (s ~ /partition\/filesystem\/etss_fs\.c/) { d = "@storage" }
        else next
      }
      if (!((s, d) in seen)) { seen[s, d] = 1; calls[s] = calls[s] SUBSEP d }
    }
    function depth(f,    total, best, n, i, c, parts, w) {
      if (f in memo) return memo[f]
      if (f in active) return 0  # recursion: none expected
      active[f] = 1
      best = 0; chain[f] = ""
      if (f == "@vendor" || f == "@steps" || f == "@storage") {
        for (c in frame) if ((f == "@vendor" && (c ~ /sfp1_host\.c:sfp1_/ || c ~ /rpmc_binding\.c:rpmc_/ ||
                                                 c ~ /jesd261_binding\.c:hal_/ ||
                                                 (c ~ /^jesd261_/ && c !~ /secure_copy/))) ||
                             (f == "@steps" && c ~ /sfp1_jesd261\.c:sfp1_/) ||
                             (f == "@storage" && c ~ /etss_fs_zone\.c:zone_/)) {
          w = depth(c); if (w > best) { best = w; chain[f] = c }
        }
        total = best
      } else {
        n = split(calls[f], parts, SUBSEP)
        for (i = 2; i <= n; i++) {
          w = depth(parts[i]); if (w > best) { best = w; chain[f] = parts[i] }
        }
        total = frame[f] + best
      }
      delete active[f]
      memo[f] = total
      return total
    }
    function short(f) { sub(/.*\//, "", f); return f }
    END {
      n = split(entries, e, " ")
      for (i = 1; i <= n; i++) {
        d = depth(e[i])
        path = ""; f = e[i]
        for (k = 0; f != "" && k < 40; k++) { path = path (path == "" ? "" : " > ") short(f); f = chain[f] }
        printf "| `%s` | %d | %s |\n", e[i], d, path
      }
    }'
}

{
  echo "# Footprint on a Cortex-M33"
  echo
  echo "Produced by \`scripts/footprint.sh\` from a size-optimised build"
  echo "(\`arm-none-eabi-gcc -mcpu=cortex-m33 -mthumb -Os\`, MinSizeRel) of the"
  echo "partition-side code with the default settings (\`partition/include/etss_config.h\`)."
  echo "Sizes are of each component's archive, before the linker drops unused"
  echo "functions."
  echo
  echo "| component | text | data | bss |"
  echo "| --- | ---: | ---: | ---: |"
  t_all=0; d_all=0; b_all=0
  for c in "${components[@]}"; do
    name=${c%%|*}; target=${c##*|}
    read -r t d b < <(sizes "$(lib "$target")")
    t_all=$((t_all + t)); d_all=$((d_all + d)); b_all=$((b_all + b))
    echo "| $name | $t | $d | $b |"
  done
  echo "| **ETSS total** | **$t_all** | **$d_all** | **$b_all** |"
  if [[ -n "$mbedtls" ]]; then
    read -r t d b < <(sizes "$mbedtls")
    echo "| Mbed TLS, ETSS configuration (separately; TF-M's crypto service on a product) | $t | $d | $b |"
  else
    echo "| Mbed TLS (separately) | not built: run scripts/target-mbedtls.sh | | |"
  fi
  read -r t d b < <(sizes "$model_dir/libdevmodel.a")
  echo "| device model (separately; test images only) | $t | $d | $b |"
  echo
  echo "RAM: the bss column is all of ETSS's static RAM: frame buffers, the"
  echo "filesystem index and record buffer, the request buffer. The"
  echo "\`struct sf_device\` of each secure flash (its sessions and frame buffers)"
  echo "and each mounted filesystem are part of it (\`ETSS_MAX_DEVICES\`,"
  echo "\`ETSS_MAX_FILESYSTEMS\`)."
  echo
  echo "## Worst-case stack"
  echo
  echo "Longest chain of static frames from each entry point, from GCC's call"
  echo "graph (\`-fcallgraph-info=su\`). The common layer's calls through the vendor"
  echo "table are followed into every operation of the SFP1, RPMC and JESD261 bindings,"
  echo "and the HAL's calls through its vendor steps into every SFP1 sub-step; the"
  echo "board's SPI driver and the PSA calls (the SPM and the crypto service run on"
  echo "their own stacks) are not included. A call through a table counts as the"
  echo "deepest of all its operations, so the figure is an upper bound. Every frame is static"
  echo "(no VLA, no alloca): \`scripts/check-target.sh\` fails the test command otherwise."
  echo
  echo "| entry | bytes | deepest chain |"
  echo "| --- | ---: | --- |"
  stack_report etss_partition_main tfm_etss_set tfm_etss_get tfm_etss_secure_flash_provisioning
  echo
  echo "Measured: the QEMU images (\`scripts/target-qemu.sh\`) paint the partition's"
  echo "stack and report its high-water mark after the suites: 2.3-2.5 KiB. There"
  echo "the device model and Mbed TLS run on the partition's stack too (the"
  echo "secure flash answers inside the SPI transaction; PSA calls are plain"
  echo "calls), so a real partition needs less; the bound above is its own."
  echo
  echo "## No heap"
  echo
  echo "The partition libraries reference no symbol outside themselves but these"
  echo "(the whole list of undefined symbols across all of them):"
  echo
  mapfile -t libs < <(for c in "${components[@]}"; do lib "${c##*|}"; done)
  defined=$(arm-none-eabi-nm -g --defined-only "${libs[@]}" 2>/dev/null | awk 'NF==3 {print $3}' | sort -u)
  undefined=$(arm-none-eabi-nm -u "${libs[@]}" 2>/dev/null | awk 'NF==2 {print $2}' | sort -u)
  comm -23 <(echo "$undefined") <(echo "$defined") | tr '\n' ' ' | sed 's/ $//; s/^/    /'
  echo
  echo
  echo "No \`malloc\`, \`calloc\`, \`realloc\`, \`free\` or \`_sbrk\` among them: the"
  echo "partition cannot pull the heap into an image."
} >"$out_md"
echo "footprint: $out_md"
