#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Every source file of the tree (code, build files, scripts, manifests)
# names its licence, the one in LICENSE, in an SPDX line near its top.
# Documents, data (provisioning descriptions, fuzz regressions) and images
# are not sources.
set -euo pipefail
cd "$(dirname "$0")/.."
tag='SPDX-License-Identifier: BSD-3-Clause'
files=()
while IFS= read -r f; do
  files+=("$f")
done < <(git ls-files -- '*.c' '*.h' '*.ld' '*.sh' '*.cmake' '*.yaml' '*.in' \
           'CMakeLists.txt' '*/CMakeLists.txt' Makefile .ci/run)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "check-license: no source file found (is this a git clone?)" >&2
  exit 1
fi
missing=0
for f in "${files[@]}"; do
  if ! head -n3 "$f" | grep -qF "$tag"; then
    echo "check-license: $f has no \"$tag\" line at its top" >&2
    missing=$((missing + 1))
  fi
done
[[ $missing -eq 0 ]] || exit 1
echo "licence: ${#files[@]} source files, each with its SPDX line (LICENSE)"
