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

# The trees are made again when this script or a patch changes.
patches=suites/etss/tfm/patches
stamp=$dir/.ready
recipe=$(cat scripts/tfm-sources.sh scripts/pinned-source.sh scripts/pinned-sources.list "$patches"/*.patch | sha256sum | cut -c1-64)
if [[ -f "$stamp" && $(cat "$stamp") == "$recipe" ]]; then
  echo "sources ready in $dir"
  exit 0
fi
rm -rf "${dir:?}"/*

while read -r name url digest; do
  pinned_source "$name" "$url" "$digest" "$shared" "$dir" || { echo "tfm-sources: failed" >&2; exit 1; }
done < <(pinned_list tf-m-2.1.5)

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
