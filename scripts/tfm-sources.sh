#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The sources a TF-M 2.1.5 build needs, at the versions TF-M pins, in DIR
# (default build/tfm/src): from ../shared/third_party/tf-m-2.1.5 when it is
# there (each archive checked against its SHA256SUMS), otherwise from
# upstream (each tree checked against the content digest below, the same
# trees the archives hold). Then what TF-M would do when it fetches them
# itself: its patches applied (lib/ext/<dep>/*.patch), Mbed TLS's framework
# in place, and the TF-M and tf-m-tests trees git work trees at their tag
# (their CMake asks git for the version). The ETSS suites' one change to
# tf-m-tests is applied too (suites/etss/tfm/patches: the secure test
# partition may call ETSS and its test peers).
#
#   scripts/tfm-sources.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mkdir -p "${1:-build/tfm/src}" && cd "${1:-build/tfm/src}" && pwd)
shared=../shared/third_party/tf-m-2.1.5
. scripts/pinned-source.sh

# name  upstream archive  content digest (sha256 of the sorted per-file sha256sum list)
sources=(
  "trusted-firmware-m-2.1.5 https://github.com/TrustedFirmware-M/trusted-firmware-m/archive/refs/tags/TF-Mv2.1.5.tar.gz 1e80d1425eb9f8d00f8affc3b5cd7ec9f7d75af1cc34926587caca96d2be3ec5"
  "tf-m-tests-2.1.5 https://github.com/TrustedFirmware-M/tf-m-tests/archive/refs/tags/TF-Mv2.1.5.tar.gz c9f210fe20a60ea25fd60c29b559e60811451693f4bb849598c65e4e5b2c4747"
  "mbedtls-3.6.6 https://github.com/Mbed-TLS/mbedtls/archive/refs/tags/mbedtls-3.6.6.tar.gz 6089a90634027247e48b90151193c0af059d75c2a7dfc86cd69e1c6880d5e78c"
  "mbedtls-framework-dff9da0 https://github.com/Mbed-TLS/mbedtls-framework/archive/dff9da04438d.tar.gz 9181c6cb2bb42fd1572b81ca641a26ae6cfa04b56e13c548c839d1e3c49149e1"
  "mcuboot-2.1.0 https://github.com/mcu-tools/mcuboot/archive/refs/tags/v2.1.0.tar.gz a4f4d1e21158fdb5784199212b7821e661d31cd63e433720a13bdfee3df74ff4"
  "qcbor-1.2 https://github.com/laurencelundblade/QCBOR/archive/refs/tags/v1.2.tar.gz 5357df4063450f0c9f752698c3af7fff9faabc18e98f3033ee94363ae29d3be5"
  "cmsis_6-d0c460c169 https://github.com/ARM-software/CMSIS_6/archive/d0c460c169.tar.gz bbc7cac893db8870f3b5b5aef92fe3e67d109c273ecd249a95222be02506b86b"
)

# The trees are made again when this script or a patch changes.
patches=suites/etss/tfm/patches
stamp=$dir/.ready
recipe=$(cat scripts/tfm-sources.sh scripts/pinned-source.sh "$patches"/*.patch | sha256sum | cut -c1-64)
if [[ -f "$stamp" && $(cat "$stamp") == "$recipe" ]]; then
  echo "sources ready in $dir"
  exit 0
fi
rm -rf "${dir:?}"/*

for entry in "${sources[@]}"; do
  read -r name url digest <<<"$entry"
  pinned_source "$name" "$url" "$digest" "$shared" "$dir" || { echo "tfm-sources: failed" >&2; exit 1; }
done

# What TF-M does to the dependencies it fetches.
tfm=$dir/trusted-firmware-m-2.1.5
rmdir "$dir/mbedtls-3.6.6/framework" 2>/dev/null || rm -rf "$dir/mbedtls-3.6.6/framework"
mv "$dir/mbedtls-framework-dff9da0" "$dir/mbedtls-3.6.6/framework"
apply() { # TREE PATCH-DIR (the tree its own git work tree, so that paths are its own)
  git -C "$dir/$1" init -q
  for p in "$2"/*.patch; do
    git -C "$dir/$1" apply "$p" || { echo "tfm-sources: $p does not apply" >&2; exit 1; }
  done
}
apply mbedtls-3.6.6 "$tfm/lib/ext/mbedcrypto"
apply mcuboot-2.1.0 "$tfm/lib/ext/mcuboot"
apply qcbor-1.2 "$tfm/lib/ext/qcbor"
apply cmsis_6-d0c460c169 "$tfm/lib/ext/cmsis"
echo "TF-M's patches applied (lib/ext: mbedcrypto, mcuboot, qcbor, cmsis)"
apply tf-m-tests-2.1.5 "$PWD/$patches"
echo "the ETSS suites' patch applied to tf-m-tests ($patches)"
# TF-M and tf-m-tests ask git for their version: each its own work tree at
# its tag (not the ETSS tree that build/ may sit in).
for tree in trusted-firmware-m-2.1.5 tf-m-tests-2.1.5; do
  git -C "$dir/$tree" init -q
  git -C "$dir/$tree" add -A
  git -C "$dir/$tree" -c user.name=etss -c user.email=etss@localhost commit -qm "$tree"
  git -C "$dir/$tree" tag TF-Mv2.1.5
done
echo "$recipe" >"$stamp"
echo "sources ready in $dir"
