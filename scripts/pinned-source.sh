#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Sourced by the scripts that need third-party trees. pinned_source NAME URL
# DIGEST SHARED DIR unpacks tree NAME into DIR/NAME: from SHARED/NAME.tar.xz
# when SHARED (a folder of ../shared/third_party) is there, the archive
# checked against SHARED/SHA256SUMS; otherwise from URL (a .tar.gz of
# upstream), the tree checked against DIGEST, the sha256 of its sorted
# per-file sha256sum list (the same tree the archive holds). Returns
# non-zero, saying why, when a check fails or a step does (set -e does not
# reach inside a function called in a condition).

pinned_tree_digest() { # DIR
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-64)
}

pinned_source() { # NAME URL DIGEST SHARED DIR
  local name=$1 url=$2 digest=$3 shared=$4 dir=$5 tmp
  if [[ -d "$shared" ]]; then
    (cd "$shared" && grep " $name.tar.xz\$" SHA256SUMS | sha256sum -c --quiet -) ||
      { echo "$shared/$name.tar.xz does not match its SHA-256" >&2; return 1; }
    tar -xJf "$shared/$name.tar.xz" -C "$dir" || return 1
    echo "$name: from $shared (SHA-256 checked)"
  else
    tmp=$(mktemp -d "$dir/.fetch.XXXXXX")
    curl -fsSL "$url" | tar -xz -C "$tmp" || { echo "cannot fetch $url" >&2; return 1; }
    mv "$tmp"/* "$dir/$name" && rmdir "$tmp" || return 1
    [[ $(pinned_tree_digest "$dir/$name") == "$digest" ]] ||
      { echo "$url is not the pinned tree (content digest differs)" >&2; return 1; }
    echo "$name: from $url (content digest checked)"
  fi
}
