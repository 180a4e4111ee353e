#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Fail if any C source or header is not formatted per .clang-format.
# The files are git's when this is a clone, otherwise (a tree from an
# archive) every .c and .h outside build/ and data/; no file at all is an
# error, not a pass.
set -euo pipefail
cd "$(dirname "$0")/.."
files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.c' '*.h')
else
  mapfile -t files < <(find . \( -path ./build -o -path ./data \) -prune -o \
                         -type f \( -name '*.c' -o -name '*.h' \) -print | sort)
fi
if [[ ${#files[@]} -eq 0 ]]; then
  echo "format: no C sources found" >&2
  exit 1
fi
clang-format --dry-run --Werror "${files[@]}" </dev/null
echo "format: ${#files[@]} files clean"
