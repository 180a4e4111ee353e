#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The benchmarks (docs/performance.md): etss-bench on the device model,
# ETSS beside its baselines and the peer filesystems (littlefs, TF-M's ITS;
# their sources from scripts/bench-sources.sh), under callgrind for host
# instruction counts (the device model excluded), merged into
# build/bench-results/results.csv, store.csv, results.md and results.png.
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
scripts/bench-sources.sh build/bench-src >"$out/sources.log" 2>&1 || { cat "$out/sources.log"; exit 1; }
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release "${options[@]}" \
  -DETSS_LITTLEFS_DIR="$PWD/build/bench-src/littlefs-2.11.2" \
  -DETSS_TFM_DIR="$PWD/build/tfm/src/trusted-firmware-m-2.1.5" >/dev/null
cmake --build "$build" -j"$(nproc)" --target etss-bench >"$out/build.log" 2>&1 \
  || { cat "$out/build.log"; exit 1; }
bench=$build/bench/etss-bench

if [[ "$mode" == smoke ]]; then
  "$bench" --csv "$out/smoke.csv" --store "$out/smoke-store.csv" 2>/dev/null
  rows=$(($(wc -l <"$out/smoke.csv") - 1))
  stores=$(($(wc -l <"$out/smoke-store.csv") - 1))
  [[ $rows -ge 90 && $stores -eq 3 ]] || { echo "bench: only $rows rows, $stores stores" >&2; exit 1; }
  echo "bench: smoke run wrote $rows rows and $stores stores"
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
    "$bench" --csv "$out/model.csv" --store "$out/store.csv" 2>"$out/valgrind.$tag.log"
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
  function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "" }
  FNR == 1 { next }
  { w = $1; if (!(w in seen)) { order[++n] = w; seen[w] = 1 }
    row[w, $2] = $0; t[w, $2] = $5 }
  END {
    print "| workload | engine | device time (us) | bus bytes out / in | pages | sectors erased | write ampl. | host instr. (crypto) | time / floor | time / secure |"
    print "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    split("floor secure etss littlefs tfm-its", vs, " ")
    for (i = 1; i <= n; i++) {
      w = order[i]
      for (j = 1; j <= 5; j++) {
        v = vs[j]
        if (!((w, v) in row)) continue
        split(row[w, v], f, ",")
        rf = v != "floor" && (w, "floor") in t ? ratio(t[w, v], t[w, "floor"]) : ""
        rs = v == "etss" && (w, "secure") in t ? ratio(t[w, v], t[w, "secure"]) : ""
        printf "| %s | %s | %.1f | %.0f / %.0f | %.2f | %.3f | %s | %s (%s) | %s | %s |\n",
               w, v, f[5], f[6], f[7], f[8], f[9], (f[3] > 0 ? sprintf("%.2f", f[11]) : "-"),
               f[12], f[13], rf, rs
      }
    }
  }' "$out/results.csv" >"$out/results.md"
{
  echo
  echo "| engine | capacity (1 KiB assets) | of the 512 KiB area | erases per sector, max / mean | max / mean |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  awk -F, 'FNR > 1 { printf "| %s | %d | %.1f %% | %d / %.2f | %.2f |\n", $1, $2, $3, $4, $5, $6 }' "$out/store.csv"
} >>"$out/results.md"

# The plot, linear axes: per engine, a set and a get against the floor's
# (plain NOR appends and reads), against the asset size; a cold start
# (boot, mount, first get) on a fresh, a full and a churned store; the
# write amplification of random re-sets against how full the store is;
# each store's capacity; and ETSS's boot and first get against the assets
# stored. Points beyond a panel's top are drawn at the top with their value.
awk -F, '
  FNR == 1 { next }
  { t[$1, $2] = $5; wa[$1, $2] = $11; if ($1 ~ /^set-/) { split($1, w, "-"); size[w[2]] = 1 } }
  END {
    n = split("secure etss littlefs tfm-its", e, " ")
    for (s in size) {
      printf "%d", s
      for (i = 1; i <= n; i++) printf " %.3f", t["set-" s, e[i]] / t["set-" s, "floor"]
      for (i = 1; i <= n; i++) printf " %.3f", t["get-" s, e[i]] / t["get-" s, "floor"]
      printf "\n"
    }
    split("fresh full churned", state, " ")
    for (k = 1; k <= 3; k++) {
      printf "%d %s", k, state[k] > "'"$out"'/start.dat"
      for (i = 2; i <= n; i++) printf " %.3f", t["start-" state[k] "-1024", e[i]] / 1000 > "'"$out"'/start.dat"
      printf "\n" > "'"$out"'/start.dat"
    }
    split("50 80 95", fill, " ")
    for (k = 1; k <= 3; k++) {
      printf "%d", fill[k] > "'"$out"'/churn.dat"
      for (i = 2; i <= n; i++) printf " %.3f", wa["churn-" fill[k] "%-1024", e[i]] > "'"$out"'/churn.dat"
      printf "\n" > "'"$out"'/churn.dat"
    }
  }' "$out/results.csv" | sort -n >"$out/ratios.dat"
awk -F, 'FNR > 1 { printf "%d %s %.1f\n", NR - 1, $1, $3 }' "$out/store.csv" >"$out/capacity.dat"
awk -F, '$1 ~ /^boot-/ { split($1, w, "-"); boot[w[2]] = $5 / 1000 }
  $1 ~ /^mount-/ { split($1, w, "-"); mount[w[2]] = $5 / 1000 }
  END { for (n in boot) printf "%d %.3f %.3f\n", n, boot[n], mount[n] }' \
  "$out/results.csv" | sort -n >"$out/boot.dat"
build_name="$("$bench" --build), ${ETSS_BENCH_BINDING:-direct} SFP1 binding"
gnuplot <<GNUPLOT
set terminal pngcairo size 1500,900 font "sans,10"
set output "$out/results.png"
set multiplot layout 2,3 title "ETSS, littlefs 2.11.2 and TF-M 2.1.5 ITS on the device model (default profile, 512 KiB each; bench build: $build_name)" font "sans,12"
set grid ytics
set key top right
clip(v, top) = v > top ? top : v
over(v, top) = v > top ? sprintf("%.0fx", v) : ""
set style line 1 pt 7 lc rgb "#1f77b4"
set style line 2 pt 5 lc rgb "#d62728"
set style line 3 pt 9 lc rgb "#2ca02c"
set style line 4 pt 11 lc rgb "#9467bd"
set xlabel "asset size (bytes)"
set xrange [0:4400]
top = 8
set yrange [0:top * 1.08]
set title "set: device time / floor (plain NOR append)"
set ylabel "times the floor"
plot 1 with lines dashtype 2 lc rgb "#555555" title "floor", \
     "$out/ratios.dat" using 1:(clip(\$2, top)) with linespoints ls 1 title "secure channel", \
     "" using 1:(clip(\$3, top)) with linespoints ls 2 title "ETSS", \
     "" using 1:3:(sprintf("%.2fx", \$3)) with labels offset 0,1 tc rgb "#d62728" notitle, \
     "" using 1:(clip(\$4, top)) with linespoints ls 3 title "littlefs", \
     "" using 1:(clip(\$5, top)) with linespoints ls 4 title "TF-M ITS (off the top: its value)", \
     "" using 1:(clip(\$5, top)):(over(\$5, top)) with labels offset 0,-1 tc rgb "#9467bd" notitle
top = 20
set yrange [0:top * 1.08]
set title "get: device time / floor (plain NOR read)"
plot 1 with lines dashtype 2 lc rgb "#555555" title "floor", \
     "$out/ratios.dat" using 1:(clip(\$6, top)) with linespoints ls 1 title "secure channel", \
     "" using 1:(clip(\$7, top)) with linespoints ls 2 title "ETSS", \
     "" using 1:(clip(\$7, top)):(over(\$7, top)) with labels offset 0,1 tc rgb "#d62728" notitle, \
     "" using 1:(clip(\$8, top)) with linespoints ls 3 title "littlefs", \
     "" using 1:(clip(\$8, top)):(over(\$8, top)) with labels offset 0,-1 tc rgb "#2ca02c" notitle, \
     "" using 1:(clip(\$9, top)) with linespoints ls 4 title "TF-M ITS", \
     "" using 1:(clip(\$9, top)):(over(\$9, top)) with labels offset 0,1 tc rgb "#9467bd" notitle
top = 50
set yrange [0:top * 1.08]
set xrange [0.5:3.5]
set xtics ("fresh" 1, "full" 2, "churned" 3)
set xlabel "the store (1 KiB assets)"
set ylabel "device time (ms)"
set title "cold start: boot, mount, first get"
set key at graph 0.02, 0.85 left
overms(v, top) = v > top ? sprintf("%.0f ms", v) : ""
plot "$out/start.dat" using 1:(clip(\$3, top)) with linespoints ls 2 title "ETSS", \
     "" using 1:3:(sprintf("%.1f", \$3)) with labels offset 0,1 tc rgb "#d62728" notitle, \
     "" using 1:(clip(\$4, top)) with linespoints ls 3 title "littlefs", \
     "" using 1:(clip(\$5, top)) with linespoints ls 4 title "TF-M ITS", \
     "" using 1:(clip(\$5, top)):(overms(\$5, top)) with labels offset 0,-1 tc rgb "#9467bd" notitle
set xtics autofreq
top = 8
set yrange [0.9:top * 1.04]
set xrange [45:100]
set xlabel "store filled to (% of its capacity)"
set ylabel "bytes programmed / payload"
set title "random 1 KiB re-sets: write amplification"
plot "$out/churn.dat" using 1:(clip(\$2, top)) with linespoints ls 2 title "ETSS", \
     "" using 1:(clip(\$2, top)):(sprintf("%.2f", \$2)) with labels offset 0,1 tc rgb "#d62728" notitle, \
     "" using 1:(clip(\$3, top)) with linespoints ls 3 title "littlefs", \
     "" using 1:(clip(\$4, top)) with linespoints ls 4 title "TF-M ITS (off the top: its value)", \
     "" using 1:(clip(\$4, top)):(over(\$4, top)) with labels offset 0,-1 tc rgb "#9467bd" notitle
set title "capacity: 1 KiB assets in 512 KiB"
set key top right
set xrange [0.5:3.5]
set yrange [0:100]
set xlabel ""
set xtics ("ETSS" 1, "littlefs" 2, "TF-M ITS" 3)
set ylabel "% of the area"
set style fill solid 0.6
set boxwidth 0.5
plot "$out/capacity.dat" using 1:3 with boxes lc rgb "#888888" notitle, \
     "" using 1:3:(sprintf("%.0f %%", \$3)) with labels offset 0,1 notitle
set xtics autofreq
set style fill empty
set title "ETSS: boot and first get against the assets stored"
set xlabel "16 B assets stored (a new part)"
set ylabel "device time (ms)"
set xrange [0:*]
set yrange [0:*]
set key top left
plot "$out/boot.dat" using 1:2 with linespoints ls 3 title "boot (discovery, session)", \
     "$out/boot.dat" using 1:3 with linespoints ls 4 title "first get (mount)"
unset multiplot
GNUPLOT
echo "bench: $out/results.csv, $out/store.csv, $out/results.md, $out/results.png"
