#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The partition's layer order, as docs/architecture.md writes it (its
# "layers" block, lowest first), holds in the code: a library's undefined
# symbols may only be defined by libraries below it. Symbols no ETSS library
# defines (the C library, PSA Crypto, FF-M, the board's hooks) are the
# platform's and may be used anywhere. Every partition library of
# cmake/etss_sources.cmake must be in the order. And every symbol the
# partition's libraries export carries one of the project's prefixes
# (etss_, tfm_etss_, sf_, sfp1_, rpmc_, jesd261_), so that none clashes with
# a platform's own drivers in a TF-M image.
#
#   scripts/check-layers.sh BUILD_DIR     (a host build: its lib<name>.a)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: scripts/check-layers.sh BUILD_DIR}
doc=docs/architecture.md

mapfile -t order < <(awk '/^```layers$/ {on = 1; next} /^```$/ {on = 0} on && NF {print $1}' "$doc")
if [[ ${#order[@]} -eq 0 ]]; then
  echo "check-layers: no layers block in $doc" >&2
  exit 1
fi
declare -A rank
for i in "${!order[@]}"; do
  rank[${order[$i]}]=$i
done
failed=0
while IFS= read -r lib; do
  if [[ -z ${rank[$lib]+x} ]]; then
    echo "check-layers: $lib (cmake/etss_sources.cmake) is not in $doc's layer order" >&2
    failed=1
  fi
done < <(cmake -DPARTITION_LIBRARIES=1 -P cmake/etss_sources_print.cmake)

# Who defines what: symbol -> the lowest library defining it.
declare -A defined_by archive
for lib in "${order[@]}"; do
  a=$(find "$build" -name "lib$lib.a" -print -quit)
  [[ -n "$a" ]] || continue # a header-only library (an INTERFACE target)
  archive[$lib]=$a
  while read -r sym; do
    [[ -n ${defined_by[$sym]+x} ]] || defined_by[$sym]=$lib
  done < <(nm -g --defined-only "$a" | awk 'NF == 3 {print $3}')
done
if [[ ${#archive[@]} -eq 0 ]]; then
  echo "check-layers: no library of the order built in $build" >&2
  exit 1
fi
prefixes='^(etss|tfm_etss|sf|sfp1|rpmc|jesd261)_'
for sym in "${!defined_by[@]}"; do
  if [[ ! $sym =~ $prefixes ]]; then
    echo "check-layers: ${defined_by[$sym]} exports $sym, without a project prefix" >&2
    failed=1
  fi
done
uses=0
for lib in "${order[@]}"; do
  [[ -n ${archive[$lib]+x} ]] || continue
  own=$(nm -g --defined-only "${archive[$lib]}" | awk 'NF == 3 {print $3}' | sort -u)
  while read -r sym; do
    [[ -n "$sym" && -n ${defined_by[$sym]+x} ]] || continue
    grep -qxF "$sym" <<<"$own" && continue
    uses=$((uses + 1))
    by=${defined_by[$sym]}
    if [[ ${rank[$by]} -ge ${rank[$lib]} ]]; then
      echo "check-layers: $lib uses $sym from $by, which is not below it" >&2
      failed=1
    fi
  done < <(nm -u "${archive[$lib]}" | awk 'NF == 2 {print $2}' | sort -u)
done
[[ $failed -eq 0 ]] || exit 1
echo "layers: ${#order[@]} in order, ${#archive[@]} built, $uses uses of ETSS symbols across libraries, each downward; ${#defined_by[@]} exported symbols, each with a project prefix"
