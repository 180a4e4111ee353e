#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Sourced by the scripts that need third-party trees (the pinned versions:
# scripts/pinned-sources.list). pinned_list FOLDER prints "name url digest"
# for each tree of FOLDER. pinned_source NAME URL DIGEST SHARED DIR unpacks
# tree NAME into DIR/NAME: from SHARED/NAME.tar.xz
# when SHARED (a folder of ../shared/third_party) is there, the archive
# checked against SHARED/SHA256SUMS; otherwise from URL (a .tar.gz of
# upstream), the tree checked against DIGEST, the sha256 of its sorted
# per-file sha256sum list (the same tree the archive holds). Returns
# non-zero, saying why, when a check fails or a step does (set -e does not
# reach inside a function called in a condition).

pinned_list() { # FOLDER
  awk -v folder="$1" '$1 !~ /^#/ && $2 == folder { print $1, $3, $4 }' \
    "$(dirname "${BASH_SOURCE[0]}")/pinned-sources.list"
}

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
    # Checked where it was unpacked: a tree that fails never reaches DIR/NAME.
    tmp=$(mktemp -d "$dir/.fetch.XXXXXX")
    local top
    if ! curl -fsSL "$url" | tar -xz -C "$tmp"; then
      echo "cannot fetch $url" >&2; rm -rf "$tmp"; return 1
    fi
    top=("$tmp"/*)
    if [[ ${#top[@]} -ne 1 || ! -d "${top[0]}" ]]; then
      echo "$url does not hold one tree" >&2; rm -rf "$tmp"; return 1
    fi
    if [[ $(pinned_tree_digest "${top[0]}") != "$digest" ]]; then
      echo "$url is not the pinned tree (content digest differs)" >&2; rm -rf "$tmp"; return 1
    fi
    mv "${top[0]}" "$dir/$name" && rmdir "$tmp" || return 1
    echo "$name: from $url (content digest checked)"
  fi
}
