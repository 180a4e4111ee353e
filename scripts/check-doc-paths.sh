#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Every path of the tree that the documentation names (in backticks, under
# one of the tree's own folders) exists: a renamed or removed file shows
# here instead of in a reader's failed search.
set -euo pipefail
cd "$(dirname "$0")/.."
roots='bench|cmake|config|devmodel|docs|examples|integration|interface|partition|runtime|scripts|secureflash|suites|target|tests|tools'
missing=0
checked=0
while IFS=: read -r doc path; do
  checked=$((checked + 1))
  # A path may name a file, a folder, or several files (a, b: "x.{c,h}").
  if [[ ! -e $path && ! -e ${path%/} ]]; then
    echo "check-doc-paths: $doc names $path, which does not exist" >&2
    missing=$((missing + 1))
  fi
done < <(grep -o -E "\`($roots)/[A-Za-z0-9_./-]*\`" README.md docs/*.md target/*/README.md 2>/dev/null |
         sed -E 's/`//g' | sort -u)
if [[ $checked -eq 0 ]]; then
  echo "check-doc-paths: no path found in the docs (is this the tree?)" >&2
  exit 1
fi
if [[ $missing -ne 0 ]]; then
  exit 1
fi
echo "doc paths: $checked paths named in the docs, all present"
