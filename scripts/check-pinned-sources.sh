#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The pinned third-party trees (scripts/pinned-sources.list) and both ways
# scripts/pinned-source.sh gets them, offline:
# - every content digest recorded is that of the tree its shared archive
#   holds (../shared/third_party), so upstream's tree, if it is the same,
#   passes the fallback's check;
# - the fallback (no shared folder) takes a tree served as upstream serves
#   it (a .tar.gz with one top folder, here from a file:// mirror of the
#   littlefs tree) and refuses the same with one byte changed, an archive
#   of two trees and an address that answers nothing, leaving nothing
#   behind in the destination;
# - a shared archive that does not match its SHA256SUMS is refused.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pinned-source.sh
shared=../shared/third_party
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "pinned sources: $*" >&2; exit 1; }

checked=0
while read -r name folder url digest; do
  [[ -d "$shared/$folder" ]] || continue
  mkdir "$work/tree"
  pinned_source "$name" "$url" "$digest" "$shared/$folder" "$work/tree" >/dev/null ||
    fail "$name: the shared archive is refused"
  [[ $(pinned_tree_digest "$work/tree/$name") == "$digest" ]] ||
    fail "$name: the digest recorded in scripts/pinned-sources.list is not that of $shared/$folder/$name.tar.xz"
  rm -rf "$work/tree"
  checked=$((checked + 1))
done < <(awk '$1 !~ /^#/ && NF == 4' scripts/pinned-sources.list)
[[ $checked -gt 0 ]] || fail "no shared archive to check against ($shared)"
echo "content digests: $checked trees match their shared archives"

[[ -d "$shared/littlefs" ]] || { echo "fallback: not checked ($shared/littlefs missing)"; exit 0; }
read -r name url digest < <(pinned_list littlefs)
mkdir -p "$work/upstream" "$work/dest"
tar -xJf "$shared/littlefs/$name.tar.xz" -C "$work/upstream"
mv "$work/upstream/$name" "$work/upstream/littlefs-v2.11.2" # GitHub's top folder
tar -czf "$work/good.tar.gz" -C "$work/upstream" littlefs-v2.11.2
fetch() { # URL: the fallback into an empty destination, no shared folder
  rm -rf "$work/dest" && mkdir "$work/dest"
  pinned_source "$name" "$1" "$digest" "$work/no-shared-folder" "$work/dest"
}
refused() { # URL WHAT
  if fetch "$1" >/dev/null 2>"$work/why"; then fail "fallback: $2 accepted"; fi
  [[ -z "$(ls -A "$work/dest")" ]] || fail "fallback: $2 left $(ls -A "$work/dest") behind"
  echo "fallback: $2 refused ($(head -1 "$work/why"))"
}

fetch "file://$work/good.tar.gz" >/dev/null || fail "fallback: the pinned tree refused"
[[ -f "$work/dest/$name/lfs.c" && $(ls -A "$work/dest") == "$name" ]] ||
  fail "fallback: the tree is not at $name"
echo "fallback: the pinned tree taken from file://…/good.tar.gz"

printf 'x' | dd of="$work/upstream/littlefs-v2.11.2/lfs.c" bs=1 seek=1000 conv=notrunc status=none
tar -czf "$work/changed.tar.gz" -C "$work/upstream" littlefs-v2.11.2
refused "file://$work/changed.tar.gz" "the tree with one byte changed"
mkdir "$work/upstream/second"
tar -czf "$work/two.tar.gz" -C "$work/upstream" littlefs-v2.11.2 second
refused "file://$work/two.tar.gz" "an archive of two trees"
refused "file://$work/nothing-here.tar.gz" "an address that answers nothing"

mkdir "$work/bad-shared"
cp "$shared/littlefs/SHA256SUMS" "$work/bad-shared/"
xz -dc "$shared/littlefs/$name.tar.xz" | xz -1 -c >"$work/bad-shared/$name.tar.xz"
if pinned_source "$name" "$url" "$digest" "$work/bad-shared" "$work/dest" >/dev/null 2>"$work/why"; then
  fail "a shared archive that does not match SHA256SUMS accepted"
fi
echo "shared: an archive that does not match SHA256SUMS refused ($(head -1 "$work/why"))"
