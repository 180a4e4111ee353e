#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# cppcheck over every translation unit of a configured build; any finding
# fails. The third-party trees a build compiles (the benchmark's peers) are
# not ours to judge: skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: check-static.sh BUILD_DIR}
cppcheck --project="$build/compile_commands.json" --std=c11 --quiet \
  --enable=warning,style,performance,portability --inline-suppr \
  --suppress=missingIncludeSystem --error-exitcode=1 \
  -i"$build" -i"$PWD/build/bench-src" -i"$PWD/build/tfm/src" --cppcheck-build-dir="$build" 2>&1
echo "cppcheck: no findings"
