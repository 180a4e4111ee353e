#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The benchmarks (docs/performance.md): etss-bench on the device model,
# under callgrind for host instruction counts (the device model excluded),
# merged into build/bench-results/results.csv, results.md and results.png.
#   scripts/bench.sh          the full run (needs valgrind and gnuplot)
#   scripts/bench.sh smoke    a quick native run that checks the program works
# ETSS_BENCH_BINDING=jesd261 measures SFP1 parts served through the JESD261
# HAL binding (build/release-jesd261, results in build/bench-results-jesd261).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-full}
build=build/release
out=build/bench-results
options=()
if [[ "${ETSS_BENCH_BINDING:-direct}" == jesd261 ]]; then
  build=build/release-jesd261
  out=build/bench-results-jesd261
  options=(-DETSS_SFP1_VIA_JESD261=ON)
fi
mkdir -p "$out"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release "${options[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target etss-bench >"$out/build.log" 2>&1 \
  || { cat "$out/build.log"; exit 1; }
bench=$build/bench/etss-bench

if [[ "$mode" == smoke ]]; then
  "$bench" --csv "$out/smoke.csv" 2>/dev/null
  rows=$(($(wc -l <"$out/smoke.csv") - 1))
  [[ $rows -ge 40 ]] || { echo "bench: only $rows rows" >&2; exit 1; }
  echo "bench: smoke run wrote $rows rows"
  exit 0
fi

# Host instructions. The device model runs in this process too, so
# callgrind runs twice: everything, then only inside the model's entry
# points (--toggle-collect starts with collection off); the host's share
# is the difference, for the total and for the crypto interface.
crypto='sf_crypto_(init|random|import|destroy|hkdf_bytes|hkdf_key|aead_seal|aead_open|hmac|hmac_verify|sha256|ecdsa_verify|ecdsa_sign|ec_public_key|envelope_seal|envelope_open)'
count() { # tag, valgrind options...
  local tag=$1; shift
  rm -f "$out/callgrind.$tag".*
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.$tag.%p" "$@" \
    "$bench" --csv "$out/model.csv" 2>"$out/valgrind.$tag.log"
  for dump in "$out/callgrind.$tag".*.*; do
    local label total crypt
    label=$(sed -n 's/^desc: Trigger: Client Request: //p' "$dump")
    [[ -n "$label" ]] || continue
    total=$(callgrind_annotate --threshold=100 "$dump" | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
    crypt=$(callgrind_annotate --inclusive=yes --threshold=100 "$dump" \
            | { grep -E ":${crypto} " || true; } | awk '{gsub(",", "", $1); s += $1} END {print s + 0}')
    echo "$label,$total,$crypt"
  done >"$out/instructions.$tag.csv"
  # The counts are in the CSV; the dumps (one per workload) go.
  rm -f "$out/callgrind.$tag".*
}
count all
count device --toggle-collect=nor_model_select --toggle-collect=nor_model_deselect \
  --toggle-collect=nor_model_clock --toggle-collect=nor_model_advance
awk -F, -v OFS=, 'NR == FNR { dt[$1] = $2; dc[$1] = $3; next }
  { print $1, $2 - dt[$1], $3 - dc[$1] }' \
  "$out/instructions.device.csv" "$out/instructions.all.csv" >"$out/instructions.csv"

# Merge, per operation, and the ratios against both baselines.
awk -F, -v OFS=, '
  NR == FNR { ins[$1] = $2; cry[$1] = $3; next }
  FNR == 1 { print $0, "host_instructions", "crypto_instructions"; next }
  { l = $1 "/" $2; printf "%s,%.0f,%.0f\n", $0, ins[l] / $4, cry[l] / $4 }
' "$out/instructions.csv" "$out/model.csv" >"$out/results.csv"

awk -F, '
  function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "n/a" }
  FNR == 1 { next }
  { w = $1; if (!(w in seen)) { order[++n] = w; seen[w] = 1 }
    row[w, $2] = $0; t[w, $2] = $5 }
  END {
    print "| workload | variant | device time (us) | bus bytes out / in | pages | sectors erased | write ampl. | host instr. (crypto) | time / floor | time / secure |"
    print "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    split("floor secure etss", vs, " ")
    for (i = 1; i <= n; i++) {
      w = order[i]
      for (j = 1; j <= 3; j++) {
        v = vs[j]
        if (!((w, v) in row)) continue
        split(row[w, v], f, ",")
        rf = (v == "etss" && (w, "floor") in t) ? ratio(t[w, v], t[w, "floor"]) : ""
        rs = (v == "etss" && (w, "secure") in t) ? ratio(t[w, v], t[w, "secure"]) : ""
        if (v == "etss" && rf == "") rf = "n/a"
        if (v == "etss" && rs == "") rs = "n/a"
        printf "| %s | %s | %.1f | %.0f / %.0f | %.2f | %.3f | %s | %s (%s) | %s | %s |\n",
               w, v, f[5], f[6], f[7], f[8], f[9], (f[3] > 0 ? sprintf("%.2f", f[11]) : "-"),
               f[12], f[13], rf, rs
      }
    }
  }' "$out/results.csv" >"$out/results.md"

# The plot: ratios on linear axes. A set against the floor (plain NOR
# appends), a get against the secure channel's read (a plain read has no
# crypto to compare with), and the boot and first request against the
# assets stored; the build and the binding named in the title.
awk -F, '
  FNR == 1 { next }
  { t[$1, $2] = $5; if ($1 ~ /^(set|get)-/) { split($1, w, "-"); size[w[2]] = 1 } }
  END {
    for (s in size) {
      printf "%d %.3f %.3f %.3f\n", s, t["set-" s, "secure"] / t["set-" s, "floor"],
             t["set-" s, "etss"] / t["set-" s, "floor"], t["get-" s, "etss"] / t["get-" s, "secure"]
    }
  }' "$out/results.csv" | sort -n >"$out/ratios.dat"
awk -F, '$1 ~ /^boot-/ { split($1, w, "-"); boot[w[2]] = $5 / 1000 }
  $1 ~ /^mount-/ { split($1, w, "-"); mount[w[2]] = $5 / 1000 }
  END { for (n in boot) printf "%d %.3f %.3f\n", n, boot[n], mount[n] }' \
  "$out/results.csv" | sort -n >"$out/boot.dat"
build_name="$("$bench" --build), ${ETSS_BENCH_BINDING:-direct} SFP1 binding"
gnuplot <<GNUPLOT
set terminal pngcairo size 1500,500 font "sans,11"
set output "$out/results.png"
set multiplot layout 1,3 title "ETSS on the device model (default profile; bench build: $build_name)" font "sans,13"
set grid ytics
set key center right
set offsets 0, 300, graph 0.1, 0
set xlabel "asset size (bytes)"
set xrange [0:*]
set yrange [0.9:*]
set title "set: device time / floor (plain NOR append)"
set ylabel "times the floor"
plot 1 with lines dashtype 2 lc rgb "#555555" title "floor", \
     "$out/ratios.dat" using 1:2 with linespoints pt 7 lc rgb "#1f77b4" title "secure channel", \
     "$out/ratios.dat" using 1:3 with linespoints pt 5 lc rgb "#d62728" title "ETSS", \
     "$out/ratios.dat" using 1:3:(sprintf("%.2fx", \$3)) with labels offset 0,1 tc rgb "#d62728" notitle
set title "get: device time / secure channel read"
set ylabel "times the secure read"
plot 1 with lines dashtype 2 lc rgb "#1f77b4" title "secure channel", \
     "$out/ratios.dat" using 1:4 with linespoints pt 5 lc rgb "#d62728" title "ETSS", \
     "$out/ratios.dat" using 1:4:(sprintf("%.2fx", \$4)) with labels offset 0,1 tc rgb "#d62728" notitle
set title "boot and first get against the assets stored"
set xlabel "assets stored in the zone (16 B each)"
set ylabel "device time (ms)"
set yrange [0:*]
set offsets 0, 10, graph 0.1, 0
set key center right
plot "$out/boot.dat" using 1:2 with linespoints pt 7 lc rgb "#2ca02c" title "boot (discovery, session)", \
     "$out/boot.dat" using 1:3 with linespoints pt 5 lc rgb "#9467bd" title "first get (mount)"
unset multiplot
GNUPLOT
echo "bench: $out/results.csv, $out/results.md, $out/results.png"
